"""Read a filled branch workbook back into :class:`~.model.BranchData`.

Cells are found through the workbook-level defined names only, never by row
or column, so a reader keeps working when a sheet is restyled or rows move.
The parsing is split from the file access: :func:`parse_branch` takes the
names and a cell getter, so the hardened file reader (:mod:`.xlsx`, used by
:func:`read_workbook`) and the add-in's xlwings adapter share one parser and
one set of messages.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .catalogue import LEVEL_COMPILED, LEVEL_FIELD, Catalogue, Register, load_catalogue
from .layout import (
    CHECK_COUNT_NAME, FINDINGS_NAME, MARK_SUFFIX, NEXT_TARGET_SUFFIX, OWN_SUFFIX, START_SUFFIX, TARGET_SUFFIX,
    VERSION_NAME, YEARS_NAME, Layout, expand_range,
)
from .model import BranchData, RegisterRow, Value, register_counts, term_years
from .xlsx import Cells, CellProblem, XlsxError, XlsxFile, display_name, open_xlsx

#: Years a workbook may report on: anything else in the year header is an edit, not a term.
MIN_YEAR, MAX_YEAR = 1950, 2150

_CODE_LIKE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")


class WorkbookError(ValueError):
    """The file is not a usable branch workbook; the message says where and why."""

    def __init__(self, source: str, message: str, sheet: str | None = None, cell: str | None = None):
        self.source, self.sheet, self.cell, self.reason = source, sheet, cell, message
        where = f"Tệp {source}"
        if sheet:
            where += f", trang \"{sheet}\""
        if cell:
            where += f", ô {cell}"
        super().__init__(f"{where}: {message}")


@dataclass
class BranchWorkbook:
    """A branch workbook as read: its data and where each name's cells are."""

    source: str
    data: BranchData
    cells: dict[str, Cells] = field(default_factory=dict)
    #: Cells read blank or cleaned because of what the file holds there: (sheet, cell, why).
    problems: list[tuple[str, str, CellProblem]] = field(default_factory=list)
    #: register code -> index in the register's body of each row of ``data.registers``
    register_positions: dict[str, list[int]] = field(default_factory=dict)

    def address(self, name: str, index: int = 0) -> tuple[str, str]:
        """(sheet, cell) of item ``index`` of a defined name, for messages."""
        sheet, cells = self.cells[name]
        return sheet, cells[index]


def read_workbook(path: str | Path, catalogue: Catalogue | None = None, source: str | None = None) -> BranchWorkbook:
    """Read a branch workbook file (.xlsx/.xlsm) without modifying or locking it.

    The one file reader of the product (through :mod:`.xlsx`); raises
    :class:`WorkbookError` naming the file, and the sheet and cell where
    there is one, for anything that is not a usable branch workbook.
    """
    with open_book(path, source) as book:
        return parse_file(book, catalogue)


@contextmanager
def open_book(path: str | Path, source: str | None = None) -> Iterator[XlsxFile]:
    """The hardened low-level file (:class:`~.xlsx.XlsxFile`), its errors as :class:`WorkbookError`."""
    shown = source if source is not None else display_name(Path(path).name)
    try:
        book = open_xlsx(path, shown)
    except XlsxError as exc:
        raise WorkbookError(shown, exc.message, exc.sheet, exc.cell) from None
    try:
        yield book
    except XlsxError as exc:
        raise WorkbookError(shown, exc.message, exc.sheet, exc.cell) from None
    finally:
        book.close()


def parse_file(book: XlsxFile, catalogue: Catalogue | None = None) -> BranchWorkbook:
    """Parse an open workbook file; its damaged names and cells become errors and findings."""
    broken = sorted(n for n in book.broken_names if _CODE_LIKE.match(n) or n in (VERSION_NAME, YEARS_NAME))
    if broken:
        name = broken[0]
        text = book.broken_names[name]
        why = ("trỏ tới một sổ khác (liên kết ngoài)" if "[" in text else
               "trỏ tới ô đã bị xóa (#REF!)" if "#REF!" in text.upper() else f"không trỏ tới một vùng ô ({text[:40]!r})")
        raise WorkbookError(book.source, f"tên vùng {name} {why}; sổ đã bị xóa dòng, cột hoặc bị sửa cấu trúc. "
                                         "Hãy chép số liệu sang mẫu mới.")
    try:
        return parse_branch(book.source, book.names, book.get, catalogue, book.problem)
    except XlsxError as exc:
        raise WorkbookError(book.source, exc.message, exc.sheet, exc.cell) from None


