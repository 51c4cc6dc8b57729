"""``baocao compile`` at scale, side by side with the raw read of the same files.

    make bench                                             # N = 55, 500, 2000; about ten minutes
    python benchmarks/compile_benchmark.py --counts 55 500 2000 10000 --repeat 3 --budget 3600
    python benchmarks/compile_benchmark.py --counts 55 --repeat 1 --no-pdf   # a quick look

For each N the script writes a registry and N filled branch workbooks (the
demo's generator, ``write_demo`` for 55 units; for more, the demo's 55
agencies again with other seeds and new unit codes) into ``--workdir``, where
later runs reuse them. It then measures, each in a fresh process and
interleaved (every round runs every N and every method in turn, so a load
that comes and goes on a shared machine spreads over all of them):

- compile, as the user runs it (report and PDF included), split into its
  stages: reading (up to the adding up), adding up, writing ``tong-hop.xlsx``,
  the Word report, its PDF; the CPU time of compile without the report (main
  process and reading workers); the peak resident memory of the main process
  and of the whole process tree (sampled from /proc);
- the raw read: python-calamine reading every cell of every sheet of the same
  files on one core (the floor any reader of these files can reach);
- the naive read: ``openpyxl.load_workbook`` of a sample, scaled to N.

Rounds repeat up to ``--repeat`` times while the last round fits in what is
left of ``--budget`` seconds; the table gives the median of the rounds. CPU times
count the main process and every descendant (reading workers, LibreOffice). The
stages are timed from outside the product by wrapping the functions the
pipeline calls (``compiler.pipeline._add_up``, ``write_consolidated``,
``compiler.report.render_report`` and ``compiler.report.pdf.to_pdf``).

This is a script, not a test: its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from xml.sax.saxutils import escape

from workbook_templates import build_workbook, load_catalogue
from workbook_templates.registry import REGISTRY_FILENAME, Registry, Unit, write_registry
from workbook_templates.sample import TOP, generate_demo, write_demo

DEMO_UNITS = 55
#: Units built from the demo's generator; the rest are copies of them (see generate).
DISTINCT = 2 * DEMO_UNITS
PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 2**20
#: Seconds between two samples of the process tree's memory.
SAMPLE_EVERY = 0.05


# --- generated workbooks -------------------------------------------------------------------------

def generate(out: Path, count: int) -> Path:
    """Registry and ``count`` workbooks in ``out`` (skipped when already there).

    The first :data:`DISTINCT` units are built from the demo's generator; the
    others are copies of them under their own code and name (:func:`clone`):
    building each with openpyxl would take hours at 10,000, and reading a copy
    costs what reading its original does.
    """
    if (out / REGISTRY_FILENAME).exists() and len(list(out.glob("CDCS_*.xlsx"))) == count:
        return out
    out.mkdir(parents=True, exist_ok=True)
    if count <= DEMO_UNITS:
        write_demo(out, count=count)
        return out
    catalogue = load_catalogue()
    units, builds, copies, sources = [TOP], [], [], []
    for batch in range((count + DEMO_UNITS - 1) // DEMO_UNITS):
        group = Unit(f"NHOM_{batch + 1:03d}", f"Nhóm đơn vị số {batch + 1}", TOP.code)
        units.append(group)
        if batch * DEMO_UNITS < DISTINCT:
            _, data, _ = generate_demo(seed=2023 + batch, count=DEMO_UNITS, catalogue=catalogue)
            branches = list(data.values())
        for i in range(DEMO_UNITS):
            number = batch * DEMO_UNITS + i + 1
            if number > count:
                break
            code, path = f"CDCS_{number:05d}", out / f"CDCS_{number:05d}.xlsx"
            if number <= DISTINCT:
                branch = branches[i]
                name = f"{branch.unit_name} (số {number})"
                builds.append((path, dataclasses.replace(
                    branch, info={**branch.info, "DON_VI_MA": code, "DON_VI_TEN": name})))
                sources.append(((path, code, name), branch.unit_name))
            else:
                source, base_name = sources[(number - 1) % len(sources)]
                name = f"{base_name} (số {number})"
                copies.append((source, path, code, name))
            units.append(Unit(code, name, group.code))
    write_registry(out / REGISTRY_FILENAME, Registry(tuple(units)))
    with ProcessPoolExecutor() as pool:
        list(pool.map(_build, builds, chunksize=16))
        list(pool.map(_clone, copies, chunksize=64))
    return out


def clone(source: tuple[Path, str, str], target: Path, code: str, name: str) -> None:
    """Copy a branch workbook (path, code, name) as another unit: its code and name replaced on its sheets.

    openpyxl writes them as inline strings with every non-ASCII character as
    a character reference; the copy writes them the same way.
    """
    path, old_code, old_name = source
    found = 0
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                for old, new in ((old_code, code), (old_name, name)):
                    text, n = re.subn(f"<t>{re.escape(_inline(old))}</t>", f"<t>{_inline(new)}</t>", text)
                    found += n
                data = text.encode("utf-8")
            zout.writestr(info, data)
    if found < 2:
        raise SystemExit(f"{path.name}: không tìm thấy mã và tên đơn vị để thay.")


def _clone(job) -> None:
    clone(*job)


def _inline(text: str) -> str:
    """``text`` as openpyxl writes an inline string."""
    return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in escape(text))


def _build(job) -> None:
    path, data = job
    build_workbook(path, data)


def workbooks(folder: Path) -> list[Path]:
    return sorted(folder.glob("CDCS_*.xlsx"))


# --- the measured runs (each in a fresh process) -------------------------------------------------

def peak_mib() -> float:
    """This process's peak resident memory since it started (VmHWM).

    Not ``ru_maxrss``: Linux keeps that across ``exec``, so a measured run
    would report the peak of the parent it was started from.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("/proc/self/status không có VmHWM.")


