"""Read a filled branch workbook back into :class:`~.model.BranchData`.

Cells are found through the workbook-level defined names only, never by row
or column, so a reader keeps working when a sheet is restyled or rows move.
The parsing is split from the file access: :func:`parse_branch` takes the
names and a cell getter, so the openpyxl adapter here and the add-in's
xlwings adapter share one parser and one set of messages.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .catalogue import LEVEL_COMPILED, LEVEL_FIELD, Catalogue, Register, load_catalogue
from .layout import (
    CHECK_COUNT_NAME, FINDINGS_NAME, MARK_SUFFIX, NEXT_TARGET_SUFFIX, OWN_SUFFIX, START_SUFFIX, TARGET_SUFFIX,
    VERSION_NAME, YEARS_NAME, Layout, expand_range,
)
from .model import BranchData, RegisterRow, Value, register_counts, term_years

#: A defined name resolved to its sheet and its cells (A1 addresses, in order).
Cells = tuple[str, list[str]]

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
    #: register code -> index in the register's body of each row of ``data.registers``
    register_positions: dict[str, list[int]] = field(default_factory=dict)

    def address(self, name: str, index: int = 0) -> tuple[str, str]:
        """(sheet, cell) of item ``index`` of a defined name, for messages."""
        sheet, cells = self.cells[name]
        return sheet, cells[index]


def read_workbook(path: str | Path, catalogue: Catalogue | None = None) -> BranchWorkbook:
    """Read a branch workbook file (.xlsx/.xlsm) without modifying or locking it."""
    from openpyxl import load_workbook  # the file adapter only: the add-in parses without openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    source = path.name
    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(source, f"không mở được như một tệp Excel (.xlsx) hợp lệ ({type(exc).__name__}).") from exc
    try:
        names = {}
        for name, defined in wb.defined_names.items():
            destinations = list(defined.destinations)
            if len(destinations) == 1:
                sheet, ref = destinations[0]
                names[name] = (sheet, expand_range(ref))
        grids: dict[str, dict[str, Any]] = {}

        def get(sheet: str, cell: str) -> Any:
            if sheet not in grids:
                if sheet not in wb.sheetnames:
                    raise WorkbookError(source, "không có trang tính này.", sheet=sheet)
                grids[sheet] = _sheet_values(wb[sheet])
            return grids[sheet].get(cell)

        return parse_branch(source, names, get, catalogue)
    finally:
        wb.close()


def _sheet_values(ws) -> dict[str, Any]:
    """All non-empty values of a sheet, read in one streaming pass."""
    values = {}
    for row in ws.iter_rows():
        for cell in row:
            if getattr(cell, "value", None) is not None:
                values[cell.coordinate] = cell.value
    return values


def parse_branch(source: str, names: dict[str, Cells], get: Callable[[str, str], Any],
                 catalogue: Catalogue | None = None) -> BranchWorkbook:
    """Turn defined names and a cell getter into a :class:`BranchWorkbook`.

    Raises :class:`WorkbookError` naming the missing or unknown name, the
    sheet or the cell, and the catalogue version when it does not match.
    """
    catalogue = catalogue or load_catalogue()

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
    if str(version) != catalogue.version:
        raise WorkbookError(source, f"sổ báo cáo theo danh mục chỉ tiêu phiên bản {version}, chương trình dùng "
                                    f"phiên bản {catalogue.version}. Hãy chép số liệu sang mẫu mới.",
                            sheet=version_sheet, cell=version_cells[0])
    years_sheet, year_cells = cells_of(YEARS_NAME)
    years = values_of(YEARS_NAME)
    if not all(isinstance(y, int) for y in years):
        raise WorkbookError(source, "dòng tiêu đề năm bị sửa, phải là các năm của nhiệm kỳ.",
                            sheet=years_sheet, cell=year_cells[0])
    level = values_of(LEVEL_FIELD)[0] if LEVEL_FIELD in names else None
    sizes = {reg.code: len(names[reg.code][1]) for reg in catalogue.registers if reg.code in names}
    layout = Layout(catalogue, years, rows=_register_heights(catalogue, sizes), own=level == LEVEL_COMPILED)
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
    return BranchWorkbook(source, data, {n: names[n] for n in layout.places}, positions)


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
