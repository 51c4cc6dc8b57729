"""Test helper: build the JSON payload xlwings' remote engine expects from an .xlsx.

The add-in scripts are tested through xlwings' own remote engine
(``xlwings/pro/_xlremote.py``): ``xw.Book(json=payload)`` gives a real
``xw.Book`` whose reads come from the payload and whose writes are queued as
actions, readable with ``book.json()["actions"]``. This module builds that
payload from a real workbook file with openpyxl, shaped like the one the
Office.js client (xlwings Lite / xlwings Server add-in) sends:

* top level: ``client`` ("Office.js"), ``version`` (the installed xlwings
  version), ``book``, ``names``, ``sheets``;
* ``book``: ``name`` (file name), ``active_sheet_index`` (0-based),
  ``selection`` (A1 address without ``$``), ``calculation``;
* ``names``: one dict per defined name: ``name``, ``refers_to``
  (``"='Tổ chức'!$A$1:$E$1"``), ``sheet_index``/``address`` (0-based sheet
  and A1 address without ``$`` when the name is a single range, else None),
  ``book_scope``, ``scope_sheet_name``, ``scope_sheet_index``, ``visible``;
* ``sheets``: one dict per worksheet, in tab order: ``name``, ``values`` (a
  rectangular matrix anchored at A1 up to the used range's last cell),
  ``used_range_address``, ``visibility``, ``show_gridlines``, ``notes``
  (addresses of cells with a note), ``tables``, ``pictures``, ``shapes``,
  ``charts``, ``pivot_tables``, ``print_area``.

Cell values are what the client sends: numbers (whole numbers as int, as they
arrive after JSON), strings, booleans, ``""`` for an empty cell, dates and
times as ISO strings ending in ``Z`` (``"2021-01-01T00:00:00.000Z"``; the
engine turns them back into ``datetime``), error values as their text
(``"#N/A"``). A formula gives its cached value; if the file has none (e.g.
written by openpyxl and never opened in Excel), the cell is ``None``.
"""

from __future__ import annotations

import datetime as dt
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

__all__ = ["payload_from_xlsx", "ensure_remote_engine", "actions"]

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MAX_SAFE_INTEGER = 2**53 - 1
_CALCULATION = {
    "auto": "Automatic",
    "manual": "Manual",
    "autoNoTable": "AutomaticExceptTables",
}
_VISIBILITY = {"visible": "Visible", "hidden": "Hidden", "veryHidden": "VeryHidden"}


def _xlwings_version() -> str:
    # Don't import xlwings here: importing it before XLWINGS_LICENSE_KEY is set
    # leaves the remote engine unregistered (see ensure_remote_engine()).
    module = sys.modules.get("xlwings")
    if module is not None:
        return module.__version__
    return metadata.version("xlwings")


def _iso_z(value: dt.datetime) -> str:
    """Format like JavaScript's Date.toISOString(): milliseconds and a Z."""
    value = value.replace(tzinfo=None)
    rounded = value.replace(microsecond=0) + dt.timedelta(
        milliseconds=round(value.microsecond / 1000)
    )
    return rounded.strftime("%Y-%m-%dT%H:%M:%S.") + f"{rounded.microsecond // 1000:03d}Z"


