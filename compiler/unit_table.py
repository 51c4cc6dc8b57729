"""The Theo đơn vị table: one row per unit, each per-year indicator a group of columns.

A row per unit × indicator (the earlier layout, some 110 rows a unit) passed
Excel's 1,048,576 rows at about 9,000 units; a row per unit keeps a province
of 20,000 units at 20,000 rows and under 900 columns (Excel allows 16,384).

Two header rows: the indicator's label over its sub-columns, then the
sub-columns, by the indicator's kind:

* stock: Đầu nhiệm kỳ, each year, Kỳ báo cáo, Cả nhiệm kỳ;
* rate: the same; Đầu nhiệm kỳ only for a rate of two stocks (any other has none);
* flow: each year, Kỳ báo cáo, Cả nhiệm kỳ;
* rating and yes/no: each year only (a period's value is its last year's, already shown);
* an indicator with a congress target adds the unit's own Chỉ tiêu and its Đánh giá.

Kỳ báo cáo appears only when the period is not the whole term (it would
repeat Cả nhiệm kỳ). The compiler writes rows through :meth:`UnitTable.row`;
the report's appendix finds its columns again by the same labels
(:func:`indicator_header` and the sub-column headers), so both sides agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbook_templates.catalogue import Catalogue, Indicator
from workbook_templates.model import BranchData, Value, figures, target_assessment

from .period import Period, period_figures

START, PERIOD, TERM, TARGET, ASSESSMENT = "Đầu nhiệm kỳ", "Kỳ báo cáo", "Cả nhiệm kỳ", "Chỉ tiêu", "Đánh giá"
#: How a column's cells are shown: whole numbers, rates with one decimal, or text.
NUMBER, RATE, TEXT = "number", "rate", "text"


@dataclass(frozen=True)
class Column:
    """One column of an indicator: ``part`` is a year (int) or one of START, PERIOD, TERM, TARGET, ASSESSMENT."""

    code: str
    part: int | str
    header: int | str      # the sub-column's header (a year stays a number, like the template's)
    shown: str             # NUMBER, RATE or TEXT


def indicator_header(ind: Indicator) -> str:
    """The label over an indicator's columns, with its unit where the unit says something."""
    return ind.label if ind.kind == "rating" or not ind.unit else f"{ind.label} ({ind.unit})"


class UnitTable:
    """The columns of Theo đơn vị for one term and period, and each unit's row."""

    def __init__(self, catalogue: Catalogue, years: list[int], period: Period):
        self.catalogue, self.years, self.period = catalogue, list(years), period
        self.indicators = [ind for ind in catalogue.indicators if ind.per_year]
        self.columns = [col for ind in self.indicators for col in self._columns(ind)]

    def groups(self) -> list[tuple[Indicator, list[Column]]]:
        """Each indicator with its columns, in the table's order."""
        by_code: dict[str, list[Column]] = {}
        for col in self.columns:
            by_code.setdefault(col.code, []).append(col)
        return [(ind, by_code[ind.code]) for ind in self.indicators]

    def row(self, data: BranchData) -> list[Value]:
        """One unit's row: its code, its name, then every column's value."""
        term, within = figures(self.catalogue, data), None
        if self.period.years != self.years:
            within = period_figures(self.catalogue, data, self.period)
        year_index = {y: k for k, y in enumerate(self.years)}
        out: list[Value] = [data.unit_code, data.unit_name]
        for col in self.columns:
            fig = term[col.code]
            if isinstance(col.part, int):
                out.append(fig.years[year_index[col.part]])
            elif col.part == START:
                out.append(fig.start)
            elif col.part == PERIOD:
                out.append(within[col.code].term)
            elif col.part == TERM:
                out.append(fig.term)
            elif col.part == TARGET:
                out.append(data.targets.get(col.code))
            else:
                ind = self.catalogue[col.code]
                out.append(target_assessment(ind, fig.term, data.targets.get(col.code),
                                             data.target_marks.get(col.code)))
        return out

    def _columns(self, ind: Indicator) -> list[Column]:
        shown = RATE if ind.kind == "rate" else NUMBER if ind.is_numeric else TEXT
        cols = [Column(ind.code, y, y, shown) for y in self.years]
        if ind.is_numeric:
            if ind.kind == "stock" or (ind.kind == "rate" and self._of_stocks(ind)):
                cols.insert(0, Column(ind.code, START, START, shown))
            if self.period.years != self.years:
                cols.append(Column(ind.code, PERIOD, f"{PERIOD} ({self.period.label})", shown))
            cols.append(Column(ind.code, TERM, TERM, shown))
        if ind.target:
            cols += [Column(ind.code, TARGET, TARGET, shown), Column(ind.code, ASSESSMENT, ASSESSMENT, TEXT)]
        return cols

    def _of_stocks(self, ind: Indicator) -> bool:
        return all(self.catalogue[c].kind == "stock" for c in (ind.numerator, ind.denominator))


def part_of(header: Any) -> int | str | None:
    """The part a sub-column header names (the reader's side): a year, START, or None for the others."""
    if isinstance(header, float) and header.is_integer():
        return int(header)
    return header if isinstance(header, int) or header == START else None
