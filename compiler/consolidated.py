"""Write ``tong-hop.xlsx``: the compiling union's own branch workbook, plus the tables.

The file is first of all a branch workbook of the template, drawn by
:func:`workbook_templates.builder.draw_workbook` from the aggregated data,
so ``baocao check`` accepts it and the level above compiles it like any
other workbook. Then come the compiler's sheets:

* Tổng hợp — completeness counts, the ``--include-errors`` choice, key totals
  and the targets against their results;
* Tình hình nộp — one row per registry unit and per file not used;
* Theo đơn vị — one row per unit, each indicator a group of columns (:mod:`.unit_table`);
* Xếp loại — units per rating / yes-no category, per year, with shares;
* Văn bản — the texts of every branch workbook, and the digest of each lower
  consolidated workbook (its units' texts stay in it: :mod:`.carry`);
* Nguồn — which units and cells each figure came from;
* Lỗi — the findings of every workbook, with file, sheet and cell.

Tổng hợp comes first, the template's sheets next, the other tables last.
The tables with a row per unit, text, source, finding or register entry
are streamed (see :mod:`.xlsx_stream`), so memory does not grow with them; the file is
written under a temporary name and renamed, so an interrupted run leaves no
half-written ``tong-hop.xlsx``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from workbook_templates.builder import FONT, HEADER_STYLE, draw_workbook, register_row_height, register_values
from workbook_templates.catalogue import Catalogue
from workbook_templates.cells import put
from workbook_templates.files import check_package, temp_dir, write_atomically
from workbook_templates.layout import FIRST_ROW as REGISTER_FIRST_ROW, quote_sheet
from workbook_templates.model import BranchData, figures, target_assessment
from workbook_templates.registry import Unit

from .aggregate import Counts, categories, counted, shares
from .completeness import STATUS_DATA_ERRORS, STATUSES, Completeness
from .period import Period, period_figures
from .provenance import HEADERS as SOURCE_HEADERS
from .rows import ISSUE_HEADERS
from .spool import RowSpool
from .tables import (
    CATEGORY, CODE, COUNTS_NAME, LABEL, SIGNATURE_NAME, STATUS_HEADERS, STATUS_NAME, TEXT_HEADERS, TEXTS_NAME,
    UNIT_CODE, UNIT_COUNT_NAME, UNIT_NAME, Signature,
)
from .unit_table import NUMBER, RATE, TEXT, UnitTable, indicator_header
from .xlsx_stream import StreamedSheet, fill_sheets

FILENAME = "tong-hop.xlsx"
SHEET_SUMMARY, SHEET_STATUS, SHEET_UNITS = "Tổng hợp", "Tình hình nộp", "Theo đơn vị"
SHEET_COUNTS, SHEET_TEXTS, SHEET_SOURCES, SHEET_ISSUES = "Xếp loại", "Văn bản", "Nguồn", "Lỗi"
HEADER_ROW = 4
#: Theo đơn vị has two header rows (indicator, then its sub-columns); its units start below them.
UNITS_FIRST_ROW = HEADER_ROW + 2
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
#: Shown in the summary before "và N sổ khác".
LIST_LIMIT = 30


@dataclass
class Tables:
    """The streamed tables' rows (lists of values), parked in spools."""

    statuses: RowSpool
    units: RowSpool
    texts: RowSpool
    issues: RowSpool


@dataclass
class Compiled:
    """Everything the consolidated workbook shows."""

    top: Unit
    term: str
    period: Period
    data: BranchData
    counts: Counts
    completeness: Completeness
    expected_units: int
    sources: list[list[Any]]
    tables: Tables
    signature: Signature
    notes: dict[str, str | None] = field(default_factory=dict)  # sheet -> what it holds and where the rest is


def write_consolidated(path: Path, c: Compiled, catalogue: Catalogue) -> Path:
    """Write ``path`` atomically, once every XML part of it parses, and return it."""
    return write_atomically(path, lambda final: _draw(final, c, catalogue),
                            lambda final: check_package(final, path.name))


