"""The report's input: a workbook's own data and, when consolidated, what it says about its units.

Two sources give the same :class:`~.context.Units`:

* ``baocao report tong-hop.xlsx`` reads the file (:func:`read_report_input`):
  the compiler's tables through their names and headers (:mod:`compiler.tables`),
  and the Theo đơn vị sheet only when the appendix is printed (at most
  :data:`~.context.APPENDIX_MAX_UNITS` units);
* ``baocao compile`` hands over what it has just compiled
  (:func:`compiled_units`): the same rows, from its spools, as reading them
  back from the file would give them (:func:`_as_read`), without reading
  its own workbook back.

Both end in :func:`_units`, so for the same data both give the same report.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from openpyxl.utils import get_column_letter

from workbook_templates.catalogue import YES, Catalogue, load_catalogue
from workbook_templates.cells import clean_text
from workbook_templates.model import BranchData
from workbook_templates.reader import parse_branch
from workbook_templates.xlsx import XlsxFile, open_xlsx

from ..aggregate import Counts, categories, counted
from ..completeness import STATUS_BAD_FILE, STATUS_DATA_ERRORS, STATUS_MISSING, STATUS_OK
from ..consolidated import HEADER_ROW, SHEET_UNITS, UNITS_FIRST_ROW, Compiled
from ..tables import CODE, STATUS_HEADERS, TEXT_HEADERS, UNIT_CODE, UNIT_NAME, read_rollup
from ..unit_table import START, UnitTable, indicator_header, part_of
from .context import APPENDIX_CODES, APPENDIX_MAX_UNITS, UnitRow, Units, UnitTexts

TEXT = TEXT_HEADERS[-1]
STATUS, INCLUDED = STATUS_HEADERS[3], STATUS_HEADERS[4]   # "Tình trạng", "Đưa vào tổng hợp"
#: Statuses of the Tình hình nộp rows that are units of the registry (not groups, not stray files).
UNIT_STATUSES = (STATUS_OK, STATUS_DATA_ERRORS, STATUS_MISSING, STATUS_BAD_FILE)
#: Where to look up (indicator code, part) in a unit's row of Theo đơn vị.
Lookup = Callable[[str, Any], Any]


def read_report_input(path: str | os.PathLike) -> tuple[BranchData, Units | None]:
    """The workbook's data, and its units when it is a consolidated workbook.

    Raises :class:`~workbook_templates.reader.WorkbookError` (Vietnamese,
    naming the file, sheet and cell) when it is not a template workbook.
    """
    catalogue = load_catalogue()
    source = open_xlsx(Path(path))
    book = parse_branch(source.source, source.names, source.get, catalogue)
    rollup = read_rollup(source.names, source.get, source.source)
    if rollup is None:
        return book.data, None
    appendix = SHEET_UNITS in source.sheet_names and rollup.unit_count <= APPENDIX_MAX_UNITS
    rows = _sheet_rows(source, catalogue, book.data.years) if appendix else []
    return book.data, _units(rollup.unit_count, rollup.counts, rollup.texts, rollup.statuses, rows)


def compiled_units(c: Compiled, catalogue: Catalogue) -> Units:
    """The units of a compile that has just written its workbook, from its spools."""
    counts: Counts = {ind.code: {cat: list(c.counts[ind.code][cat]) for cat in categories(ind)}
                      for ind in counted(catalogue)}    # the categories the Xếp loại sheet shows
    texts = (_as_read_row(TEXT_HEADERS, values) for values in c.tables.texts)
    statuses = (_as_read_row(STATUS_HEADERS, values) for values in c.tables.statuses)
    rows = []
    if c.completeness.unit_count <= APPENDIX_MAX_UNITS:
        table = UnitTable(catalogue, c.data.years, c.period)
        where = {(col.code, col.part): i for i, col in enumerate(table.columns, start=2)}
        for values in c.tables.units:
            rows.append(_appendix_row(values[0], values[1], lambda code, part: values[where[code, part]],
                                      c.data.years, {col.code for col in table.columns if col.part == START}))
    return _units(c.completeness.unit_count, counts, texts, statuses, rows)


def _units(count: int, counts: Counts, texts: Iterable[dict[str, Any]], statuses: Iterable[dict[str, Any]],
           rows: list[UnitRow]) -> Units:
    """Units from the rows of the Văn bản and Tình hình nộp tables, as read."""
    unit_texts = UnitTexts((str(row.get(UNIT_NAME) or ""), str(row.get(CODE) or ""), str(row.get(TEXT)))
                           for row in texts if row.get(TEXT))
    registered: dict[Any, tuple[Any, bool]] = {}      # unit code -> (name, in the totals)
    for row in statuses:
        if row.get(STATUS) in UNIT_STATUSES:
            registered[row.get(UNIT_CODE)] = (row.get(UNIT_NAME), row.get(INCLUDED) == YES)
    left_out = [str(name or code) for code, (name, included) in registered.items() if not included]
    return Units(count=count, counts=counts, texts=unit_texts, rows=rows, registered=len(registered) or None,
                 left_out=left_out)


# ---------------------------------------------------------------- the appendix rows

def _sheet_rows(source: XlsxFile, catalogue: Catalogue, years: list[int]) -> list[UnitRow]:
    """Each unit's figures for the appendix, from Theo đơn vị (one row per unit, indicators as columns).

    The columns are found by the two header rows (the indicator's label, then
    the year or Đầu nhiệm kỳ); a sheet without them gives no row.
    """
    letters, label, col = {}, None, 3      # after the unit's code and name
    while True:
        letter = get_column_letter(col)
        sub = source.get(SHEET_UNITS, f"{letter}{HEADER_ROW + 1}")
        if sub in (None, ""):
            break
        label = source.get(SHEET_UNITS, f"{letter}{HEADER_ROW}") or label    # a merged label: its first cell
        letters[label, part_of(sub)] = letter
        col += 1
    where = {}
    for code in APPENDIX_CODES:
        header = indicator_header(catalogue[code])
        where.update({(code, part): letters[header, part] for part in (START, *years) if (header, part) in letters})
    if source.get(SHEET_UNITS, f"A{HEADER_ROW}") != UNIT_CODE or \
            not all((code, y) in where for code in APPENDIX_CODES for y in years):
        return []
    rows, number = [], UNITS_FIRST_ROW
    while (unit := source.get(SHEET_UNITS, f"A{number}")) not in (None, ""):
        row = number
        rows.append(_appendix_row(unit, source.get(SHEET_UNITS, f"B{row}"),
                                  lambda code, part: source.get(SHEET_UNITS, f"{where[code, part]}{row}"),
                                  years, {code for code, part in where if part == START}))
        number += 1
    return rows


def _appendix_row(unit: Any, name: Any, get: Lookup, years: Sequence[int], started: set[str]) -> UnitRow:
    """One unit's appendix figures: each year, and the start of the term of the indicators in ``started``."""
    entry = UnitRow(str(_as_read(name) or _as_read(unit)))
    for code in APPENDIX_CODES:
        entry.values[code] = [_as_read(get(code, y)) for y in years]
        if code in started:
            entry.start[code] = _as_read(get(code, START))
    return entry


# ---------------------------------------------------------------- as read back

def _as_read_row(headers: Sequence[str], values: Sequence[Any]) -> dict[str, Any]:
    return {h: _as_read(v) for h, v in zip(headers, values)}


def _as_read(value: Any) -> Any:
    """A value as reading its cell of ``tong-hop.xlsx`` back gives it (:func:`compiler.tables.read_table`).

    The writer cleans a text (:func:`~workbook_templates.cells.clean_text`),
    XML reads its line ends as ``\\n``, and the reader trims it (blank is
    ``None``); a number is a float there, so a whole one becomes an int.
    """
    if isinstance(value, str):
        return clean_text(value).replace("\r\n", "\n").replace("\r", "\n").strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
