"""The branch report as Python data, and the arithmetic of indicator kinds.

Pure functions only: no file is touched here. The same arithmetic runs in
three places — Excel formulas written by the template builder, the add-in's
Tính tổng, and the compiler — so it is defined once, here, and the Excel
formulas are tested against it through LibreOffice.

Rates are percentages (0–100), computed from their numerator and
denominator, never averaged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .catalogue import LEVEL_BRANCH, LEVEL_FIELD, YES, Catalogue, Indicator

Value = int | float | str | dt.date | None
#: One register row: column code -> value (the unit's DON_VI_MA/DON_VI_TEN included).
RegisterRow = dict[str, Value]
#: How a congress resolution qualifies a target ("trên 95%", "100% trở lên", "tối đa 2 vụ").
TARGET_MARKS = ("trở lên", "tối thiểu", "trên", "tối đa", "dưới")


def term_years(term: str) -> list[int]:
    """The calendar years a term reports on: ``"2018-2023"`` -> 2019…2023.

    The congress opening a term reviews the year it is held in, so a term's
    own years are the ones after it, up to the congress that closes it (the
    half-term review of term 2017–2022 covers 2018–2020).
    """
    try:
        first, last = (int(part) for part in term.replace("–", "-").split("-"))
    except ValueError as exc:
        raise ValueError(f"Nhiệm kỳ {term!r} phải có dạng năm đầu-năm cuối, ví dụ 2023-2028.") from exc
    if not 1900 < first < last <= first + 10:
        raise ValueError(f"Nhiệm kỳ {term!r} không hợp lệ: năm cuối phải sau năm đầu, tối đa 10 năm.")
    return list(range(first + 1, last + 1))


def term_dates(years: list[int]) -> tuple[dt.date, dt.date]:
    """The dates a workbook of these years may carry: its first year up to the closing congress's year."""
    return dt.date(years[0], 1, 1), dt.date(years[-1] + 1, 12, 31)


def as_number(value: Value) -> int | float | None:
    """A cell value as a number, or None for blanks and text (as Excel's SUM does)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return None


def is_filled(value: Value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def rate(numerator: Value, denominator: Value) -> float | None:
    """numerator / denominator as a percentage; None when it is undefined."""
    num, den = as_number(numerator), as_number(denominator)
    if num is None or not den:
        return None
    return num / den * 100


def term_value(ind: Indicator, yearly: list[Value], start: Value = None) -> Value:
    """The value of a non-rate indicator for the whole term, by its kind.

    stock and rating: the last filled year (a stock falls back to its value
    at the start of the term); flow: the sum of the years; yesno: the number
    of years answered "Có"; text: unchanged.
    """
    if ind.kind in ("stock", "rating"):
        filled = [v for v in yearly if is_filled(v)]
        if filled:
            return filled[-1]
        return start if ind.kind == "stock" and is_filled(start) else None
    if ind.kind == "flow":
        numbers = [n for n in map(as_number, yearly) if n is not None]
        return sum(numbers) if numbers else None
    if ind.kind == "yesno":
        return sum(1 for v in yearly if v == YES)
    if ind.kind == "rate":
        raise ValueError("Rates are computed from their numerator and denominator: use compute_rates.")
    return yearly[0] if yearly else None


@dataclass
class BranchData:
    """Every figure and text of one workbook, keyed by catalogue code.

    ``values`` holds per-year indicators as entered (one item per year, raw:
    a number, a text typed where a number belongs, a choice, or None);
    ``start`` the stocks at the start of the term; ``texts`` the narrative
    fields; ``targets``/``next_targets`` the congress targets of this term
    and those proposed for the next one, ``target_marks``/``next_target_marks``
    how the resolution qualifies them (:data:`TARGET_MARKS`); ``info`` the
    Thông tin fields; ``registers`` the rows of each register (register code
    -> rows, each row column code -> value, with the unit's ``DON_VI_MA`` and
    ``DON_VI_TEN``, filled in by the reader when the workbook leaves them blank).

    A compiled workbook (level "Tổng hợp") also carries the upper union's own
    work, never added to the branches' figures: ``own`` (per-year figures of
    its own workbook, by indicator code) and ``own_texts`` (its own narrative).
    Rates are not stored: :func:`figures` computes them.
    """

    catalogue_version: str
    years: list[int]
    info: dict[str, Value] = field(default_factory=dict)
    values: dict[str, list[Value]] = field(default_factory=dict)
    start: dict[str, Value] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    targets: dict[str, Value] = field(default_factory=dict)
    next_targets: dict[str, Value] = field(default_factory=dict)
    target_marks: dict[str, str] = field(default_factory=dict)
    next_target_marks: dict[str, str] = field(default_factory=dict)
    registers: dict[str, list[RegisterRow]] = field(default_factory=dict)
    own: dict[str, list[Value]] = field(default_factory=dict)
    own_texts: dict[str, str] = field(default_factory=dict)

    @property
    def level(self) -> str:
        """Whose workbook: a CĐCS, an upper union's own work, or a compiled one."""
        return str(self.info.get(LEVEL_FIELD) or LEVEL_BRANCH)

    @property
    def unit_code(self) -> str:
        return str(self.info.get("DON_VI_MA") or "")

    @property
    def unit_name(self) -> str:
        return str(self.info.get("DON_VI_TEN") or "")


