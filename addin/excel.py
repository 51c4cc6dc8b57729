"""The add-in's only contact with Excel: read a workbook in a few calls, write in batches.

Every Excel call is slow (a COM round trip in classic xlwings, an Office.js
action in xlwings Lite), so reading takes one ``used_range`` read per sheet
and one pass over ``book.names``, and every write covers a rectangle: the
number of calls depends on the workbook's layout, never on how many cells
or findings there are. Everything here goes through the public xlwings API,
so it runs unchanged in xlwings Lite and in classic desktop xlwings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable


from workbook_templates.catalogue import Catalogue
from workbook_templates.layout import expand_range, parse_cell
from workbook_templates.reader import BranchWorkbook, Cells, parse_branch

#: ``='Tổ chức'!$E$5:$I$5`` or ``=Sheet1!$B$5``: a name that refers to one block of one sheet.
_REFERS_TO = re.compile(r"^=(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$")

Rect = tuple[int, int, int, int]  # top row, left column, bottom row, right column (1-based)


class AddinError(RuntimeError):
    """The book cannot be handled by the add-in at all; the message says why, in Vietnamese."""


@dataclass
class Grid:
    """The values of one sheet's used range, read in one call."""

    values: list[list[Any]]
    top: int
    left: int

    def get(self, row: int, column: int) -> Any:
        r, c = row - self.top, column - self.left
        if 0 <= r < len(self.values) and 0 <= c < len(self.values[r]):
            return self.values[r][c]
        return None


class BookView:
    """An ``xw.Book`` as the add-in reads it: defined names once, each sheet's values once."""

    def __init__(self, book: Any):
        self.book = book
        self.names: dict[str, Cells] = {}
        for name in book.names:
            match = _REFERS_TO.match(name.refers_to or "")
            if match and "!" not in name.name:  # workbook-level names only
                sheet = (match[1] or "").replace("''", "'") or match[2]
                self.names[name.name] = (sheet, expand_range(match[3]))
        self.sheet_names = [sheet.name for sheet in book.sheets]
        self._grids: dict[str, Grid] = {}

    def grid(self, sheet: str) -> Grid:
        if sheet not in self._grids:
            if sheet not in self.sheet_names:
                self._grids[sheet] = Grid([], 1, 1)
            else:
                used = self.book.sheets[sheet].used_range
                self._grids[sheet] = Grid(used.options(ndim=2).value, used.row, used.column)
        return self._grids[sheet]

    def get(self, sheet: str, cell: str) -> Any:
        return self.grid(sheet).get(*parse_cell(cell))

    def branch(self, catalogue: Catalogue | None = None) -> BranchWorkbook:
        """The workbook's data through the same parser as ``baocao check`` (may raise WorkbookError)."""
        return parse_branch(self.book.name, self.names, self.get, catalogue)

    def block(self, name: str) -> tuple[str, Rect]:
        """The sheet and rectangle of a defined name; AddinError when the book lacks it."""
        if name not in self.names:
            raise AddinError(f"Sổ {self.book.name} không có tên vùng {name}: bổ trợ chỉ dùng được với sổ báo cáo "
                             "tạo bằng lệnh baocao template (hoặc sổ mẫu do công đoàn cấp trên gửi).")
        sheet, cells = self.names[name]
        return sheet, bounding_rect(parse_cell(c) for c in cells)


def bounding_rect(cells: Iterable[tuple[int, int]]) -> Rect:
    rows, columns = zip(*cells)
    return min(rows), min(columns), max(rows), max(columns)


def rectangles(cells: Iterable[tuple[int, int]]) -> list[Rect]:
    """Rectangles covering exactly ``cells``: runs along each row, stacked when rows match."""
    by_row: dict[int, list[int]] = {}
    for row, column in cells:
        by_row.setdefault(row, []).append(column)
    runs: list[Rect] = []
    for row in sorted(by_row):
        columns = sorted(set(by_row[row]))
        start = previous = columns[0]
        for column in columns[1:] + [None]:
            if column is not None and column == previous + 1:
                previous = column
                continue
            runs.append((row, start, row, previous))
            if column is not None:
                start = previous = column
    merged: list[Rect] = []
    for top, left, bottom, right in runs:
        for i, (above_top, above_left, above_bottom, above_right) in enumerate(merged):
            if (above_left, above_right) == (left, right) and above_bottom + 1 == top:
                merged[i] = (above_top, left, bottom, right)
                break
        else:
            merged.append((top, left, bottom, right))
    return merged


def write_rows(sheet: Any, top: int, left: int, rows: list[list[Any]], width: int, clear: int = 0) -> None:
    """Write ``rows`` from (top, left) in one call, blanking ``clear`` rows of an older, longer table."""
    height = max(len(rows), clear)
    if not height:
        return
    padded = [list(row) + [None] * (width - len(row)) for row in rows] + [[None] * width] * (height - len(rows))
    sheet.range((top, left), (top + height - 1, left + width - 1)).value = padded


def paint(sheet: Any, colours: dict[tuple[int, int], str | None]) -> None:
    """Set the fill of the given cells (``#RRGGBB``, None for no fill) in one call.

    ``Range.set_colors`` (xlwings 0.37.5+) sets a colour per cell over a
    rectangle and leaves the cells given ``...`` untouched, so the cells of
    one sheet need one call whatever their number and spread.
    """
    if not colours:
        return
    top, left, bottom, right = bounding_rect(colours)
    matrix = [[colours.get((row, column), ...) for column in range(left, right + 1)]
              for row in range(top, bottom + 1)]
    sheet.range((top, left), (bottom, right)).set_colors(matrix)


def hyperlink(sheet: str, cell: str) -> str:
    """A formula that jumps to a cell when clicked (works in Excel, Excel on the web and LibreOffice)."""
    target = "'" + sheet.replace("'", "''") + "'!" + cell
    return f'=HYPERLINK("#{target.replace(chr(34), chr(34) * 2)}","{cell}")'
