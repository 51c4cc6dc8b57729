"""Put the xlwings Lite add-in inside a workbook, so the officer only opens it.

xlwings Lite keeps a workbook's code in the workbook itself, in the standard
Office web-extension part (MS-OWEXML): ``xl/webextensions/webextension1.xml``
refers to the xlwings Lite store add-in and carries ``we:property`` entries
whose values are JSON, among them ``main.py`` and ``requirements.txt``;
``xl/webextensions/taskpanes.xml`` docks its task pane. This module writes
those parts as a workbook saved by xlwings Lite has them (a reduced copy of
one is ``tests/fixtures/xlwings_lite_saved``), with:

* ``main.py`` and ``requirements.txt`` exactly as ``baocao addin lite``
  writes them (:mod:`addin.lite`);
* the workbook settings asking Lite to start with the workbook and show its
  task pane in App Mode (buttons and their descriptions, no code), and the
  task pane marked visible with Office's own auto-open property, so the
  officer sees the buttons on opening;
* Kiểm tra's sheet button (:data:`addin.scripts.BUTTON`): a shape on the
  Kiểm tra sheet whose hyperlink selects the cell behind it, which Lite
  watches to run the script.

Spreadsheet programs that know nothing of add-ins (LibreOffice, the
compiler's reader) ignore these parts. The input file is never modified:
a new file is written atomically, whole or not at all. Embedding into a
workbook that already has them (``baocao addin nhung`` on a workbook sent out
earlier) replaces the code and keeps the rest, e.g. the workbook id Lite
gave it.
"""

from __future__ import annotations

import json
import posixpath
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from workbook_templates.files import write_atomically
from workbook_templates.layout import parse_cell, quote_sheet

from .lite import bundle_files, lite_requirements, main_source
from .scripts import BUTTON_CELL, BUTTON_SHAPE, BUTTON_SHEET

__all__ = ["EmbedError", "LiteCode", "current_code", "embed", "read_embedded", "WEBEXTENSION", "TASKPANES"]

#: The xlwings Lite add-in in the Office store, and the versions a workbook saved by it records.
STORE_ID = "wa200008175"
PYODIDE_VERSION = "0.27.5"
ADDIN_VERSION = "1.0.0.0-35"
#: Workbook settings (Lite menu › Settings › Workbook): start with the workbook and show the task pane in App Mode.
SETTINGS = {"startupBehavior": "taskpane", "appMode": True}

WEBEXTENSION = "xl/webextensions/webextension1.xml"
TASKPANES = "xl/webextensions/taskpanes.xml"
TASKPANES_RELS = "xl/webextensions/_rels/taskpanes.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"

NS_WE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
NS_WETP = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
REL_TASKPANES = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
REL_WEBEXTENSION = "http://schemas.microsoft.com/office/2011/relationships/webextension"
REL_DRAWING = f"{NS_R}/drawing"
REL_HYPERLINK = f"{NS_R}/hyperlink"
REL_WORKSHEET = f"{NS_R}/worksheet"
TYPE_WEBEXTENSION = "application/vnd.ms-office.webextension+xml"
TYPE_TASKPANES = "application/vnd.ms-office.webextensiontaskpanes+xml"
TYPE_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"

