"""Stream large tables into sheets of an already saved workbook.

openpyxl keeps every cell of a normal workbook in memory (hundreds of bytes
each), and its write-only mode cannot add sheets to a workbook built
elsewhere. The consolidated workbook needs both: the branch template drawn
by :func:`workbook_templates.builder.draw_workbook`, and tables with a row
per unit of hundreds of cells (Theo đơn vị) or a row per text, finding,
source or register entry (the register sheets of the template itself).

So the tables are drawn by openpyxl as placeholders — header rows, widths,
filters, plus a *prototype row* whose empty cells carry each column's style —
and this module rewrites the saved file once, replacing the prototype row by
the real rows, written straight into the sheet's XML (a row's height, when
its wrapped texts need one, from ``StreamedSheet.height``). Memory holds one row
at a time. Texts are written as inline strings, so a text starting with
``=`` stays text (see :mod:`workbook_templates.cells`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Iterator, Sequence
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

from workbook_templates.cells import clean_text

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


@dataclass
class StreamedSheet:
    """``count`` rows of values to put in sheet ``title`` from row ``first_row`` on.

    Row ``first_row`` of the placeholder is the prototype: each column's cell
    there gives its style to every row's cell of that column.
    """

    title: str
    first_row: int
    rows: Iterable[Sequence[Any]]
    count: int
    #: a row's height in points from its values (wrapped texts), None for the default
    height: Callable[[Sequence[Any]], float | None] | None = None


def fill_sheets(src: Path, dest: Path, sheets: list[StreamedSheet]) -> None:
    """Copy workbook ``src`` to ``dest`` with every streamed sheet's rows written in."""
    with zipfile.ZipFile(src) as zin:
        parts = _sheet_parts(zin)
        by_part = {parts[s.title]: s for s in sheets}
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                target.compress_type = zipfile.ZIP_DEFLATED
                with zin.open(info) as reader, zout.open(target, "w", force_zip64=True) as writer:
                    if info.filename in by_part:
                        _write_sheet(reader.read().decode("utf-8"), by_part[info.filename], writer)
                    else:
                        shutil.copyfileobj(reader, writer)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its part name in the package (xl/worksheets/sheetN.xml)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", _NS)}
    out = {}
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets[sheet.get(f"{{{_NS['r']}}}id")]
        out[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return out


def _write_sheet(xml: str, sheet: StreamedSheet, writer) -> None:
    prototype = re.search(rf'<row r="{sheet.first_row}"[^>]*>(.*?)</row>', xml, flags=re.S)
    if prototype is None:
        raise ValueError(f"sheet {sheet.title!r} has no prototype row {sheet.first_row}")
    styles = {}
    for cell in re.finditer(r'<c r="([A-Z]+)\d+"([^>]*?)/?>', prototype.group(1)):
        style = re.search(r'\bs="(\d+)"', cell.group(2))
        styles[cell.group(1)] = style.group(1) if style else None
    head, tail = xml[:prototype.start()], xml[prototype.end():]
    last_row = max(sheet.first_row + sheet.count - 1, 1)
    head = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:{get_column_letter(len(styles))}{last_row}"/>',
                  head, count=1)

    # each column's opening and style, made once: a row only adds its number and values
    columns = [(f'<c r="{letter}', f' s="{style}"' if style is not None else "") for letter, style in styles.items()]

    def rows() -> Iterator[str]:
        for number, values in enumerate(sheet.rows, start=sheet.first_row):
            ref = f'{number}"'
            cells = "".join([_cell(start + ref, style, value) for (start, style), value in zip(columns, values)])
            height = sheet.height(values) if sheet.height else None
            size = f' ht="{height:g}" customHeight="1"' if height else ""
            yield f'<row r="{number}"{size}>{cells}</row>'

    writer.write(head.encode("utf-8"))
    for batch in _batched(rows()):
        writer.write(batch.encode("utf-8"))
    writer.write(tail.encode("utf-8"))


def _batched(parts: Iterator[str], chars: int = 1 << 20) -> Iterator[str]:
    """Rows joined into pieces of about ``chars`` characters: few writes, and memory bounded
    whether a row holds ten cells or eight hundred."""
    batch, size = [], 0
    for part in parts:
        batch.append(part)
        size += len(part)
        if size >= chars:
            yield "".join(batch)
            batch, size = [], 0
    yield "".join(batch)


def _cell(head: str, style: str, value: Any) -> str:
    """One cell's XML; ``head`` is ``<c r="B7"``, ``style`` is `` s="3"`` or empty."""
    kind = type(value)
    if kind is float:
        return f"{head}{style}><v>{value!r}</v></c>" if math.isfinite(value) else ""
    if kind is int:
        return f"{head}{style}><v>{value}</v></c>"
    if value is None or value == "":
        return f"{head}{style}/>" if style else ""
    if isinstance(value, bool):
        return f'{head}{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return _cell(head, style, float(value) if isinstance(value, float) else int(value))
    if isinstance(value, dt.datetime):
        return f"{head}{style}><v>{(value - _EXCEL_EPOCH).total_seconds() / 86400!r}</v></c>"
    if isinstance(value, dt.date):
        return f"{head}{style}><v>{(value - _EXCEL_EPOCH.date()).days}</v></c>"
    # an inline string is text, never a formula, whatever it starts with
    text = clean_text(str(value))
    return f'{head}{style} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
