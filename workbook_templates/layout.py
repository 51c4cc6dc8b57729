"""Where every figure sits in the branch workbook, and the name it goes by.

The layout is derived from the catalogue and the term alone. Only the
template builder uses the row and column numbers computed here; every reader
(the workbook reader, the add-in, the compiler) finds cells through the
workbook-level defined names this module chooses, never by position.

Name scheme (``CODE`` is the indicator code):

===================  ==========================================
``CODE``             the indicator's year cells, in year order
``CODE_DAU_KY``      a stock's value at the start of the term
``CODE_NHIEM_KY``    the term value (a formula)
``CODE_CHI_TIEU``    the congress target for this term
``CODE_CHI_TIEU_TOI``  the target proposed for the next term
``CODE_CHI_TIEU_MUC``  how the resolution qualifies the target ("trên", "trở lên", …)
``CODE_CHI_TIEU_TOI_MUC``  the same for the proposed target
``CODE_RIENG``       compiled workbooks only: the upper union's own
                     figures (years) or own text, beside the aggregate
``REG``              a register's body (every row, every column)
``REG_COLUMN``       one column of a register's body, e.g. ``DS_KHEN_THUONG_NAM``
field code           a Thông tin field, e.g. ``DON_VI_MA``
===================  ==========================================

A register's body has as many rows as the workbook was drawn with (the
catalogue's ``rows`` for a blank form, more when the data needs them), so a
reader takes the height from the workbook's names (:func:`register_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass

import re

from .catalogue import Catalogue

SHEET_GUIDE = "Hướng dẫn"
SHEET_INFO = "Thông tin"
SHEET_TARGETS = "Chỉ tiêu"
SHEET_CHECKS = "Kiểm tra"
SHEET_OWN = "Số liệu riêng"
SHEET_LISTS = "Danh sách chọn"

START_SUFFIX = "_DAU_KY"
TERM_SUFFIX = "_NHIEM_KY"
TARGET_SUFFIX = "_CHI_TIEU"
NEXT_TARGET_SUFFIX = "_CHI_TIEU_TOI"
MARK_SUFFIX = "_MUC"
OWN_SUFFIX = "_RIENG"

#: Name of the cell holding the catalogue version (on Thông tin).
VERSION_NAME = "PHIEN_BAN_DANH_MUC"
#: Name of the year header cells (on every section sheet the same years).
YEARS_NAME = "CAC_NAM"
#: Name of the Kiểm tra cell counting failed formula checks.
CHECK_COUNT_NAME = "SO_KIEM_TRA_CHUA_DAT"
#: Name of the header row of the add-in's findings table on Kiểm tra.
FINDINGS_NAME = "BANG_KET_QUA_KIEM_TRA"
#: Its columns, aligned with the formula checks above it (level, code, text).
FINDINGS_COLUMNS = ("Mức độ", "Mã quy tắc", "Hướng dẫn sửa", "Ô", "Trang tính", "Mã chỉ tiêu", "Chỉ tiêu", "Giá trị")

# Section sheets: code | label | unit | start | years… | term
HEADER_ROW = 4
FIRST_ROW = 5
COL_CODE, COL_LABEL, COL_UNIT, COL_START, COL_FIRST_YEAR = 1, 2, 3, 4, 5

# Chỉ tiêu sheet: code | label | unit | mark | target | result | assessment | next mark | next target
TARGET_COLS = {"mark": 4, "target": 5, "result": 6, "assessment": 7, "next_mark": 8, "next": 9}
# Nội dung sheet: code | label | text
TEXT_COL = 3
#: Longest text the template accepts in a Thông tin text field and in a Nội dung text.
FIELD_TEXT_MAX, NARRATIVE_TEXT_MAX = 255, 8000
# Thông tin sheet: label | value
INFO_FIRST_ROW, INFO_VALUE_COL = FIRST_ROW, 2


# Fill colours of the form, shared by the builder and the add-in's marks.
INPUT_COLOR, FORMULA_COLOR, HEADER_COLOR = "FFF2CC", "EDEDED", "1F4E78"
ERROR_COLOR, WARNING_COLOR = "F8696B", "FFC000"

_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def column_letter(col: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_address(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def parse_cell(address: str) -> tuple[int, int]:
    """'$E$5' or 'E5' -> (row 5, column 5)."""
    match = _A1.match(address.upper())
    if not match:
        raise ValueError(f"Địa chỉ ô {address!r} không hợp lệ.")
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)), col


def expand_range(ref: str) -> list[str]:
    """'$E$5:$I$5' -> ['E5', 'F5', 'G5', 'H5', 'I5'] (row by row)."""
    first, _, last = ref.partition(":")
    (r1, c1), (r2, c2) = parse_cell(first), parse_cell(last or first)
    return [cell_address(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


@dataclass(frozen=True)
class Place:
    """A block of cells on one sheet: ``height`` rows of ``width`` columns from (``row``, ``col``)."""

    sheet: str
    row: int
    col: int
    width: int = 1
    height: int = 1

    @property
    def size(self) -> int:
        return self.width * self.height

    @property
    def ref(self) -> str:
        first = f"${column_letter(self.col)}${self.row}"
        if self.size == 1:
            return first
        return f"{first}:${column_letter(self.col + self.width - 1)}${self.row + self.height - 1}"

    def cell(self, offset: int = 0) -> str:
        """Relative A1 address of one cell of the block."""
        return f"{column_letter(self.col + offset)}{self.row}"

    @property
    def formula_ref(self) -> str:
        return f"{quote_sheet(self.sheet)}!{self.ref}"


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def register_rows(catalogue: Catalogue, sizes: dict[str, int] | None = None) -> dict[str, int]:
    """Rows of each register's body: the catalogue's blank form, or ``sizes`` (cells of its name)."""
    out = {}
    for reg in catalogue.registers:
        width = len(reg.all_columns)
        cells = (sizes or {}).get(reg.code)
        out[reg.code] = cells // width if cells and cells % width == 0 else reg.rows
    return out


class Layout:
    """Positions and names of every input and formula cell for one term.

    ``rows`` gives the height of each register's body (default: the blank
    form's); ``own`` adds the Số liệu riêng sheet of a compiled workbook.
    """

    def __init__(self, catalogue: Catalogue, years: list[int], rows: dict[str, int] | None = None,
                 own: bool = False):
        self.catalogue = catalogue
        self.years = list(years)
        self.own = own
        self.register_rows = register_rows(catalogue) | dict(rows or {})
        self.rows: dict[str, int] = {}
        self.places: dict[str, Place] = {}
        n = len(self.years)
        for section in catalogue.sections:
            row = FIRST_ROW
            for ind in catalogue.in_section(section.code):
                self.rows[ind.code] = row
                if ind.per_year:
                    self._add(ind.code, Place(section.sheet, row, COL_FIRST_YEAR, n))
                    self._add(ind.code + TERM_SUFFIX, Place(section.sheet, row, self.term_col))
                    if ind.kind == "stock":
                        self._add(ind.code + START_SUFFIX, Place(section.sheet, row, COL_START))
                else:
                    self._add(ind.code, Place(section.sheet, row, TEXT_COL))
                row += 1
        for row, ind in enumerate(catalogue.targets, start=FIRST_ROW):
            self.rows[ind.code + TARGET_SUFFIX] = row
            self._add(ind.code + TARGET_SUFFIX, Place(SHEET_TARGETS, row, TARGET_COLS["target"]))
            self._add(ind.code + NEXT_TARGET_SUFFIX, Place(SHEET_TARGETS, row, TARGET_COLS["next"]))
            self._add(ind.code + TARGET_SUFFIX + MARK_SUFFIX, Place(SHEET_TARGETS, row, TARGET_COLS["mark"]))
            self._add(ind.code + NEXT_TARGET_SUFFIX + MARK_SUFFIX, Place(SHEET_TARGETS, row, TARGET_COLS["next_mark"]))
        for reg in catalogue.registers:
            height = self.register_rows[reg.code]
            columns = reg.all_columns
            self._add(reg.code, Place(reg.sheet, FIRST_ROW, 1, len(columns), height))
            for col, column in enumerate(columns, start=1):
                self._add(reg.name(column), Place(reg.sheet, FIRST_ROW, col, 1, height))
        if own:
            for row, ind in enumerate(self.own_indicators, start=FIRST_ROW):
                self.rows[ind.code + OWN_SUFFIX] = row
                width = n if ind.per_year else 1
                self._add(ind.code + OWN_SUFFIX, Place(SHEET_OWN, row, COL_FIRST_YEAR, width))
        for row, fld in enumerate(catalogue.fields, start=INFO_FIRST_ROW):
            self._add(fld.code, Place(SHEET_INFO, row, INFO_VALUE_COL))
        self.version_place = Place(SHEET_INFO, INFO_FIRST_ROW + len(catalogue.fields) + 1, INFO_VALUE_COL)
        self._add(VERSION_NAME, self.version_place)
        first_sheet = catalogue.sections[0].sheet
        self._add(YEARS_NAME, Place(first_sheet, HEADER_ROW, COL_FIRST_YEAR, n))

    @property
    def own_indicators(self) -> list:
        """Indicators an upper union's own workbook can hold and a compiled one carries beside the aggregate."""
        return [i for i in self.catalogue.indicators if i.kind != "rate"]

    @property
    def term_col(self) -> int:
        return COL_FIRST_YEAR + len(self.years)

    def _add(self, name: str, place: Place) -> None:
        if name in self.places:
            raise ValueError(f"Tên {name} bị trùng trong bố cục sổ báo cáo.")
        self.places[name] = place
