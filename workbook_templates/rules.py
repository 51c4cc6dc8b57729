"""The validation rules of a branch workbook: one engine for the add-in and the CLI.

Every rule is driven by the catalogue — bounds, kinds, required flags, the
choices of a rating and the relations between indicators — so adding an
indicator to ``catalogue.toml`` adds its checks too; no indicator code is
written here. The engine is pure: it reads a :class:`~.reader.BranchWorkbook`
(data plus the cells each defined name points to) and returns
:class:`Finding` records. The add-in (``addin``) colours and annotates the
cells they name; ``baocao check`` prints them.

Severity follows the consequence: a ``Lỗi`` is a figure the union above must
never receive (the workbook must be fixed before sending), a ``Cảnh báo`` is
a figure that is probably wrong but may be right and needs a second look.
Relation codes (``NU_LE_TONG``…) double as rule codes, as on the workbook's
own formula checks on the Kiểm tra sheet.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterator

from .catalogue import (
    LEVEL_UPPER, MIN_HEAD_COUNT, NO, YES, Catalogue, Column, Field, Indicator, Register, Relation, load_catalogue,
)
from .layout import (
    FIELD_TEXT_MAX, NARRATIVE_TEXT_MAX, NEXT_TARGET_SUFFIX, SHEET_INFO, SHEET_TARGETS, START_SUFFIX, TARGET_SUFFIX,
)
from .model import Value, as_number, is_filled, term_dates
from .reader import BranchWorkbook, term_years_or_none
from .vn_numbers import parse_vn_number

__all__ = ["ERROR", "WARNING", "Finding", "check_branch", "findings_to_json", "show_value"]

ERROR, WARNING = "Lỗi", "Cảnh báo"

#: A yearly figure is an outlier above this multiple of the median of the unit's other non-zero years.
OUTLIER_FACTOR = 10
#: Other non-zero years needed before a year can be called an outlier.
OUTLIER_MIN_YEARS = 2
#: Smallest value that can be an outlier: small counts (1 article, then 14) swing a lot from year to year.
OUTLIER_MIN_VALUE = 100
#: Bounds of an integer Thông tin field (the congress number of the committee), as in the template.
FIELD_INTEGER_BOUNDS = (1, 100)

_SEVERITY_RANK = {ERROR: 0, WARNING: 1}
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


#: How to settle a gap in a membership identity: the end of the yearly and the whole-term message.
IDENTITY_ADVICE = "Nếu do thành lập, sáp nhập đơn vị thì ghi rõ ở trang Nội dung; nếu không, sửa lại số."


def _carried(rel: Relation, base: float, moves: dict[str, float]) -> float:
    """What an identity's stock must be: ``base`` plus its ``plus`` moves, minus its ``minus`` moves."""
    return base + sum(moves[c] for c in rel.plus) - sum(moves[c] for c in rel.minus)


def _signed(gap: float) -> str:
    """A gap as shown in a message: "+6", "−6"."""
    return f"{'+' if gap > 0 else '−'}{show_value(abs(gap))}"


@dataclass(frozen=True)
class Finding:
    """One problem at one cell, with what the officer should do about it.

    ``values`` holds the figures involved, keyed by indicator or field code
    (``"gia_tri"`` for the text as typed, ``"so"`` for the number it means).
    """

    severity: str
    rule: str
    sheet: str
    cell: str
    code: str
    label: str
    message: str
    values: dict[str, Any] = field(default_factory=dict)
    year: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def values_text(self) -> str:
        """The values involved, as the officer reads them: ``DV_NU = 50; DV_TONG_SO = 45``."""
        return "; ".join(f"{key} = {show_value(value)}" for key, value in self.values.items())


def check_branch(wb: BranchWorkbook, catalogue: Catalogue | None = None) -> list[Finding]:
    """Every finding of the workbook, in sheet order then cell order."""
    catalogue = catalogue or load_catalogue()
    checker = _Checker(wb, catalogue)
    findings = [
        *checker.cells(), *checker.info(), *checker.inputs(), *checker.texts(), *checker.required(),
        *checker.relations(), *checker.term_identities(), *checker.rates(), *checker.outliers(), *checker.registers(),
    ]
    sheets = [SHEET_INFO, *(s.sheet for s in catalogue.sections), SHEET_TARGETS, *(r.sheet for r in catalogue.registers)]
    return sorted(findings, key=lambda f: (sheets.index(f.sheet) if f.sheet in sheets else len(sheets),
                                           *_cell_position(f.cell), _SEVERITY_RANK[f.severity]))