def _draw(final: Path, c: Compiled, catalogue: Catalogue) -> None:
    """The branch-shaped workbook, its extra sheets, then the streamed tables, into ``final``."""
    with temp_dir("tong-hop") as work:
        drawn = Path(work, "drawn.xlsx")
        wb = draw_workbook(c.data, catalogue, register_rows=False)
        term_figures, in_period = figures(catalogue, c.data), period_figures(catalogue, c.data, c.period)
        _summary_sheet(wb.create_sheet(SHEET_SUMMARY, 0), c, catalogue, term_figures, in_period)
        status = _table_sheet(wb.create_sheet(SHEET_STATUS), "TÌNH HÌNH NỘP SỔ BÁO CÁO", STATUS_HEADERS,
                              c.tables.statuses.count, widths=(14, 44, 14, 22, 10, 26, 12, 8, 8, 60, 16),
                              dates=(6,))
        wb.defined_names[STATUS_NAME] = DefinedName(STATUS_NAME, attr_text=_row_ref(status, len(STATUS_HEADERS)))
        _units_sheet(wb.create_sheet(SHEET_UNITS), UnitTable(catalogue, c.data.years, c.period),
                     c.tables.units.count)
        _counts_sheet(wb.create_sheet(SHEET_COUNTS), c, catalogue)
        texts = _table_sheet(wb.create_sheet(SHEET_TEXTS), "NỘI DUNG ĐÁNH GIÁ THEO ĐƠN VỊ", TEXT_HEADERS,
                             c.tables.texts.count, widths=(14, 36, 16, 22, 28, 100))
        wb.defined_names[TEXTS_NAME] = DefinedName(TEXTS_NAME, attr_text=_row_ref(texts, len(TEXT_HEADERS)))
        _sources_sheet(wb.create_sheet(SHEET_SOURCES), len(c.sources))
        _table_sheet(wb.create_sheet(SHEET_ISSUES), "LỖI VÀ CẢNH BÁO CỦA CÁC SỔ BÁO CÁO", ISSUE_HEADERS,
                     c.tables.issues.count, widths=(22, 14, 10, 24, 16, 8, 22, 36, 30, 90))
        for sheet, note in c.notes.items():
            if note:
                _sheet_note(wb[sheet], note)
        for ws in wb.worksheets:  # one selected tab, or Excel opens the sheets grouped
            ws.sheet_view.tabSelected = False
        wb.active = 0
        wb.active.sheet_view.tabSelected = True
        wb.save(drawn)
        wb.close()
        registers = [StreamedSheet(reg.sheet, REGISTER_FIRST_ROW, register_values(reg, c.data),
                                   len(c.data.registers.get(reg.code, ())), height=register_row_height(reg))
                     for reg in catalogue.registers]
        fill_sheets(drawn, final, [
            StreamedSheet(SHEET_STATUS, HEADER_ROW + 1, c.tables.statuses, c.tables.statuses.count),
            StreamedSheet(SHEET_UNITS, UNITS_FIRST_ROW, c.tables.units, c.tables.units.count),
            StreamedSheet(SHEET_TEXTS, HEADER_ROW + 1, c.tables.texts, c.tables.texts.count),
            StreamedSheet(SHEET_SOURCES, HEADER_ROW + 1, c.sources, len(c.sources)),
            StreamedSheet(SHEET_ISSUES, HEADER_ROW + 1, c.tables.issues, c.tables.issues.count),
            *registers,
        ])


# ----------------------------------------------------------------- sheets