def _cpu_seconds() -> float:
    """User and system time of this process so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


class TreeCpu:
    """CPU seconds of this process and every descendant, sampled from /proc in a thread.

    The reading workers are children of multiprocessing's fork server, not of
    this process, so ``RUSAGE_CHILDREN`` never counts them; each descendant's
    last sampled time is kept after it ends (at most one interval is lost).
    """

    def __init__(self) -> None:
        self.seen: dict[tuple[int, str], float] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while not self.stop.wait(SAMPLE_EVERY / 2):
            self.sample()

    def sample(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        for pid in descendants(os.getpid()):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            with self.lock:
                self.seen[(pid, fields[19])] = (int(fields[11]) + int(fields[12])) / tick

    def __call__(self) -> float:
        self.sample()
        own = resource.getrusage(resource.RUSAGE_SELF)
        with self.lock:
            return own.ru_utime + own.ru_stime + sum(self.seen.values())


def run_compile(folder: Path, pdf: bool) -> dict:
    """Compile ``folder`` as ``baocao compile`` does, timing each stage."""
    import compiler.pipeline as pipeline
    import compiler.report as report
    from compiler.period import PeriodRequest

    marks: dict[str, float] = {}
    cpu = TreeCpu()

    def timed(name, function, replacement=None):
        def wrapper(*args, **kwargs):
            marks[name + "_start"], marks[name + "_cpu0"] = time.perf_counter(), cpu()
            try:
                return (replacement or function)(*args, **kwargs)
            finally:
                marks[name + "_end"] = time.perf_counter()
                marks[name + "_cpu"] = cpu()
        return wrapper

    pipeline._add_up = timed("add", pipeline._add_up)
    pipeline.write_consolidated = timed("xlsx", pipeline.write_consolidated)
    report.render_report = timed("report", report.render_report)
    report.pdf.to_pdf = timed("pdf", report.pdf.to_pdf, None if pdf else (lambda documents: []))
    out = folder.parent / (folder.name + "-out")
    start = time.perf_counter()
    result = pipeline.compile_directory(folder, folder / REGISTRY_FILENAME, out, PeriodRequest())
    end = time.perf_counter()
    pdf_seconds = marks["pdf_end"] - marks["pdf_start"] if pdf and "pdf_end" in marks else None
    pdf_cpu = marks["pdf_cpu"] - marks["pdf_cpu0"] if pdf_seconds is not None else None
    report_seconds = marks["report_end"] - marks["report_start"] - (pdf_seconds or 0.0)
    return {
        "units": result.completeness.unit_count,
        "read": marks["add_start"] - start,
        "add": marks["add_end"] - marks["add_start"],
        "xlsx": marks["xlsx_end"] - marks["xlsx_start"],
        "report": report_seconds,
        "pdf": pdf_seconds,
        "total": end - start,
        "no_report": marks["xlsx_end"] - start,
        "cpu_no_report": marks["xlsx_cpu"],
        "cpu_read": marks["add_cpu0"],
        "cpu_add": marks["add_cpu"] - marks["add_cpu0"],
        "cpu_xlsx": marks["xlsx_cpu"] - marks["xlsx_cpu0"],
        "cpu_report": marks["report_cpu"] - marks["report_cpu0"] - (pdf_cpu or 0.0),
        "cpu_pdf": pdf_cpu,
        "report_error": result.report_error,
        "main_mib": peak_mib(),
        "xlsx_mib": result.consolidated.stat().st_size / MIB,
    }


def run_raw(folder: Path) -> dict:
    """python-calamine reads every cell of every sheet of every workbook, one file after another."""
    from python_calamine import CalamineWorkbook

    start, cpu, cells = time.perf_counter(), _cpu_seconds(), 0
    for path in workbooks(folder):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            cells += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
    return {"raw": time.perf_counter() - start, "cells": cells, "raw_cpu": _cpu_seconds() - cpu}


def run_openpyxl(folder: Path, sample: int) -> dict:
    """``openpyxl.load_workbook`` (styles, formulas, every cell as an object) of the first ``sample`` files."""
    import openpyxl

    paths = workbooks(folder)
    chosen = paths[:sample]
    start = time.perf_counter()
    for path in chosen:
        openpyxl.load_workbook(path).close()
    per_file = (time.perf_counter() - start) / len(chosen)
    return {"openpyxl": per_file * len(paths), "openpyxl_ms": per_file * 1000}


# --- the driver -----------------------------------------------------------------------------------

def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` now."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            children = [int(c) for task in Path(f"/proc/{current}/task").iterdir()
                        for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        found += children
        pending += children
    return found


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants now (0 once it has ended)."""
    total = 0
    for current in [pid, *descendants(pid)]:
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    return total


