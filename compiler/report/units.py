"""Read a workbook for the report: its own data and, when consolidated, its units.

Any template workbook will do. A branch's workbook gives its own figures; a
consolidated ``tong-hop.xlsx`` is also a template workbook (the compiling
union's sums) and besides carries the compiler's tables about the units it
compiled. They are read through the compiler's own names and headers
(:mod:`compiler.tables`, :mod:`compiler.consolidated`), so both sides agree.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from workbook_templates.catalogue import YES, load_catalogue
from workbook_templates.model import BranchData
from workbook_templates.reader import parse_branch
from workbook_templates.xlsx import XlsxFile, open_xlsx

from ..completeness import STATUS_BAD_FILE, STATUS_DATA_ERRORS, STATUS_MISSING, STATUS_OK
from ..consolidated import HEADER_ROW, SHEET_UNITS
from ..tables import CODE, STATUS_HEADERS, TEXT_HEADERS, UNIT_CODE, UNIT_NAME, read_rollup
from .context import APPENDIX_CODES, APPENDIX_MAX_UNITS, UnitRow, Units

TEXT = TEXT_HEADERS[-1]
STATUS, INCLUDED = STATUS_HEADERS[3], STATUS_HEADERS[4]   # "Tình trạng", "Đưa vào tổng hợp"
#: Statuses of the Tình hình nộp rows that are units of the registry (not groups, not stray files).
UNIT_STATUSES = (STATUS_OK, STATUS_DATA_ERRORS, STATUS_MISSING, STATUS_BAD_FILE)
START = "Đầu nhiệm kỳ"   # header of the start-of-term column of Theo đơn vị (compiler.rows.unit_headers)
_MAX_COLUMNS = 200


def read_report_input(path: str | os.PathLike) -> tuple[BranchData, Units | None]:
    """The workbook's data, and its units when it is a consolidated workbook.

    Raises :class:`~workbook_templates.reader.WorkbookError` (Vietnamese,
    naming the file, sheet and cell) when it is not a template workbook.
    """
    source = open_xlsx(Path(path))
    book = parse_branch(source.source, source.names, source.get, load_catalogue())
    rollup = read_rollup(source.names, source.get, source.source)
    if rollup is None:
        return book.data, None
    texts = [(str(row.get(UNIT_NAME) or ""), str(row.get(CODE) or ""), str(row.get(TEXT) or ""))
             for row in rollup.texts if row.get(TEXT)]
    appendix = SHEET_UNITS in source.sheet_names and rollup.unit_count <= APPENDIX_MAX_UNITS
    rows = unit_rows(source, book.data.years) if appendix else []
    registered = {r.get(UNIT_CODE): r for r in rollup.statuses if r.get(STATUS) in UNIT_STATUSES}
    left_out = [str(r.get(UNIT_NAME) or code) for code, r in registered.items() if r.get(INCLUDED) != YES]
    return book.data, Units(count=rollup.unit_count, counts=rollup.counts, texts=texts, rows=rows,
                            registered=len(registered) or None, left_out=left_out)


def unit_rows(source: XlsxFile, years: list[int]) -> list[UnitRow]:
    """Each unit's figures for the appendix, from the Theo đơn vị sheet (one row per unit × indicator)."""
    headers = []
    for col in range(1, _MAX_COLUMNS):
        value = source.get(SHEET_UNITS, f"{get_column_letter(col)}{HEADER_ROW}")
        if value in (None, ""):
            break
        headers.append(int(value) if isinstance(value, float) and value.is_integer() else value)
    where = {h: i for i, h in enumerate(headers)}
    if not all(h in where for h in (UNIT_CODE, UNIT_NAME, CODE, START, *years)):
        return []
    letters = {h: get_column_letter(i + 1) for h, i in where.items()}
    units: dict[str, UnitRow] = {}
    row = HEADER_ROW + 1
    while True:
        # about 84 rows per unit, 5 of them for the appendix: read a row's code first, the rest only then
        code = source.get(SHEET_UNITS, f"{letters[CODE]}{row}")
        if code in APPENDIX_CODES or code in (None, ""):
            unit = source.get(SHEET_UNITS, f"{letters[UNIT_CODE]}{row}")
            if unit in (None, ""):
                return list(units.values())
        if code in APPENDIX_CODES:
            cell = {h: source.get(SHEET_UNITS, f"{letters[h]}{row}") for h in (UNIT_NAME, START, *years)}
            entry = units.setdefault(str(unit), UnitRow(str(cell[UNIT_NAME] or unit)))
            entry.values[code] = [_clean(cell[y]) for y in years]
            entry.start[code] = _clean(cell[START])
        row += 1


def _clean(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None if value == "" else value
