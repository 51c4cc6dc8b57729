"""Write the branch workbook: an Excel form generated from the catalogue.

The workbook checks and totals itself with native spreadsheet features only
(data validation, formulas, conditional formatting, sheet protection), so it
works the same in Excel 2010+, LibreOffice and WPS with no add-in. Positions
come from :mod:`.layout`; this module only draws them.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Callable, Iterator

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from .catalogue import (
    LEVEL_BRANCH, LEVEL_COMPILED, LEVEL_FIELD, NO, UNIT_COLUMNS, YES, Catalogue, Column, Indicator, Register,
    load_catalogue,
)
from .layout import (
    CHECK_COUNT_NAME, COL_CODE, COL_FIRST_YEAR, COL_LABEL, COL_START, COL_UNIT, ERROR_COLOR, FIELD_TEXT_MAX,
    FINDINGS_COLUMNS, FINDINGS_NAME, FIRST_ROW, FORMULA_COLOR, HEADER_COLOR, HEADER_ROW, INFO_FIRST_ROW,
    INFO_VALUE_COL, INPUT_COLOR, NARRATIVE_TEXT_MAX, OWN_SUFFIX, SHEET_CHECKS, SHEET_GUIDE, SHEET_INFO,
    SHEET_LISTS, SHEET_OWN, SHEET_TARGETS, TARGET_COLS, TARGET_SUFFIX, TERM_SUFFIX, TEXT_COL, WARNING_COLOR,
    Layout, Place, column_letter, quote_sheet,
)
from .cells import put
from .files import write_atomically
from .formulas import count_formula, identity_gap, rate_formulas, ref, relation_condition, term_formula
from .model import TARGET_MARKS, BranchData

FONT = "Times New Roman"
INPUT_FILL = PatternFill("solid", fgColor=INPUT_COLOR)
FORMULA_FILL = PatternFill("solid", fgColor=FORMULA_COLOR)
HEADER_FILL = PatternFill("solid", fgColor=HEADER_COLOR)
ERROR_FILL = PatternFill("solid", fgColor=ERROR_COLOR)
WARNING_FILL = PatternFill("solid", fgColor=WARNING_COLOR)
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

STATUS_OK, STATUS_ERROR, STATUS_WARNING = "Đạt", "Lỗi", "Cảnh báo"
# Kiểm tra sheet: level | code | message | one column per year | total | result
CHECK_LEVEL_COL, CHECK_CODE_COL, CHECK_TEXT_COL, CHECK_FIRST_YEAR = 1, 2, 3, 4

INPUT_STYLE = NamedStyle(
    "Ô nhập liệu", font=Font(name=FONT, size=11, color="1F3864"), fill=INPUT_FILL, border=BOX,
    protection=Protection(locked=False), alignment=Alignment(vertical="center"), number_format="#,##0",
)
FORMULA_STYLE = NamedStyle(
    "Ô tự tính", font=Font(name=FONT, size=11, bold=True), fill=FORMULA_FILL, border=BOX,
    protection=Protection(locked=True), alignment=Alignment(vertical="center"), number_format="#,##0",
)
LABEL_STYLE = NamedStyle(
    "Nhãn chỉ tiêu", font=Font(name=FONT, size=11), border=BOX,
    alignment=Alignment(wrap_text=True, vertical="center"),
)
HEADER_STYLE = NamedStyle(
    "Tiêu đề cột", font=Font(name=FONT, size=11, bold=True, color="FFFFFF"), fill=HEADER_FILL,
    border=BOX, alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
)

NUMBER_FORMATS = {"rate": "0.0", "money": "#,##0", "count": "#,##0"}
# Kiểm tra grid: a failed year reads "Sai", a gap shows its sign, zero shows nothing
FAILED_FORMAT = '"Sai";"Sai";""'
GAP_FORMAT = '+#,##0;-#,##0;""'
COUNT_FORMAT = '0;-0;""'

GUIDE_LINES = [
    ("SỔ BÁO CÁO CÔNG TÁC CÔNG ĐOÀN CƠ SỞ", "title"),
    ("Hướng dẫn điền sổ báo cáo", "subtitle"),
    ("1. Điền trang Thông tin trước: mã đơn vị, tên công đoàn, công đoàn cấp trên, người lập biểu, "
     "số điện thoại, ngày lập biểu.", ""),
    ("2. Mỗi trang Tổ chức, Chăm lo, Tuyên truyền, Thi đua, Nữ công, Xã hội, Kiểm tra giám sát, "
     "Xây dựng Đảng có một dòng cho mỗi chỉ tiêu và một cột cho mỗi năm của nhiệm kỳ.", ""),
    ("3. Chỉ nhập vào ô nền vàng. Ô nền xám (cột Cả nhiệm kỳ, các tỷ lệ %) do sổ tự tính, không sửa.", ""),
    ("4. Nhập số nguyên, không gõ dấu chấm phân cách hàng nghìn, không ghi chữ: 3120 chứ không phải "
     "\"3.120 người\". Tiền ghi bằng đồng: 132400000 chứ không phải \"132,4 triệu\".", ""),
    ("5. Chỉ tiêu số lượng (đoàn viên, tổ công đoàn…) ghi số có đến cuối mỗi năm; cột Đầu nhiệm kỳ ghi số "
     "có tại Đại hội đầu nhiệm kỳ. Chỉ tiêu phát sinh (kết nạp, lượt thăm hỏi, tiền…) ghi số phát sinh "
     "trong từng năm; cột Cả nhiệm kỳ tự cộng.", ""),
    ("6. Xếp loại và các câu hỏi Có/Không: chọn trong danh sách thả xuống của ô.", ""),
    ("7. Trang Chỉ tiêu: ghi chỉ tiêu Nghị quyết Đại hội đã đề ra và chỉ tiêu đề xuất cho nhiệm kỳ tới; "
     "kết quả và đánh giá (Vượt, Đạt, Không đạt) do sổ tự tính.", ""),
    ("8. Trang Nội dung: ghi kết quả nổi bật, mô hình hay, hạn chế, nguyên nhân, bài học, phương hướng, "
     "nhiệm vụ, giải pháp, kiến nghị. Mỗi ý một dòng (Alt+Enter để xuống dòng trong ô).", ""),
    ("8a. Các trang danh sách (Khen thưởng, Mô hình, Phong trào, Công trình, Văn bản triển khai, Giải pháp): "
     "mỗi khen thưởng, mô hình, phong trào, công trình, văn bản, giải pháp ghi một dòng, chọn trong danh sách "
     "thả xuống khi có. Số Huân chương, Bằng khen, Cờ thi đua trên trang Thi đua tự đếm từ trang Khen thưởng. "
     "Hai cột Mã đơn vị, Tên đơn vị để trống (sổ tổng hợp tự ghi).", ""),
    ("8b. Công đoàn cấp trên lập sổ số liệu riêng (Thông tin: Cấp của sổ báo cáo = Công đoàn cấp trên): ghi "
     "chỉ tiêu Nghị quyết Đại hội của mình, công việc của riêng mình (lớp tập huấn, cuộc kiểm tra, khen thưởng, "
     "CĐCS thành lập, sáp nhập, giải thể…) và nội dung, phương hướng, giải pháp của mình; không ghi lại số của "
     "các công đoàn cơ sở.", ""),
    ("9. Trang Kiểm tra tự đối chiếu số liệu: dòng nào ghi Lỗi phải sửa trước khi gửi; Cảnh báo cần xem lại "
     "và giải thích nếu đúng. Ô sai trên các trang cũng tự tô đỏ.", ""),
    ("10. Các trang được khóa (không đặt mật khẩu) để tránh xóa nhầm công thức. Không đổi tên trang, "
     "không chèn hoặc xóa dòng, cột.", ""),
    ("11. Gửi tệp cho công đoàn cấp trên đúng định dạng .xlsx; không đổi tên các trang tính.", ""),
]


def build_workbook(path: str | os.PathLike, data: BranchData, catalogue: Catalogue | None = None) -> Path:
    """Write a branch workbook for ``data`` (info only for an empty template).

    The file is written to a temporary name beside ``path`` and renamed, so
    an interrupted run never leaves a half-written workbook.
    """
    return write_atomically(path, draw_workbook(data, catalogue).save)


def draw_workbook(data: BranchData, catalogue: Catalogue | None = None, register_rows: bool = True) -> Workbook:
    """The branch workbook for ``data``, in memory: the compiler adds its sheets to it before saving once.

    ``register_rows=False`` draws each register sheet with its first row only,
    empty and styled, as the prototype the compiler streams the rows of
    :func:`register_values` into (thousands of rows, which openpyxl would
    hold in memory at hundreds of bytes a cell); the table, validations and
    defined names still cover every row.
    """
    catalogue = catalogue or load_catalogue()
    compiled = data.level == LEVEL_COMPILED
    rows = {reg.code: max(len(data.registers.get(reg.code, ())), 1 if compiled else reg.rows)
            for reg in catalogue.registers}
    layout = Layout(catalogue, data.years, rows=rows, own=compiled)
    wb = Workbook()
    for style in (INPUT_STYLE, FORMULA_STYLE, LABEL_STYLE, HEADER_STYLE):
        wb.add_named_style(style)
    _guide_sheet(wb.active)
    _info_sheet(wb.create_sheet(SHEET_INFO), layout, data)
    text_sections = []
    for section in catalogue.sections:
        indicators = catalogue.in_section(section.code)
        if all(not i.per_year for i in indicators):
            text_sections.append(section)
            continue
        _section_sheet(wb.create_sheet(section.sheet), layout, section.title, indicators, data)
    _targets_sheet(wb.create_sheet(SHEET_TARGETS), layout, data)
    for section in text_sections:
        _text_sheet(wb.create_sheet(section.sheet), layout, section.title, catalogue.in_section(section.code), data)
    lists = wb.create_sheet(SHEET_LISTS)
    for reg in catalogue.registers:
        _register_sheet(wb.create_sheet(reg.sheet), layout, reg, data, lists, register_rows)
    if compiled:
        _own_sheet(wb.create_sheet(SHEET_OWN), layout, data)
    _finish(lists, landscape=True, protect=True)
    lists.sheet_state = "hidden"
    _checks_sheet(wb.create_sheet(SHEET_CHECKS), layout)
    for name, place in layout.places.items():
        wb.defined_names[name] = DefinedName(name, attr_text=place.formula_ref)
    wb.calculation.fullCalcOnLoad = True
    return wb


# ----------------------------------------------------------------- sheets

def _guide_sheet(ws: Worksheet) -> None:
    ws.title = SHEET_GUIDE
    # one column cannot be shrunk to the page by "fit to width": it must fit A4 portrait by itself
    ws.column_dimensions["A"].width = 72
    for row, (text, role) in enumerate(GUIDE_LINES, start=1):
        cell = ws.cell(row, 1, text)
        size = {"title": 15, "subtitle": 13}.get(role, 12)
        cell.font = Font(name=FONT, size=size, bold=bool(role))
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if role else "left")
    legend = len(GUIDE_LINES) + 2
    ws.cell(legend, 1, "Ô nền vàng: ô nhập liệu").style = INPUT_STYLE.name
    ws.cell(legend + 1, 1, "Ô nền xám: ô tự tính, không sửa").style = FORMULA_STYLE.name
    _finish(ws, landscape=False)


def _info_sheet(ws: Worksheet, layout: Layout, data: BranchData) -> None:
    _title(ws, "THÔNG TIN CHUNG", "Thông tin về công đoàn cơ sở và người lập biểu", width=2)
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 52
    for col, text in enumerate(("Nội dung", "Thông tin"), start=1):
        ws.cell(INFO_FIRST_ROW - 1, col, text).style = HEADER_STYLE.name
    for row, fld in enumerate(layout.catalogue.fields, start=INFO_FIRST_ROW):
        ws.cell(row, 1, fld.label + (" (*)" if fld.required else "")).style = LABEL_STYLE.name
        value = data.info.get(fld.code)
        if fld.code == LEVEL_FIELD and value is None:
            value = LEVEL_BRANCH
        cell = put(ws.cell(row, INFO_VALUE_COL), value)
        cell.style = INPUT_STYLE.name
        if fld.type == "choice":
            cell.number_format = "@"
            dv = DataValidation("list", formula1='"' + ",".join(fld.choices) + '"')
            rule = "một lựa chọn trong danh sách"
        elif fld.type == "date":
            cell.number_format = "dd/mm/yyyy"
            dv = DataValidation("date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)")
            rule = "một ngày hợp lệ, ví dụ 18/04/2023"
        elif fld.type == "integer":
            cell.number_format = "0"
            dv = DataValidation("whole", operator="between", formula1="1", formula2="100")
            rule = "một số nguyên từ 1 đến 100"
        else:
            cell.number_format = "@"
            dv = DataValidation("textLength", operator="lessThanOrEqual", formula1=str(FIELD_TEXT_MAX))
            rule = f"chữ, tối đa {FIELD_TEXT_MAX} ký tự"
        _validate(ws, dv, cell.coordinate, fld.label, f"{fld.hint} Nhập {rule}.".strip(), f"Ô này cần {rule}.")
    version = layout.version_place
    ws.cell(version.row, 1, "Phiên bản danh mục chỉ tiêu (không sửa)").style = LABEL_STYLE.name
    ws.cell(version.row, version.col, layout.catalogue.version).style = FORMULA_STYLE.name
    ws.cell(version.row + 1, 1, "(*) bắt buộc nhập").font = Font(name=FONT, italic=True, size=10)
    ws.freeze_panes = ws.cell(INFO_FIRST_ROW, 1)
    _finish(ws, landscape=False)


def _section_sheet(ws: Worksheet, layout: Layout, title: str, indicators: list[Indicator], data: BranchData) -> None:
    years = layout.years
    term_col = layout.term_col
    _title(ws, title.upper(), None, width=term_col, first=COL_LABEL)
    headers = ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Đầu nhiệm kỳ", *map(str, years), "Cả nhiệm kỳ"]
    for col, text in enumerate(headers, start=1):
        ws.cell(HEADER_ROW, col, text).style = HEADER_STYLE.name
    for col, year in enumerate(years, start=COL_FIRST_YEAR):
        ws.cell(HEADER_ROW, col, year).number_format = "0"
    ws.row_dimensions[HEADER_ROW].height = 32
    for ind in indicators:
        row = layout.rows[ind.code]
        _code_cell(ws, row, ind.code)
        ws.cell(row, COL_LABEL, ind.label).style = LABEL_STYLE.name
        unit = ws.cell(row, COL_UNIT, ind.unit)
        unit.style = LABEL_STYLE.name
        unit.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        _start_cell(ws, layout, ind, data)
        if ind.kind == "rate":
            _rate_row(ws, layout, ind)
        elif ind.is_derived:
            _count_row(ws, layout, ind, data)
        else:
            _input_row(ws, layout, ind, data)
        term = ws.cell(row, term_col, term_formula(layout, ind))
        term.style = FORMULA_STYLE.name
        term.number_format = _number_format(ind)
        if ind.kind == "rating":
            term.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.row_dimensions[row].height = 30
    _relation_highlights(ws, layout, indicators)
    ws.column_dimensions[column_letter(COL_CODE)].width = 24
    ws.column_dimensions[column_letter(COL_LABEL)].width = 60
    ws.column_dimensions[column_letter(COL_UNIT)].width = 11
    for col in range(COL_START, term_col + 1):
        ws.column_dimensions[column_letter(col)].width = 13
    ws.freeze_panes = ws.cell(FIRST_ROW, COL_START)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # the code column helps the compiling staff on screen; paper shows label to term
    last_row = max(layout.rows[i.code] for i in indicators)
    ws.print_area = f"{column_letter(COL_LABEL)}1:{column_letter(term_col)}{last_row}"
    _finish(ws, landscape=True, protect=True)


def _start_cell(ws: Worksheet, layout: Layout, ind: Indicator, data: BranchData) -> None:
    cell = ws.cell(layout.rows[ind.code], COL_START)
    if ind.kind != "stock":
        cell.fill = FORMULA_FILL
        cell.border = BOX
        return
    put(cell, data.start.get(ind.code))
    cell.style = INPUT_STYLE.name
    _number_validation(ws, ind, cell.coordinate, "tại Đại hội đầu nhiệm kỳ")


def _input_row(ws: Worksheet, layout: Layout, ind: Indicator, data: BranchData) -> None:
    place = layout.places[ind.code]
    values = data.values.get(ind.code, [])
    for i in range(place.width):
        cell = put(ws.cell(place.row, place.col + i), values[i] if i < len(values) else None)
        cell.style = INPUT_STYLE.name
        cell.number_format = _number_format(ind)
        if ind.kind in ("rating", "yesno"):
            # ratings are long ("Hoàn thành xuất sắc nhiệm vụ"): wrap on two lines, do not shrink
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=ind.kind == "rating",
                                       shrink_to_fit=ind.kind == "yesno")
    block = f"{place.cell(0)}:{place.cell(place.width - 1)}"
    if ind.kind == "rating":
        dv = DataValidation("list", formula1='"' + ",".join(ind.choices) + '"', allow_blank=True)
        _validate(ws, dv, block, ind.label, ind.hint or "Chọn xếp loại trong danh sách.",
                  "Chỉ chọn một xếp loại có trong danh sách.")
    elif ind.kind == "yesno":
        dv = DataValidation("list", formula1=f'"{YES},{NO}"', allow_blank=True)
        _validate(ws, dv, block, ind.label, ind.hint or f"Chọn {YES} hoặc {NO}.", f"Chỉ chọn {YES} hoặc {NO}.")
    else:
        _number_validation(ws, ind, block, "trong từng năm" if ind.kind == "flow" else "có đến cuối năm")


def _number_validation(ws: Worksheet, ind: Indicator, ref: str, when: str) -> None:
    low = int(ind.min if ind.min is not None else 0)
    if ind.max is None:
        dv = DataValidation("whole", operator="greaterThanOrEqual", formula1=str(low))
        bounds = f"số nguyên từ {low} trở lên"
    else:
        dv = DataValidation("whole", operator="between", formula1=str(low), formula2=str(int(ind.max)))
        bounds = f"số nguyên từ {low} đến {int(ind.max)}"
    prompt = ind.hint or f"Ghi số {ind.unit} {when}: {bounds}, không gõ dấu chấm hay chữ."
    _validate(ws, dv, ref, ind.label, prompt, f"{ind.label} phải là {bounds} ({ind.unit}).")


def _rate_row(ws: Worksheet, layout: Layout, ind: Indicator) -> None:
    place = layout.places[ind.code]
    for i, formula in enumerate(rate_formulas(layout, ind)):
        cell = ws.cell(place.row, place.col + i, formula)
        cell.style = FORMULA_STYLE.name
        cell.number_format = NUMBER_FORMATS["rate"]


def _count_row(ws: Worksheet, layout: Layout, ind: Indicator, data: BranchData) -> None:
    """A count of register rows: COUNTIFS in a unit's workbook, the branches' sum in a compiled one."""
    place = layout.places[ind.code]
    values = data.values.get(ind.code, [])
    compiled = data.level == LEVEL_COMPILED
    for i, year in enumerate(layout.years):
        value = (values[i] if i < len(values) else None) if compiled else count_formula(layout, ind, year)
        cell = ws.cell(place.row, place.col + i, value)
        cell.style = FORMULA_STYLE.name
        cell.number_format = NUMBER_FORMATS["count"]


def _number_format(ind: Indicator) -> str:
    if ind.kind == "rate":
        return NUMBER_FORMATS["rate"]
    if ind.kind in ("rating", "yesno"):
        return "@" if ind.kind == "rating" else "General"
    return NUMBER_FORMATS["money" if ind.is_money else "count"]


def _relation_highlights(ws: Worksheet, layout: Layout, indicators: list[Indicator]) -> None:
    """Conditional formatting that turns a broken relation red (or amber) in place."""
    here = {i.code for i in indicators}
    width = len(layout.years)
    for rel in layout.catalogue.relations:
        target = {"le": rel.left, "sum_le": rel.total, "identity": rel.stock}[rel.kind]
        if target not in here:
            continue
        place = layout.places[target]
        block = f"{place.cell(0)}:{place.cell(width - 1)}"
        formula = relation_condition(layout, rel, 0, place)
        fill = WARNING_FILL if rel.kind == "identity" else ERROR_FILL
        ws.conditional_formatting.add(block, FormulaRule(formula=[formula], fill=fill, stopIfTrue=False))


def _targets_sheet(ws: Worksheet, layout: Layout, data: BranchData) -> None:
    cat = layout.catalogue
    _title(ws, "CHỈ TIÊU NGHỊ QUYẾT ĐẠI HỘI", "Chỉ tiêu nhiệm kỳ này, kết quả thực hiện và chỉ tiêu đề xuất nhiệm kỳ tới; "
           "cột Mức ghi như Nghị quyết (trên 95%: Mức “trên”, chỉ tiêu 95)", width=9)
    headers = ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Mức", "Chỉ tiêu Nghị quyết", "Kết quả thực hiện",
               "Đánh giá", "Mức", "Đề xuất nhiệm kỳ tới"]
    for col, text in enumerate(headers, start=1):
        ws.cell(HEADER_ROW, col, text).style = HEADER_STYLE.name
    for ind in cat.targets:
        row = layout.rows[ind.code + TARGET_SUFFIX]
        _code_cell(ws, row, ind.code)
        ws.cell(row, COL_LABEL, ind.label).style = LABEL_STYLE.name
        unit = ws.cell(row, COL_UNIT, ind.unit)
        unit.style = LABEL_STYLE.name
        unit.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        target = put(ws.cell(row, TARGET_COLS["target"]), data.targets.get(ind.code))
        proposed = put(ws.cell(row, TARGET_COLS["next"]), data.next_targets.get(ind.code))
        for cell in (target, proposed):
            cell.style = INPUT_STYLE.name
            cell.number_format = "0.0" if ind.kind == "rate" else "#,##0"
        mark = ws.cell(row, TARGET_COLS["mark"], data.target_marks.get(ind.code))
        next_mark = ws.cell(row, TARGET_COLS["next_mark"], data.next_target_marks.get(ind.code))
        for cell in (mark, next_mark):
            cell.style = INPUT_STYLE.name
            cell.number_format = "@"
            cell.alignment = Alignment(horizontal="center", vertical="center", shrink_to_fit=True)
            dv = DataValidation("list", formula1='"' + ",".join(TARGET_MARKS) + '"')
            _validate(ws, dv, cell.coordinate, "Mức của chỉ tiêu",
                      "Nghị quyết ghi “trên 95%”, “100% trở lên”, “tối đa 2 vụ”: chọn mức; để trống nếu ghi đúng một số.",
                      "Chỉ chọn một mức có trong danh sách.")
        result_ref = ref(layout.places[ind.code + TERM_SUFFIX], 0, Place(SHEET_TARGETS, row, 1))
        result = ws.cell(row, TARGET_COLS["result"], f'=IF(ISNUMBER({result_ref}),{result_ref},"")')
        result.style = FORMULA_STYLE.name
        result.number_format = target.number_format
        t, r, m = target.coordinate, result.coordinate, mark.coordinate
        # mirrors model.target_assessment: "tối đa"/"dưới" make smaller better, "trên"/"dưới" are strict
        sign = (f'IF(OR({m}="tối đa",{m}="dưới"),-1,1)' if ind.higher_is_better
                else f'IF(OR({m}="trở lên",{m}="tối thiểu",{m}="trên"),1,-1)')
        assessment = ws.cell(row, TARGET_COLS["assessment"],
                             f'=IF(OR({t}="",{r}=""),"",IF({sign}*{r}>{sign}*{t},"Vượt",'
                             f'IF(AND({r}={t},{m}<>"trên",{m}<>"dưới"),"Đạt","Không đạt")))')
        assessment.style = FORMULA_STYLE.name
        assessment.alignment = Alignment(horizontal="center", vertical="center")
        for cell in (target, proposed):
            dv = DataValidation("decimal", operator="greaterThanOrEqual", formula1="0")
            _validate(ws, dv, cell.coordinate, ind.label, f"Ghi chỉ tiêu bằng số ({ind.unit}), không ghi chữ.",
                      "Chỉ tiêu phải là số không âm.")
    last = FIRST_ROW + len(cat.targets) - 1
    col = column_letter(TARGET_COLS["assessment"])
    ws.conditional_formatting.add(f"{col}{FIRST_ROW}:{col}{last}",
                                  FormulaRule(formula=[f'{col}{FIRST_ROW}="Không đạt"'], fill=ERROR_FILL))
    for letter, width in zip("ABCDEFGHI", (24, 60, 12, 10, 16, 16, 14, 10, 16)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(FIRST_ROW, TARGET_COLS["target"])
    _finish(ws, landscape=True, protect=True)


def _text_sheet(ws: Worksheet, layout: Layout, title: str, indicators: list[Indicator], data: BranchData) -> None:
    _title(ws, title.upper(), "Mỗi ý một dòng; dùng Alt+Enter để xuống dòng trong ô", width=3)
    for col, text in enumerate(("Mã", "Nội dung", "Đánh giá của công đoàn cơ sở"), start=1):
        ws.cell(HEADER_ROW, col, text).style = HEADER_STYLE.name
    for ind in indicators:
        row = layout.rows[ind.code]
        _code_cell(ws, row, ind.code)
        ws.cell(row, COL_LABEL, ind.label).style = LABEL_STYLE.name
        cell = put(ws.cell(row, TEXT_COL), data.texts.get(ind.code))
        cell.style = INPUT_STYLE.name
        cell.number_format = "@"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 90
        dv = DataValidation("textLength", operator="lessThanOrEqual", formula1=str(NARRATIVE_TEXT_MAX))
        _validate(ws, dv, cell.coordinate, ind.label, ind.hint or "Ghi bằng lời văn, mỗi ý một dòng.",
                  f"Nội dung quá dài (tối đa {NARRATIVE_TEXT_MAX:,} ký tự).".replace(",", "."))
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 100
    _finish(ws, landscape=True, protect=True)


COLUMN_FORMATS = {"year": "0", "integer": "#,##0", "money": "#,##0", "date": "dd/mm/yyyy", "text": "@", "longtext": "@"}
COLUMN_WIDTHS = {"year": 9, "integer": 12, "money": 16, "date": 13, "text": 30, "longtext": 60, "choice": 26}


def register_columns(reg: Register) -> list[Column]:
    """A register sheet's columns: the catalogue's, then the unit's code and name."""
    return [*reg.columns, *(Column(code, label, "text") for code, label in UNIT_COLUMNS)]


