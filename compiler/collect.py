"""Find the workbooks of a folder and read each one into a small summary.

Reading is the expensive part of compiling, so it runs in worker processes,
one workbook per task: :func:`read_submission` opens the file for reading
only, parses it, validates it with the same rules as ``baocao check`` and
returns a picklable :class:`Submission` (a few kilobytes), never the
workbook itself. Any failure becomes the submission's ``error``, in
Vietnamese, so one bad file never stops the run.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
import time
from dataclasses import dataclass, field
from functools import cache
from multiprocessing.connection import wait
from pathlib import Path
from typing import Iterable, Iterator

from workbook_templates.catalogue import load_catalogue
from workbook_templates.layout import Layout
from workbook_templates.model import BranchData
from workbook_templates import limits
from workbook_templates.files import TEMP_PREFIX
from workbook_templates.reader import BranchWorkbook, Cells, WorkbookError, expand_range
from workbook_templates.rules import ERROR, WARNING, Finding, show_value
from workbook_templates.verdict import Verdict, examine_workbook
from workbook_templates.xlsx import XlsxError, XlsxFile, display_name

from .tables import UNIT_COUNT_NAME, RollUp, read_rollup

SUFFIXES = (".xlsx", ".xlsm")
#: Other spreadsheet files an officer may send instead: read too, so that they are listed as
#: "lỗi tệp" with the reason rather than ignored (their unit would show "chưa nộp").
LOOKALIKE_SUFFIXES = (".xls", ".xlsb", ".ods", ".csv", ".xltx", ".xltm", ".numbers")
LOCK_PREFIX = "~$"          # Excel's owner file beside an open workbook
IN_FLIGHT = 4               # tasks queued per reading process


def file_error(message: str, sheet: str = "", cell: str = "") -> Finding:
    """A workbook that could not be read, as a finding of the Lỗi table."""
    return Finding(ERROR, "LOI_TEP", sheet, cell, "", "", message)


@dataclass
class Submission:
    """What the compiler keeps of one input file."""

    path: str                       # relative to the input folder, as shown to the user
    mtime: float
    unit_code: str = ""
    unit_name: str = ""
    prepared: dt.date | None = None
    years: tuple[int, ...] = ()
    error: str | None = None        # why the file cannot be used at all
    issues: list[Finding] = field(default_factory=list)
    data: BranchData | None = None
    cells: dict[str, Cells] | None = None   # only when the cells are not where the template puts them
    rollup: RollUp | None = None    # set when the file is itself a consolidated workbook

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i.severity == WARNING)


@dataclass
class Found:
    workbooks: list[Path]
    lock_files: list[Path]


def find_workbooks(root: Path, exclude: Iterable[Path] = ()) -> Found:
    """Every spreadsheet file under ``root`` (recursively), in a stable order.

    The suffix is compared without case and trailing blanks (``SO.XLSX ``),
    and other spreadsheet formats are included so that the reader says why
    they cannot be used. Excel's lock files (``~$name.xlsx``) are returned
    apart, and the paths in ``exclude`` (the registry, the compiler's own
    output) are left out, and so is anything inside a temporary folder (another
    run's staging folder when ``--out`` lies inside the input folder).
    """
    skip = {Path(p).resolve() for p in exclude}
    workbooks, locks = [], []
    for path in sorted(root.rglob("*")):
        suffix = os.path.splitext(path.name.rstrip(" .\t"))[1].lower()
        if suffix not in SUFFIXES + LOOKALIKE_SUFFIXES or not path.is_file() or path.resolve() in skip:
            continue
        if path.name.startswith(LOCK_PREFIX):
            locks.append(path)
        elif not any(part.startswith(TEMP_PREFIX) for part in path.relative_to(root).parts):
            workbooks.append(path)  # never a file of a run's staging folder, nor a temporary file
    return Found(workbooks, locks)


def read_submission(path: Path, root: Path) -> Submission:
    """Read and validate one workbook; never raises for a bad file.

    The verdict is :func:`~workbook_templates.verdict.examine_workbook`'s,
    the very one ``baocao check`` prints for the same file.
    """
    shown = display_name(path.relative_to(root).as_posix())
    sub = Submission(shown, 0.0)
    try:
        sub.mtime = path.stat().st_mtime
        _read(path, sub)
    except MemoryError:
        return _failed(path, root, "cần quá nhiều bộ nhớ để đọc; tệp có thể bị hỏng, quá lớn hoặc độc hại.")
    except Exception as exc:  # noqa: BLE001 - a bug on one strange file must not stop the run
        return _failed(path, root, f"không đọc được ({type(exc).__name__}: {exc}).")
    return sub


def examine(path: Path, shown: str | None = None) -> Verdict:
    """The verdict on one file as ``check`` prints it and ``compile`` uses it.

    :func:`~workbook_templates.verdict.examine_workbook`, plus what only a
    consolidated workbook carries: its roll-up tables, checked like its
    indicator cells (a number of units and counts that cannot be).
    """
    verdict = examine_workbook(path, shown, load_catalogue(), also=_rollup_and_code)
    rollup = verdict.extra[0] if verdict.extra else None
    if verdict.error is None and rollup is not None:
        verdict.findings = [*verdict.findings, *verdict.extra[2]]
    return verdict


def _read(path: Path, sub: Submission) -> None:
    verdict = examine(path, sub.path)
    rollup, code, _ = verdict.extra or (None, "", [])
    if verdict.error is not None:
        exc = verdict.error
        sub.unit_code = code
        sub.error = str(exc)
        sub.issues = [file_error(exc.reason, exc.sheet or "", exc.cell or "")]
        return
    book = verdict.workbook
    sub.rollup = rollup
    data = sub.data = book.data
    sub.unit_code, sub.unit_name = data.unit_code.strip(), data.unit_name.strip()
    prepared = data.info.get("NGAY_LAP")
    sub.prepared = prepared.date() if isinstance(prepared, dt.datetime) else (
        prepared if isinstance(prepared, dt.date) else None)
    sub.years = tuple(data.years)
    sub.cells = None if book.cells == _template_cells(sub.years) else book.cells
    sub.issues = verdict.findings
    if not sub.unit_code:
        sheet, cells = book.cells["DON_VI_MA"]
        sub.error = f"Tệp {sub.path}, trang \"{sheet}\", ô {cells[0]}: chưa ghi mã đơn vị nên không biết sổ của ai."


def _rollup_and_code(file: XlsxFile, book: BranchWorkbook | None) -> tuple[RollUp | None, str, list[Finding]]:
    """While the file is open: its roll-up tables and their findings or, failing a parse, its unit code."""
    if book is not None:
        try:
            rollup = read_rollup(file.names, file.get, file.source, texts=False)   # they stay below
        except WorkbookError as exc:
            raise XlsxError(exc.reason, exc.sheet, exc.cell) from exc
        return rollup, "", _rollup_findings(file, rollup) if rollup else []
    try:
        sheet, cells = file.names["DON_VI_MA"]
        value = file.get(sheet, cells[0])
    except (KeyError, XlsxError):
        return None, "", []
    return None, (str(value).strip() if value not in (None, "") else ""), []


def _rollup_findings(file: XlsxFile, rollup: RollUp) -> list[Finding]:
    """A consolidated workbook's number of units within what one workbook may claim (counts are checked by read_rollup)."""
    sheet, cells = file.names[UNIT_COUNT_NAME]
    raw = file.get(sheet, cells[0])
    out = []
    if not isinstance(raw, int) or isinstance(raw, bool) or not 1 <= raw <= limits.MAX_UNITS:
        out.append(Finding(ERROR, "SO_DON_VI_SAI", sheet, cells[0], UNIT_COUNT_NAME, "Số đơn vị đã tổng hợp",
                           f"Số đơn vị đã tổng hợp ghi {show_value(raw)}, phải là số nguyên từ 1 đến "
                           f"{show_value(limits.MAX_UNITS)}; sổ tổng hợp đã bị sửa tay. Hãy lập lại bằng baocao "
                           "compile.", {"gia_tri": raw}))
    return out


def read_all(paths: list[Path], root: Path, workers: int) -> Iterator[Submission]:
    """Read ``paths`` in ``workers`` reading processes, yielding submissions in order.

    Each process runs under :data:`~workbook_templates.limits.WORKER_MEMORY_BYTES`
    of address space and each file under :data:`~workbook_templates.limits.FILE_SECONDS`:
    a process that dies or overruns is replaced, and only its file fails,
    with a message saying so. Processes are spawned, never forked from this
    (possibly threaded: the progress bar) process; not from a fork server
    either, whose socket lives in TMPDIR and fails when that path is long
    ("AF_UNIX path too long"). At most a few files
    per process are in flight, so finished summaries never pile up in memory
    when the caller is slower than the readers, however many files there are.
    """
    if not paths:
        return
    context = multiprocessing.get_context("spawn")
    pool = [_Reader(context) for _ in range(max(1, min(workers, len(paths))))]
    results: dict[int, Submission] = {}
    sent = done = 0
    try:
        while done < len(paths):
            for i, reader in enumerate(pool):
                if reader.index is None and sent < len(paths) and sent < done + IN_FLIGHT * len(pool):
                    if not reader.process.is_alive():
                        reader.stop()
                        pool[i] = reader = _Reader(context)
                    reader.start(sent, paths[sent], root)
                    sent += 1
            busy = [r for r in pool if r.index is not None]
            deadline = min(r.deadline for r in busy)
            wait([w for r in busy for w in (r.conn, r.process.sentinel)], max(0.0, deadline - time.monotonic()))
            for i, reader in enumerate(pool):
                if reader.index is None:
                    continue
                index, sub = reader.collect(paths[reader.index], root)
                if sub is not None:
                    results[index] = sub
                    if not reader.process.is_alive():
                        reader.stop()
                        pool[i] = _Reader(context)
            while done in results:
                yield results.pop(done)
                done += 1
    finally:
        for reader in pool:
            reader.stop()


class _Reader:
    """One reading process, one file at a time, and what it is working on."""

    def __init__(self, context):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, limits.WORKER_MEMORY_BYTES), daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.deadline = 0.0

    def start(self, index: int, path: Path, root: Path) -> None:
        self.index, self.deadline = index, time.monotonic() + limits.FILE_SECONDS
        self.conn.send((path, root))

    def collect(self, path: Path, root: Path) -> tuple[int, Submission | None]:
        """(index, submission) once the file is read, failed because the process died, or overran."""
        index = self.index
        try:
            if self.conn.poll():
                sub = self.conn.recv()
                self.index = None
                return index, sub
        except (EOFError, OSError):
            pass
        alive = self.process.is_alive()
        if alive and time.monotonic() < self.deadline:
            return index, None
        self.process.kill()
        self.process.join()
        self.index = None
        why = (f"đọc quá {limits.FILE_SECONDS} giây nên bị dừng" if alive else
               f"làm tiến trình đọc dừng đột ngột (mã {self.process.exitcode})")
        return index, _failed(path, root, f"{why}; tệp có thể bị hỏng, quá lớn hoặc độc hại.")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _serve(conn, memory: int) -> None:
    """A reading process: at most ``memory`` bytes of address space, then files one by one until the pipe closes."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    while True:
        try:
            path, root = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        conn.send(read_submission(path, root))


def _failed(path: Path, root: Path, why: str) -> Submission:
    shown = display_name(path.relative_to(root).as_posix())
    sub = Submission(shown, 0.0, error=f"Tệp {shown}: {why}")
    try:
        sub.mtime = path.stat().st_mtime
    except OSError:
        pass
    sub.issues = [file_error(why)]
    return sub


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


@cache
def _template_cells(years: tuple[int, ...]) -> dict[str, Cells]:
    layout = Layout(load_catalogue(), list(years))
    return {name: (place.sheet, expand_range(place.ref)) for name, place in layout.places.items()}