def measure(method: str, folder: Path, args) -> dict:
    """Run one method in a fresh process; add the peak memory of its process tree."""
    command = [sys.executable, __file__, "--run", method, str(folder), "--sample", str(args.sample)]
    if args.no_pdf or (args.pdf_up_to is not None and len(workbooks(folder)) > args.pdf_up_to):
        command.append("--no-pdf")
    with tempfile.TemporaryFile("w+") as stdout:
        child = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, text=True)
        peak = 0
        while child.poll() is None:
            peak = max(peak, tree_rss(child.pid))
            time.sleep(SAMPLE_EVERY)
        error = child.stderr.read()
        if child.returncode:
            raise RuntimeError(f"{method} {folder} failed:\n{error}")
        stdout.seek(0)
        figures = json.loads(stdout.read())
    if method == "compile":
        figures["tree_mib"] = peak / MIB
    return figures


def median(runs: list[dict], key: str) -> float | None:
    values = [run[key] for run in runs if run.get(key) is not None]
    return statistics.median(values) if values else None


def show(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


ROWS = [  # (label, key, digits)
    ("đơn vị được tính", "units", 0),
    ("đọc (s)", "read", 1),
    ("cộng dồn (s)", "add", 1),
    ("ghi tong-hop.xlsx (s)", "xlsx", 1),
    ("viết báo cáo Word (s)", "report", 1),
    ("PDF (s)", "pdf", 1),
    ("compile, tổng (s)", "total", 1),
    ("compile không báo cáo (s)", "no_report", 1),
    ("CPU: đọc (s)", "cpu_read", 1),
    ("CPU: cộng dồn (s)", "cpu_add", 1),
    ("CPU: ghi tong-hop.xlsx (s)", "cpu_xlsx", 1),
    ("CPU: báo cáo Word (s)", "cpu_report", 1),
    ("CPU: PDF (s)", "cpu_pdf", 1),
    ("CPU: compile không báo cáo (s)", "cpu_no_report", 1),
    ("calamine thô, 1 lõi (s)", "raw", 1),
    ("CPU: calamine thô (s)", "raw_cpu", 1),
    ("openpyxl ngây thơ, ước cho N (s)", "openpyxl", 0),
    ("  openpyxl mỗi sổ (ms)", "openpyxl_ms", 0),
    ("RSS đỉnh tiến trình chính (MiB)", "main_mib", 0),
    ("RSS đỉnh cây tiến trình (MiB)", "tree_mib", 0),
    ("tong-hop.xlsx (MiB)", "xlsx_mib", 1),
    ("không báo cáo / thô (thời gian)", "wall_ratio", 2),
    ("CPU không báo cáo / CPU thô", "cpu_ratio", 2),
    ("báo cáo(N) / báo cáo(55)", "report_ratio", 1),
    ("CPU báo cáo(N) / CPU báo cáo(55)", "report_cpu_ratio", 1),
]


def table(counts: list[int], results: dict[int, dict[str, list[dict]]]) -> str:
    medians = {}
    for count in counts:
        runs = [run for method_runs in results[count].values() for run in method_runs]
        keys = {key for run in runs for key in run if isinstance(run[key], (int, float))}
        row = {}
        for key in keys:
            row[key] = median([run for run in runs if key in run], key)
        if row.get("raw"):
            row["wall_ratio"] = row["no_report"] / row["raw"]
            row["cpu_ratio"] = row["cpu_no_report"] / row["raw_cpu"]
        medians[count] = row
    for ratio, key in (("report_ratio", "report"), ("report_cpu_ratio", "cpu_report")):
        base = medians.get(DEMO_UNITS, {}).get(key)
        for row in medians.values():
            row[ratio] = row[key] / base if base and row.get(key) is not None else None
    width = max(len(label) for label, _, _ in ROWS)
    lines = [f"{'N sổ':<{width}} " + " ".join(f"{count:>10,}" for count in counts)]
    lines += [f"{label:<{width}} " + " ".join(f"{show(medians[c].get(key), digits):>10}" for c in counts)
              for label, key, digits in ROWS]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[55, 500, 2000])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "baocao-benchmark")
    parser.add_argument("--repeat", type=int, default=3, help="rounds at most (median of them)")
    parser.add_argument("--budget", type=float, default=480,
                        help="seconds of measuring; a new round starts only if the last one fits")
    parser.add_argument("--sample", type=int, default=10, help="workbooks loaded by openpyxl per N")
    parser.add_argument("--no-pdf", action="store_true", help="compile without the PDF")
    parser.add_argument("--pdf-up-to", type=int, help="write the PDF only up to this N")
    parser.add_argument("--run", nargs=2, metavar=("METHOD", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        method, folder = args.run[0], Path(args.run[1])
        figures = {"compile": lambda: run_compile(folder, not args.no_pdf), "raw": lambda: run_raw(folder),
                   "openpyxl": lambda: run_openpyxl(folder, args.sample)}[method]()
        print(json.dumps(figures))
        return

    print(f"Máy: {os.cpu_count()} lõi; tải trung bình {os.getloadavg()[0]:.1f}; dữ liệu: {args.workdir}",
          flush=True)
    folders = {}
    for count in args.counts:
        started = time.perf_counter()
        folders[count] = generate(args.workdir / f"n{count}", count)
        print(f"  {count:,} sổ sẵn sàng ({time.perf_counter() - started:.0f} s)", flush=True)
    results = {count: {"compile": [], "raw": [], "openpyxl": []} for count in args.counts}
    started, last_round, rounds = time.perf_counter(), 0.0, 0
    while rounds < args.repeat:
        left = args.budget - (time.perf_counter() - started)
        if rounds and last_round > left:
            break
        round_start = time.perf_counter()
        methods = ["compile", "raw", "openpyxl"] if rounds % 2 == 0 else ["raw", "openpyxl", "compile"]
        for count in args.counts:
            for method in methods:
                results[count][method].append(measure(method, folders[count], args))
        rounds += 1
        last_round = time.perf_counter() - round_start
        print(f"  vòng {rounds}: {last_round:.0f} s", flush=True)
    print(f"\nTrung vị của {rounds} vòng xen kẽ (mỗi phép đo một tiến trình mới):\n", flush=True)
    print(table(args.counts, results))
    errors = {run["report_error"] for r in results.values() for run in r["compile"] if run.get("report_error")}
    for error in sorted(errors):
        print(f"Lỗi báo cáo: {error}")


if __name__ == "__main__":
    main()