#: Properties this module owns; any other property of an existing part is kept.
CODE_PROPERTIES = ("main.py", "pyodideVersion", "addinVersion", "requirements.txt")
#: Where the button sits: from the column left of its cell, over four columns and two rows ending on the cell's row.
BUTTON_COLUMNS, BUTTON_ROWS = 4, 2
BUTTON_TEXT = "Bấm để Kiểm tra sổ"
#: Elements a worksheet's <drawing> must precede (CT_Worksheet's sequence).
_AFTER_DRAWING = ("legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                  "webPublishItems", "tableParts", "extLst")


class EmbedError(ValueError):
    """The file cannot take the add-in; the message (Vietnamese) names the file."""


@dataclass(frozen=True)
class LiteCode:
    """What xlwings Lite runs: the text of main.py and of requirements.txt."""

    main_py: str
    requirements_txt: str


def current_code() -> LiteCode:
    """The add-in's code as ``baocao addin lite`` writes it."""
    return LiteCode(main_source(bundle_files()), lite_requirements())


def embed(source: str | Path, target: str | Path, code: LiteCode | None = None) -> Path:
    """Write ``target``: the workbook ``source`` with the add-in's web-extension parts and Kiểm tra's button.

    ``source`` may be ``target`` (the file is replaced atomically); otherwise it is only read.
    """
    source, target = Path(source), Path(target)
    code = code or current_code()
    try:
        with zipfile.ZipFile(source) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
    except zipfile.BadZipFile as exc:
        raise EmbedError(f"Tệp {source.name} không phải sổ Excel (.xlsx).") from exc
    except OSError as exc:
        raise EmbedError(f"Không đọc được tệp {source.name}: {exc.strerror or exc}.") from exc
    if CONTENT_TYPES not in parts or "xl/workbook.xml" not in parts or ROOT_RELS not in parts:
        raise EmbedError(f"Tệp {source.name} không phải sổ Excel (.xlsx).")
    try:
        _add_webextension(parts, code)
        _add_button(parts)
    except (ElementTree.ParseError, UnicodeDecodeError, ValueError) as exc:
        raise EmbedError(f"Sổ {source.name} bị hỏng (phần cấu trúc bên trong không đọc được), không đưa bổ trợ "
                         "vào được. Mở sổ bằng Excel, lưu lại rồi chạy lại lệnh.") from exc

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                out.writestr(name, data)

    return write_atomically(target, write)


def read_embedded(path: str | Path) -> dict[str, object]:
    """The decoded web-extension properties of a workbook (empty when it has none)."""
    with zipfile.ZipFile(path) as archive:
        if WEBEXTENSION not in archive.namelist():
            return {}
        return _properties(archive.read(WEBEXTENSION).decode("utf-8"))


# ----------------------------------------------------------------- web extension

def _properties(xml: str) -> dict[str, object]:
    root = ElementTree.fromstring(xml.encode("utf-8"))
    return {p.get("name"): json.loads(p.get("value")) for p in root.iter(f"{{{NS_WE}}}property")}


def _attr(text: str) -> str:
    return '"' + escape(text, {'"': "&quot;"}) + '"'


def _property(name: str, value: object) -> str:
    # JSON text in an XML attribute, as Office stores add-in settings; newlines stay "\n" escapes inside JSON.
    return f"<we:property name={_attr(name)} value={_attr(json.dumps(value, ensure_ascii=False))}/>"


def _add_webextension(parts: dict[str, bytes], code: LiteCode) -> None:
    old = _properties(parts[WEBEXTENSION].decode("utf-8")) if WEBEXTENSION in parts else {}
    extension_id = "{" + str(uuid.uuid4()).upper() + "}"
    if WEBEXTENSION in parts:
        found = re.search(r'<we:webextension\b[^>]*\bid="([^"]*)"', parts[WEBEXTENSION].decode("utf-8"))
        extension_id = found[1] if found else extension_id
    settings = dict(old.get("xlwingsSettingsWorkbook") or {}) if isinstance(
        old.get("xlwingsSettingsWorkbook"), dict) else {}
    settings.update(SETTINGS)
    properties = {"main.py": code.main_py, "pyodideVersion": PYODIDE_VERSION, "addinVersion": ADDIN_VERSION,
                  "requirements.txt": code.requirements_txt,
                  "xlwingsWorkbookId": old.get("xlwingsWorkbookId") or str(uuid.uuid4()),
                  "xlwingsSettingsWorkbook": settings, "Office.AutoShowTaskpaneWithDocument": True}
    properties.update({k: v for k, v in old.items() if k not in properties})
    parts[WEBEXTENSION] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<we:webextension xmlns:we="{NS_WE}" id="{extension_id}">'
        f'<we:reference id="{STORE_ID}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{STORE_ID.upper()}" version="1.0.0.0" store="{STORE_ID.upper()}" '
        'storeType="OMEX"/></we:alternateReferences>'
        "<we:properties>" + "".join(_property(k, v) for k, v in properties.items()) + "</we:properties>"
        f'<we:bindings/><we:snapshot xmlns:r="{NS_R}"/>'
        # As Lite writes it: the add-in declares custom functions (none here), which loads it with the workbook.
        f'<we:extLst><a:ext xmlns:a="{NS_A}" uri="{{D87F86FE-615C-45B5-9D79-34F1136793EB}}">'
        f'<we:containsCustomFunctions/></a:ext><a:ext xmlns:a="{NS_A}" uri="{{7C84B067-C214-45C3-A712-C9D94CD141B2}}">'
        "<we:customFunctionIdList/></a:ext></we:extLst>"
        "</we:webextension>").encode("utf-8")
    parts[TASKPANES] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<wetp:taskpanes xmlns:wetp="{NS_WETP}"><wetp:taskpane dockstate="right" visibility="1" width="438" row="3">'
        f'<wetp:webextensionref xmlns:r="{NS_R}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>').encode("utf-8")
    parts[TASKPANES_RELS] = _relationships([("rId1", REL_WEBEXTENSION, "webextension1.xml", None)])
    _content_type(parts, "/" + TASKPANES, TYPE_TASKPANES)
    _content_type(parts, "/" + WEBEXTENSION, TYPE_WEBEXTENSION)
    root = parts[ROOT_RELS].decode("utf-8")
    if REL_TASKPANES not in root:
        parts[ROOT_RELS] = _add_relationship(root, REL_TASKPANES, TASKPANES)[0].encode("utf-8")


