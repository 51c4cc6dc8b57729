"""Roll-up: compiling the groups' consolidated workbooks gives the figures of compiling every branch at once.

Each of the demo's three groups compiles its own branches against its own
registry, with the group's own workbook (its own targets, work and register
entries); the provincial union then compiles the three ``tong-hop.xlsx``
files, with its own workbook, against the full registry. Sums, rates, the
province's targets, the number of units per rating and yes/no answer, the
number of units, the texts and the register entries of the branches must
all equal those of compiling the 55 branch workbooks directly; the groups'
own work is carried, never added.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook

from compiler.carry import ROWS_PER_CHILD
from compiler.completeness import STATUS_DATA_ERRORS, STATUS_DUPLICATE, STATUS_OK
from compiler.period import PeriodRequest
from compiler.pipeline import compile_directory
from compiler.weights import always_carried, order
from test_compile import named_values, table
from test_compile_completeness import group_registry
from workbook_templates import build_workbook, figures, load_catalogue, read_workbook, template_data
from workbook_templates.catalogue import LEVEL_UPPER
from workbook_templates.registry import REGISTRY_FILENAME, write_registry
from workbook_templates.sample import OWN_FILENAME, TERM
from workbook_templates.rules import ERROR, check_branch

CAT = load_catalogue()


def compile_(inbox, registry, out):
    return compile_directory(inbox, registry, out, PeriodRequest(), workers=1, report=False)


@pytest.fixture(scope="module")
def rolled(demo, tmp_path_factory):
    base = tmp_path_factory.mktemp("rollup")
    groups = base / "cac-khoi"
    groups.mkdir()
    for group in demo.registry.children(demo.registry.top.code):
        inbox = base / group.code
        inbox.mkdir()
        for unit in demo.registry.children(group.code):
            shutil.copy(demo.workbooks[unit.code], inbox / f"{unit.code}.xlsx")
        build_workbook(inbox / "rieng.xlsx", group_own(group))
        write_registry(base / f"{group.code}-danh-sach.xlsx", group_registry(demo, group.code))
        result = compile_(inbox, base / f"{group.code}-danh-sach.xlsx", base / f"{group.code}-out")
        shutil.copy(result.consolidated, groups / f"{group.code}.xlsx")
    registry = demo.out_dir / REGISTRY_FILENAME
    shutil.copy(demo.own_path, groups / OWN_FILENAME)
    top = compile_(groups, registry, base / "tinh")
    direct = compile_(demo.out_dir, registry, base / "truc-tiep")
    return top, direct, groups


def group_own(group):
    """A group's own workbook: a target, its own courses and a Giấy khen it awarded."""
    data = template_data(group.code, group.name, "Công đoàn Viên chức tỉnh Bắc Sơn", TERM, level=LEVEL_UPPER,
                         NGUOI_LAP="Văn phòng", NGAY_LAP=dt.date(2023, 5, 1))
    data.values["CB_LOP_TAP_HUAN"] = [1, 2, 1, 1, 2]
    data.targets["TL_DV_XUAT_SAC"], data.target_marks["TL_DV_XUAT_SAC"] = 90, "trên"
    data.registers["DS_KHEN_THUONG"] = [{"NAM": 2021, "HINH_THUC": "Giấy khen", "DOI_TUONG": "Tập thể",
                                         "NGUOI_NHAN": f"Một công đoàn cơ sở của {group.name}",
                                         "CO_QUAN": group.name, "TRANG_THAI": "Đã nhận"}]
    return data


def test_group_workbooks_carry_their_own_work_beside_the_sums(rolled, demo):
    _, _, groups = rolled
    for group in demo.registry.children(demo.registry.top.code):
        data = read_workbook(groups / f"{group.code}.xlsx").data
        assert data.own["CB_LOP_TAP_HUAN"] == [1, 2, 1, 1, 2]
        assert data.targets["TL_DV_XUAT_SAC"] == 90 and data.target_marks["TL_DV_XUAT_SAC"] == "trên"
        assert [r["DON_VI_MA"] for r in data.registers["DS_KHEN_THUONG"]].count(group.code) == 1


def test_province_targets_are_its_own_and_registers_carry_each_groups_weightiest_rows(rolled, demo):
    """What travels up is bounded by the direct children; the rest stays in each group's tong-hop.xlsx."""
    top, direct, groups = rolled
    a, b = read_workbook(top.consolidated).data, read_workbook(direct.consolidated).data
    own = demo.own
    for data in (a, b):
        assert {c: v for c, v in data.targets.items() if v is not None} == {
            c: v for c, v in own.targets.items() if v is not None}
        assert data.own["CB_LOP_TAP_HUAN"] == own.values["CB_LOP_TAP_HUAN"]
    # every award from Huân chương up of every branch reaches the province
    highest = [r for r in b.registers["DS_KHEN_THUONG"] if always_carried("DS_KHEN_THUONG", r)]
    assert highest and all(r in a.registers["DS_KHEN_THUONG"] for r in highest)
    wb = load_workbook(top.consolidated, read_only=True)
    for group in demo.registry.children(demo.registry.top.code):
        codes = {u.code for u in demo.registry.children(group.code)} | {group.code}
        below = read_workbook(groups / f"{group.code}.xlsx").data.registers
        for reg in CAT.registers:
            carried = [r for r in a.registers[reg.code] if r["DON_VI_MA"] in codes]
            assert all(r in below[reg.code] for r in carried), reg.code
            others = [r for r in carried if not always_carried(reg.code, r)]
            assert len(others) == min(ROWS_PER_CHILD, len([r for r in below[reg.code]
                                                           if not always_carried(reg.code, r)])), reg.code
            left = [r for r in below[reg.code] if r not in carried]
            if left:   # none left out is weightier than one carried, and the sheet says where they are
                assert max(map(order(reg.code), others)) <= min(map(order(reg.code), left)), reg.code
                note = wb[reg.sheet]["A3"].value
                assert f"… và {len(left)} dòng khác: xem sổ tổng hợp của {group.name} ({group.code})" in note
    assert len(b.registers["DS_KHEN_THUONG"]) > len(a.registers["DS_KHEN_THUONG"])