def register_values(reg: Register, data: BranchData) -> Iterator[list[Any]]:
    """Each row of ``reg`` in ``data`` as its sheet's cells, column by column.

    The unit's code and name are shown in a compiled workbook only: in a
    unit's own workbook the compiler fills them in.
    """
    columns = register_columns(reg)
    unit_codes = {code for code, _ in UNIT_COLUMNS}
    compiled = data.level == LEVEL_COMPILED
    for entry in data.registers.get(reg.code, []):
        yield [None if column.code in unit_codes and not compiled else entry.get(column.code) for column in columns]


def register_row_height(reg: Register) -> Callable[[list[Any]], float | None]:
    """The height a row of ``reg`` needs for its wrapped texts (None: the default), as :func:`_fit_row_heights`
    gives it; the columns' widths are looked up once, rows are many."""
    wrapped = [(k, COLUMN_WIDTHS.get(column.type, 20)) for k, column in enumerate(register_columns(reg))
               if column.type in _WRAPPED]

    def height(values: list[Any]) -> float | None:
        lines = 1
        for k, width in wrapped:
            value = values[k]
            if isinstance(value, str) and not value.startswith("="):
                lines = max(lines, _lines(value, width, 11))
        return _row_height(lines, 11) if lines > 1 else None

    return height


