"""Only a group's own consolidated workbook, stamped by ``compile``, stands for the group's units.

A branch workbook carrying a group's code (an intermediate row of the
registry), a consolidated workbook edited by hand, one compiled against
another list of units, or one whose roll-up figures are impossible, is a
"Lỗi tệp" with a Vietnamese reason: it never replaces the units it claims.
"""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from openpyxl import load_workbook

from compiler.completeness import STATUS_BAD_FILE, STATUS_GROUP, STATUS_MISSING, STATUS_OK
from compiler.period import PeriodRequest
from compiler.pipeline import compile_directory
from compiler.tables import SIGNATURE_NAME, UNIT_COUNT_NAME
from test_compile import named_values
from test_compile_completeness import group_registry
from workbook_templates import build_workbook
from workbook_templates.registry import REGISTRY_FILENAME, Registry, write_registry

GROUP = "KHOI_DANG"


def compile_(inbox, registry, out):
    return compile_directory(inbox, registry, out, PeriodRequest(), workers=2, report=False)


def edit(src, dest, change):
    """A copy of workbook ``src`` with ``change(wb)`` applied, as an officer editing it in Excel would."""
    wb = load_workbook(src)
    change(wb)
    wb.save(dest)


def set_named(name, value):
    def change(wb):
        (sheet, ref), = wb.defined_names[name].destinations
        wb[sheet][ref.replace("$", "")] = value
    return change


@pytest.fixture(scope="module")
def group_workbook(demo, tmp_path_factory):
    """KHOI_DANG's tong-hop.xlsx, compiled by the group from its branches."""
    base = tmp_path_factory.mktemp("nhom")
    inbox = base / "nop"
    inbox.mkdir()
    for unit in demo.registry.children(GROUP):
        shutil.copy(demo.workbooks[unit.code], inbox / f"{unit.code}.xlsx")
    write_registry(base / "danh-sach.xlsx", group_registry(demo, GROUP))
    return compile_(inbox, base / "danh-sach.xlsx", base / "out").consolidated


def test_a_branch_workbook_with_a_groups_code_does_not_replace_the_groups_units(demo, tmp_path):
    inbox = tmp_path / "nop"
    shutil.copytree(demo.out_dir, inbox)
    direct = compile_(demo.out_dir, demo.out_dir / REGISTRY_FILENAME, tmp_path / "truc-tiep")
    data = demo.data["CDCS_001"]
    build_workbook(inbox / "khoi-dang.xlsx", dataclasses.replace(data, info={**data.info, "DON_VI_MA": GROUP}))
    result = compile_(inbox, demo.out_dir / REGISTRY_FILENAME, tmp_path / "out")
    rows = {(r.unit_code, r.status): r for r in result.completeness.rows}
    assert (GROUP, STATUS_GROUP) in rows
    bad = rows[(GROUP, STATUS_BAD_FILE)]
    assert bad.entry.path == "khoi-dang.xlsx" and "cấp trung gian" in bad.note and "không cộng" in bad.note
    assert result.completeness.unit_count == direct.completeness.unit_count
    assert named_values(result.consolidated)["DV_TONG_SO"] == named_values(direct.consolidated)["DV_TONG_SO"]


def test_consolidated_workbooks_edited_or_from_another_list_are_refused(demo, group_workbook, tmp_path):
    inbox = tmp_path / "nop"
    inbox.mkdir()
    shutil.copy(group_workbook, inbox / "dung.xlsx")
    edit(group_workbook, inbox / "sua-chu-ky.xlsx", set_named(SIGNATURE_NAME, "baocao compile 1"))
    edit(group_workbook, inbox / "mot-ty.xlsx", set_named(UNIT_COUNT_NAME, 1_000_000_000))
    edit(group_workbook, inbox / "am.xlsx", set_named(UNIT_COUNT_NAME, -50))

    def without_signature(wb):
        del wb.defined_names[SIGNATURE_NAME]
    edit(group_workbook, inbox / "ban-cu.xlsx", without_signature)
    # the group compiled against a list without one of its units
    other = tmp_path / "khac"
    (other / "nop").mkdir(parents=True)
    short = group_registry(demo, GROUP)
    short = Registry(short.units[:-1])
    for unit in short.units[1:]:
        shutil.copy(demo.workbooks[unit.code], other / "nop" / f"{unit.code}.xlsx")
    write_registry(other / "danh-sach.xlsx", short)
    shutil.copy(compile_(other / "nop", other / "danh-sach.xlsx", other / "out").consolidated,
                inbox / "danh-sach-khac.xlsx")

    result = compile_(inbox, demo.out_dir / REGISTRY_FILENAME, tmp_path / "out")
    bad = {r.entry.path: r.note for r in result.completeness.rows if r.status == STATUS_BAD_FILE}
    assert set(bad) == {"sua-chu-ky.xlsx", "mot-ty.xlsx", "am.xlsx", "ban-cu.xlsx", "danh-sach-khac.xlsx"}
    assert "dấu hiệu đã bị sửa" in bad["sua-chu-ky.xlsx"]
    assert "1000000000 công đoàn cơ sở" in bad["mot-ty.xlsx"] and "không khớp" in bad["mot-ty.xlsx"]
    assert 'trang "Tổng hợp"' in bad["am.xlsx"] and "không âm" in bad["am.xlsx"]
    assert "không có dấu hiệu của lệnh baocao compile" in bad["ban-cu.xlsx"]
    assert "khác danh sách đơn vị" in bad["danh-sach-khac.xlsx"]
    group = next(r for r in result.completeness.rows if r.unit_code == GROUP)
    assert group.status == STATUS_OK and group.entry.path == "dung.xlsx"
    assert result.completeness.unit_count == named_values(group_workbook)[UNIT_COUNT_NAME][0]
    assert {r.status for r in result.completeness.rows if r.unit_code in ("KHOI_QLNN", "KHOI_SU_NGHIEP")} == {
        STATUS_GROUP}
    assert any(r.status == STATUS_MISSING for r in result.completeness.rows)


def test_impossible_rating_counts_name_their_cell(demo, group_workbook, tmp_path):
    inbox = tmp_path / "nop"
    inbox.mkdir()
    shutil.copy(demo.workbooks["CDCS_020"], inbox / "CDCS_020.xlsx")

    def negative_count(wb):
        ws = wb["Xếp loại"]
        ws.cell(5, 4).value = -3
    edit(group_workbook, inbox / "xep-loai-am.xlsx", negative_count)
    result = compile_(inbox, demo.out_dir / REGISTRY_FILENAME, tmp_path / "out")
    row = next(r for r in result.completeness.rows if r.entry and r.entry.path == "xep-loai-am.xlsx")
    assert row.status == STATUS_BAD_FILE
    assert 'trang "Xếp loại", ô D5' in row.note and "-3" in row.note
