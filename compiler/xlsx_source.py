"""Fast read-only access to one .xlsx/.xlsm: its defined names and cell values.

The compiler reads thousands of workbooks, so it does not go through
openpyxl: measured on a filled branch workbook, openpyxl's streaming reader
takes about 54 ms and python-calamine about 3 ms. Calamine does not expose
defined names, so they are read from ``xl/workbook.xml`` directly and
resolved with openpyxl's own parser, which keeps the result identical to
:func:`workbook_templates.reader.read_workbook` (a test compares both).

The file is opened for reading only, and closed before :func:`open_source`
returns, so an officer can keep it open in Excel while the compiler runs.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import python_calamine
from openpyxl.workbook.defined_name import DefinedName

from workbook_templates.reader import Cells, WorkbookError, expand_range

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# The form every branch workbook uses: 'Sheet'!$A$1 or 'Sheet'!$A$1:$B$2.
# Anything else goes through openpyxl's formula tokenizer (ten times slower).
_SIMPLE_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$")


@dataclass
class XlsxSource:
    """Defined names and per-sheet cell grids of one workbook, fully in memory.

    ``get(sheet, cell)`` returns the cached value like openpyxl's
    ``data_only=True`` (``None`` for a blank cell) and raises
    :class:`WorkbookError` for a sheet the workbook does not have.
    """

    source: str
    names: dict[str, Cells]
    sheet_names: list[str]
    _grids: dict[str, list[list[Any]]] = field(default_factory=dict, repr=False)

    def get(self, sheet: str, cell: str) -> Any:
        if sheet not in self._grids:
            raise WorkbookError(self.source, "không có trang tính này.", sheet=sheet)
        rows = self._grids[sheet]
        row, col = _coordinates(cell)
        r, c = row - 1, col - 1
        if r < len(rows) and c < len(rows[r]):
            value = rows[r][c]
            return None if value == "" else value
        return None


def open_source(path: Path, source: str | None = None) -> XlsxSource:
    """Read ``path`` once; raise :class:`WorkbookError` when it is not an Excel workbook."""
    source = source or path.name
    if not zipfile.is_zipfile(path):
        raise WorkbookError(source, "không phải tệp Excel .xlsx/.xlsm (có thể là tệp khác bị đổi đuôi, "
                                    "hoặc tệp bị hỏng khi gửi).")
    try:
        with zipfile.ZipFile(path) as archive:
            workbook_xml = archive.read("xl/workbook.xml")
        names = _defined_names(workbook_xml)
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError,
            python_calamine.CalamineError) as exc:
        raise WorkbookError(source, f"không mở được như một sổ Excel hợp lệ ({type(exc).__name__}).") from exc
    try:
        # skip_empty_area=False: every grid starts at A1
        grids = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    except python_calamine.CalamineError as exc:
        raise WorkbookError(source, f"không đọc được nội dung sổ ({type(exc).__name__}).") from exc
    finally:
        book.close()
    return XlsxSource(source, names, list(grids), grids)


def _defined_names(workbook_xml: bytes) -> dict[str, Cells]:
    """Workbook-level defined names with one destination, as (sheet, [A1 cells])."""
    root = ElementTree.fromstring(workbook_xml)
    names: dict[str, Cells] = {}
    for element in root.iter(f"{_MAIN_NS}definedName"):
        name = element.get("name") or ""
        if element.get("localSheetId") is not None or name.startswith("_xlnm."):
            continue
        text = (element.text or "").strip()
        simple = _SIMPLE_REF.match(text)
        if simple:
            quoted, plain, ref = simple.groups()
            destinations = [(quoted.replace("''", "'") if quoted else plain, ref)]
        else:
            try:
                destinations = list(DefinedName(name, attr_text=text).destinations)
            except (ValueError, TypeError):
                continue
        if len(destinations) == 1:
            sheet, ref = destinations[0]
            names[name] = (sheet, expand_range(ref))
    return names


def _coordinates(cell: str) -> tuple[int, int]:
    """'E12' -> (12, 5)."""
    col = 0
    i = 0
    while i < len(cell) and cell[i].isalpha():
        col = col * 26 + ord(cell[i].upper()) - 64
        i += 1
    return int(cell[i:]), col
