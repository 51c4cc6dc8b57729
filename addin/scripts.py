"""The add-in's four commands: Kiểm tra, Tính tổng, Chuẩn hóa số, Xóa đánh dấu.

Written once against the xlwings API (``@xw.script``, a ``book: xw.Book``
parameter): xlwings Lite lists them as buttons in its task pane, and classic
desktop xlwings runs them through ``RunPython`` (see docs/addin.md). The
checks themselves are :func:`workbook_templates.rules.check_branch`, the
formulas :func:`workbook_templates.formulas.derived_formulas`, the arithmetic
:func:`workbook_templates.model.figures`; this module only decides what to
write where, and :mod:`.excel` writes it in batches.

The scripts' docstrings are written for the branch officer, in Vietnamese:
xlwings Lite's App Mode shows them under each button. Kiểm tra also has a
button on the Kiểm tra sheet itself (``BUTTON``): a shape that
:mod:`addin.embed` draws, linked to the cell behind it, which xlwings Lite
watches.

Every command writes its result into the findings table of the Kiểm tra
sheet (defined name ``BANG_KET_QUA_KIEM_TRA``): a first ``Kết quả`` row that
sums up, then one row per cell with a link to it.

What Kiểm tra colours and annotates is recorded on a hidden sheet owned by
the add-in, so Xóa đánh dấu (and the next Kiểm tra) undo exactly those marks
and nothing the officer did. A cell's fill is restored to the template's
input fill: only input cells are ever marked. Notes cost one Excel call each,
so only the first ``MAX_NOTES`` marked cells get one (errors first); every
finding is in the table either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import xlwings as xw

from workbook_templates.formulas import derived_formulas
from workbook_templates.catalogue import load_catalogue
from workbook_templates.layout import (
    ERROR_COLOR, FINDINGS_NAME, FIRST_ROW, INPUT_COLOR, SHEET_CHECKS, TERM_SUFFIX, VERSION_NAME, WARNING_COLOR,
    YEARS_NAME, Layout, parse_cell,
)
from workbook_templates.model import as_number, figures, is_filled, rate
from workbook_templates.reader import BranchWorkbook, WorkbookError
from workbook_templates.rules import ERROR, Finding, check_branch, show_value

from .excel import AddinError, BookView, hyperlink, paint, rectangles, write_rows

__all__ = ["kiem_tra", "tinh_tong", "chuan_hoa_so", "xoa_danh_dau", "MAX_NOTES", "RECORD_SHEET", "AddinError",
           "BUTTON", "BUTTON_SHAPE", "BUTTON_SHEET", "BUTTON_CELL"]

#: Marked cells that also get a note; the rest are coloured and listed on Kiểm tra only.
MAX_NOTES = 20
#: The hidden sheet where Kiểm tra records what it marked.
RECORD_SHEET = "Đánh dấu của bổ trợ"
RECORD_HEADER = ["Trang tính", "Ô", "Màu nền trả lại khi xóa", "Có ghi chú của bổ trợ"]
NOTE_TITLE = "Bổ trợ Kiểm tra:"
DONE = "Đã sửa"
SUMMARY = "Kết quả"


ERROR_COLOUR, WARNING_COLOUR, INPUT_COLOUR = (f"#{c}" for c in (ERROR_COLOR, WARNING_COLOR, INPUT_COLOR))


def _button_cell() -> str:
    """The empty cell between the count of failed checks and the findings table's title on Kiểm tra.

    The builder writes one check row per catalogue relation plus two (required
    indicators, required fields), the count two rows below the last check, the
    findings title two rows below the count; tests check this against every
    template. Column E is the second year column, under the middle of the
    button the shape spans over the year columns. The cell is layout, not
    years: the same for every term.
    """
    last_check = FIRST_ROW + len(load_catalogue().relations) + 1
    return f"E{last_check + 3}"


#: The shape xlwings Lite turns into Kiểm tra's button, and the cell its hyperlink selects.
BUTTON_SHAPE, BUTTON_SHEET, BUTTON_CELL = "nut_kiem_tra", SHEET_CHECKS, _button_cell()
BUTTON = f"[{BUTTON_SHAPE}]{BUTTON_SHEET}!{BUTTON_CELL}"


# ----------------------------------------------------------------- commands

@xw.script(name="Kiểm tra", button=BUTTON, show_taskpane=True)
def kiem_tra(book: xw.Book) -> None:
    """**Kiểm tra** toàn bộ sổ theo các quy tắc của công đoàn cấp trên.

    Ô **lỗi** tô đỏ, ô **cần xem lại** tô vàng cam; trang **Kiểm tra** liệt kê
    từng chỗ kèm cách sửa (bấm vào địa chỉ ở cột Ô để đến ô đó). Sửa xong,
    bấm lại Kiểm tra cho đến khi dòng đầu ghi “Không có lỗi”.
    """
    view = BookView(book)
    table = _Table(view)
    try:
        findings = check_branch(view.branch())
    except WorkbookError as exc:
        _Record(view).replace([])
        table.write([_summary("Không kiểm tra được: sổ không đúng mẫu. Sửa chỗ ghi dưới đây rồi bấm lại "
                              "Kiểm tra."), _workbook_error_row(exc)])
        return
    marks = _marks(findings)
    _Record(view).replace(marks)
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if not findings:
        summary = "Không có lỗi. Sổ đã sẵn sàng gửi công đoàn cấp trên."
    else:
        head = f"Có {errors} lỗi phải sửa trước khi gửi" if errors else "Không có lỗi"
        tail = f"; {warnings} cảnh báo cần xem lại" if warnings else ""
        summary = (f"{head}{tail}. Ô lỗi tô đỏ, ô cảnh báo tô vàng cam; bấm vào địa chỉ ở cột Ô để đến "
                   "chỗ cần sửa, sửa xong bấm lại Kiểm tra.")
    table.write([_summary(summary)] + [_finding_row(f) for f in findings])


@xw.script(name="Tính tổng")
def tinh_tong(book: xw.Book) -> None:
    """**Tính tổng** lại cột *Cả nhiệm kỳ* và các dòng tỷ lệ.

    Ô tự tính (nền xám) nào bị gõ đè hoặc bị xóa thì được ghi lại công thức
    và liệt kê ở trang **Kiểm tra**. Số anh chị nhập không bị thay đổi.
    """
    view = BookView(book)
    table = _Table(view)
    wb = _branch_or_report(view, table, "Không tính tổng được")
    if wb is None:
        return
    catalogue = load_catalogue()
    formulas = derived_formulas(Layout(catalogue, wb.data.years))
    figs = figures(catalogue, wb.data)
    rows, sheets = [], {}  # sheets in order of appearance, so runs are reproducible
    for name in formulas:
        code = name.removesuffix(TERM_SUFFIX)
        ind = catalogue[code]
        if name == code:  # a rate's yearly cells: from the inputs
            expected = list(figs[code].years)
        elif ind.kind == "rate":  # a term rate divides the two term cells as they stand
            expected = [rate(view.get(*wb.address(ind.numerator + TERM_SUFFIX)),
                             view.get(*wb.address(ind.denominator + TERM_SUFFIX)))]
        else:
            expected = [figs[code].term]
        for i, want in enumerate(expected):
            sheet, cell = wb.address(name, i)
            have = view.get(sheet, cell)
            if _same(have, want):
                continue
            sheets[sheet] = True
            rows.append(_row(DONE, "KHOI_PHUC_CONG_THUC", sheet, cell, code, catalogue[code].label,
                             f"đang ghi {show_value(have)}; đúng là {show_value(want)}",
                             "Ô tự tính (nền xám) đã bị gõ đè hoặc xóa; bổ trợ đã ghi lại công thức. Chỉ nhập số "
                             "vào ô nền vàng."))
    for sheet in sheets:
        cells = {parse_cell(cell): text
                 for name, texts in formulas.items() if wb.cells[name][0] == sheet
                 for cell, text in zip(wb.cells[name][1], texts)}
        for top, left, bottom, right in rectangles(cells):
            book.sheets[sheet].range((top, left), (bottom, right)).formula = [
                [cells[(row, column)] for column in range(left, right + 1)] for row in range(top, bottom + 1)]
    summary = (f"Tính tổng: đã ghi lại công thức của {len(rows)} ô tổng nhiệm kỳ, tỷ lệ bị sửa; Excel tự tính lại."
               if rows else "Tính tổng: mọi ô tổng nhiệm kỳ và tỷ lệ đều đúng, không cần sửa.")
    table.write([_summary(summary)] + rows)


@xw.script(name="Chuẩn hóa số")
def chuan_hoa_so(book: xw.Book) -> None:
    """**Chuẩn hóa số**: đổi các ô gõ số dạng chữ thành số, ngay tại ô.

    Ví dụ “3.120 người” thành 3120, “4,4 tỷ” thành 4.400.000.000, “700.000đ”
    thành 700000. Các ô đã đổi được liệt kê ở trang **Kiểm tra** để xem lại.
    """
    view = BookView(book)
    table = _Table(view)
    wb = _branch_or_report(view, table, "Không chuẩn hóa được")
    if wb is None:
        return
    fixes = [f for f in check_branch(wb) if f.rule == "SO_DANG_CHU"]
    derived = set(derived_formulas(Layout(load_catalogue(), wb.data.years))) | {YEARS_NAME, VERSION_NAME}
    for sheet in dict.fromkeys(f.sheet for f in fixes):
        new = {parse_cell(f.cell): f.values["so"] for f in fixes if f.sheet == sheet}
        grid = view.grid(sheet)
        # Rewrite only input cells holding a number or nothing (unchanged), and the fixed cells.
        safe = {rc for name, (s, cells) in wb.cells.items() if s == sheet and name not in derived
                for rc in map(parse_cell, cells) if rc in new or _plain(grid.get(*rc))}
        for rect in rectangles(safe):
            inside = [rc for rc in new if rect[0] <= rc[0] <= rect[2] and rect[1] <= rc[1] <= rect[3]]
            if not inside:
                continue
            top, left = min(r for r, _ in inside), min(c for _, c in inside)
            bottom, right = max(r for r, _ in inside), max(c for _, c in inside)
            book.sheets[sheet].range((top, left), (bottom, right)).value = [
                [new.get((row, column), grid.get(row, column)) for column in range(left, right + 1)]
                for row in range(top, bottom + 1)]
    rows = [_row(DONE, "SO_DANG_CHU", f.sheet, f.cell, f.code, f.label,
                 f"{show_value(f.values['gia_tri'])} → {show_value(f.values['so'])}",
                 "Đã đổi chữ thành số. Xem lại số này rồi bấm Kiểm tra.") for f in fixes]
    summary = (f"Chuẩn hóa số: đã đổi {len(rows)} ô ghi số dạng chữ thành số." if rows
               else "Chuẩn hóa số: không có ô nào ghi số dạng chữ, không cần sửa.")
    table.write([_summary(summary)] + rows)


@xw.script(name="Xóa đánh dấu")
def xoa_danh_dau(book: xw.Book) -> None:
    """**Xóa đánh dấu**: gỡ màu và ghi chú do nút Kiểm tra thêm, xóa bảng kết quả.

    Số liệu, màu và ghi chú do anh chị tự thêm được giữ nguyên. Nên bấm trước
    khi lưu sổ gửi công đoàn cấp trên.
    """
    view = BookView(book)
    _Record(view).replace([])
    if FINDINGS_NAME in view.names:
        _Table(view).write([])


# ----------------------------------------------------------------- marks

@dataclass(frozen=True)
class _Mark:
    sheet: str
    cell: str
    colour: str
    note: str | None  # the note's text, if this cell gets one
    restore: str = INPUT_COLOUR


def _marks(findings: list[Finding]) -> list[_Mark]:
    """One mark per cell: red if any error there, else amber; notes on the first MAX_NOTES cells, errors first."""
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_cell.setdefault((f.sheet, f.cell), []).append(f)
    ordered = sorted(by_cell.items(), key=lambda item: not any(f.is_error for f in item[1]))
    noted = {key for key, _ in ordered[:MAX_NOTES]}
    return [
        _Mark(sheet, cell, ERROR_COLOUR if any(f.is_error for f in found) else WARNING_COLOUR,
              "\n".join([NOTE_TITLE] + [f"- {f.message}" for f in found]) if (sheet, cell) in noted else None)
        for (sheet, cell), found in by_cell.items()
    ]


class _Record:
    """The hidden sheet listing the cells Kiểm tra marked, so their marks can be undone exactly."""

    def __init__(self, view: BookView):
        self.view = view
        grid = view.grid(RECORD_SHEET)
        self.height = len(grid.values)
        self.marks = []
        for row in grid.values[1:]:
            sheet, cell, restore, noted = (list(row) + [None] * 4)[:4]
            if sheet in view.sheet_names and isinstance(cell, str):
                # The note's text is not needed to undo it: "" only says there is one.
                self.marks.append(_Mark(sheet, cell, "", "" if noted == "Có" else None,
                                        restore if isinstance(restore, str) else INPUT_COLOUR))

    def replace(self, marks: list[_Mark]) -> None:
        """Undo the recorded marks, apply ``marks`` and record them (one colour call per sheet)."""
        book = self.view.book
        colours: dict[str, dict[tuple[int, int], str | None]] = {}
        for mark in self.marks:
            colours.setdefault(mark.sheet, {})[parse_cell(mark.cell)] = mark.restore
        for mark in marks:
            colours.setdefault(mark.sheet, {})[parse_cell(mark.cell)] = mark.colour
        for sheet, cells in colours.items():
            paint(book.sheets[sheet], cells)
        old_notes = [(m.sheet, m.cell) for m in self.marks if m.note is not None]
        new_notes = {(m.sheet, m.cell): m.note for m in marks if m.note is not None}
        for sheet, cell in (key for key in old_notes if key not in new_notes):
            note = book.sheets[sheet].range(cell).note
            if note is not None:
                note.delete()
        recorded = []
        for mark in marks:
            key = (mark.sheet, mark.cell)
            rng = book.sheets[mark.sheet].range(mark.cell)
            noted = False
            if key in new_notes:
                note = rng.note
                if note is None:
                    try:
                        rng.add_note(new_notes[key])
                        noted = True
                    except NotImplementedError:  # Excel without notes in its API (before ExcelApi 1.18)
                        pass
                elif key in old_notes:  # ours from the last run: update it
                    note.text = new_notes[key]
                    noted = True
                # else: the officer's own note stays as it is
            recorded.append([mark.sheet, mark.cell, mark.restore, "Có" if noted else "Không"])
        self._write(recorded)

    def _write(self, rows: list[list[Any]]) -> None:
        book = self.view.book
        if RECORD_SHEET in self.view.sheet_names:
            write_rows(book.sheets[RECORD_SHEET], 2, 1, rows, len(RECORD_HEADER), max(self.height - 1, 0))
        elif rows:
            sheet = book.sheets.add(RECORD_SHEET, after=book.sheets[len(book.sheets) - 1])
            write_rows(sheet, 1, 1, [RECORD_HEADER] + rows, len(RECORD_HEADER))
            sheet.visible = False


# ----------------------------------------------------------------- the table on Kiểm tra

class _Table:
    """The findings table under the header named BANG_KET_QUA_KIEM_TRA."""

    def __init__(self, view: BookView):
        self.view = view
        self.sheet, (top, self.left, _, right) = view.block(FINDINGS_NAME)
        self.top, self.width = top + 1, right - self.left + 1
        grid = view.grid(self.sheet)
        used = [row for row in range(self.top, grid.top + len(grid.values))
                if any(is_filled(grid.get(row, c)) for c in range(self.left, right + 1))]
        self.height = used[-1] - self.top + 1 if used else 0

    def write(self, rows: list[list[Any]]) -> None:
        """Replace the table's rows in one call and bring the officer to the Kiểm tra sheet."""
        sheet = self.view.book.sheets[self.sheet]
        write_rows(sheet, self.top, self.left, rows, self.width, self.height)
        if rows:
            sheet.activate()


