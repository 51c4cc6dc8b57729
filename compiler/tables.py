"""The tables a consolidated workbook carries for the next level up.

A consolidated workbook (``tong-hop.xlsx``) is a branch workbook of the
compiling union, so the level above can compile it like any other. Sums and
rates travel in the ordinary indicator cells. What the template has no cell
for travels in four tables of the extra sheets, each found through a
workbook-level defined name:

=====================  ==============================================
``TongHop_SoDonVi``    one cell: the number of grassroots units compiled
``TongHop_XepLoai``    header row of the per-year counts of units per
                       rating / yes-no category (sheet Xếp loại)
``TongHop_NopBao``     header row of the completeness table (Tình hình nộp)
``TongHop_VanBan``     header row of the texts of every unit (Văn bản)
=====================  ==============================================

The names are written in mixed case on purpose: the branch reader checks
every upper-case ``CODE_LIKE`` name against the catalogue, and these are not
catalogue codes. Columns are found by their header text, not their position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from openpyxl.utils import column_index_from_string, get_column_letter

from workbook_templates.reader import Cells

from .aggregate import Counts

UNIT_COUNT_NAME = "TongHop_SoDonVi"
COUNTS_NAME = "TongHop_XepLoai"
STATUS_NAME = "TongHop_NopBao"
TEXTS_NAME = "TongHop_VanBan"
NAMES = (UNIT_COUNT_NAME, COUNTS_NAME, STATUS_NAME, TEXTS_NAME)

# Header texts shared by the writer (consolidated.py) and the reader below.
CODE, LABEL, CATEGORY = "Mã chỉ tiêu", "Chỉ tiêu", "Phân loại"
UNIT_CODE, UNIT_NAME, VIA = "Mã đơn vị", "Tên đơn vị", "Qua sổ tổng hợp"
STATUS_HEADERS = (UNIT_CODE, UNIT_NAME, "Cấp trên", "Tình trạng", "Đưa vào tổng hợp", "Tệp", "Ngày lập",
                  "Số lỗi", "Số cảnh báo", "Ghi chú", VIA)
TEXT_HEADERS = (UNIT_CODE, UNIT_NAME, VIA, CODE, LABEL, "Nội dung")


@dataclass
class RollUp:
    """What a consolidated workbook carries besides its indicator cells."""

    unit_count: int
    counts: Counts = field(default_factory=dict)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    texts: list[dict[str, Any]] = field(default_factory=list)


def read_rollup(names: dict[str, Cells], get: Callable[[str, str], Any]) -> RollUp | None:
    """The four tables, or None when the workbook is not a consolidated one."""
    if not all(n in names for n in NAMES):
        return None
    sheet, cells = names[UNIT_COUNT_NAME]
    unit_count = _clean(get(sheet, cells[0]))
    counts: Counts = {}
    for row in read_table(names, get, COUNTS_NAME):
        years = {k: v for k, v in row.items() if isinstance(k, int)}
        counts.setdefault(str(row[CODE]), {})[str(row[CATEGORY])] = [int(v or 0) for v in years.values()]
    return RollUp(
        unit_count=unit_count if isinstance(unit_count, int) else 0,
        counts=counts,
        statuses=read_table(names, get, STATUS_NAME),
        texts=read_table(names, get, TEXTS_NAME),
    )


def read_table(names: dict[str, Cells], get: Callable[[str, str], Any], name: str) -> list[dict[Any, Any]]:
    """Rows below the header row ``name`` until the first blank row."""
    sheet, cells = names[name]
    headers = [_clean(get(sheet, cell)) for cell in cells]
    first_col = column_index_from_string("".join(ch for ch in cells[0] if ch.isalpha()))
    row = int("".join(ch for ch in cells[0] if ch.isdigit())) + 1
    letters = [get_column_letter(first_col + i) for i in range(len(cells))]
    out = []
    while True:
        values = [_clean(get(sheet, f"{letter}{row}")) for letter in letters]
        if all(v is None for v in values):
            return out
        out.append({h: v for h, v in zip(headers, values) if h is not None})
        row += 1


def _clean(value: Any) -> Any:
    """Blank text is None, whole floats are ints (calamine reads every number as a float)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