def _summary_sheet(ws: Worksheet, c: Compiled, catalogue: Catalogue, term_figures, in_period) -> None:
    comp = c.completeness
    _title(ws, "TỔNG HỢP SỐ LIỆU BÁO CÁO", 6,
           f"{c.top.name} — nhiệm kỳ {c.term} — kỳ báo cáo {c.period.label}",
           f"Tổng hợp ngày {dt.date.today():%d/%m/%Y} bằng lệnh baocao compile.")
    row = HEADER_ROW
    row = _section(ws, row, "1. TÌNH HÌNH NỘP SỔ")
    _header(ws, row, ("Tình trạng", "Số đơn vị, số tệp", "Trong sổ tổng hợp cấp dưới"))
    counts, nested = comp.counts, comp.nested
    for status in STATUSES:
        row += 1
        _put(ws, row, (status, counts[status], nested[status] or None))
    row += 1
    _put(ws, row, ("Số công đoàn cơ sở có số liệu trong tổng hợp", comp.unit_count, None))
    ws.parent.defined_names[UNIT_COUNT_NAME] = DefinedName(
        UNIT_COUNT_NAME, attr_text=f"{quote_sheet(ws.title)}!$B${row}")
    row += 1
    _put(ws, row, ("Số công đoàn cơ sở trong danh sách đơn vị", c.expected_units, None))
    row += 1
    _note(ws, row, "Dấu hiệu của lệnh tổng hợp (không sửa)", c.signature.text)
    ws.parent.defined_names[SIGNATURE_NAME] = DefinedName(
        SIGNATURE_NAME, attr_text=f"{quote_sheet(ws.title)}!$B${row}")
    row += 1
    choice = ("Vẫn đưa vào tổng hợp (đã chọn --include-errors)." if comp.include_errors else
              "Không đưa vào tổng hợp (mặc định; dùng --include-errors để đưa vào).")
    _put(ws, row, ("Sổ có lỗi số liệu", choice, None))
    faulty = [r for r in comp.rows if r.status == STATUS_DATA_ERRORS]
    for r in faulty[:LIST_LIMIT]:
        row += 1
        _note(ws, row, r.unit_code, f"{r.entry.path}: {r.note}" if r.entry else r.note)
    if len(faulty) > LIST_LIMIT:
        row += 1
        _note(ws, row, "", f"và {len(faulty) - LIST_LIMIT} sổ khác (xem trang {SHEET_STATUS}).")

    row = _section(ws, row + 2, "2. SỐ LIỆU CHỦ YẾU")
    _header(ws, row, ("Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Đầu nhiệm kỳ", f"Kỳ báo cáo ({c.period.label})",
                      "Cả nhiệm kỳ"))
    for ind in catalogue.indicators:
        if ind.is_numeric:
            row += 1
            fig = term_figures[ind.code]
            _put(ws, row, (ind.code, ind.label, ind.unit, fig.start, in_period[ind.code].term, fig.term),
                 number_format="0.0" if ind.kind == "rate" else "#,##0")

    row = _section(ws, row + 2, "3. CHỈ TIÊU NGHỊ QUYẾT ĐẠI HỘI (theo sổ số liệu riêng của công đoàn cấp trên)")
    if not any(v is not None for v in c.data.targets.values()):
        _note(ws, row, "", "Không có sổ số liệu riêng của công đoàn cấp trên nên không có chỉ tiêu Nghị quyết. "
                           "Chỉ tiêu của từng công đoàn cơ sở là của đơn vị đó (trang Theo đơn vị), không cộng lại.")
    _header(ws, row + 1, ("Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu", "Kết quả cả nhiệm kỳ", "Đánh giá"))
    row += 1
    for ind in catalogue.targets:
        row += 1
        target, result = c.data.targets.get(ind.code), term_figures[ind.code].term
        mark = c.data.target_marks.get(ind.code)
        shown = f"{mark} {target:g}" if mark and isinstance(target, (int, float)) else target
        _put(ws, row, (ind.code, ind.label, ind.unit, shown, result,
                       target_assessment(ind, result, target, mark)),
             number_format="0.0" if ind.kind == "rate" else "#,##0")
    for letter, width in zip("ABCDEF", (40, 56, 14, 16, 20, 16)):
        ws.column_dimensions[letter].width = width