def _row(level: str, rule: str, sheet: str, cell: str, code: str, label: str, values: str, message: str) -> list[Any]:
    """One row of the findings table, in the order of ``FINDINGS_COLUMNS``."""
    link = hyperlink(sheet, cell) if sheet and cell else cell
    return [level, rule, message, link, sheet, code, label, values]


def _summary(text: str) -> list[Any]:
    return _row(SUMMARY, "", "", "", "", "", "", text)


def _finding_row(f: Finding) -> list[Any]:
    return _row(f.severity, f.rule, f.sheet, f.cell, f.code, f.label, f.values_text, f.message)


def _workbook_error_row(exc: WorkbookError) -> list[Any]:
    return _row(ERROR, "SO_BAO_CAO_SAI_MAU", exc.sheet or "", exc.cell or "", "", "", "", str(exc))


def _branch_or_report(view: BookView, table: _Table, failed: str) -> BranchWorkbook | None:
    try:
        return view.branch()
    except WorkbookError as exc:
        table.write([_summary(f"{failed}: sổ không đúng mẫu. Sửa chỗ ghi dưới đây rồi chạy lại."),
                     _workbook_error_row(exc)])
        return None


def _same(have: Any, want: Any) -> bool:
    """Whether a derived cell shows the value its formula should give."""
    if not is_filled(have) and not is_filled(want):
        return True
    h, w = as_number(have), as_number(want)
    if h is not None and w is not None:
        return abs(h - w) <= 1e-9 * max(1, abs(w))
    return have == want


def _plain(value: Any) -> bool:
    """Safe to write back unchanged: a number or nothing (text would be re-parsed by Excel)."""
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))