_WRAPPED = ("text", "longtext", "choice")


def _register_sheet(ws: Worksheet, layout: Layout, reg: Register, data: BranchData, lists: Worksheet,
                    with_rows: bool) -> None:
    """One register as an Excel Table: typed, validated columns, one named range per column.

    Long choice lists live on the hidden Danh sách chọn sheet (an inline list
    is limited to 255 characters). In a compiled workbook the rows are every
    unit's entries, with the unit's code and name filled in; without
    ``with_rows`` only the first row is drawn, empty (see :func:`draw_workbook`).
    """
    place = layout.places[reg.code]
    columns = register_columns(reg)
    _title(ws, reg.title.upper(), reg.hint, width=len(columns))
    headers = [column.label + (" (*)" if column.required else "") for column in columns]
    for col, (column, header) in enumerate(zip(columns, headers), start=1):
        ws.cell(HEADER_ROW, col, header).style = HEADER_STYLE.name
        ws.column_dimensions[column_letter(col)].width = COLUMN_WIDTHS.get(column.type, 20)
    ws.row_dimensions[HEADER_ROW].height = 45
    rows = list(register_values(reg, data)) if with_rows else []
    for k in range(place.height if with_rows else 1):
        values = rows[k] if k < len(rows) else [None] * len(columns)
        for col, (column, value) in enumerate(zip(columns, values), start=1):
            cell = ws.cell(FIRST_ROW + k, col, value)
            cell.style = INPUT_STYLE.name
            cell.number_format = COLUMN_FORMATS.get(column.type, "@")
            cell.alignment = Alignment(vertical="top", wrap_text=column.type in _WRAPPED)
    for col, column in enumerate(columns, start=1):
        letter = column_letter(col)
        block = f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + place.height - 1}"
        _column_validation(ws, layout, reg, column, block, lists, col)
    last = f"{column_letter(len(columns))}{FIRST_ROW + place.height - 1}"
    table = Table(displayName=f"Bang_{reg.code}", ref=f"A{HEADER_ROW}:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    # Columns named here, as the header cells: left to openpyxl, saving would create every cell of the table.
    table.tableColumns = [TableColumn(id=col, name=header) for col, header in enumerate(headers, start=1)]
    table.autoFilter = AutoFilter(ref=table.ref)
    ws.add_table(table)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _finish(ws, landscape=True, protect=True)


def _column_validation(ws: Worksheet, layout: Layout, reg: Register, column: Column, block: str,
                       lists: Worksheet, index: int) -> None:
    title = column.label
    years = layout.years
    if column.type == "choice":
        inline = '"' + ",".join(column.choices) + '"'
        if len(inline) > 255 or any("," in c for c in column.choices):
            list_col = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
            lists.cell(1, list_col, f"{reg.code}_{column.code}").style = HEADER_STYLE.name
            for row, choice in enumerate(column.choices, start=2):
                lists.cell(row, list_col, choice)
            lists.column_dimensions[column_letter(list_col)].width = 50
            letter = column_letter(list_col)
            inline = f"{quote_sheet(SHEET_LISTS)}!${letter}$2:${letter}${len(column.choices) + 1}"
        dv = DataValidation("list", formula1=inline)
        prompt, error = column.hint or "Chọn trong danh sách thả xuống.", "Chỉ chọn một giá trị có trong danh sách."
    elif column.type == "year":
        dv = DataValidation("whole", operator="between", formula1=str(years[0]), formula2=str(years[-1]))
        prompt = f"Năm trong nhiệm kỳ: từ {years[0]} đến {years[-1]}."
        error = f"{column.label} phải là một năm từ {years[0]} đến {years[-1]}."
    elif column.type in ("integer", "money"):
        low = int(column.min if column.min is not None else 0)
        if column.max is None:
            dv = DataValidation("decimal" if column.type == "money" else "whole", operator="greaterThanOrEqual",
                                formula1=str(low))
            bounds = f"từ {low} trở lên"
        else:
            dv = DataValidation("whole", operator="between", formula1=str(low), formula2=str(int(column.max)))
            bounds = f"từ {low} đến {int(column.max)}"
        unit = "số đồng (số nguyên, không dấu chấm)" if column.type == "money" else "số nguyên"
        prompt, error = f"Ghi {unit} {bounds}.", f"{column.label} phải là {unit} {bounds}."
    elif column.type == "date":
        dv = DataValidation("date", operator="between", formula1="DATE(1945,1,1)", formula2="DATE(2100,12,31)")
        prompt, error = "Ghi ngày dạng ngày/tháng/năm, ví dụ 10/03/2021.", "Ô này cần một ngày hợp lệ."
    else:
        limit = 8000 if column.type == "longtext" else 255
        dv = DataValidation("textLength", operator="lessThanOrEqual", formula1=str(limit))
        prompt = column.hint or ("Ghi bằng lời văn; Alt+Enter để xuống dòng." if limit > 255 else "Ghi chữ.")
        error = f"Nội dung quá dài (tối đa {limit:,} ký tự).".replace(",", ".")
    _validate(ws, dv, block, title, prompt, error)


def _own_sheet(ws: Worksheet, layout: Layout, data: BranchData) -> None:
    """A compiled workbook's Số liệu riêng: the upper union's own figures and texts, never in the totals."""
    years = layout.years
    width = COL_FIRST_YEAR + len(years) - 1
    _title(ws, "SỐ LIỆU, NỘI DUNG RIÊNG CỦA CÔNG ĐOÀN CẤP TRÊN",
           "Công việc của chính công đoàn cấp trên, không cộng vào số của các công đoàn cơ sở", width=width)
    for col, text in enumerate(["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "", *map(str, years)], start=1):
        ws.cell(HEADER_ROW, col, text).style = HEADER_STYLE.name
    for ind in layout.own_indicators:
        row = layout.rows[ind.code + OWN_SUFFIX]
        _code_cell(ws, row, ind.code)
        ws.cell(row, COL_LABEL, ind.label).style = LABEL_STYLE.name
        ws.cell(row, COL_UNIT, ind.unit).style = LABEL_STYLE.name
        if ind.per_year:
            values = data.own.get(ind.code, [])
            for i in range(len(years)):
                cell = ws.cell(row, COL_FIRST_YEAR + i, values[i] if i < len(values) else None)
                cell.style = FORMULA_STYLE.name
                cell.number_format = _number_format(ind)
        else:
            cell = ws.cell(row, COL_FIRST_YEAR, data.own_texts.get(ind.code))
            cell.style = FORMULA_STYLE.name
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 11
    ws.column_dimensions["D"].width = 2
    for col in range(COL_FIRST_YEAR, width + 1):
        ws.column_dimensions[column_letter(col)].width = 14
    ws.freeze_panes = ws.cell(FIRST_ROW, COL_FIRST_YEAR)
    _finish(ws, landscape=True, protect=True)


def _checks_sheet(ws: Worksheet, layout: Layout) -> None:
    """Formula checks that need no add-in, then the add-in's findings table.

    Kiểm tra is left unprotected: it has no input, and the add-in writes its
    findings below the formula checks.
    """
    years = layout.years
    n = len(years)
    status_col = CHECK_FIRST_YEAR + n + 1
    _title(ws, "KIỂM TRA SỐ LIỆU", "Sổ tự kiểm tra bằng công thức; dòng ghi Lỗi phải sửa trước khi gửi", width=status_col)
    headers = ["Mức độ", "Mã kiểm tra", "Nội dung kiểm tra", *map(str, years), "Tổng", "Kết quả"]
    for col, text in enumerate(headers, start=1):
        ws.cell(HEADER_ROW, col, text).style = HEADER_STYLE.name
    rows = [(rel.code, rel.message, STATUS_WARNING if rel.kind == "identity" else STATUS_ERROR, rel)
            for rel in layout.catalogue.relations]
    row = FIRST_ROW
    for code, message, level, rel in rows:
        _check_row(ws, row, code, message, level)
        for k in range(n):
            here = Place(SHEET_CHECKS, row, CHECK_FIRST_YEAR + k)
            if rel.kind == "identity":
                cell = lambda c, offset=k: ref(layout.places[c], offset, here)  # noqa: E731
                stock = cell(rel.stock)
                formula = f'=IF(ISNUMBER({stock}),{identity_gap(layout, rel, k, here, cell)},"")'
            else:
                formula = f"=IF({relation_condition(layout, rel, k, here)},1,0)"
            cell = ws.cell(row, CHECK_FIRST_YEAR + k, formula)
            cell.style = FORMULA_STYLE.name
            cell.number_format = GAP_FORMAT if rel.kind == "identity" else FAILED_FORMAT
        _check_status(ws, row, n, rel.kind == "identity", level)
        row += 1
    # required indicators: count blanks only in years the unit has started to fill
    required = [i for i in layout.catalogue.indicators if i.required and i.per_year]
    _check_row(ws, row, "THIEU_CHI_TIEU_BAT_BUOC",
               "Chỉ tiêu bắt buộc chưa nhập trong năm đã có số liệu: " + ", ".join(i.label for i in required),
               STATUS_WARNING)
    for k in range(n):
        filled = "+".join(f'(INDEX({i.code},{k + 1})<>"")' for i in required)
        cell = ws.cell(row, CHECK_FIRST_YEAR + k, f"=IF(({filled})=0,0,{len(required)}-({filled}))")
        cell.style = FORMULA_STYLE.name
        cell.number_format = COUNT_FORMAT
    _check_status(ws, row, n, False, STATUS_WARNING)
    row += 1
    info_required = [f for f in layout.catalogue.fields if f.required]
    _check_row(ws, row, "THIEU_THONG_TIN", "Thông tin chung bắt buộc chưa nhập: "
               + ", ".join(f.label for f in info_required), STATUS_ERROR)
    missing = "+".join(f'({f.code}="")' for f in info_required)
    cell = ws.cell(row, CHECK_FIRST_YEAR, f"={missing}")
    cell.style = FORMULA_STYLE.name
    cell.number_format = COUNT_FORMAT
    _check_status(ws, row, n, False, STATUS_ERROR)
    last = row
    status = column_letter(status_col)
    ws.cell(last + 2, CHECK_TEXT_COL, "Số kiểm tra ghi Lỗi").font = Font(name=FONT, bold=True)
    count = ws.cell(last + 2, status_col, f'=COUNTIF({status}{FIRST_ROW}:{status}{last},"{STATUS_ERROR}")')
    count.style = FORMULA_STYLE.name
    ws.parent.defined_names[CHECK_COUNT_NAME] = DefinedName(
        CHECK_COUNT_NAME, attr_text=f"{quote_sheet(SHEET_CHECKS)}!${status}${last + 2}")
    ws.conditional_formatting.add(f"{status}{FIRST_ROW}:{status}{last}",
                                  FormulaRule(formula=[f'{status}{FIRST_ROW}="{STATUS_ERROR}"'], fill=ERROR_FILL))
    ws.conditional_formatting.add(f"{status}{FIRST_ROW}:{status}{last}",
                                  FormulaRule(formula=[f'{status}{FIRST_ROW}="{STATUS_WARNING}"'], fill=WARNING_FILL))
    findings = last + 5
    ws.cell(findings - 1, CHECK_LEVEL_COL, "KẾT QUẢ KIỂM TRA CHI TIẾT (do nút Kiểm tra của bổ trợ ghi)").font = Font(
        name=FONT, bold=True, size=12)
    for col, text in enumerate(FINDINGS_COLUMNS, start=1):
        ws.cell(findings, col, text).style = HEADER_STYLE.name
    ws.parent.defined_names[FINDINGS_NAME] = DefinedName(
        FINDINGS_NAME, attr_text=f"{quote_sheet(SHEET_CHECKS)}!$A${findings}:$H${findings}")
    for letter, width in zip("ABCDEFGHIJKL", (11, 24, 72, *([11] * n), 10, 12)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(FIRST_ROW, CHECK_FIRST_YEAR)
    _finish(ws, landscape=True)


def _check_row(ws: Worksheet, row: int, code: str, message: str, level: str) -> None:
    """Level, code and message of a check: the same columns as the findings table below."""
    ws.cell(row, CHECK_LEVEL_COL, level).style = LABEL_STYLE.name
    _code_cell(ws, row, code, col=CHECK_CODE_COL)
    ws.cell(row, CHECK_TEXT_COL, message).style = LABEL_STYLE.name


def _check_status(ws: Worksheet, row: int, n: int, is_gap: bool, level: str) -> None:
    first, last = column_letter(CHECK_FIRST_YEAR), column_letter(CHECK_FIRST_YEAR + n - 1)
    block = f"{first}{row}:{last}{row}"
    # a gap row counts the years whose gap is a non-zero number
    total = f'=SUMPRODUCT(ISNUMBER({block})*({block}<>0))' if is_gap else f"=SUM({block})"
    total_cell = ws.cell(row, CHECK_FIRST_YEAR + n, total)
    total_cell.style = FORMULA_STYLE.name
    total_cell.number_format = COUNT_FORMAT
    tot = f"{column_letter(CHECK_FIRST_YEAR + n)}{row}"
    cell = ws.cell(row, CHECK_FIRST_YEAR + n + 1, f'=IF({tot}>0,"{level}","{STATUS_OK}")')
    cell.style = FORMULA_STYLE.name
    cell.alignment = Alignment(horizontal="center", vertical="center")


# ----------------------------------------------------------------- helpers

def _code_cell(ws: Worksheet, row: int, code: str, col: int = COL_CODE) -> None:
    """The small grey code of a row, boxed and centred like the row it names."""
    cell = ws.cell(row, col, code)
    cell.font = Font(name="Arial", size=8, color="7F7F7F")
    cell.border = BOX
    cell.alignment = Alignment(vertical="center")


def _title(ws: Worksheet, title: str, subtitle: str | None, width: int, first: int = 1) -> None:
    """Title, unit line and optional note, centred over columns ``first``…``width``."""
    span = f"{column_letter(first)}{{row}}:{column_letter(max(width, first + 1))}{{row}}"
    lines = [(title, Font(name=FONT, size=14, bold=True, color="1F4E78")),
             ('="Đơn vị: "&DON_VI_TEN&"  —  Nhiệm kỳ "&NHIEM_KY', Font(name=FONT, size=12, italic=True))]
    if subtitle:
        lines.append((subtitle, Font(name=FONT, size=10, italic=True, color="595959")))
    for row, (text, font) in enumerate(lines, start=1):
        ws.merge_cells(span.format(row=row))
        cell = ws.cell(row, first, text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=row == 1)
    ws.row_dimensions[1].height = 24


def _validate(ws: Worksheet, dv: DataValidation, ref: str, title: str, prompt: str, error: str) -> None:
    dv.allow_blank = True
    dv.showInputMessage = dv.showErrorMessage = True
    dv.promptTitle = title[:32]
    dv.prompt = prompt[:255]
    dv.errorTitle = "Giá trị không hợp lệ"
    dv.error = error[:255]
    dv.errorStyle = "stop"
    ws.add_data_validation(dv)
    dv.add(ref)


def _fit_row_heights(ws: Worksheet) -> None:
    """Give rows with wrapped text the height their lines need.

    Spreadsheets do not grow a row for wrapped text written by openpyxl, so
    long labels and multi-line texts would overlap the next row on screen and
    on paper. The estimate is generous (one character per unit of column
    width); merged cells (titles) are left alone.
    """
    merged = {c.coordinate for r in ws.merged_cells.ranges for row in ws[r.coord] for c in row}
    for row in ws.iter_rows():
        lines = 1
        size = 11
        for cell in row:
            text = cell.value
            if not (isinstance(text, str) and cell.alignment.wrap_text) or text.startswith("=") \
                    or cell.coordinate in merged:
                continue
            lines = max(lines, _lines(text, ws.column_dimensions[cell.column_letter].width or 10, cell.font.sz or 11))
            size = max(size, cell.font.sz or 11)
        if lines > 1:
            dim = ws.row_dimensions[row[0].row]
            dim.height = max(dim.height or 0, _row_height(lines, size))


def _row_height(lines: int, size: float) -> float:
    """Points a row needs for ``lines`` lines of text at font ``size``."""
    return lines * size * 1.3 + 4


def _lines(text: str, width: float, size: float) -> int:
    """Lines a wrapped text takes in a column ``width`` wide, at font ``size``."""
    per_line = max(1, int(width * 11 / size))
    return sum(-(-max(1, len(part)) // per_line) for part in text.split("\n"))


def _finish(ws: Worksheet, landscape: bool, protect: bool = False) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    # the footer needs room between its own distance and the bottom margin, or it is clipped
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.right.text = "&A"
    for item in (ws.oddFooter.center, ws.oddFooter.right):
        item.font = f"{FONT},Regular"
        item.size = 9
    _fit_row_heights(ws)
    ws.sheet_view.zoomScale = 100
    if protect:
        # No password: the lock prevents accidents, not determined edits.
        # Formatting stays allowed so the add-in can colour cells and add notes.
        ws.protection.sheet = True
        ws.protection.formatCells = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.objects = False


def template_data(unit_code: str, unit_name: str, parent: str, term: str, level: str = LEVEL_BRANCH,
                  **info) -> BranchData:
    """Info-only data for an empty template (of a CĐCS, or of an upper union's own work).

    "Ngày lập" is today, kept inside the term's dates so that a blank workbook
    for a past (or future) term does not open with an "outside the term" warning.
    """
    from .model import term_dates, term_years
    years = term_years(term)
    first, last = term_dates(years)
    return BranchData(
        catalogue_version=load_catalogue().version,
        years=years,
        info={"DON_VI_MA": unit_code, "DON_VI_TEN": unit_name, "CAP_TREN_TEN": parent, "NHIEM_KY": term,
              LEVEL_FIELD: level, "NGAY_LAP": min(max(dt.date.today(), first), last), **info},
    )