def _counts_sheet(ws: Worksheet, c: Compiled, catalogue: Catalogue) -> None:
    years = c.data.years
    last = years.index(c.period.last)
    _title(ws, "XẾP LOẠI VÀ CÁC CÂU HỎI CÓ/KHÔNG: SỐ ĐƠN VỊ THEO TỪNG LOẠI", 5 + 2 * len(years),
           f"Số đơn vị mỗi năm; kỳ báo cáo {c.period.label} tính theo năm cuối kỳ ({c.period.last}). "
           "Tỷ lệ trên tổng số đơn vị được tổng hợp.", None)
    headers = [CODE, LABEL, CATEGORY, *years, f"Kỳ báo cáo ({c.period.label})",
               *(f"Tỷ lệ {y} (%)" for y in years), "Tỷ lệ kỳ báo cáo (%)"]
    _header(ws, HEADER_ROW, headers)
    ws.parent.defined_names[COUNTS_NAME] = DefinedName(COUNTS_NAME, attr_text=_row_ref(ws, len(headers)))
    row = HEADER_ROW
    for ind in counted(catalogue):
        table = c.counts[ind.code]
        share = shares(table)
        for category in categories(ind):
            row += 1
            n, pct = table[category], share[category]
            _put(ws, row, (ind.code, ind.label, category, *n, n[last], *pct, pct[last]))
            for k in range(len(years) + 1):
                ws.cell(row, 4 + len(years) + 1 + k).number_format = "0.0"
    for letter, width in zip("ABC", (24, 44, 30)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 4)


def _sources_sheet(ws: Worksheet, count: int) -> None:
    """Title, header and prototype row of Nguồn (one row per figure and source cell, streamed in)."""
    _table_sheet(ws, "NGUỒN SỐ LIỆU: MỖI SỐ TỔNG HỢP LẤY TỪ Ô NÀO CỦA ĐƠN VỊ NÀO", SOURCE_HEADERS, count,
                 widths=(24, 44, 22, 18, 22, 12, 22, 80), numbers=(3, 5))
    put(ws.cell(2, 1), "Ô trong sổ đơn vị là ô cùng tên vùng trong sổ báo cáo của từng đơn vị.").font = \
        Font(name=FONT, size=11, italic=True)


def _table_sheet(ws: Worksheet, title: str, headers: Sequence[Any], count: int, widths: Sequence[int],
                 dates: Sequence[int] = (), numbers: Sequence[int] = ()) -> Worksheet:
    """Title, header row and prototype row of a streamed table (columns 0-based in ``dates``, ``numbers``)."""
    _title(ws, title, len(headers), None, None)
    _header(ws, HEADER_ROW, headers)
    for col in range(len(headers)):
        cell = ws.cell(HEADER_ROW + 1, col + 1)
        cell.font = Font(name=FONT, size=11)
        cell.border = BOX
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if col in dates:
            cell.number_format = "dd/mm/yyyy"
        elif col in numbers:
            cell.number_format = "#,##0.##"
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(count, 1)}"
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    return ws


#: Number formats and widths of Theo đơn vị's cells by how they are shown. Nothing wraps (streamed rows
#: have no height to grow into): money and ratings get wider columns, yes/no and assessments narrow ones.
_UNIT_FORMATS = {NUMBER: "#,##0", RATE: "0.0"}
_UNIT_WIDTHS = {NUMBER: 11, RATE: 9, TEXT: 10}
_MONEY_WIDTH, _RATING_WIDTH = 15, 27