def _wire_value(value: Any) -> Any:
    """Convert an openpyxl cell value into what the Office.js client sends."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        # JSON.stringify(3.0) is "3": whole numbers arrive as int.
        if value.is_integer() and abs(value) <= _MAX_SAFE_INTEGER:
            return int(value)
        return value
    if isinstance(value, dt.datetime):
        return _iso_z(value)
    if isinstance(value, dt.date):
        return _iso_z(dt.datetime.combine(value, dt.time()))
    if isinstance(value, dt.time):
        return _iso_z(dt.datetime.combine(_EXCEL_EPOCH.date(), value))
    if isinstance(value, dt.timedelta):
        return _iso_z(_EXCEL_EPOCH + value)
    if isinstance(value, str):
        return value
    return str(value)


def _address(min_col: int, min_row: int, max_col: int, max_row: int) -> str:
    first = f"{get_column_letter(min_col)}{min_row}"
    if (min_col, min_row) == (max_col, max_row):
        return first
    return f"{first}:{get_column_letter(max_col)}{max_row}"


def _sheet_values(ws_formulas, ws_values) -> tuple[list[list[Any]], str | None, list]:
    """Values anchored at A1, the used range address and the notes of a sheet."""
    if not ws_formulas._cells:  # no cell holds a value or a format
        return [[""]], None, []
    max_row, max_col = ws_formulas.max_row, ws_formulas.max_column
    used = _address(ws_formulas.min_column, ws_formulas.min_row, max_col, max_row)
    values: list[list[Any]] = []
    notes: list[dict[str, str]] = []
    rows_f = ws_formulas.iter_rows(min_row=1, max_row=max_row, max_col=max_col)
    rows_v = ws_values.iter_rows(min_row=1, max_row=max_row, max_col=max_col)
    for row_f, row_v in zip(rows_f, rows_v):
        row: list[Any] = []
        for cell_f, cell_v in zip(row_f, row_v):
            if cell_f.data_type == "f":
                cached = cell_v.value
                row.append(None if cached is None else _wire_value(cached))
            else:
                row.append(_wire_value(cell_f.value))
            if getattr(cell_f, "comment", None) is not None:
                notes.append({"address": cell_f.coordinate})
        values.append(row)
    return values, used, notes


def _tables(ws) -> list[dict[str, Any]]:
    tables = []
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        headers = (table.headerRowCount if table.headerRowCount is not None else 1) > 0
        totals = bool(table.totalsRowCount)
        body_top = min_row + (1 if headers else 0)
        body_bottom = max_row - (1 if totals else 0)
        tables.append(
            {
                "name": table.displayName or table.name,
                "range_address": _address(min_col, min_row, max_col, max_row),
                "header_row_range_address": (
                    _address(min_col, min_row, max_col, min_row) if headers else None
                ),
                "data_body_range_address": (
                    _address(min_col, body_top, max_col, body_bottom)
                    if body_top <= body_bottom
                    else None
                ),
                "total_row_range_address": (
                    _address(min_col, max_row, max_col, max_row) if totals else None
                ),
                "show_headers": headers,
                "show_totals": totals,
                "table_style": (
                    table.tableStyleInfo.name if table.tableStyleInfo else None
                ),
                "show_autofilter": table.autoFilter is not None,
                "columns": [column.name for column in table.tableColumns],
                "row_count": max_row - min_row + 1,
                "column_count": max_col - min_col + 1,
            }
        )
    return tables


def _print_area(ws) -> str | None:
    area = ws.print_area
    if not area:
        return None
    # openpyxl gives "'Sheet'!$A$1:$E$5"; keep the address part, like COM does.
    return ",".join(part.rsplit("!", 1)[-1] for part in area.split(","))


def _name_entry(defn, titles: list[str], scope_index: int | None) -> dict[str, Any]:
    sheet_index = address = None
    if defn.type == "RANGE":
        destinations = list(defn.destinations)
        if len(destinations) == 1:
            sheet_title, coord = destinations[0]
            if sheet_title in titles:
                sheet_index = titles.index(sheet_title)
                address = coord.replace("$", "").upper()
    return {
        "name": defn.name,
        "refers_to": "=" + (defn.attr_text or ""),
        "sheet_index": sheet_index,
        "address": address,
        "book_scope": scope_index is None,
        "scope_sheet_name": None if scope_index is None else titles[scope_index],
        "scope_sheet_index": scope_index,
        "visible": not defn.hidden,
    }


def _names(wb) -> list[dict[str, Any]]:
    titles = [ws.title for ws in wb.worksheets]
    names = [
        _name_entry(defn, titles, None)
        for defn in wb.defined_names.values()
        if not defn.name.startswith("_xlnm.")
    ]
    for index, ws in enumerate(wb.worksheets):
        names.extend(
            _name_entry(defn, titles, index)
            for defn in ws.defined_names.values()
            if not defn.name.startswith("_xlnm.")
        )
    return names


def payload_from_xlsx(path) -> dict:
    """Build the JSON payload xlwings' remote engine expects from a real .xlsx file (via openpyxl), including every sheet's values and the workbook-level defined names."""
    path = Path(path)
    wb_formulas = openpyxl.load_workbook(path, data_only=False)
    wb_values = openpyxl.load_workbook(path, data_only=True)

    sheets = []
    for ws_f, ws_v in zip(wb_formulas.worksheets, wb_values.worksheets):
        values, used_range, notes = _sheet_values(ws_f, ws_v)
        sheets.append(
            {
                "name": ws_f.title,
                "values": values,
                "used_range_address": used_range,
                "visibility": _VISIBILITY.get(ws_f.sheet_state, "Visible"),
                "show_gridlines": ws_f.sheet_view.showGridLines is not False,
                "notes": notes,
                "tables": _tables(ws_f),
                "pictures": [],
                "shapes": [],
                "charts": [],
                "pivot_tables": [],
                "print_area": _print_area(ws_f),
            }
        )

    active = wb_formulas.active
    if active in wb_formulas.worksheets:
        active_index = wb_formulas.worksheets.index(active)
        selection = active.sheet_view.selection
        sqref = str(selection[0].sqref) if selection and selection[0].sqref else "A1"
        selected = sqref.split()[0].replace("$", "")
    else:  # a chart sheet is active: Office.js doesn't list chart sheets
        active_index, selected = 0, "A1"
    calc_mode = wb_formulas.calculation.calcMode if wb_formulas.calculation else None

    return {
        "client": "Office.js",
        "version": _xlwings_version(),
        "book": {
            "name": path.name,
            "active_sheet_index": active_index,
            "selection": selected,
            "calculation": _CALCULATION.get(calc_mode or "auto", "Automatic"),
        },
        "names": _names(wb_formulas),
        "sheets": sheets,
    }


def ensure_remote_engine() -> None:
    """Make sure xlwings' "remote" engine is registered.

    xlwings registers it only if ``XLWINGS_LICENSE_KEY`` (``noncommercial`` is
    enough) is set when ``xlwings`` is first imported. If xlwings was imported
    earlier without it, register it now; the variable must be set by then.
    """
    import xlwings as xw

    if any(engine.name == "remote" for engine in xw.engines):
        return
    from xlwings.main import Engine
    from xlwings.pro import _xlremote  # validates XLWINGS_LICENSE_KEY

    xw.engines.add(Engine(impl=_xlremote.engine))


def actions(book) -> list[dict[str, Any]]:
    """The actions queued on a remote-engine book, e.g. [{"func": "setValues", ...}]."""
    return book.json()["actions"]
