"""Whatever officers type or name their files, tong-hop.xlsx holds it as text and stays a valid file.

A file named ``=HYPERLINK(…).xlsx``, a unit name starting with ``=`` or
``+``, a narrative pasted from Word with control characters (``_x000B_``)
and a U+FFFE: the consolidated workbook shows them as plain text (never a
formula), leaves out what XML cannot hold with a warning in the Lỗi sheet
naming the file, sheet and cell, and every XML part of it parses.
"""

from __future__ import annotations

import dataclasses
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from compiler.period import PeriodRequest
from compiler.pipeline import compile_directory
from test_compile import table
from test_compile_completeness import group_registry
from workbook_templates import build_workbook
from workbook_templates.files import check_package
from workbook_templates.registry import Registry, write_registry

GROUP = "KHOI_DANG"
LINK = '=HYPERLINK("evil.example","Bấm vào đây")'
NAMES = ("+1+2 sổ.xlsx", "-3 sổ.xlsx", "@SUM(1) sổ.xlsx", "\tTAB.xlsx", "ten\x01la.xlsx")
MARK = "DAU_VAN_BAN"


def patched(src, dest, text):
    """Copy workbook ``src`` replacing MARK in its XML parts by ``text`` (raw XML, as Word's paste leaves it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(".xml"):
                data = data.replace(MARK.encode(), text.encode("utf-8"))
            zout.writestr(info, data)


@pytest.fixture(scope="module")
def compiled(demo, tmp_path_factory):
    base = tmp_path_factory.mktemp("an-toan")
    inbox = base / "nop"
    inbox.mkdir()
    registry = group_registry(demo, GROUP)
    top, first, *rest = registry.units
    registry = Registry((dataclasses.replace(top, name="+Công đoàn Khối Đảng"),
                         dataclasses.replace(first, name="=CĐCS đầu tiên"), *rest))
    write_registry(base / "danh-sach.xlsx", registry)
    for unit in rest[1:]:
        shutil.copy(demo.workbooks[unit.code], inbox / f"{unit.code}.xlsx")
    faulty = demo.data[rest[0].code]   # a workbook with a Lỗi is listed by its file name on Tổng hợp
    values = faulty.values["DV_TONG_SO"]
    build_workbook(inbox / f"{LINK}.xlsx", dataclasses.replace(
        faulty, values={**faulty.values, "DV_TONG_SO": [-5, *values[1:]]}))
    data = demo.data[first.code]
    build_workbook(base / "goc.xlsx", dataclasses.replace(data, texts={**data.texts, "ND_THUAN_LOI": MARK}))
    patched(base / "goc.xlsx", inbox / f"{first.code}.xlsx", "Thuận lợi:_x000B_đoàn kết_xFFFE_, nhất trí.")
    for name in NAMES:
        (inbox / name).write_text("không phải sổ báo cáo", encoding="utf-8")
    return compile_directory(inbox, base / "danh-sach.xlsx", base / "out", PeriodRequest(), workers=2,
                             report=False), first.code


def test_no_text_becomes_a_formula(compiled):
    result, _ = compiled
    wb = load_workbook(result.consolidated)
    formulas = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas, "the template's own formulas are still there"
    for bad in ("HYPERLINK", "1+2", "SUM(1)", "CĐCS đầu tiên", "Công đoàn Khối Đảng"):
        assert not [f for f in formulas if bad in str(f)], bad
    summary = wb["Tổng hợp"]
    shown = [c for row in summary.iter_rows() for c in row if isinstance(c.value, str) and LINK in c.value]
    assert shown and all(c.data_type == "s" for c in shown)
    info = {c.value: c for row in wb["Thông tin"].iter_rows() for c in row if isinstance(c.value, str)}
    assert "+Công đoàn Khối Đảng" in info
    statuses = table(result.consolidated, "TongHop_NopBao")
    files = {r["Tệp"] for r in statuses if r["Tệp"]}
    assert {f"{LINK}.xlsx", "+1+2 sổ.xlsx", "-3 sổ.xlsx", "@SUM(1) sổ.xlsx", " TAB.xlsx", "ten?la.xlsx"} <= files
    assert "=CĐCS đầu tiên" in {r["Tên đơn vị"] for r in statuses}


def test_characters_xml_cannot_hold_are_left_out_with_a_warning_naming_the_cell(compiled):
    result, code = compiled
    check_package(result.consolidated, result.consolidated.name)   # every XML part parses
    texts = {(t["Mã đơn vị"], t["Mã chỉ tiêu"]): t["Nội dung"] for t in table(result.consolidated, "TongHop_VanBan")}
    assert texts[(code, "ND_THUAN_LOI")] == "Thuận lợi:đoàn kết, nhất trí."
    wb = load_workbook(result.consolidated, read_only=True)
    rows = [r for r in wb["Lỗi"].iter_rows(min_row=5, values_only=True) if r[3] == "KY_TU_DIEU_KHIEN"]
    assert [(r[0], r[4], r[5]) for r in rows] == [(f"{code}.xlsx", "Nội dung", rows[0][5])] and rows[0][5]