def parse_branch(source: str, names: dict[str, Cells], get: Callable[[str, str], Any],
                 catalogue: Catalogue | None = None,
                 problem: Callable[[str, str], CellProblem | None] | None = None) -> BranchWorkbook:
    """Turn defined names and a cell getter into a :class:`BranchWorkbook`.

    Raises :class:`WorkbookError` naming the missing or unknown name, the
    sheet or the cell, and the catalogue version when it does not match.
    ``problem(sheet, cell)`` (the file reader's) says why a cell read blank
    or was cleaned; those of the cells read are kept for the rules.
    """
    catalogue = catalogue or load_catalogue()
    problems: list[tuple[str, str, CellProblem]] = []
    if problem is not None:
        raw_get = get

        def get(sheet: str, cell: str) -> Any:
            found = problem(sheet, cell)
            if found is not None:
                problems.append((sheet, cell, found))
            return raw_get(sheet, cell)

    def refuse_problem() -> None:
        """The version and the years must be read as written: a damaged one makes the file unusable."""
        if problems:
            sheet, cell, found = problems[0]
            raise WorkbookError(source, found.message, sheet=sheet, cell=cell)

    def cells_of(name: str) -> Cells:
        if name not in names:
            raise WorkbookError(source, f"thiếu tên vùng {name}; tệp không phải sổ báo cáo theo mẫu "
                                        "hoặc đã bị xóa dòng, cột.")
        return names[name]

    def values_of(name: str) -> list[Value]:
        sheet, cells = cells_of(name)
        return [_clean(get(sheet, cell)) for cell in cells]

    version_sheet, version_cells = cells_of(VERSION_NAME)
    version = _clean(get(version_sheet, version_cells[0]))
    refuse_problem()
    if str(version) != catalogue.version:
        raise WorkbookError(source, f"sổ báo cáo theo danh mục chỉ tiêu phiên bản {version}, chương trình dùng "
                                    f"phiên bản {catalogue.version}. Hãy chép số liệu sang mẫu mới.",
                            sheet=version_sheet, cell=version_cells[0])
    years_sheet, year_cells = cells_of(YEARS_NAME)
    years = values_of(YEARS_NAME)
    refuse_problem()
    if not all(isinstance(y, int) and not isinstance(y, bool) and MIN_YEAR <= y <= MAX_YEAR for y in years) \
            or years != list(range(years[0], years[0] + len(years))):
        raise WorkbookError(source, "dòng tiêu đề năm bị sửa, phải là các năm của nhiệm kỳ.",
                            sheet=years_sheet, cell=year_cells[0])
    level = values_of(LEVEL_FIELD)[0] if LEVEL_FIELD in names else None
    sizes = {reg.code: len(names[reg.code][1]) for reg in catalogue.registers if reg.code in names}
    layout = _layout(catalogue, years, _register_heights(catalogue, sizes), level == LEVEL_COMPILED)
    unknown = sorted(n for n in names if _CODE_LIKE.match(n) and n not in layout.places
                     and n not in (CHECK_COUNT_NAME, FINDINGS_NAME))
    if unknown:
        raise WorkbookError(source, "có tên vùng không thuộc danh mục chỉ tiêu phiên bản "
                                    f"{catalogue.version}: {', '.join(unknown[:10])}.")
    for name, place in layout.places.items():
        sheet, cells = cells_of(name)
        if len(cells) != place.size:
            raise WorkbookError(source, f"tên vùng {name} phải gồm {place.size} ô nhưng có {len(cells)} ô.",
                                sheet=sheet, cell=cells[0])

    data = BranchData(catalogue_version=catalogue.version, years=years)
    for fld in catalogue.fields:
        value = values_of(fld.code)[0]
        if fld.type == "date" and isinstance(value, dt.datetime):
            value = value.date()
        data.info[fld.code] = value
    term = data.info.get("NHIEM_KY")
    if isinstance(term, str) and term_years_or_none(term) not in (None, years):
        sheet, cells = cells_of("NHIEM_KY")
        raise WorkbookError(source, f"nhiệm kỳ {term} không khớp với các năm trên trang số liệu "
                                    f"({years[0]}–{years[-1]}).", sheet=sheet, cell=cells[0])
    compiled = data.level == LEVEL_COMPILED
    for ind in catalogue.indicators:
        if ind.target:
            data.targets[ind.code] = values_of(ind.code + TARGET_SUFFIX)[0]
            data.next_targets[ind.code] = values_of(ind.code + NEXT_TARGET_SUFFIX)[0]
            for suffix, marks in ((TARGET_SUFFIX, data.target_marks), (NEXT_TARGET_SUFFIX, data.next_target_marks)):
                mark = values_of(ind.code + suffix + MARK_SUFFIX)[0]
                if mark is not None:
                    marks[ind.code] = str(mark)
        if ind.kind == "rate" or (ind.is_derived and not compiled):
            continue  # computed by the workbook, never read as input
        if ind.per_year:
            data.values[ind.code] = values_of(ind.code)
        else:
            text = values_of(ind.code)[0]
            if text is not None:
                data.texts[ind.code] = str(text)
        if ind.kind == "stock":
            data.start[ind.code] = values_of(ind.code + START_SUFFIX)[0]
    positions = {}
    for reg in catalogue.registers:
        data.registers[reg.code], positions[reg.code] = _register_rows(reg, layout, values_of, data)
    if compiled:
        # a compiled workbook's counts are the branches' sums, written as values
        for ind in layout.own_indicators:
            own = values_of(ind.code + OWN_SUFFIX)
            if ind.per_year:
                data.own[ind.code] = own
            elif own[0] is not None:
                data.own_texts[ind.code] = str(own[0])
    else:
        data.values.update(register_counts(catalogue, data))
    return BranchWorkbook(source, data, {n: names[n] for n in layout.places}, problems, positions)


