"""The formulas of the branch workbook, as text.

Pure string building, no spreadsheet library: the template builder writes
these formulas, and the add-in's Tính tổng writes the same ones back when an
officer has typed over a total, so both share one definition of each formula
and the add-in runs in xlwings Lite without openpyxl.
"""

from __future__ import annotations

from .catalogue import YES, Indicator, Relation
from .layout import COL_START, START_SUFFIX, TERM_SUFFIX, Layout, Place, cell_address, quote_sheet


def derived_formulas(layout: Layout) -> dict[str, list[str]]:
    """The formula of every derived cell, by defined name: yearly rates and term values.

    One formula per cell of the name, in the name's cell order. The add-in's
    Tính tổng writes these back when an officer has typed over a total, so
    the workbook and the add-in share one definition of each formula.
    """
    formulas: dict[str, list[str]] = {}
    for ind in layout.catalogue.indicators:
        if not ind.per_year:
            continue
        if ind.kind == "rate":
            formulas[ind.code] = rate_formulas(layout, ind)
        if ind.is_derived:
            formulas[ind.code] = [count_formula(layout, ind, year) for year in layout.years]
        formulas[ind.code + TERM_SUFFIX] = [term_formula(layout, ind)]
    return formulas


def rate_formulas(layout: Layout, ind: Indicator) -> list[str]:
    place = layout.places[ind.code]
    num, den = layout.places[ind.numerator], layout.places[ind.denominator]
    return [rate_formula(ref(num, i, place), ref(den, i, place)) for i in range(place.width)]


def count_formula(layout: Layout, ind: Indicator, year: int) -> str:
    """COUNTIFS over the register's named columns: its rows of ``year`` matching every condition.

    A condition listing several values adds one COUNTIFS per value (the
    values of one column exclude each other). Mirrors model.register_counts.
    """
    reg = layout.catalogue.register(ind.register)
    terms = [[f"{reg.name(reg.year_column)},{year}"]]
    for column, values in ind.match:
        terms = [[*t, f'{reg.name(column)},"{v}"'] for t in terms for v in values]
    return "=" + "+".join(f"COUNTIFS({','.join(t)})" for t in terms)


def ref(place: Place, offset: int, here: Place) -> str:
    """A relative reference to one cell of ``place``, sheet-qualified when elsewhere."""
    cell = place.cell(offset)
    return cell if place.sheet == here.sheet else f"{quote_sheet(place.sheet)}!{cell}"


def rate_formula(num: str, den: str) -> str:
    return f'=IF(AND(ISNUMBER({num}),ISNUMBER({den})),IF({den}>0,{num}/{den}*100,""),"")'


def term_formula(layout: Layout, ind: Indicator) -> str:
    place = layout.places[ind.code]
    cells = [place.cell(i) for i in range(place.width)]
    block = f"{cells[0]}:{cells[-1]}"
    if ind.kind == "flow":
        return f'=IF(COUNT({block})=0,"",SUM({block}))'
    if ind.kind == "yesno":
        return f'=COUNTIF({block},"{YES}")'
    if ind.kind == "rate":
        num = ref(layout.places[ind.numerator + TERM_SUFFIX], 0, place)
        den = ref(layout.places[ind.denominator + TERM_SUFFIX], 0, place)
        return rate_formula(num, den)
    # stock and rating: the last filled year; a stock falls back to its start value
    fallback = '""'
    if ind.kind == "stock":
        start = cell_address(place.row, COL_START)
        fallback = f'IF({start}<>"",{start},"")'
    formula = fallback
    for cell in cells:
        formula = f'IF({cell}<>"",{cell},{formula})'
    return "=" + formula


def relation_condition(layout: Layout, rel: Relation, k: int, here: Place) -> str:
    """Formula (no '=') true when ``rel`` fails in year index ``k``, relative to ``here``."""
    def cell(code: str, offset: int = k) -> str:
        return ref(layout.places[code], offset, here)

    if rel.kind == "le":
        left, right = cell(rel.left), cell(rel.right)
        return f"AND(ISNUMBER({left}),ISNUMBER({right}),{left}>{right})"
    if rel.kind == "sum_le":
        total = cell(rel.total)
        parts = ",".join(cell(p) for p in rel.parts)
        return f"AND(ISNUMBER({total}),COUNT({parts})>0,SUM({parts})>{total})"
    return f"AND(ISNUMBER({cell(rel.stock)}),{identity_gap(layout, rel, k, here, cell)}<>0)"


def identity_gap(layout: Layout, rel: Relation, k: int, here: Place, cell) -> str:
    """end − (previous + plus − minus); the previous of year 1 is the start column."""
    stock = layout.places[rel.stock]
    previous = ref(stock, k - 1, here) if k else ref(layout.places[rel.stock + START_SUFFIX], 0, here)
    plus = "+".join(f"N({cell(c)})" for c in rel.plus)
    minus = "-".join(f"N({cell(c)})" for c in rel.minus)
    return f"({cell(rel.stock)}-(N({previous})+{plus}-{minus}))"
