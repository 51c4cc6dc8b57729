"""One compile run: read every workbook, decide who counts, add up, write.

1. Read (in worker processes): each file becomes a small
   :class:`~.collect.Submission`, parked at once in a spool on disk, so
   memory holds only a short :class:`~.completeness.Entry` per file. The
   upper union's own workbook (level "Công đoàn cấp trên", the registry's
   top unit code, or ``own``) is set apart: it is never added to the totals.
2. Assess completeness against the registry (:mod:`.completeness`).
3. Add up, one unit at a time, the units that count (:mod:`.aggregate`),
   recording provenance and streaming the per-unit rows to spools.
4. Write ``tong-hop.xlsx`` (:mod:`.consolidated`) and the Word report of the
   chosen kind with its PDF (:mod:`compiler.report`, from the compiled data
   and the spools, never by reading the workbook back) into a staging folder,
   and move them into the output folder together
   (:class:`~workbook_templates.files.OutputSet`): an interrupted run leaves
   the previous set. When the report fails, the previous report of that
   kind is removed rather than left beside a workbook it does not match.

Debris of killed runs is removed first. Inputs are only ever opened for reading.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from workbook_templates.catalogue import LEVEL_UPPER, Catalogue, load_catalogue
from workbook_templates.files import OutputSet, clean_stale
from workbook_templates.reader import WorkbookError
from workbook_templates.registry import Registry, Unit, read_registry

from .aggregate import TextDigest, Totals, with_own
from .carry import RegisterCarry, register_notes, texts_note
from .collect import Submission, default_workers, file_error, find_workbooks, read_all, read_submission
from .completeness import Completeness, Entry, assess
from .consolidated import FILENAME, SHEET_TEXTS, Compiled, Tables, write_consolidated
from .period import Period, PeriodRequest
from .provenance import Provenance
from .rows import issue_rows, status_rows, text_rows
from .spool import RowSpool, Spool
from .tables import Signature
from .unit_table import UnitTable

#: Who prepared the consolidated workbook (a required Thông tin field).
PREPARER = "Tổng hợp tự động (baocao compile)"

#: Start of the reports' file names (compiler.report.report_filename).
REPORT_PREFIX = "bao-cao-"
#: Rule code of the finding for characters left out of the consolidated workbook.

#: progress(phase, done, total): phase "doc" while reading, "ghi" while writing.
Progress = Callable[[str, int, int], None]


class CompileError(Exception):
    """The run cannot produce a consolidated workbook; ``usage`` marks a wrong command line."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


@dataclass
class CompileResult:
    consolidated: Path
    completeness: Completeness
    top: Unit
    term: str
    period: Period
    files: int
    expected_units: int
    own: str | None = None          # the upper union's own workbook used, as shown to the user
    report: Path | None = None
    report_error: str | None = None
    removed: list[str] = field(default_factory=list)          # the previous run's reports this one could not replace
    other_reports: list[str] = field(default_factory=list)    # reports of other kinds, made from an earlier tong-hop

    @property
    def needs_attention(self) -> bool:
        return self.completeness.needs_attention or self.report_error is not None


def compile_directory(input_dir: Path, registry_path: Path, out_dir: Path, request: PeriodRequest,
                      include_errors: bool = False, workers: int | None = None, report: bool = True,
                      progress: Progress | None = None, date: dt.date | None = None,
                      own: Path | None = None) -> CompileResult:
    """Compile every workbook under ``input_dir`` into ``out_dir`` (see the module docstring)."""
    catalogue = load_catalogue()
    try:
        registry = read_registry(registry_path)
    except WorkbookError as exc:
        raise CompileError(f"Danh sách đơn vị: {exc}", usage=True) from exc
    out_path = out_dir / FILENAME
    clean_stale([out_dir, Path(tempfile.gettempdir())])
    found = find_workbooks(input_dir, exclude=(registry_path, out_path, *([own] if own else [])))
    total = len(found.workbooks)
    own_sub = _given_own(own, registry.top) if own else None
    with Spool() as submissions:
        entries = []
        for done, sub in enumerate(read_all(found.workbooks, input_dir, workers or default_workers()), start=1):
            if _is_own(sub):
                if sub.unit_code == registry.top.code and own_sub is None:
                    own_sub = sub
                    continue
                sub.error = (f"Tệp {sub.path} là sổ số liệu riêng của công đoàn cấp trên (mã {sub.unit_code}), "
                             f"không phải sổ riêng duy nhất của {registry.top.name} (mã {registry.top.code}): "
                             "không đưa vào tổng hợp.")
                sub.issues = [*sub.issues, file_error(sub.error)]
            entries.append(Entry.of(sub, submissions.put(sub)))
            if progress:
                progress("doc", done, total)
        locks = [p.relative_to(input_dir).as_posix() for p in found.lock_files]
        completeness = assess(registry, entries, locks, include_errors)
        if completeness.years is None:
            raise CompileError(f"Không có sổ báo cáo nào đọc được trong thư mục {input_dir} "
                               f"({total} tệp Excel); không lập được sổ tổng hợp.")
        try:
            period = request.resolve(completeness.years)
        except ValueError as exc:
            raise CompileError(str(exc), usage=True) from exc
        if progress:
            progress("ghi", 0, 1)
        compiled = _add_up(registry, completeness, submissions, period, date or dt.date.today(), own_sub)
        with OutputSet(out_dir) as outputs:
            staged = write_consolidated(outputs.path(FILENAME), compiled, catalogue)
            result = CompileResult(out_path, completeness, registry.top, compiled.term, period, total,
                                   compiled.expected_units, own_sub.path if own_sub else None)
            drop = _write_report(result, request, compiled, catalogue, outputs) if report else []
            result.removed = outputs.commit(drop)
    result.other_reports = sorted(p.name for p in out_dir.glob(f"{REPORT_PREFIX}*")
                                  if p.suffix in (".docx", ".pdf") and p.name not in drop)
    if progress:
        progress("ghi", 1, 1)
    return result