# ----------------------------------------------------------------- package plumbing

def _relationships(rels: list[tuple[str, str, str, str | None]]) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target={_attr(target)}'
                   + (f' TargetMode="{mode}"' if mode else "") + "/>" for i, t, target, mode in rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{NS_PACKAGE_RELS}">'
            f"{body}</Relationships>").encode("utf-8")


def _add_relationship(xml: str, rel_type: str, target: str) -> tuple[str, str]:
    """``xml`` (a .rels part) with one more relationship, and its new id."""
    used = set(re.findall(r'Id="([^"]*)"', xml))
    n = 1
    while f"rId{n}" in used:
        n += 1
    rel = f'<Relationship Id="rId{n}" Type="{rel_type}" Target={_attr(target)}/>'
    return xml.replace("</Relationships>", rel + "</Relationships>"), f"rId{n}"


def _content_type(parts: dict[str, bytes], part: str, content_type: str) -> None:
    xml = parts[CONTENT_TYPES].decode("utf-8")
    if f'PartName="{part}"' not in xml:
        xml = xml.replace("</Types>", f'<Override PartName="{part}" ContentType="{content_type}"/></Types>')
        parts[CONTENT_TYPES] = xml.encode("utf-8")


def _resolve(base_part: str, target: str) -> str:
    """A relationship target as a part name (no leading slash), relative to the part that owns the .rels."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return f"{folder}/_rels/{name}.rels"


def _sheet_part(parts: dict[str, bytes], sheet: str) -> str | None:
    """The part name of the worksheet called ``sheet``, through workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(parts["xl/workbook.xml"])
    ids = [s.get(f"{{{NS_R}}}id") for s in workbook.iter(f"{{{NS_MAIN}}}sheet") if s.get("name") == sheet]
    if not ids or "xl/_rels/workbook.xml.rels" not in parts:
        return None
    for rel in ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"]).iter(f"{{{NS_PACKAGE_RELS}}}Relationship"):
        if rel.get("Id") == ids[0] and rel.get("Type") == REL_WORKSHEET:
            return _resolve("xl/workbook.xml", rel.get("Target"))
    return None


