"""Tổng hợp from the browser: the compiler run by a background process of the portal.

The web request only creates a :class:`~portal.models.CompileJob` row and
starts ``python -m portal.compile_job ID``; that process lays the chosen
versions out as ``<UNIT_CODE>.xlsx`` (hard links into the store, nothing
copied), calls :func:`compiler.pipeline.compile_directory` and writes its
progress into the job row, which the page polls with htmx.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from .config import JOBS_DIR, REGISTRY_FILE

SOURCES = {"approved": "các bản đã duyệt", "latest": "bản hợp lệ mới nhất của mỗi đơn vị (hoặc bản đã duyệt)"}
KINDS = {"dai-hoi": "Báo cáo Đại hội (cả nhiệm kỳ)", "nam": "Báo cáo năm (năm cuối)",
         "so-ket": "Báo cáo sơ kết giữa nhiệm kỳ"}


def job_dir(job_id: int) -> Path:
    from django.conf import settings
    return settings.ROOT / JOBS_DIR / str(job_id)


def chosen_versions(source: str) -> dict:
    """Unit code -> the version to compile: approved ones, or approved else latest clean (not sent back)."""
    from .models import Unit
    from .status import unit_status

    chosen = {}
    for unit in Unit.objects.filter(reports=True).prefetch_related("versions").select_related("review"):
        review = getattr(unit, "review", None)
        if review is not None and review.state == "approved" and review.version is not None:
            chosen[unit.code] = review.version
        elif source == "latest" and (review is None or review.state != "returned"):
            state = unit_status(list(unit.versions.all()), None, None)
            if state.version is not None and state.version.clean:
                chosen[unit.code] = state.version
    return chosen


def start(job) -> None:
    """Start the background process of ``job`` (detached from the request)."""
    folder = job_dir(job.id)
    folder.mkdir(parents=True, exist_ok=True)
    log = open(folder / "nhat-ky.txt", "wb")
    subprocess.Popen([sys.executable, "-m", "portal.compile_job", str(job.id)], stdin=subprocess.DEVNULL,
                     stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ), start_new_session=True)
    log.close()


def run(job_id: int) -> None:
    from django.conf import settings
    from django.utils import timezone

    from compiler.messages import summary_lines
    from compiler.period import PeriodRequest
    from compiler.pipeline import CompileError, compile_directory

    from . import store
    from .models import CompileJob

    job = CompileJob.objects.get(id=job_id)
    folder = job_dir(job.id)
    inputs, out = folder / "vao", folder / "ket-qua"
    inputs.mkdir(parents=True, exist_ok=True)
    versions = chosen_versions(job.source)
    for code, version in versions.items():
        target = inputs / f"{code}.xlsx"
        if not target.exists():
            os.link(store.path_of(version.sha256), target)
    CompileJob.objects.filter(id=job.id).update(units=len(versions), total=len(versions), phase="doc")
    last = {"at": 0.0, "phase": "doc"}

    def progress(phase: str, done: int, total: int) -> None:
        """Written at most a few times a second, and at once when the phase changes or ends."""
        now = time.monotonic()
        if now - last["at"] > 0.3 or done == total or phase != last["phase"]:
            last.update(at=now, phase=phase)
            CompileJob.objects.filter(id=job.id).update(phase=phase, done=done, total=total)

    try:
        if not versions:
            raise CompileError("Chưa có bản nào để tổng hợp: hãy duyệt các đơn vị trước, "
                               "hoặc chọn tổng hợp bản hợp lệ mới nhất.")
        result = compile_directory(inputs, settings.ROOT / REGISTRY_FILE, out, PeriodRequest(kind=job.kind),
                                   include_errors=True, workers=1, progress=progress)
    except CompileError as exc:
        CompileJob.objects.filter(id=job.id).update(state=CompileJob.FAILED, message=str(exc),
                                                     finished_at=timezone.now())
        return
    except Exception as exc:  # noqa: BLE001 - the page must say the run failed, whatever the cause
        CompileJob.objects.filter(id=job.id).update(
            state=CompileJob.FAILED, finished_at=timezone.now(),
            message=f"Lỗi khi tổng hợp ({type(exc).__name__}: {exc}).")
        raise
    outputs = {"Sổ tổng hợp (Excel)": result.consolidated.name}
    if result.report is not None:
        outputs["Báo cáo (Word)"] = result.report.name
        pdf = result.report.with_suffix(".pdf")
        if pdf.exists():
            outputs["Báo cáo (PDF)"] = pdf.name
    lines = _included(job, versions) + [line.replace(str(out) + os.sep, "") for line in summary_lines(result)]
    CompileJob.objects.filter(id=job.id).update(state=CompileJob.DONE, outputs=outputs, message="\n".join(lines),
                                                 finished_at=timezone.now())


def _included(job, versions: dict) -> list[str]:
    """Which units went in, so that "Chưa nộp" below is not misread for units left out on purpose."""
    from compiler.messages import LIST_LIMIT

    from .models import Unit

    lines = [f"Đưa vào tổng hợp {len(versions)} đơn vị, lấy {SOURCES[job.source]}."]
    left = [code for code in Unit.objects.filter(reports=True).values_list("code", flat=True) if code not in versions]
    if left:
        shown = ", ".join(left[:LIST_LIMIT]) + (f" và {len(left) - LIST_LIMIT} đơn vị khác" if len(left) > LIST_LIMIT else "")
        lines.append(f"{len(left)} đơn vị chưa có bản để tổng hợp (chưa nộp, chưa duyệt hoặc chỉ có bản có lỗi), "
                     f"nên dưới đây được tính là chưa nộp: {shown}.")
    return lines


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    run(int(sys.argv[1]))
