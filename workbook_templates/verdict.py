"""The whole verdict on one file: the parsed workbook and its findings, or why it is unusable.

``baocao check``, ``baocao compile`` (in its reading processes) and the
portal call :func:`examine_workbook` and nothing else, so the same file gets
the same verdict everywhere: the same reader (:mod:`.xlsx`), the same parser
(:mod:`.reader`), the same rules (:mod:`.rules`). ``check`` and ``compile``
reach it through :func:`compiler.collect.examine`, which adds the checks of
a consolidated workbook's roll-up tables (a compiler format).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .catalogue import Catalogue, load_catalogue
from .reader import BranchWorkbook, WorkbookError, open_book, parse_file
from .rules import Finding, check_branch
from .xlsx import XlsxError, XlsxFile

#: also(file, workbook or None): more reading done while the file is open (the compiler's roll-up tables).
Also = Callable[[XlsxFile, BranchWorkbook | None], Any]


@dataclass
class Verdict:
    """What one file is worth: ``workbook`` and ``findings``, or ``error`` when it cannot be used at all."""

    source: str
    workbook: BranchWorkbook | None = None
    findings: list[Finding] = field(default_factory=list)
    error: WorkbookError | None = None
    extra: Any = None

    @property
    def has_errors(self) -> bool:
        return self.error is not None or any(f.is_error for f in self.findings)


def examine_workbook(path: str | Path, source: str | None = None, catalogue: Catalogue | None = None,
                     also: Also | None = None) -> Verdict:
    """Read and check one file; never raises for a bad file (only for a bug).

    ``source`` is the name shown in messages (default: the file name, made
    safe to print). ``also`` runs while the file is still open, after the
    parse, even a failed one (then with ``None``); what it returns is
    ``Verdict.extra``, and an unreadable part it meets is the file's error.
    """
    catalogue = catalogue or load_catalogue()
    verdict = Verdict(source or "")
    try:
        with open_book(path, source) as file:
            verdict.source = file.source
            try:
                verdict.workbook = parse_file(file, catalogue)
            except WorkbookError as exc:
                verdict.error = exc
            if also is not None:
                try:
                    verdict.extra = also(file, verdict.workbook)
                except XlsxError as exc:
                    verdict.error = verdict.error or WorkbookError(file.source, exc.message, exc.sheet, exc.cell)
    except WorkbookError as exc:
        verdict.source = verdict.source or exc.source
        verdict.error = exc
    if verdict.error is not None:
        verdict.workbook = None
    else:
        verdict.findings = check_branch(verdict.workbook, catalogue)
    return verdict
