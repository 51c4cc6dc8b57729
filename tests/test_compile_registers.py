"""Registers, derived award counts and the upper union's own workbook, end to end.

Template → LibreOffice recalculation (the award counts of the Thi đua sheet
are COUNTIFS over the Khen thưởng register) → reader → compiler →
``tong-hop.xlsx``, whose targets are the own workbook's and whose registers
hold one row per entry of every unit. Without an own workbook the
consolidated workbook carries no target.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from libreoffice import convert, pdf_to_png, recalculated

from compiler.pipeline import CompileError, compile_directory
from compiler.period import PeriodRequest
from workbook_templates import build_workbook, load_catalogue, read_workbook, template_data
from workbook_templates.builder import COLUMN_FORMATS, INPUT_STYLE, draw_workbook, register_columns
from workbook_templates.catalogue import LEVEL_COMPILED, LEVEL_UPPER
from workbook_templates.layout import OWN_SUFFIX, SHEET_OWN
from workbook_templates.model import register_counts
from workbook_templates.registry import REGISTRY_FILENAME
from workbook_templates.rules import ERROR, WARNING, check_branch
from workbook_templates.sample import OWN_FILENAME, TERM

CAT = load_catalogue()


def compile_(inbox: Path, registry: Path, out: Path, own: Path | None = None):
    return compile_directory(inbox, registry, out, PeriodRequest(), workers=2, report=False, own=own)


@pytest.fixture(scope="module")
def with_own(demo, tmp_path_factory):
    return compile_(demo.out_dir, demo.out_dir / REGISTRY_FILENAME, tmp_path_factory.mktemp("co-rieng"))


@pytest.fixture(scope="module")
def without_own(demo, tmp_path_factory):
    inbox = tmp_path_factory.mktemp("khong-rieng")
    for path in demo.workbooks.values():
        shutil.copy(path, inbox / path.name)
    return compile_(inbox, demo.registry_path, tmp_path_factory.mktemp("khong-rieng-out"))


# ----------------------------------------------------------------- a unit's workbook

def test_libreoffice_award_counts_equal_the_register_rows(demo, tmp_path):
    code = next(c for c, d in demo.data.items() if any(d.values["TD_HCLD_HANG_NHAT"]))
    data = demo.data[code]
    wb = openpyxl.load_workbook(recalculated(demo.workbooks[code], tmp_path), data_only=True)
    expected = register_counts(CAT, data)
    assert sum(expected["TD_HCLD_HANG_NHAT"]) == 1   # the seed's Huân chương Lao động hạng Nhất, 2022
    for ind in CAT.indicators:
        if ind.is_derived:
            (sheet, ref), = wb.defined_names[ind.code].destinations
            got = [c.value for row in wb[sheet][ref.replace("$", "")] for c in row]
            assert got == expected[ind.code], ind.code
    rows = data.registers["DS_KHEN_THUONG"]
    assert sum(expected["TD_BK_LDLD"]) == sum(1 for r in rows if r["HINH_THUC"].startswith("Bằng khen của Liên đoàn")
                                              and r["TRANG_THAI"] == "Đã nhận")


def test_every_register_and_new_indicator_round_trips_through_libreoffice(demo, tmp_path):
    """A workbook saved by LibreOffice reads back with the same registers, own targets and marks."""
    for path, expected in ((demo.own_path, demo.own), (demo.workbooks["CDCS_001"], demo.data["CDCS_001"])):
        again = read_workbook(convert(path, "xlsx", tmp_path / path.stem)).data
        assert again.registers == expected.registers
        assert again.targets == expected.targets and again.target_marks == expected.target_marks
        for code in ("DV_XUAT_SAC", "DV_DANH_GIA", "CL_DICH_BENH_TIEN", "XH_QUY_KHAC", "XH_HIEN_MAU_DON_VI",
                     "KT_BAN_TTND", "KT_KY_LUAT", "TD_XEP_HANG_KHOI", "XDD_XEP_LOAI_TO_CHUC_DANG",
                     "TC_CDCS_THANH_LAP", "CB_LOP_TAP_HUAN", "TD_DE_NGHI_KHEN"):
            assert again.values[code] == expected.values[code], code


def test_the_template_command_makes_an_upper_union_workbook(tmp_path):
    import subprocess
    import sys
    out = tmp_path / "rieng.xlsx"
    baocao = Path(sys.executable).with_name("baocao")
    run = subprocess.run([str(baocao), "template", "--level", "cap-tren", "--out", str(out), "--unit-code", "CDVC",
                          "--unit-name", "Công đoàn Viên chức tỉnh Bắc Sơn", "--parent", "Liên đoàn Lao động tỉnh",
                          "--term", "2023-2028"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "sổ số liệu riêng của công đoàn cấp trên" in run.stdout
    book = read_workbook(out)
    assert book.data.level == LEVEL_UPPER
    assert set(book.data.registers) == {r.code for r in CAT.registers}
    wb = openpyxl.load_workbook(out)
    for reg in CAT.registers:
        ws = wb[reg.sheet]
        assert list(ws.tables) == [f"Bang_{reg.code}"]
        (sheet, ref), = wb.defined_names[reg.code].destinations
        assert sheet == reg.sheet and ws.tables[f"Bang_{reg.code}"].ref.split(":")[1] == ref.replace("$", "").split(":")[1]
        covered = {str(dv.sqref) for dv in ws.data_validations.dataValidation}
        assert len(covered) == len(reg.all_columns), reg.code   # one validation per column


# ----------------------------------------------------------------- rules at their cells

def test_rules_find_every_register_mistake_and_the_term_gap_at_their_cells(tmp_path):
    data = template_data("X1", "Công đoàn cơ sở Thử", "Công đoàn Viên chức tỉnh", TERM, NGUOI_LAP="A",
                         NGAY_LAP=dt.date(2023, 3, 1))
    data.registers = {
        "DS_KHEN_THUONG": [
            {"NAM": 2021, "HINH_THUC": "Huân chương Lao động hạng Ba", "DOI_TUONG": "Tập thể", "TRANG_THAI": "Đã nhận"},
            {"NAM": 2015, "HINH_THUC": "Giấy khen", "DOI_TUONG": "Cá nhân", "TRANG_THAI": "Đã nhận"},
            {"NAM": 2020, "HINH_THUC": "Bằng khen của ai đó", "DOI_TUONG": "Cá nhân", "NGUOI_NHAN": "B",
             "TRANG_THAI": "Đã nhận"},
            {"NAM": 2020, "DOI_TUONG": "Cá nhân", "NGUOI_NHAN": "C", "TRANG_THAI": "Đề nghị"}],
        "DS_CONG_TRINH": [{"TEN": "Đường điện", "TONG_KINH_PHI": 200_000_000, "DONG_GOP": 250_000_000}],
        "DS_VAN_BAN": [{"SO_KY_HIEU": "15/KH-CĐCS", "NGAY": "10/3/2021", "TRICH_YEU": "Kế hoạch"}],
    }
    # only the start and the end of the term: the yearly identity cannot tell, the term identity can
    data.start["DV_TONG_SO"], data.values["DV_TONG_SO"] = 40, [None, None, None, None, 45]
    data.values["DV_KET_NAP"] = [2, 1, None, None, None]
    build_workbook(tmp_path / "x.xlsx", data)
    book = read_workbook(tmp_path / "x.xlsx")
    found = {(f.rule, f.severity, f.sheet, f.cell) for f in check_branch(book)}
    assert ("DS_THIEU_COT_BAT_BUOC", WARNING, "Khen thưởng", "D5") in found      # high award, no recipient
    assert ("DS_NAM_NGOAI_NHIEM_KY", ERROR, "Khen thưởng", "A6") in found        # 2015 is not in 2019–2023
    assert ("SAI_LUA_CHON", ERROR, "Khen thưởng", "B7") in found                 # not a form of the list
    assert ("DS_THIEU_COT_BAT_BUOC", ERROR, "Khen thưởng", "B8") in found        # form left blank
    assert ("DS_VUOT_TONG", ERROR, "Công trình", "G5") in found                  # members gave more than the cost
    assert ("SAI_KIEU_NGAY", ERROR, "Văn bản triển khai", "B5") in found         # a date typed as text
    gap = next(f for f in check_branch(book) if f.rule == "DONG_BIEN_DOAN_VIEN_NHIEM_KY")
    assert (gap.severity, gap.sheet, gap.cell) == (WARNING, "Tổ chức", book.address("DV_TONG_SO", 4)[1])
    assert gap.values["chenh_lech"] == 2 and "chênh +2" in gap.message
    assert not [f for f in check_branch(book) if f.rule == "DONG_BIEN_DOAN_VIEN"]


# ----------------------------------------------------------------- the consolidated workbook

def test_tong_hop_targets_are_the_own_workbooks(with_own, demo):
    assert with_own.own == OWN_FILENAME
    data = read_workbook(with_own.consolidated).data
    assert data.level == LEVEL_COMPILED
    own = demo.own
    assert data.targets == own.targets and data.next_targets == own.next_targets
    assert data.target_marks == own.target_marks and data.target_marks["TL_DV_XUAT_SAC"] == "trên"
    assert data.targets["TL_CDCS_VUNG_MANH"] == 100


def test_tong_hop_carries_the_own_figures_and_texts_in_named_cells(with_own, demo):
    data = read_workbook(with_own.consolidated).data
    for code, values in demo.own.values.items():
        if CAT[code].is_input or CAT[code].is_derived:
            assert data.own[code] == values, code
    assert data.own_texts == demo.own.texts
    wb = openpyxl.load_workbook(with_own.consolidated)
    (sheet, _), = wb.defined_names["CB_LOP_TAP_HUAN" + OWN_SUFFIX].destinations
    assert sheet == SHEET_OWN
    # never added: the union's own courses are not in the branches' sum
    branch_sum = [sum(d.values["CB_LOP_TAP_HUAN"][k] for c, d in demo.data.items() if c in included(with_own))
                  for k in range(5)]
    assert data.values["CB_LOP_TAP_HUAN"] == branch_sum


def included(result) -> set[str]:
    return {r.unit_code for r in result.completeness.rows if r.included}


def test_tong_hop_registers_have_one_row_per_entry_with_the_unit(with_own, demo):
    data = read_workbook(with_own.consolidated).data
    units = [r.unit_code for r in with_own.completeness.rows if r.included]
    wb = openpyxl.load_workbook(with_own.consolidated)
    for reg in CAT.registers:
        expected = [row for code in units for row in demo.data[code].registers[reg.code]]
        expected += demo.own.registers[reg.code]
        assert data.registers[reg.code] == expected, reg.code
        ws = wb[reg.sheet]
        last_row = int(ws.tables[f"Bang_{reg.code}"].ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        assert last_row - 4 == max(1, len(expected)), reg.code
        # the streamed rows look like the form's: input style, the column's format, height for long texts
        formats = [COLUMN_FORMATS.get(c.type, "@") for c in register_columns(reg)]
        for k, row in enumerate(ws.iter_rows(min_row=5, max_row=4 + len(expected))):
            assert [c.style for c in row] == [INPUT_STYLE.name] * len(formats), (reg.code, k)
            assert [c.number_format for c in row] == formats, (reg.code, k)
            if (ws.row_dimensions[5 + k].height or 15) < 30:
                assert all(len(str(c.value or "")) <= 2 * ws.column_dimensions[c.column_letter].width for c in row)
    giai_phap = data.registers["DS_GIAI_PHAP"]
    assert giai_phap and all(r["DON_VI_MA"] == demo.registry.top.code and r["TIEU_DE"] for r in giai_phap)
    # the compiled counts are the branches' sums, never re-counted from rows that include the union's own
    for ind in CAT.indicators:
        if ind.is_derived:
            assert data.values[ind.code] == [sum(demo.data[c].values[ind.code][k] for c in units) for k in range(5)]


def test_without_an_own_workbook_tong_hop_carries_no_target(without_own):
    assert without_own.own is None
    data = read_workbook(without_own.consolidated).data
    assert all(v is None for v in data.targets.values()) and not data.target_marks
    assert all(v is None for values in data.own.values() for v in values) and not data.own_texts
    wb = openpyxl.load_workbook(without_own.consolidated, read_only=True)
    texts = [c for row in wb["Tổng hợp"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any("Không có sổ số liệu riêng" in t for t in texts)


def test_own_option_must_name_the_top_units_upper_workbook(demo, tmp_path):
    with pytest.raises(CompileError, match="sổ cấp"):
        compile_(demo.out_dir, demo.registry_path, tmp_path, own=demo.workbooks["CDCS_002"])


def test_register_sheets_render_on_a4(with_own, tmp_path):
    """Each register sheet of tong-hop.xlsx prints; the PNGs are kept for a look (see the report)."""
    wb = openpyxl.load_workbook(with_own.consolidated)
    for name in wb.sheetnames:
        if name not in {r.sheet for r in CAT.registers}:
            wb[name].sheet_state = "hidden"
    wb.active = wb.sheetnames.index("Khen thưởng")
    only = tmp_path / "khen-thuong.xlsx"
    wb.save(only)
    pdf = convert(only, "pdf", tmp_path)
    pages = pdf_to_png(pdf, tmp_path / "trang")
    assert pages and all(p.stat().st_size > 1000 for p in pages)


def test_a_workbook_of_the_previous_catalogue_is_told_to_copy_into_the_new_template(tmp_path):
    from workbook_templates.reader import WorkbookError

    path = build_workbook(tmp_path / "cu.xlsx", template_data("X1", "Công đoàn cơ sở Thử", "CĐVC", TERM))
    wb = openpyxl.load_workbook(path)
    (sheet, ref), = wb.defined_names["PHIEN_BAN_DANH_MUC"].destinations
    wb[sheet][ref.replace("$", "")] = "2026.1"
    wb.save(path)
    with pytest.raises(WorkbookError, match="phiên bản 2026.1.*Hãy chép số liệu sang mẫu mới"):
        read_workbook(path)


def test_a_consolidated_register_of_ten_thousand_rows_is_drawn_as_one_prototype_row(tmp_path):
    """The compiler streams register rows: the drawn form holds no cell per row, even once saved,
    while its table, validations and names still cover every row."""
    data = template_data("TINH", "Công đoàn tỉnh", "Tổng Liên đoàn", TERM, level=LEVEL_COMPILED)
    data.registers["DS_KHEN_THUONG"] = [{"NAM": 2021, "HINH_THUC": "Giấy khen", "DON_VI_MA": f"C{k}"}
                                        for k in range(10_000)]
    wb = draw_workbook(data, CAT, register_rows=False)
    wb.save(tmp_path / "drawn.xlsx")
    ws = wb["Khen thưởng"]
    assert ws.max_row == 5
    table = ws.tables["Bang_DS_KHEN_THUONG"]
    assert table.ref.endswith("10004")
    assert [c.name for c in table.tableColumns] == [c.value for c in ws[4]]
    assert any(str(dv.sqref).endswith("10004") for dv in ws.data_validations.dataValidation)