def findings_to_json(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as JSON-ready dictionaries (dates as ISO strings)."""
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value

    return [
        {"severity": f.severity, "rule": f.rule, "sheet": f.sheet, "cell": f.cell, "code": f.code,
         "label": f.label, "year": f.year, "values": {k: plain(v) for k, v in f.values.items()},
         "message": f.message}
        for f in findings
    ]


def show_value(value: Any) -> str:
    """A value written the Vietnamese way: 3.120, 98,5, 18/04/2023, “text”."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        if value.is_integer():
            return show_value(int(value))
        whole, _, decimals = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + ("," + decimals if decimals else "")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    if value is None:
        return "(trống)"
    return f"“{value}”"


def _cell_position(cell: str) -> tuple[int, int]:
    """(row, column) of an A1 address, to sort findings the way the sheet reads."""
    match = _CELL.match(cell)
    if not match:
        return (0, 0)
    column = 0
    for letter in match[1]:
        column = column * 26 + ord(letter) - 64
    return (int(match[2]), column)


class _Checker:
    """The rules, each a generator of findings over one workbook."""

    def __init__(self, wb: BranchWorkbook, catalogue: Catalogue):
        self.wb, self.cat, self.data = wb, catalogue, wb.data
        self.years = wb.data.years
        self.inputs_per_year = [i for i in catalogue.indicators if i.per_year and i.is_input]
        self.heads = catalogue.head_counts
        self.head_codes = {i.code for i in self.heads}
        self._head_counts: dict[int | None, int | float | None] = {}

    # -------------------------------------------------------------- helpers

    def finding(self, severity: str, rule: str, name: str, index: int, code: str, label: str, message: str,
                values: dict[str, Any] | None = None, year: int | None = None) -> Finding:
        sheet, cell = self.wb.address(name, index)
        return Finding(severity, rule, sheet, cell, code, label, message, dict(values or {}), year)

    def yearly(self, code: str) -> list[Value]:
        return self.data.values.get(code) or [None] * len(self.years)

    def number(self, code: str, index: int) -> int | float | None:
        return as_number(self.yearly(code)[index])

    def label(self, code: str) -> str:
        return self.cat[code].label

    def mid(self, code: str) -> str:
        """An indicator's label inside a sentence: "Trong đó: đoàn viên nữ" -> "đoàn viên nữ"."""
        label = self.label(code).removeprefix("Trong đó: ")
        return label if label[1:2].isupper() else label[:1].lower() + label[1:]

    # -------------------------------------------------------------- file contents

    def cells(self) -> Iterator[Finding]:
        """Cells the file reader could not read as written: error values, formulas without result…"""
        if not self.wb.problems:
            return
        where = {(sheet, cell): (name, i) for name, (sheet, cells) in self.wb.cells.items()
                 for i, cell in enumerate(cells)}
        for sheet, cell, problem in self.wb.problems:
            name, _ = where.get((sheet, cell), ("", 0))
            code = name if name in self.cat else next((c for c in (name.removesuffix(s) for s in (
                START_SUFFIX, TARGET_SUFFIX, NEXT_TARGET_SUFFIX)) if c in self.cat), name)
            label = self.cat[code].label if code in self.cat else next(
                (f.label for f in self.cat.fields if f.code == code), code)
            severity = WARNING if problem.usable else ERROR
            yield Finding(severity, problem.rule, sheet, cell, code, label,
                          f"{label}: {problem.message}" if label else problem.message)

    # -------------------------------------------------------------- value rules

    def number_cell(self, name: str, index: int, code: str, label: str, value: Value, *, unit: str,
                    low: float | None, high: float | None, integer: bool, year: int | None = None,
                    where: str = "") -> Iterator[Finding]:
        """Type and bounds of one cell that must hold a number."""
        if value is None:
            return
        what = f"{label}{where}"

        def make(rule: str, message: str, values: dict[str, Any]) -> Finding:
            return self.finding(ERROR, rule, name, index, code, label, message, values, year)

        if isinstance(value, str):
            parsed = parse_vn_number(value)
            if parsed is not None:
                plain = show_value(parsed.value).replace(".", "")
                yield make("SO_DANG_CHU",
                           f"{what}: ô ghi chữ {show_value(value)} nên sổ không cộng được; số này là "
                           f"{show_value(parsed.value)}. Gõ lại {plain} (không dấu chấm, không chữ) "
                           "hoặc bấm Chuẩn hóa số.",
                           {"gia_tri": value, "so": parsed.value})
            else:
                yield make("SAI_KIEU_SO",
                           f"{what}: ô ghi {show_value(value)}, không phải là số. Gõ số{_unit(unit)} "
                           "(chỉ gồm chữ số), hoặc để trống nếu không có số liệu.",
                           {"gia_tri": value})
            return
        if isinstance(value, (bool, dt.date, dt.datetime, dt.time)):
            yield make("SAI_KIEU_SO",
                       f"{what}: ô chứa {show_value(value)} (Excel hiểu thành ngày tháng hoặc đúng/sai), "
                       f"không phải là số. Xóa ô rồi gõ lại số{_unit(unit)}.",
                       {"gia_tri": value})
            return
        number = as_number(value)
        if number is None:
            return
        if isinstance(number, float) and not math.isfinite(number):
            yield make("SO_KHONG_HUU_HAN", f"{what}: ô chứa giá trị vô cực hoặc không phải số. Gõ lại số.",
                       {"gia_tri": str(number)})
            return
        if low is not None and number < low:
            yield make("DUOI_TOI_THIEU",
                       f"{what}: {show_value(number)} nhỏ hơn mức tối thiểu {show_value(low)}. "
                       "Sửa lại số (không ghi số âm).",
                       {code: number})
        elif high is not None and number > high:
            yield make("VUOT_TOI_DA",
                       f"{what}: {show_value(number)} lớn hơn mức tối đa {show_value(high)}. Sửa lại số.",
                       {code: number})
        if integer and not float(number).is_integer():
            yield make("KHONG_PHAI_SO_NGUYEN",
                       f"{what}: {show_value(number)} không phải số nguyên. Ghi số{_unit(unit)} nguyên"
                       + (" (tiền ghi bằng đồng, không ghi số lẻ)." if unit == "đồng" else "."),
                       {code: number})

    def choice_cell(self, ind: Indicator, index: int, value: Value) -> Iterator[Finding]:
        choices = ind.choices if ind.kind == "rating" else (YES, NO)
        if value is None or value in choices:
            return
        year = self.years[index]
        yield self.finding(ERROR, "SAI_LUA_CHON", ind.code, index, ind.code, ind.label,
                           f"{ind.label} năm {year}: {show_value(value)} không có trong danh sách. "
                           f"Chọn một trong: {', '.join(choices)}.", {ind.code: value}, year)

    def inputs(self) -> Iterator[Finding]:
        """Types, bounds and choices of every input cell: years, start of term, targets."""
        for ind in self.cat.indicators:
            if ind.per_year and ind.is_input:
                for i, value in enumerate(self.yearly(ind.code)):
                    year = self.years[i]
                    if ind.kind in ("rating", "yesno"):
                        yield from self.choice_cell(ind, i, value)
                    else:
                        yield from self.number_cell(ind.code, i, ind.code, ind.label, value, unit=ind.unit,
                                                    low=ind.min, high=ind.upper_bound, integer=True, year=year,
                                                    where=f" năm {year}")
                        yield from self.per_head(ind, ind.code, i, value, self.head_count(i), f" năm {year}", year)
                if ind.kind == "stock":
                    start = self.data.start.get(ind.code)
                    yield from self.number_cell(ind.code + START_SUFFIX, 0, ind.code, ind.label, start,
                                                unit=ind.unit, low=ind.min, high=ind.upper_bound, integer=True,
                                                where=" đầu nhiệm kỳ")
                    yield from self.per_head(ind, ind.code + START_SUFFIX, 0, start, self.head_count(None),
                                             " đầu nhiệm kỳ")
            if ind.target:
                high = 100 if ind.kind == "rate" else ind.upper_bound
                for suffix, targets, where in ((TARGET_SUFFIX, self.data.targets, " (chỉ tiêu nhiệm kỳ này)"),
                                               (NEXT_TARGET_SUFFIX, self.data.next_targets,
                                                " (chỉ tiêu đề xuất nhiệm kỳ tới)")):
                    yield from self.number_cell(ind.code + suffix, 0, ind.code, ind.label, targets.get(ind.code),
                                                unit=ind.unit, low=0, high=high, integer=ind.kind != "rate",
                                                where=where)

    def head_count(self, index: int | None) -> int | float | None:
        """The unit's size in year ``index`` (None: at the start of the term): its largest head count.

        Asked for every indicator of every year, worked out once per year.
        """
        if index in self._head_counts:
            return self._head_counts[index]
        counts = [as_number(self.data.start.get(i.code) if index is None else self.yearly(i.code)[index])
                  for i in self.heads]
        counts = [n for n in counts if n is not None and math.isfinite(n) and n >= 0]
        head = self._head_counts[index] = max(counts) if counts else None
        return head

    def per_head(self, ind: Indicator, name: str, index: int, value: Value, head: int | float | None,
                 where: str, year: int | None = None) -> Iterator[Finding]:
        """A figure orders of magnitude above what the unit's size allows (catalogue.CEILINGS)."""
        number = as_number(value)
        if number is None or head is None or ind.code in self.head_codes or not math.isfinite(number):
            return
        bound = max(head, MIN_HEAD_COUNT) * ind.per_head_bound
        if number <= bound or number > ind.upper_bound:  # above the absolute ceiling: already a Lỗi
            return
        allowed = (f"gấp {show_value(ind.per_head_bound)} lần số người" if ind.unit == "người" else
                   f"{show_value(ind.per_head_bound)} {ind.unit} cho mỗi người một năm")
        yield self.finding(ERROR, "KHONG_HOP_LY", name, index, ind.code, ind.label,
                           f"{ind.label}{where}: {show_value(number)} là không thể với đơn vị có {show_value(head)} "
                           f"người (nhiều nhất {allowed}, tức {show_value(bound)}). Kiểm tra có gõ thừa chữ số 0 "
                           "hoặc nhầm ô không, rồi sửa lại.", {ind.code: number, "so_nguoi": head}, year)

    def texts(self) -> Iterator[Finding]:
        """Texts longer than the template accepts (its data validation, which a paste bypasses)."""
        long = [(f.code, f.label, self.data.info.get(f.code), FIELD_TEXT_MAX)
                for f in self.cat.fields if f.type == "text"]
        long += [(i.code, i.label, self.data.texts.get(i.code), NARRATIVE_TEXT_MAX)
                 for i in self.cat.indicators if i.kind == "text"]
        for code, label, text, limit in long:
            if isinstance(text, str) and len(text) > limit:
                yield self.finding(ERROR, "CHU_QUA_DAI", code, 0, code, label,
                                   f"{label}: {show_value(len(text))} ký tự, quá giới hạn {show_value(limit)} ký "
                                   "tự của mẫu. Rút gọn nội dung.", {"so_ky_tu": len(text)})

    # -------------------------------------------------------------- Thông tin

    def info(self) -> Iterator[Finding]:
        """Required fields, integer and date fields, and the term against the workbook's years."""
        for fld in self.cat.fields:
            value = self.data.info.get(fld.code)
            if not is_filled(value):
                if fld.required:
                    yield self.finding(ERROR, "THIEU_THONG_TIN", fld.code, 0, fld.code, fld.label,
                                       f"Trang Thông tin chưa ghi “{fld.label}”. Ghi đủ trước khi gửi "
                                       "(báo cáo và bảng tổng hợp cần thông tin này).")
                continue
            if fld.type == "integer":
                low, high = FIELD_INTEGER_BOUNDS
                yield from self.number_cell(fld.code, 0, fld.code, fld.label, value, unit="", low=low,
                                            high=high, integer=True)
            elif fld.type == "date":
                yield from self.date_field(fld, value)
            elif fld.type == "choice" and value not in fld.choices:
                yield self.finding(ERROR, "SAI_LUA_CHON", fld.code, 0, fld.code, fld.label,
                                   f"{fld.label}: {show_value(value)} không có trong danh sách. Chọn một trong: "
                                   f"{', '.join(fld.choices)}.", {fld.code: value})
            elif fld.code == "NHIEM_KY":
                yield from self.term_field(fld, value)

    def date_field(self, fld: Field, value: Value) -> Iterator[Finding]:
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            meant = _vn_date(value)
            hint = (f" Nếu là ngày {meant:%d/%m/%Y}, xóa ô rồi gõ lại theo dạng ngày/tháng/năm để Excel "
                    "nhận là ngày." if meant else " Gõ theo dạng ngày/tháng/năm, ví dụ 18/04/2023.")
            yield self.finding(ERROR, "SAI_KIEU_NGAY", fld.code, 0, fld.code, fld.label,
                               f"{fld.label}: ô ghi {show_value(value)}, Excel không hiểu là ngày.{hint}",
                               {fld.code: value})
            return
        first, last = term_dates(self.years)
        if not first <= value <= last:
            yield self.finding(WARNING, "NGOAI_NHIEM_KY", fld.code, 0, fld.code, fld.label,
                               f"{fld.label} {value:%d/%m/%Y} nằm ngoài nhiệm kỳ của sổ (các năm "
                               f"{self.years[0]}–{self.years[-1]}). Kiểm tra lại năm đã gõ.",
                               {fld.code: value})

    def term_field(self, fld: Field, value: Value) -> Iterator[Finding]:
        # A term that parses but names other years is refused by the reader already.
        if term_years_or_none(str(value)) is None:
            expected = f"{self.years[0] - 1}-{self.years[-1]}"
            yield self.finding(ERROR, "NGOAI_NHIEM_KY", fld.code, 0, fld.code, fld.label,
                               f"{fld.label} ghi {show_value(value)}, không đúng dạng năm đầu-năm cuối. Sổ này "
                               f"là của nhiệm kỳ {expected} (các năm {self.years[0]}–{self.years[-1]}): "
                               f"ghi {expected}.", {fld.code: value})

    # -------------------------------------------------------------- completeness

    def required(self) -> Iterator[Finding]:
        """Required indicators left blank in a year the unit has started to fill.

        An upper union's own workbook holds only its own work (courses,
        inspections…), so the CĐCS's required figures do not apply to it.
        """
        if self.data.level == LEVEL_UPPER:
            return
        started = [any(is_filled(self.yearly(i.code)[k]) for i in self.inputs_per_year)
                   for k in range(len(self.years))]
        for ind in self.inputs_per_year:
            if not ind.required:
                continue
            for k, value in enumerate(self.yearly(ind.code)):
                if started[k] and not is_filled(value):
                    year = self.years[k]
                    yield self.finding(WARNING, "THIEU_CHI_TIEU_BAT_BUOC", ind.code, k, ind.code, ind.label,
                                       f"{ind.label} năm {year} còn trống trong khi năm {year} đã có số liệu "
                                       "khác. Đây là chỉ tiêu bắt buộc: ghi số (ghi 0 nếu không có).",
                                       year=year)

    # -------------------------------------------------------------- relations

    def relations(self) -> Iterator[Finding]:
        for rel in self.cat.relations:
            check = {"le": self.less_equal, "sum_le": self.sum_less_equal, "identity": self.identity}[rel.kind]
            for k in range(len(self.years)):
                yield from check(rel, k)

    def less_equal(self, rel: Relation, k: int) -> Iterator[Finding]:
        left, right = self.number(rel.left, k), self.number(rel.right, k)
        if left is None or right is None or left <= right:
            return
        year = self.years[k]
        yield self.finding(ERROR, rel.code, rel.left, k, rel.left, self.label(rel.left),
                           f"{rel.message} Năm {year}: {self.mid(rel.left)} là {show_value(left)}, "
                           f"{self.mid(rel.right)} là {show_value(right)}. Sửa lại một trong hai số.",
                           {rel.left: left, rel.right: right}, year)

    def sum_less_equal(self, rel: Relation, k: int) -> Iterator[Finding]:
        total = self.number(rel.total, k)
        parts = {code: self.number(code, k) for code in rel.parts}
        given = {code: n for code, n in parts.items() if n is not None}
        if total is None or not given or sum(given.values()) <= total:
            return
        year = self.years[k]
        yield self.finding(ERROR, rel.code, rel.total, k, rel.total, self.label(rel.total),
                           f"{rel.message} Năm {year}: các khoản chi tiết cộng lại {show_value(sum(given.values()))}"
                           f", {self.mid(rel.total)} ghi {show_value(total)}. Sửa tổng hoặc các khoản chi tiết.",
                           {rel.total: total, **given}, year)

    def identity(self, rel: Relation, k: int) -> Iterator[Finding]:
        end = self.number(rel.stock, k)
        previous = self.number(rel.stock, k - 1) if k else as_number(self.data.start.get(rel.stock))
        if end is None or previous is None:
            return
        moves = {code: self.number(code, k) or 0 for code in (*rel.plus, *rel.minus)}
        expected = _carried(rel, previous, moves)
        gap = end - expected
        if gap == 0:
            return
        year = self.years[k]
        before = f"cuối năm {year - 1}" if k else "đầu nhiệm kỳ"
        yield self.finding(WARNING, rel.code, rel.stock, k, rel.stock, self.label(rel.stock),
                           f"{rel.message} Năm {year}: {before} {show_value(previous)}, theo tăng giảm trong năm "
                           f"phải còn {show_value(expected)}, nhưng ghi {show_value(end)} (chênh {_signed(gap)}). "
                           f"{IDENTITY_ADVICE}",
                           {rel.stock: end, "dau_nam": previous, **moves, "chenh_lech": gap}, year)

    def term_identities(self) -> Iterator[Finding]:
        """The identity over the whole term: start + Σ plus − Σ minus = the last filled year.

        Found also when only the start and the end of the term are filled
        (the yearly check then has no previous year to compare with). Shown at
        the stock's last filled cell, with the gap.
        """
        for rel in self.cat.relations:
            if rel.kind != "identity":
                continue
            start = as_number(self.data.start.get(rel.stock))
            filled = [k for k in range(len(self.years)) if self.number(rel.stock, k) is not None]
            if start is None or not filled:
                continue
            last = filled[-1]
            end = self.number(rel.stock, last)
            moves = {code: sum(self.number(code, k) or 0 for k in range(last + 1)) for code in (*rel.plus, *rel.minus)}
            expected = _carried(rel, start, moves)
            gap = end - expected
            if gap == 0:
                continue
            year = self.years[last]
            yield self.finding(WARNING, rel.code + "_NHIEM_KY", rel.stock, last, rel.stock, self.label(rel.stock),
                               f"Cả nhiệm kỳ đến năm {year}: đầu nhiệm kỳ {show_value(start)}, cộng kết nạp, chuyển "
                               f"đến, trừ chuyển đi, giảm khác của các năm thì phải còn {show_value(expected)}, nhưng "
                               f"cuối năm {year} ghi {show_value(end)} (chênh {_signed(gap)}). {IDENTITY_ADVICE}",
                               {rel.stock: end, "dau_nhiem_ky": start, **moves, "chenh_lech": gap}, year)

    # -------------------------------------------------------------- registers

    def registers(self) -> Iterator[Finding]:
        """Every filled register row: required columns, types, choices, years within the term, parts ≤ totals."""
        for reg in self.cat.registers:
            positions = self.wb.register_positions.get(reg.code, [])
            for row, k in zip(self.data.registers.get(reg.code, ()), positions):
                for col in reg.columns:
                    yield from self.register_cell(reg, col, row, k)

    def register_cell(self, reg: Register, col: Column, row: dict[str, Value], k: int) -> Iterator[Finding]:
        value, name = row.get(col.code), reg.name(col.code)
        where = f"{reg.sheet}, dòng {k + 1}: {col.label}"

        def make(rule: str, message: str, severity: str = ERROR) -> Finding:
            return self.finding(severity, rule, name, k, name, col.label, message, {col.code: value})

        if value is None:
            because = next(((other, row.get(other)) for other, values in col.required_when
                            if row.get(other) in values), None)
            if col.required:
                yield make("DS_THIEU_COT_BAT_BUOC", f"{where} còn trống. Dòng đã ghi thì phải ghi cột này "
                                                    "(hoặc xóa cả dòng).")
            elif because:  # a warning: the entry still counts, but the report cannot name it
                yield make("DS_THIEU_COT_BAT_BUOC", f"{where} còn trống: {reg.column(because[0]).label.lower()} là "
                                                    f"{show_value(because[1])} thì phải ghi rõ tên tập thể, cá nhân "
                                                    "được khen để báo cáo nêu đúng.", WARNING)
            return
        if col.type == "choice":
            if value not in col.choices:
                yield make("SAI_LUA_CHON", f"{where}: {show_value(value)} không có trong danh sách. Chọn trong "
                                           "danh sách thả xuống của ô.")
        elif col.type == "year":
            if not isinstance(value, int) or isinstance(value, bool):
                yield from self.number_cell(name, k, name, col.label, value, unit="", low=None, high=None,
                                            integer=True, where=f" ({reg.sheet}, dòng {k + 1})")
            elif not self.years[0] <= value <= self.years[-1]:
                yield make("DS_NAM_NGOAI_NHIEM_KY",
                           f"{where} là {value}, ngoài các năm của nhiệm kỳ ({self.years[0]}–{self.years[-1]}). "
                           "Sửa lại năm, hoặc xóa dòng nếu thuộc nhiệm kỳ khác.")
        elif col.type in ("integer", "money"):
            yield from self.number_cell(name, k, name, col.label, value, unit="đồng" if col.type == "money" else "",
                                        low=col.min if col.min is not None else 0, high=col.max, integer=True,
                                        where=f" ({reg.sheet}, dòng {k + 1})")
            whole = as_number(row.get(col.max_column)) if col.max_column else None
            number = as_number(value)
            if whole is not None and number is not None and number > whole:
                yield make("DS_VUOT_TONG", f"{where} là {show_value(number)}, lớn hơn "
                                           f"{reg.column(col.max_column).label.lower()} ({show_value(whole)}). "
                                           "Sửa lại một trong hai số.")
        elif col.type == "date" and not isinstance(value, (dt.date, dt.datetime)):
            yield make("SAI_KIEU_NGAY", f"{where}: ô ghi {show_value(value)}, Excel không hiểu là ngày. Gõ theo "
                                        "dạng ngày/tháng/năm, ví dụ 10/03/2021.")

    # -------------------------------------------------------------- rates

    def rates(self) -> Iterator[Finding]:
        """Numerator above denominator, unless a catalogue relation already says so."""
        covered = {(r.left, r.right) for r in self.cat.relations if r.kind == "le"}
        for ind in self.cat.indicators:
            if ind.kind != "rate" or (ind.numerator, ind.denominator) in covered:
                continue
            for k in range(len(self.years)):
                num, den = self.number(ind.numerator, k), self.number(ind.denominator, k)
                if num is None or den is None or num <= den:
                    continue
                year = self.years[k]
                yield self.finding(ERROR, "TY_LE_VUOT_100", ind.numerator, k, ind.numerator,
                                   self.label(ind.numerator),
                                   f"{ind.label} năm {year} vượt 100%: {self.mid(ind.numerator)} là "
                                   f"{show_value(num)}, lớn hơn {self.mid(ind.denominator)} là "
                                   f"{show_value(den)}. Sửa lại một trong hai số.",
                                   {ind.numerator: num, ind.denominator: den}, year)

    # -------------------------------------------------------------- outliers

    def outliers(self) -> Iterator[Finding]:
        """A year above OUTLIER_FACTOR times the median of the unit's other non-zero years."""
        for ind in self.inputs_per_year:
            if not ind.is_numeric:
                continue
            numbers = [as_number(v) for v in self.yearly(ind.code)]
            for k, value in enumerate(numbers):
                others = [n for j, n in enumerate(numbers) if j != k and n is not None and n > 0]
                if value is None or value < OUTLIER_MIN_VALUE or len(others) < OUTLIER_MIN_YEARS:
                    continue
                usual = statistics.median(others)
                if value <= OUTLIER_FACTOR * usual:
                    continue
                year = self.years[k]
                times = show_value(round(value / usual, 1))
                yield self.finding(WARNING, "BAT_THUONG", ind.code, k, ind.code, ind.label,
                                   f"{ind.label} năm {year} là {show_value(value)}, gấp {times} lần mức thường thấy "
                                   f"ở các năm khác ({show_value(usual)}). Kiểm tra có gõ thừa "
                                   "chữ số 0 hoặc nhầm đơn vị (nghìn đồng, triệu đồng) không; nếu đúng thì giữ nguyên.",
                                   {ind.code: value, "trung_vi_nam_khac": usual}, year)


def _unit(unit: str) -> str:
    return f" {unit}" if unit else ""


def _vn_date(value: Value) -> dt.date | None:
    """The date a text like 18/4/2023 means, if any."""
    match = _DATE_TEXT.match(value) if isinstance(value, str) else None
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
