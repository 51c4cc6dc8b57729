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
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from workbook_templates.catalogue import load_catalogue
from workbook_templates.layout import Layout
from workbook_templates.model import BranchData
from workbook_templates.reader import Cells, WorkbookError, expand_range, parse_branch
from workbook_templates.rules import ERROR, WARNING, Finding, check_branch

from workbook_templates.files import TEMP_PREFIX

from .tables import RollUp, read_rollup
from .xlsx_source import open_source

SUFFIXES = (".xlsx", ".xlsm")
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
    """Every .xlsx/.xlsm under ``root`` (recursively), in a stable order.

    Excel's lock files (``~$name.xlsx``) are returned apart, and the paths in
    ``exclude`` (the registry, the compiler's own output) are left out.
    """
    skip = {Path(p).resolve() for p in exclude}
    workbooks, locks = [], []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUFFIXES or path.resolve() in skip:
            continue
        if path.name.startswith(LOCK_PREFIX):
            locks.append(path)
        elif not path.name.startswith(TEMP_PREFIX):
            workbooks.append(path)
    return Found(workbooks, locks)


def read_submission(path: Path, root: Path) -> Submission:
    """Read and validate one workbook; never raises for a bad file."""
    shown = path.relative_to(root).as_posix()
    sub = Submission(shown, 0.0)
    try:
        sub.mtime = path.stat().st_mtime
        _read(path, sub)
    except WorkbookError as exc:
        sub.data = sub.rollup = None
        sub.error = str(exc)
        sub.issues = [file_error(exc.reason, exc.sheet or "", exc.cell or "")]
    except BaseException as exc:  # noqa: BLE001 - a strange file (even a panic in the parser) must not stop the run
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        sub.data = sub.rollup = None
        sub.error = f"Tệp {shown}: không đọc được ({type(exc).__name__}: {exc})."
        sub.issues = [file_error(sub.error)]
    return sub


def _read(path: Path, sub: Submission) -> None:
    catalogue = load_catalogue()
    source = open_source(path, sub.path)
    try:
        book = parse_branch(sub.path, source.names, source.get, catalogue)
    except WorkbookError:
        sub.unit_code = _best_effort_code(source)
        raise
    sub.rollup = read_rollup(source.names, source.get, sub.path)
    data = sub.data = book.data
    sub.unit_code, sub.unit_name = data.unit_code.strip(), data.unit_name.strip()
    prepared = data.info.get("NGAY_LAP")
    sub.prepared = prepared.date() if isinstance(prepared, dt.datetime) else (
        prepared if isinstance(prepared, dt.date) else None)
    sub.years = tuple(data.years)
    sub.cells = None if book.cells == _template_cells(sub.years) else book.cells
    sub.issues = check_branch(book, catalogue)
    if not sub.unit_code:
        sheet, cells = book.cells["DON_VI_MA"]
        sub.error = f"Tệp {sub.path}, trang \"{sheet}\", ô {cells[0]}: chưa ghi mã đơn vị nên không biết sổ của ai."


def read_all(paths: list[Path], root: Path, workers: int) -> Iterator[Submission]:
    """Read ``paths`` on ``workers`` processes, yielding submissions in order.

    Every worker process is started before the first result is yielded, so
    the caller may start threads (a progress bar) afterwards without forking
    a threaded process. At most a few tasks per worker are in flight, so
    finished summaries never pile up in memory when the caller is slower
    than the workers, however many files there are.
    """
    if workers <= 1 or len(paths) < 2:
        yield from (read_submission(p, root) for p in paths)
        return
    todo = iter(paths)
    with multiprocessing.get_context().Pool(min(workers, len(paths))) as pool:
        pending = deque(pool.apply_async(read_submission, (p, root)) for p in islice(todo, IN_FLIGHT * workers))
        while pending:
            result = pending.popleft().get()
            for path in islice(todo, 1):
                pending.append(pool.apply_async(read_submission, (path, root)))
            yield result


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


@cache
def _template_cells(years: tuple[int, ...]) -> dict[str, Cells]:
    layout = Layout(load_catalogue(), list(years))
    return {name: (place.sheet, expand_range(place.ref)) for name, place in layout.places.items()}


def _best_effort_code(source) -> str:
    """The unit code of a workbook that failed to parse, if its cell can still be found."""
    try:
        sheet, cells = source.names["DON_VI_MA"]
        value = source.get(sheet, cells[0])
    except (KeyError, WorkbookError):
        return ""
    return str(value).strip() if value not in (None, "") else ""