def test_group_workbooks_are_valid_inputs(rolled):
    top, _, groups = rolled
    for path in groups.iterdir():
        assert [f for f in check_branch(read_workbook(path)) if f.severity == ERROR] == []
    assert {r.unit_code for r in top.completeness.rows if r.status == STATUS_OK} == {
        "KHOI_DANG", "KHOI_QLNN", "KHOI_SU_NGHIEP"}


def test_rolled_up_figures_equal_the_direct_compile(rolled):
    top, direct, _ = rolled
    a, b = named_values(top.consolidated), named_values(direct.consolidated)
    for ind in CAT.indicators:
        if ind.kind in ("stock", "flow"):
            assert a[ind.code] == b[ind.code], ind.code
        if ind.kind == "stock":
            assert a[ind.code + "_DAU_KY"] == b[ind.code + "_DAU_KY"], ind.code
        if ind.target:
            for suffix in ("_CHI_TIEU", "_CHI_TIEU_TOI", "_CHI_TIEU_MUC"):
                assert a[ind.code + suffix] == b[ind.code + suffix], ind.code + suffix
    fa, fb = (figures(CAT, read_workbook(r.consolidated).data) for r in (top, direct))
    for ind in CAT.indicators:
        if ind.kind == "rate":
            assert fa[ind.code].years == pytest.approx(fb[ind.code].years) and fa[ind.code].term == fb[ind.code].term
    assert a["TongHop_SoDonVi"] == b["TongHop_SoDonVi"] == [51]


def test_rolled_up_counts_equal_the_direct_compile_and_texts_come_up_as_each_groups_digest(rolled, demo):
    top, direct, groups = rolled
    counts = [{(r["Mã chỉ tiêu"], r["Phân loại"]): [r[y] for y in range(2019, 2024)]
               for r in table(r.consolidated, "TongHop_XepLoai")} for r in (top, direct)]
    assert counts[0] == counts[1]
    # one row per group and text indicator: the group's own text cells, not its branches' texts
    texts = {(t["Mã đơn vị"], t["Mã chỉ tiêu"]): t["Nội dung"] for t in table(top.consolidated, "TongHop_VanBan")}
    expected = {(g.code, code): text for g in demo.registry.children(demo.registry.top.code)
                for code, text in read_workbook(groups / f"{g.code}.xlsx").data.texts.items()}
    assert texts == expected and len(table(direct.consolidated, "TongHop_VanBan")) > 100
    note = load_workbook(top.consolidated, read_only=True)["Văn bản"]["A3"].value
    assert "xem trang Văn bản trong sổ tổng hợp của" in note and "(KHOI_DANG)" in note
    # the province's own text cells name its groups, not one group's digest cut off
    digest = read_workbook(top.consolidated).data.texts["ND_BAI_HOC"]
    assert all(f"- {g.name}: " in digest for g in demo.registry.children(demo.registry.top.code))


def test_units_inside_group_workbooks_keep_their_status(rolled, demo):
    top, direct, _ = rolled
    rows = table(top.consolidated, "TongHop_NopBao")
    faulty = {r["Mã đơn vị"]: r["Qua sổ tổng hợp"] for r in rows if r["Tình trạng"] == STATUS_DATA_ERRORS}
    assert set(faulty) == {r.unit_code for r in direct.completeness.rows if r.status == STATUS_DATA_ERRORS}
    assert all(via in ("KHOI_DANG", "KHOI_QLNN", "KHOI_SU_NGHIEP") for via in faulty.values())
    assert top.completeness.nested[STATUS_DATA_ERRORS] == 4 and top.needs_attention


def test_a_branch_already_inside_a_group_workbook_is_not_added_twice(rolled, demo, tmp_path):
    top, _, groups = rolled
    inbox = tmp_path / "nop"
    shutil.copytree(groups, inbox)
    shutil.copy(demo.workbooks["CDCS_001"], inbox / "CDCS_001.xlsx")
    again = compile_(inbox, demo.out_dir / REGISTRY_FILENAME, tmp_path / "out")
    row = next(r for r in again.completeness.rows if r.unit_code == "CDCS_001")
    assert row.status == STATUS_DUPLICATE and "KHOI_DANG" in row.note
    assert named_values(again.consolidated)["DV_TONG_SO"] == named_values(top.consolidated)["DV_TONG_SO"]