@dataclass(frozen=True)
class Figure:
    """One indicator's yearly values and term value, derived per its kind."""

    years: tuple[Value, ...]
    term: Value
    start: Value = None


def figures(catalogue: Catalogue, data: BranchData) -> dict[str, Figure]:
    """Yearly and term figures of every per-year indicator, rates included."""
    out: dict[str, Figure] = {}
    blank = [None] * len(data.years)
    for ind in catalogue.indicators:
        if not ind.per_year or ind.kind == "rate":
            continue
        yearly = data.values.get(ind.code, blank)
        start = data.start.get(ind.code) if ind.kind == "stock" else None
        out[ind.code] = Figure(tuple(yearly), term_value(ind, yearly, start), start)
    for ind in catalogue.indicators:
        if ind.kind != "rate":
            continue
        num, den = out[ind.numerator], out[ind.denominator]
        yearly = tuple(rate(n, d) for n, d in zip(num.years, den.years))
        out[ind.code] = Figure(yearly, rate(num.term, den.term), rate(num.start, den.start))
    return out


def target_assessment(ind: Indicator, result: Value, target: Value, mark: str | None = None) -> str | None:
    """"Vượt", "Đạt" or "Không đạt" for a result against its target.

    ``mark`` is the resolution's qualifier: "trên" and "dưới" are strict (a
    result equal to "trên 95%" does not reach it); "tối đa" and "dưới" make a
    smaller result the better one whatever the indicator.
    """
    res, tgt = as_number(result), as_number(target)
    if res is None or tgt is None:
        return None
    lower = mark in ("tối đa", "dưới") or (not ind.higher_is_better and mark not in ("trở lên", "tối thiểu", "trên"))
    if lower:
        res, tgt = -res, -tgt
    if res > tgt:
        return "Vượt"
    return "Đạt" if res == tgt and mark not in ("trên", "dưới") else "Không đạt"


def register_counts(catalogue: Catalogue, data: BranchData) -> dict[str, list[int]]:
    """The yearly values of every derived indicator: its register's matching rows of each year.

    The workbook computes the same with COUNTIFS (see formulas.count_formula),
    so the counts on the Thi đua sheet and the Khen thưởng list never disagree.
    """
    out = {}
    for ind in catalogue.indicators:
        if not ind.is_derived:
            continue
        reg = catalogue.register(ind.register)
        rows = [r for r in data.registers.get(reg.code, ())
                if all(r.get(column) in values for column, values in ind.match)]
        out[ind.code] = [sum(1 for r in rows if r.get(reg.year_column) == year) for year in data.years]
    return out