# ----------------------------------------------------------------- Kiểm tra's button

def _add_button(parts: dict[str, bytes]) -> None:
    """Draw the button on Kiểm tra, unless the sheet is missing or already has drawings (ours or the officer's)."""
    sheet_part = _sheet_part(parts, BUTTON_SHEET)
    if sheet_part is None or sheet_part not in parts:
        return
    sheet_xml = parts[sheet_part].decode("utf-8")
    if re.search(r"<(?:\w+:)?drawing\b", sheet_xml):
        return
    n = 1
    while f"xl/drawings/drawing{n}.xml" in parts:
        n += 1
    drawing = f"xl/drawings/drawing{n}.xml"
    parts[drawing] = _button_drawing()
    parts[_rels_name(drawing)] = _relationships(
        [("rId1", REL_HYPERLINK, f"#{quote_sheet(BUTTON_SHEET)}!{BUTTON_CELL}", None)])
    rels_part = _rels_name(sheet_part)
    rels = parts[rels_part].decode("utf-8") if rels_part in parts else _relationships([]).decode("utf-8")
    rels, rid = _add_relationship(rels, REL_DRAWING, posixpath.relpath(drawing, posixpath.dirname(sheet_part)))
    parts[rels_part] = rels.encode("utf-8")
    element = f'<drawing xmlns:r="{NS_R}" r:id="{rid}"/>'
    prefix = re.match(r"<(?:\?[^>]*\?>\s*)?<(\w+:)?worksheet\b", sheet_xml)
    if prefix and prefix[1]:
        element = element.replace("<drawing", f"<{prefix[1]}drawing")
    successors = [m.start() for tag in _AFTER_DRAWING
                  for m in [re.search(rf"<(?:\w+:)?{tag}\b", sheet_xml)] if m]
    at = min(successors) if successors else sheet_xml.rindex("</")
    parts[sheet_part] = (sheet_xml[:at] + element + sheet_xml[at:]).encode("utf-8")
    _content_type(parts, "/" + drawing, TYPE_DRAWING)


def _button_drawing() -> bytes:
    row, column = parse_cell(BUTTON_CELL)  # 1-based; the anchor counts from 0
    first_row, first_col = row - BUTTON_ROWS, column - 2
    anchor = (f"<xdr:from><xdr:col>{first_col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{first_row}</xdr:row>"
              f"<xdr:rowOff>38100</xdr:rowOff></xdr:from>"
              f"<xdr:to><xdr:col>{first_col + BUTTON_COLUMNS}</xdr:col><xdr:colOff>0</xdr:colOff>"
              f"<xdr:row>{first_row + BUTTON_ROWS}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>")
    shape = (f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="{BUTTON_SHAPE}" '
             f'descr={_attr("Nút chạy Kiểm tra của bổ trợ xlwings Lite")}><a:hlinkClick r:id="rId1"/></xdr:cNvPr>'
             "<xdr:cNvSpPr/></xdr:nvSpPr>"
             '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
             '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="1F4E79"/></a:solidFill>'
             '<a:ln><a:noFill/></a:ln></xdr:spPr>'
             '<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" rtlCol="0" anchor="ctr"/><a:lstStyle/>'
             '<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="vi-VN" sz="1200" b="1"><a:solidFill><a:srgbClr val="FFFFFF"/>'
             f'</a:solidFill><a:latin typeface="Times New Roman"/></a:rPr><a:t>{escape(BUTTON_TEXT)}</a:t></a:r></a:p>'
             "</xdr:txBody></xdr:sp>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
            f"<xdr:twoCellAnchor editAs=\"absolute\">{anchor}{shape}<xdr:clientData/></xdr:twoCellAnchor>"
            "</xdr:wsDr>").encode("utf-8")
