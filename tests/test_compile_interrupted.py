"""A killed or interrupted compile leaves the previous complete set of outputs, and its debris goes at the next start.

The outputs of a run (tong-hop.xlsx, the Word report, its PDF) are staged
and moved in together. A real ``baocao compile`` is killed with SIGKILL at
several points (while reading; once tong-hop.xlsx is staged; while
LibreOffice makes the PDF): the output folder still holds the previous run's
three files, byte for byte, and the next run removes every temporary file and
folder the killed one left, in the output folder and in TMPDIR.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import compiler.report as report_module
from compiler.messages import summary_lines
from compiler.period import PeriodRequest
from compiler.pipeline import compile_directory
from compiler.report import ReportError
from test_compile_completeness import group_registry
from workbook_templates.files import TEMP_PREFIX, OutputSet, clean_stale
from workbook_templates.registry import write_registry

GROUP = "KHOI_DANG"
OUTPUTS = ("tong-hop.xlsx", "bao-cao-dai-hoi.docx", "bao-cao-dai-hoi.pdf")
# the console script installed next to the interpreter running the tests (never one found on PATH)
BAOCAO = str(Path(sys.executable).with_name("baocao"))


@pytest.fixture(scope="module")
def setup(demo, tmp_path_factory):
    base = tmp_path_factory.mktemp("ngat")
    inbox, registry = base / "nop", base / "danh-sach.xlsx"
    inbox.mkdir()
    for unit in demo.registry.children(GROUP):
        shutil.copy(demo.workbooks[unit.code], inbox / f"{unit.code}.xlsx")
    write_registry(registry, group_registry(demo, GROUP))
    return base, inbox, registry


def start(setup, out: Path, tmpdir: Path) -> subprocess.Popen:
    _, inbox, registry = setup
    tmpdir.mkdir(exist_ok=True)
    return subprocess.Popen([BAOCAO, "compile", str(inbox), "--registry", str(registry), "--out", str(out),
                             "--workers", "2"], env={**os.environ, "TMPDIR": str(tmpdir)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def debris(*folders: Path) -> list[str]:
    return sorted(p.name for folder in folders for p in folder.iterdir() if p.name.startswith((TEMP_PREFIX, ".~pdf-")))


def kill_when(proc: subprocess.Popen, condition, timeout: float = 600) -> None:
    """SIGKILL the compile (and LibreOffice, its child) as soon as ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"compile ended before the kill point: {proc.communicate()}"
        assert time.monotonic() < deadline, "kill point never reached"
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def staged(out: Path, name: str):
    return lambda: any((run / name).exists() for run in out.glob(f"{TEMP_PREFIX}*-run-*"))


def test_sigkill_at_any_point_keeps_the_previous_set_and_the_next_run_cleans_up(setup, tmp_path):
    out, tmpdir = tmp_path / "ket-qua", tmp_path / "tmp"
    first = start(setup, out, tmpdir)
    stdout, stderr = first.communicate(timeout=900)
    assert first.returncode in (0, 1) and (out / "tong-hop.xlsx").exists(), (stdout.decode(), stderr.decode())
    before = snapshot(out)
    assert debris(out, tmpdir) == []

    points = {
        "đang đọc": lambda: True,
        "đã có tong-hop.xlsx trong thư mục tạm": staged(out, "tong-hop.xlsx"),
        "đang tạo PDF": lambda: any(p.name.startswith(TEMP_PREFIX) and "lo-profile" in p.name
                                    for p in tmpdir.iterdir()),
    }
    for point, condition in points.items():
        proc = start(setup, out, tmpdir)
        if point == "đang đọc":
            time.sleep(1.0)
        kill_when(proc, condition)
        assert snapshot(out) == before, point
        if point != "đang đọc":
            assert debris(out, tmpdir), f"{point}: a SIGKILL leaves debris for the next run"

    last = start(setup, out, tmpdir)
    stdout, stderr = last.communicate(timeout=900)
    assert last.returncode in (0, 1), stderr.decode()
    assert debris(out, tmpdir) == []
    after = snapshot(out)
    assert all(after[name] != before[name] for name in ("tong-hop.xlsx", "bao-cao-dai-hoi.docx"))
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_ctrl_c_between_outputs_keeps_the_previous_set(setup, tmp_path, monkeypatch):
    _, inbox, registry = setup
    out = tmp_path / "ket-qua"
    compile_directory(inbox, registry, out, PeriodRequest(), workers=1)
    before = snapshot(out)
    real = report_module.render_report

    def interrupted(*args, **kwargs):   # Ctrl-C once the report is written, before the set is moved in
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(report_module, "render_report", interrupted)
    with pytest.raises(KeyboardInterrupt):
        compile_directory(inbox, registry, out, PeriodRequest(), workers=1)
    assert snapshot(out) == before and debris(out) == []


def test_a_failed_report_does_not_stay_beside_the_new_workbook(setup, tmp_path, monkeypatch):
    _, inbox, registry = setup
    out = tmp_path / "ket-qua"
    compile_directory(inbox, registry, out, PeriodRequest(), workers=1)
    old = (out / "tong-hop.xlsx").read_bytes()
    (out / "bao-cao-nam-2022.docx").write_bytes(b"an older annual report")

    def failing(*args, **kwargs):
        raise ReportError("mẫu báo cáo có lỗi ở dòng 3.")

    monkeypatch.setattr(report_module, "render_report", failing)
    result = compile_directory(inbox, registry, out, PeriodRequest(), workers=1)
    assert (out / "tong-hop.xlsx").read_bytes() != old
    assert sorted(p.name for p in out.iterdir()) == ["bao-cao-nam-2022.docx", "tong-hop.xlsx"]
    text = "\n".join(summary_lines(result))
    assert "Chưa viết được báo cáo: mẫu báo cáo có lỗi ở dòng 3." in text
    assert "Đã xóa bao-cao-dai-hoi.docx, bao-cao-dai-hoi.pdf của lần tổng hợp trước" in text
    assert "bao-cao-nam-2022.docx lập từ sổ tổng hợp trước" in text


def test_a_commit_killed_halfway_is_completed_at_the_next_start(tmp_path):
    out = tmp_path / "ket-qua"
    out.mkdir()
    for name in ("a.xlsx", "b.docx", "c.pdf"):
        (out / name).write_text("cũ")
    script = textwrap.dedent(f"""
        import os, signal
        from workbook_templates import files
        real, moved = os.replace, []
        def replace(src, dst):
            real(src, dst)
            if str(dst).endswith(("a.xlsx", "b.docx")) and not str(src).endswith(files.JOURNAL):
                moved.append(dst)
                if len(moved) == 2:
                    os.kill(os.getpid(), signal.SIGKILL)
        os.replace = replace
        outputs = files.OutputSet({str(out)!r})
        for name in ("a.xlsx", "b.docx"):
            outputs.path(name).write_text("mới")
        outputs.commit(drop=["c.pdf"])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert (out / "c.pdf").exists() and debris(out)           # killed between the moves and the removal
    clean_stale([out])
    assert sorted(p.name for p in out.iterdir()) == ["a.xlsx", "b.docx"]
    assert (out / "a.xlsx").read_text() == (out / "b.docx").read_text() == "mới"


def test_a_running_compiles_staging_folder_is_left_alone(tmp_path):
    with OutputSet(tmp_path) as outputs:
        outputs.path("tong-hop.xlsx").write_text("đang ghi")
        assert clean_stale([tmp_path]) == [] and outputs.staging.exists()