#: Layouts already drawn in this process, by catalogue, years, register heights and level: every branch
#: workbook of a term has the same one (the catalogue is kept beside its layout, so its id stays its own).
_LAYOUTS: dict[tuple, tuple[Catalogue, Layout]] = {}
_LAYOUTS_MAX = 64


def _layout(catalogue: Catalogue, years: list[int], rows: dict[str, int], own: bool) -> Layout:
    """The workbook's :class:`~.layout.Layout`, drawn once per process for each shape (callers only read it)."""
    key = (id(catalogue), tuple(years), tuple(sorted(rows.items())), own)
    known = _LAYOUTS.get(key)
    if known is not None:
        return known[1]
    layout = Layout(catalogue, years, rows=rows, own=own)
    if len(_LAYOUTS) < _LAYOUTS_MAX:
        _LAYOUTS[key] = (catalogue, layout)
    return layout


def _register_heights(catalogue: Catalogue, sizes: dict[str, int]) -> dict[str, int]:
    """Rows of each register as the workbook was drawn (its name's cells over its width)."""
    out = {}
    for reg in catalogue.registers:
        width = len(reg.all_columns)
        if reg.code in sizes and sizes[reg.code] % width == 0 and sizes[reg.code]:
            out[reg.code] = sizes[reg.code] // width
    return out


def _register_rows(reg: Register, layout: Layout, values_of: Callable[[str], list[Value]],
                   data: BranchData) -> tuple[list[RegisterRow], list[int]]:
    """The filled rows of a register, in sheet order, each with the unit's code and name.

    A row is read when any of the register's own columns is filled; a blank
    unit code or name is this workbook's unit (a CĐCS lists its own entries).
    Also returns each row's index in the body, for messages naming its cells.
    """
    columns = {column: values_of(reg.name(column)) for column in reg.all_columns}
    dates = {c.code for c in reg.columns if c.type == "date"}
    rows, positions = [], []
    for k in range(layout.register_rows[reg.code]):
        row = {column: cells[k] for column, cells in columns.items()}
        if all(row[c.code] is None for c in reg.columns):
            continue
        for column in dates:
            if isinstance(row[column], dt.datetime):
                row[column] = row[column].date()
        if row["DON_VI_MA"] is None:
            row["DON_VI_MA"] = data.unit_code or None
        if row["DON_VI_TEN"] is None:
            row["DON_VI_TEN"] = data.unit_name or None
        rows.append(row)
        positions.append(k)
    return rows, positions


def term_years_or_none(term: str) -> list[int] | None:
    try:
        return term_years(term)
    except ValueError:
        return None


def _clean(value: Any) -> Value:
    """Normalise a cell value: blank text is None, whole floats are ints."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