def _units_sheet(ws: Worksheet, table: UnitTable, count: int) -> None:
    """Title, the two header rows and the prototype row of Theo đơn vị (rows streamed in later).

    Each column's style is set once, on the prototype row; the streamed
    writer copies it to every unit's cell. The unit's code and name stay in
    view (frozen) and are printed on every page, like the header rows.
    """
    _title(ws, "SỐ LIỆU THEO ĐƠN VỊ", 2 + len(table.columns),
           "Mỗi dòng một đơn vị (sổ tổng hợp của cấp dưới: một dòng, số cộng của nó); mỗi chỉ tiêu một nhóm cột.",
           "Chỉ tiêu và Đánh giá theo Nghị quyết đại hội của chính đơn vị đó, không cộng lại.")
    ws.sheet_properties.pageSetUpPr.fitToPage = False   # hundreds of columns: pages across, not one unreadable page
    top, sub = HEADER_ROW, HEADER_ROW + 1
    for col, text, width in ((1, UNIT_CODE, 14), (2, UNIT_NAME, 50)):
        put(ws.cell(top, col), text).style = HEADER_STYLE.name
        ws.cell(sub, col).style = HEADER_STYLE.name
        ws.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
        ws.column_dimensions[get_column_letter(col)].width = width
    font, plain = Font(name=FONT, size=11), Alignment(vertical="top")
    col = 3
    for ind, columns in table.groups():
        first = col
        for column in columns:
            put(ws.cell(top, col), indicator_header(ind) if col == first else None).style = HEADER_STYLE.name
            put(ws.cell(sub, col), column.header).style = HEADER_STYLE.name
            cell = ws.cell(UNITS_FIRST_ROW, col)
            cell.font, cell.border, cell.alignment = font, BOX, plain
            if column.shown != TEXT:
                cell.number_format = _UNIT_FORMATS[column.shown]
            width = (_MONEY_WIDTH if ind.is_money and column.shown != TEXT else
                     _RATING_WIDTH if ind.kind == "rating" else _UNIT_WIDTHS[column.shown])
            ws.column_dimensions[get_column_letter(col)].width = width
            col += 1
        if col - 1 > first:
            ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=col - 1)
    for col in (1, 2):
        cell = ws.cell(UNITS_FIRST_ROW, col)
        cell.font, cell.border, cell.alignment = font, BOX, plain
    ws.row_dimensions[top].height, ws.row_dimensions[sub].height = 62, 32
    last = get_column_letter(col - 1)
    ws.auto_filter.ref = f"A{sub}:{last}{sub + max(count, 1)}"
    ws.freeze_panes = ws.cell(UNITS_FIRST_ROW, 3)
    ws.print_title_rows, ws.print_title_cols = f"{top}:{sub}", "A:B"


# ----------------------------------------------------------------- helpers

def _title(ws: Worksheet, title: str, width: int, subtitle: str | None, note: str | None) -> None:
    put(ws.cell(1, 1), title).font = Font(name=FONT, size=14, bold=True, color="1F4E78")
    for row, text, italic in ((2, subtitle, True), (3, note, True)):
        if text:
            put(ws.cell(row, 1), text).font = Font(name=FONT, size=11, italic=italic)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToHeight = 0


def _sheet_note(ws: Worksheet, text: str) -> None:
    """What the sheet holds and where the rest is, on its third row, above the table's header."""
    cell = put(ws.cell(3, 1), text)
    cell.font = Font(name=FONT, size=10, italic=True, color="C00000")
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[3].height = 15 * (1 + len(text) // (2 * NOTE_CHARS_PER_LINE))


def _section(ws: Worksheet, row: int, text: str) -> int:
    put(ws.cell(row, 1), text).font = Font(name=FONT, size=12, bold=True)
    return row + 1


def _header(ws: Worksheet, row: int, headers: Sequence[Any]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row, col)
        cell.style = HEADER_STYLE.name
        put(cell, text)
    ws.row_dimensions[row].height = 32


NOTE_CHARS_PER_LINE = 100  # about what columns B–F hold in Times New Roman 11


def _put(ws: Worksheet, row: int, values: Sequence[Any], number_format: str = "#,##0") -> None:
    """One boxed table row."""
    for col, value in enumerate(values, start=1):
        cell = put(ws.cell(row, col), value)
        cell.font = Font(name=FONT, size=11)
        cell.border = BOX
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            cell.number_format = number_format
        else:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _note(ws: Worksheet, row: int, label: str, text: str) -> None:
    """A label and a long text wrapped across the rest of the summary table (columns B–F).

    Spreadsheets do not grow merged rows for wrapped text, so the height is
    estimated from the text's length.
    """
    _put(ws, row, (label,))
    ws.merge_cells(f"B{row}:F{row}")
    cell = put(ws.cell(row, 2), text)
    cell.font = Font(name=FONT, size=11)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = 15 * (1 + len(text) // NOTE_CHARS_PER_LINE)


def _row_ref(ws: Worksheet, width: int) -> str:
    return f"{quote_sheet(ws.title)}!$A${HEADER_ROW}:${get_column_letter(width)}${HEADER_ROW}"