def _is_own(sub: Submission) -> bool:
    return sub.data is not None and sub.data.level == LEVEL_UPPER


def _given_own(path: Path, top: Unit) -> Submission:
    """The own workbook named by ``--own``: it must be readable, of level cấp trên, of the top unit."""
    sub = read_submission(path, path.parent)
    if sub.data is None:
        raise CompileError(f"Sổ số liệu riêng: {sub.error}", usage=True)
    if not _is_own(sub) or sub.unit_code != top.code:
        raise CompileError(f"Sổ số liệu riêng {path.name}: phải là sổ cấp “{LEVEL_UPPER}” của {top.name} "
                           f"(mã {top.code}), nhưng sổ ghi cấp “{sub.data.level}”, mã {sub.unit_code or '(trống)'}.",
                           usage=True)
    return sub


def _add_up(registry: Registry, completeness: Completeness, submissions: Spool, period: Period,
            date: dt.date, own: Submission | None = None) -> Compiled:
    """Pass over the units that count, one at a time: totals, provenance and per-unit rows."""
    catalogue = load_catalogue()
    years = completeness.years
    totals, provenance, digest = Totals(catalogue, years), Provenance(catalogue, years), TextDigest()
    carry, lower = RegisterCarry(catalogue), []      # lower: the consolidated inputs used
    tables = Tables(RowSpool(), RowSpool(), RowSpool(), RowSpool())
    unit_table = UnitTable(catalogue, years, period)
    for row in completeness.rows:
        entry = row.entry
        sub = submissions.get(entry.offset) if entry else None
        tables.statuses.extend(status_rows(row, sub.rollup.statuses if sub and sub.rollup else None))
        if sub is None:
            continue
        extra = [file_error(entry.error)] if entry.error and not sub.error else []
        tables.issues.extend(issue_rows(sub, extra))
        if not row.included:
            continue
        totals.add(sub.data, sub.rollup.counts if sub.rollup else None, entry.unit_count)
        carry.add(sub.unit_code, sub.unit_name, sub.data.registers, consolidated=sub.rollup is not None)
        if sub.rollup is not None:
            lower.append(f"{sub.unit_name} ({sub.unit_code})")
        provenance.add(sub.unit_code, sub.data, sub.cells)
        tables.units.extend([unit_table.row(sub.data)])
        texts = list(text_rows(catalogue, sub))
        tables.texts.extend(texts)
        for values in texts:
            digest.add(values[3], values[1], values[5])
    top = registry.top
    term = f"{years[0] - 1}-{years[-1]}"
    info = {"DON_VI_MA": top.code, "DON_VI_TEN": top.name, "CAP_TREN_TEN": registry.parent_name(top),
            "NHIEM_KY": term, "NGUOI_LAP": PREPARER, "NGAY_LAP": date,
            **top.document_info}
    if own is not None:
        tables.issues.extend(issue_rows(own))
    data = with_own(catalogue, totals.data(info, catalogue.version, carry.rows()), own.data if own else None)
    data.texts = digest.texts()
    leaves = registry.leaves()
    signature = Signature.of(catalogue.version, top.code, (u.code for u in leaves), completeness.unit_count)
    notes = {SHEET_TEXTS: texts_note(lower), **register_notes(catalogue, carry)}
    return Compiled(top, term, period, data, totals.counts, completeness, len(leaves),
                    provenance.rows(data), tables, signature, notes)


def _write_report(result: CompileResult, request: PeriodRequest, compiled: Compiled, catalogue: Catalogue,
                  outputs: OutputSet) -> list[str]:
    """Stage the Word report of the chosen kind and its PDF (compiler.report's job; this is its call site).

    The report is made from the compiled data and the spooled tables, not by
    reading ``tong-hop.xlsx`` back: the same input ``baocao report`` reads
    from that file (see compiler.report.units), without holding the file's
    tables in memory.

    Returns the report's file names: the commit replaces the previous run's
    files of these names, or removes them when this run could not write them,
    since they would not match the new ``tong-hop.xlsx``.
    """
    from .report import ReportError, render_report, report_filename
    from .report.units import compiled_units

    year = result.period.last if request.kind == "nam" else None
    name = report_filename(request.kind, year)
    target = outputs.path(name)
    try:
        render_report(compiled.data, request.kind, target, year=year, units=compiled_units(compiled, catalogue),
                      span=request.span)
    except (ReportError, OSError) as exc:
        result.report_error = str(exc)
    except Exception as exc:  # noqa: BLE001 - tong-hop.xlsx is written; say what failed and go on
        result.report_error = f"lỗi khi viết báo cáo ({type(exc).__name__}: {exc})."
    if target.exists():
        result.report = result.consolidated.with_name(name)
    return [name, target.with_suffix(".pdf").name]
