"""Workbooks carry the xlwings Lite add-in: the web-extension parts, the code, the sheet button.

What xlwings Lite stores in a workbook is checked against a workbook saved
by xlwings Lite itself (``tests/fixtures/xlwings_lite_saved``, see its
README); what LibreOffice and the compiler see must not change.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from addin import embed as lite_embed
from addin.embed import EmbedError, LiteCode, current_code, embed, read_embedded
from addin.lite import write_lite
from addin.scripts import BUTTON, BUTTON_CELL, BUTTON_SHAPE, BUTTON_SHEET
from libreoffice import recalculated
from workbook_templates import build_workbook, read_workbook
from workbook_templates.layout import CHECK_COUNT_NAME, FINDINGS_NAME, parse_cell
from workbook_templates.sample import write_demo

FIXTURE = Path(__file__).parent / "fixtures" / "xlwings_lite_saved"
BAOCAO = Path(sys.executable).with_name("baocao")
NS = {"we": lite_embed.NS_WE, "wetp": lite_embed.NS_WETP, "r": lite_embed.NS_R, "xdr": lite_embed.NS_XDR,
      "a": lite_embed.NS_A, "rel": lite_embed.NS_PACKAGE_RELS,
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types"}


def baocao(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BAOCAO), *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          timeout=300)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A template and the Lite bundle, both made by the commands an upper union runs."""
    folder = tmp_path_factory.mktemp("lite-template")
    done = baocao("template", "--out", "so.xlsx", "--unit-code", "CDCS_001", "--unit-name",
                  "Công đoàn cơ sở Văn phòng Tỉnh ủy", "--parent", "Công đoàn Viên chức tỉnh", "--term", "2023-2028",
                  cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "có sẵn bổ trợ xlwings Lite" in done.stdout
    done = baocao("addin", "lite", "--out", "bo-tro", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "so.xlsx", folder / "bo-tro"


# ----------------------------------------------------------------- the code inside

def test_template_holds_exactly_the_bundle_baocao_addin_lite_writes(made):
    book, bundle = made
    properties = read_embedded(book)
    main_py = properties["main.py"]
    assert main_py == (bundle / "main.py").read_text(encoding="utf-8")
    assert properties["requirements.txt"] == (bundle / "requirements.txt").read_text(encoding="utf-8")
    compile(main_py, "main.py", "exec")
    assert "openpyxl" not in properties["requirements.txt"]
    # Lite starts with the workbook and shows its task pane in App Mode: the buttons, not the code.
    assert properties["xlwingsSettingsWorkbook"] == {"startupBehavior": "taskpane", "appMode": True}
    assert properties["Office.AutoShowTaskpaneWithDocument"] is True
    taskpane = ElementTree.fromstring(parts(book)[lite_embed.TASKPANES]).find("wetp:taskpane", NS)
    assert taskpane.get("visibility") == "1"


def _structure(element: ElementTree.Element) -> list:
    """Tags and attribute names, in document order: the shape of a part without its values."""
    return [(e.tag, sorted(e.attrib)) for e in element.iter() if e.tag != f"{{{lite_embed.NS_WE}}}property"]


def test_parts_have_the_structure_of_a_workbook_saved_by_xlwings_lite(made):
    book, _ = made
    ours, saved = parts(book), {p.relative_to(FIXTURE).as_posix(): p.read_bytes()
                                for p in FIXTURE.rglob("*") if p.is_file() and p.name != "README.md"}
    for name in (lite_embed.WEBEXTENSION, lite_embed.TASKPANES, lite_embed.TASKPANES_RELS):
        assert _structure(ElementTree.fromstring(ours[name])) == _structure(ElementTree.fromstring(saved[name])), name
    mine, theirs = (ElementTree.fromstring(p[lite_embed.WEBEXTENSION]) for p in (ours, saved))
    for attribute in ("id", "storeType"):
        assert mine.find("we:reference", NS).get(attribute) == theirs.find("we:reference", NS).get(attribute)
    saved_props = {p.get("name"): json.loads(p.get("value")) for p in theirs.iter(f"{{{lite_embed.NS_WE}}}property")}
    our_props = read_embedded(book)
    assert set(saved_props) <= set(our_props)
    assert {k: type(v) for k, v in saved_props.items()} == {k: type(our_props[k]) for k in saved_props}
    # The same relationship and content-type entries lead Excel to the parts.
    for part in (ours, saved):
        root = ElementTree.fromstring(part["_rels/.rels"])
        assert {(r.get("Type"), r.get("Target")) for r in root.findall("rel:Relationship", NS)} >= {
            (lite_embed.REL_TASKPANES, lite_embed.TASKPANES)}
        types = {o.get("PartName"): o.get("ContentType")
                 for o in ElementTree.fromstring(part["[Content_Types].xml"]).findall("ct:Override", NS)}
        assert types["/" + lite_embed.WEBEXTENSION] == lite_embed.TYPE_WEBEXTENSION
        assert types["/" + lite_embed.TASKPANES] == lite_embed.TYPE_TASKPANES


# ----------------------------------------------------------------- the button

@pytest.mark.parametrize("term", ["2023-2028", "2018-2023"])
def test_kiem_tra_button_is_a_shape_linked_to_the_empty_cell_the_script_watches(tmp_path, term):
    from workbook_templates import template_data

    path = embed(build_workbook(tmp_path / "so.xlsx", template_data("X", "CĐCS X", "CĐVC", term)), tmp_path / "so.xlsx")
    assert BUTTON == f"[{BUTTON_SHAPE}]{BUTTON_SHEET}!{BUTTON_CELL}"
    wb = openpyxl.load_workbook(path)
    sheet = wb[BUTTON_SHEET]
    assert sheet[BUTTON_CELL].value is None
    # Between the count of failed checks and the findings table: the cell the builder leaves empty.
    [(_, count)] = wb.defined_names[CHECK_COUNT_NAME].destinations
    [(_, header)] = wb.defined_names[FINDINGS_NAME].destinations
    row = parse_cell(BUTTON_CELL)[0]
    assert parse_cell(count.replace("$", ""))[0] + 1 == row == parse_cell(header.split(":")[0].replace("$", ""))[0] - 2
    files = parts(path)
    [drawing] = [name for name in files if name.startswith("xl/drawings/drawing") and name.endswith(".xml")]
    shape = ElementTree.fromstring(files[drawing]).find(".//xdr:sp", NS)
    properties = shape.find("xdr:nvSpPr/xdr:cNvPr", NS)
    assert properties.get("name") == BUTTON_SHAPE
    link = properties.find("a:hlinkClick", NS).get(f"{{{lite_embed.NS_R}}}id")
    rels = ElementTree.fromstring(files[drawing.replace("drawings/", "drawings/_rels/") + ".rels"])
    [target] = [r.get("Target") for r in rels.findall("rel:Relationship", NS) if r.get("Id") == link]
    assert target == f"#'{BUTTON_SHEET}'!{BUTTON_CELL}"
    anchor = ElementTree.fromstring(files[drawing]).find("xdr:twoCellAnchor", NS)
    rows = [int(anchor.find(f"xdr:{end}/xdr:row", NS).text) for end in ("from", "to")]
    assert rows[0] < row <= rows[1]      # the shape covers its cell (0-based anchor rows)


# ----------------------------------------------------------------- nothing else changes

def test_libreoffice_and_the_compiler_read_the_workbook_as_before(tmp_path, demo):
    code = demo.clean_units[0]
    plain = tmp_path / "plain" / f"{code}.xlsx"
    plain.parent.mkdir()
    plain.write_bytes(demo.workbooks[code].read_bytes())
    with_addin = embed(plain, tmp_path / "lite" / f"{code}.xlsx")
    assert read_workbook(with_addin).data == read_workbook(plain).data
    values = []
    for path in (plain, with_addin):
        wb = openpyxl.load_workbook(recalculated(path, path.parent / "lo"), data_only=True)
        values.append({(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows()
                       for c in row if c.value is not None})
    assert values[0] == values[1]
    assert len(values[0]) > 1000


def test_addin_nhung_updates_a_workbook_sent_out_earlier_into_a_new_file(tmp_path, demo):
    code = demo.clean_units[0]
    sent = embed(demo.workbooks[code], tmp_path / "da-gui.xlsx", LiteCode("print('bản cũ')\n", "xlwings==0.33.0\n"))
    before = hashlib.sha256(sent.read_bytes()).hexdigest()
    old = read_embedded(sent)
    done = baocao("addin", "nhung", "da-gui.xlsx", "--out", "cap-nhat.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert hashlib.sha256(sent.read_bytes()).hexdigest() == before          # the input is never modified
    new = read_embedded(tmp_path / "cap-nhat.xlsx")
    assert new["main.py"] == current_code().main_py
    assert new["requirements.txt"] == current_code().requirements_txt
    assert new["xlwingsWorkbookId"] == old["xlwingsWorkbookId"]              # the same workbook to Lite
    assert read_workbook(tmp_path / "cap-nhat.xlsx").data == read_workbook(sent).data
    # One button, not two: the sheet already had its drawing.
    assert sum(n.startswith("xl/drawings/drawing") for n in parts(tmp_path / "cap-nhat.xlsx")) == 1
    default = baocao("addin", "nhung", "da-gui.xlsx", cwd=tmp_path)
    assert default.returncode == 0 and (tmp_path / "da-gui-bo-tro.xlsx").exists()


def test_addin_nhung_refuses_to_overwrite_its_input_and_names_a_bad_file(tmp_path):
    (tmp_path / "khong-phai.xlsx").write_text("không phải sổ Excel", encoding="utf-8")
    done = baocao("addin", "nhung", "khong-phai.xlsx", "--out", "ra.xlsx", cwd=tmp_path)
    assert done.returncode == 1 and "khong-phai.xlsx" in done.stderr and "Excel" in done.stderr
    assert not (tmp_path / "ra.xlsx").exists() and not list(tmp_path.glob(".~tmp-*"))
    same = baocao("addin", "nhung", "khong-phai.xlsx", "--out", "khong-phai.xlsx", cwd=tmp_path)
    assert same.returncode == 2 and "sổ gốc không bị sửa" in same.stderr
    with pytest.raises(EmbedError, match="khong-phai.xlsx"):
        embed(tmp_path / "khong-phai.xlsx", tmp_path / "ra.xlsx")
    with zipfile.ZipFile(tmp_path / "hong.xlsx", "w") as broken:   # a zip whose parts are cut short
        for name in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"):
            broken.writestr(name, "<Types")
    done = baocao("addin", "nhung", "hong.xlsx", "--out", "ra.xlsx", cwd=tmp_path)
    assert done.returncode == 1 and "Sổ hong.xlsx bị hỏng" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "ra.xlsx").exists()


def test_demo_workbooks_carry_the_addin_and_still_compile(tmp_path):
    done = baocao("demo", "--out", "mau", "--count", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    books = sorted((tmp_path / "mau").glob("CDCS_*.xlsx"))
    assert len(books) == 2
    for book in books:
        assert read_embedded(book)["main.py"] == current_code().main_py
    assert read_embedded(tmp_path / "mau" / "danh-sach-don-vi.xlsx") == {}   # the registry is not a branch workbook
    write_demo(tmp_path / "khong-bo-tro", count=2)                            # the same demo, without the add-in
    consolidated = []
    for folder in ("mau", "khong-bo-tro"):
        done = baocao("compile", folder, "--registry", f"{folder}/danh-sach-don-vi.xlsx", "--out", f"th-{folder}",
                      "--no-report", "--include-errors", "--date", "20/6/2023", cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
        consolidated.append(read_workbook(tmp_path / f"th-{folder}" / "tong-hop.xlsx").data)
    assert consolidated[0] == consolidated[1]


def test_lite_bundle_command_still_writes_the_fallback_files(tmp_path):
    main_py, requirements_txt = write_lite(tmp_path)
    assert main_py.read_text(encoding="utf-8") == current_code().main_py
    assert requirements_txt.read_text(encoding="utf-8") == current_code().requirements_txt
