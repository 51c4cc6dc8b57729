"""The rules engine: every kind of mistake at the right cell, clean demo workbooks pass.

Faulty inputs start from a clean demo unit read from its real workbook (so the
cell addresses come from the workbook's defined names) and change one thing.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import tomllib

import pytest

from workbook_templates import read_workbook
from workbook_templates.catalogue import CATALOGUE_PATH, parse_catalogue
from workbook_templates.reader import BranchWorkbook
from workbook_templates.rules import ERROR, WARNING, check_branch, findings_to_json, show_value
from workbook_templates.sample import (
    AWARD_WITHOUT_RECIPIENT,
    FUNDS_EXCEED_TOTAL, MEMBERSHIP_GAP, MISSING_DATE, NUMBER_AS_TEXT, WOMEN_EXCEED_MEMBERS,
)

#: The rule each deliberate demo mistake must raise.
DEMO_RULES = {
    WOMEN_EXCEED_MEMBERS: ("NU_LE_TONG", ERROR),
    NUMBER_AS_TEXT: ("SO_DANG_CHU", ERROR),
    MEMBERSHIP_GAP: ("DONG_BIEN_DOAN_VIEN", WARNING),
    FUNDS_EXCEED_TOTAL: ("CAC_QUY_LE_TONG", ERROR),
    MISSING_DATE: ("THIEU_THONG_TIN", ERROR),
    AWARD_WITHOUT_RECIPIENT: ("DS_THIEU_COT_BAT_BUOC", WARNING),
}


@pytest.fixture(scope="module")
def base(demo) -> BranchWorkbook:
    """A clean demo unit, read from its workbook."""
    return read_workbook(demo.workbooks[demo.clean_units[0]])


def run(base: BranchWorkbook, change, catalogue=None):
    data = copy.deepcopy(base.data)
    change(data)
    return check_branch(BranchWorkbook(base.source, data, base.cells), catalogue)


def setter(kind: str, code: str, value, index: int | None = None):
    """A change writing ``value`` into one place of the data: values, start, targets, next_targets or info."""
    def change(data):
        target = getattr(data, kind)
        if index is None:
            target[code] = value(target[code]) if callable(value) else value
        else:
            target[code][index] = value(target[code][index]) if callable(value) else value
    return change


def both(*changes):
    def change(data):
        for c in changes:
            c(data)
    return change


def plus(n):
    return lambda v: v + n


def relative(target: str, index: int, source: str, n: int):
    """values[target][index] = values[source][index] + n."""
    def change(data):
        data.values[target][index] = data.values[source][index] + n
    return change


# (id, change, rule, severity, defined name, index of the cell in the name)
CASES = [
    ("text-million", setter("values", "CL_THAM_HOI_TIEN", "20,7 triệu đồng", 1),
     "SO_DANG_CHU", ERROR, "CL_THAM_HOI_TIEN", 1),
    ("text-thousands-dot", setter("values", "TC_CBCCVCLD", "3.120", 2), "SO_DANG_CHU", ERROR, "TC_CBCCVCLD", 2),
    ("text-with-unit", setter("values", "CL_CON_DV_CHAU", "45 cháu", 0), "SO_DANG_CHU", ERROR, "CL_CON_DV_CHAU", 0),
    ("text-dong", setter("values", "CL_QUA_LE_TET_TIEN", "700.000đ", 4),
     "SO_DANG_CHU", ERROR, "CL_QUA_LE_TET_TIEN", 4),
    ("text-billion", setter("values", "XH_QUY_COVID", "4,4 tỷ", 3), "SO_DANG_CHU", ERROR, "XH_QUY_COVID", 3),
    ("not-a-number", setter("values", "TT_HOI_NGHI", "không có", 2), "SAI_KIEU_SO", ERROR, "TT_HOI_NGHI", 2),
    ("date-in-number-cell", setter("values", "TD_GIAY_KHEN", dt.datetime(2021, 2, 1), 1),
     "SAI_KIEU_SO", ERROR, "TD_GIAY_KHEN", 1),
    ("negative", setter("values", "CL_THAI_SAN", -2, 3), "DUOI_TOI_THIEU", ERROR, "CL_THAI_SAN", 3),
    ("fraction-count", setter("values", "CL_THAM_QUAN_LAN", 2.5, 0),
     "KHONG_PHAI_SO_NGUYEN", ERROR, "CL_THAM_QUAN_LAN", 0),
    ("fraction-money", setter("values", "NC_TIEN", 1_500_000.5, 2), "KHONG_PHAI_SO_NGUYEN", ERROR, "NC_TIEN", 2),
    ("rating-not-in-list", setter("values", "XL_CDCS", "Xuất sắc", 4), "SAI_LUA_CHON", ERROR, "XL_CDCS", 4),
    ("yesno-not-in-list", setter("values", "CL_HOI_NGHI_CBCCVC", "Rồi", 1),
     "SAI_LUA_CHON", ERROR, "CL_HOI_NGHI_CBCCVC", 1),
    ("required-blank", setter("values", "TC_SO_TO", None, 2), "THIEU_CHI_TIEU_BAT_BUOC", WARNING, "TC_SO_TO", 2),
    ("required-yesno-blank", setter("values", "CL_HOI_NGHI_CBCCVC", None, 0),
     "THIEU_CHI_TIEU_BAT_BUOC", WARNING, "CL_HOI_NGHI_CBCCVC", 0),
    ("info-missing-officer", setter("info", "NGUOI_LAP", None), "THIEU_THONG_TIN", ERROR, "NGUOI_LAP", 0),
    ("info-missing-name", setter("info", "DON_VI_TEN", "  "), "THIEU_THONG_TIN", ERROR, "DON_VI_TEN", 0),
    ("date-typed-as-text", setter("info", "NGAY_LAP", "18/4/2023"), "SAI_KIEU_NGAY", ERROR, "NGAY_LAP", 0),
    ("date-outside-term", setter("info", "NGAY_LAP", dt.date(2031, 1, 5)), "NGOAI_NHIEM_KY", WARNING, "NGAY_LAP", 0),
    ("term-unreadable", setter("info", "NHIEM_KY", "khóa V"), "NGOAI_NHIEM_KY", ERROR, "NHIEM_KY", 0),
    ("committee-number-text", setter("info", "BCH_KHOA", "khóa năm"), "SAI_KIEU_SO", ERROR, "BCH_KHOA", 0),
    ("committee-number-zero", setter("info", "BCH_KHOA", 0), "DUOI_TOI_THIEU", ERROR, "BCH_KHOA", 0),
    ("women-above-members", relative("DV_NU", 1, "DV_TONG_SO", 5), "NU_LE_TONG", ERROR, "DV_NU", 1),
    ("party-above-members", relative("DV_DANG_VIEN", 2, "DV_TONG_SO", 1), "DANG_VIEN_LE_TONG", ERROR,
     "DV_DANG_VIEN", 2),
    ("members-above-workers", relative("TC_CBCCVCLD", 0, "DV_TONG_SO", -1), "DV_LE_CBCCVCLD", ERROR,
     "DV_TONG_SO", 0),
    ("early-raises-above-raises", relative("CL_NANG_LUONG_TRUOC_HAN", 3, "CL_NANG_LUONG", 2),
     "TRUOC_HAN_LE_NANG_LUONG", ERROR, "CL_NANG_LUONG_TRUOC_HAN", 3),
    ("excellent-above-rated", relative("TD_LDTT", 4, "TD_DV_BINH_XET", 3), "LDTT_LE_BINH_XET", ERROR, "TD_LDTT", 4),
    ("complaints-solved-above-received", relative("KT_DON_THU_GIAI_QUYET", 1, "KT_DON_THU", 1),
     "DON_THU_GIAI_QUYET_LE_TIEP_NHAN", ERROR, "KT_DON_THU_GIAI_QUYET", 1),
    ("funds-above-total", setter("values", "XH_TONG_UNG_HO", 1_000, 2), "CAC_QUY_LE_TONG", ERROR,
     "XH_TONG_UNG_HO", 2),
    ("membership-gap", both(setter("values", "DV_TONG_SO", plus(7), 3), setter("values", "TC_CBCCVCLD", plus(7), 3)),
     "DONG_BIEN_DOAN_VIEN", WARNING, "DV_TONG_SO", 3),
    ("membership-gap-first-year", setter("start", "DV_TONG_SO", plus(-4)), "DONG_BIEN_DOAN_VIEN", WARNING,
     "DV_TONG_SO", 0),
    ("start-negative", setter("start", "TC_SO_TO", -1), "DUOI_TOI_THIEU", ERROR, "TC_SO_TO_DAU_KY", 0),
    ("start-as-text", setter("start", "TC_SO_TO", "07 tổ"), "SO_DANG_CHU", ERROR, "TC_SO_TO_DAU_KY", 0),
    ("target-as-text", setter("targets", "DV_TONG_SO", "100 người"), "SO_DANG_CHU", ERROR, "DV_TONG_SO_CHI_TIEU", 0),
    ("rate-target-above-100", setter("targets", "TL_LDTT", 120), "VUOT_TOI_DA", ERROR, "TL_LDTT_CHI_TIEU", 0),
    ("next-target-negative", setter("next_targets", "TD_SANG_KIEN_CO_SO", -3), "DUOI_TOI_THIEU", ERROR,
     "TD_SANG_KIEN_CO_SO_CHI_TIEU_TOI", 0),
    ("outlier-extra-zeros", setter("values", "CL_THAM_HOI_TIEN", lambda v: v * 100, 2), "BAT_THUONG", WARNING,
     "CL_THAM_HOI_TIEN", 2),
]


@pytest.mark.parametrize("change, rule, severity, name, index", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_faulty_input_raises_its_rule_at_its_cell(base, change, rule, severity, name, index):
    findings = run(base, change)
    sheet, cell = base.address(name, index)
    hits = [f for f in findings if f.rule == rule and (f.sheet, f.cell) == (sheet, cell)]
    assert hits, f"{rule} at {sheet}!{cell} not found in {[(f.rule, f.sheet, f.cell) for f in findings]}"
    assert all(f.severity == severity for f in hits)
    assert all(f.message and f.label for f in hits)


def test_the_table_covers_enough_cases_and_rules():
    assert len(CASES) >= 25
    assert len({case[2] for case in CASES}) >= 15


def test_clean_unit_has_no_finding(base):
    assert check_branch(base) == []


def test_every_clean_demo_workbook_passes(demo):
    for code in demo.clean_units:
        assert check_branch(read_workbook(demo.workbooks[code])) == [], code


def test_every_demo_mistake_is_found_at_its_cell_and_nothing_else(demo):
    for code, mistake in demo.mistakes.items():
        wb = read_workbook(demo.workbooks[code])
        index = mistake.row if mistake.row is not None else wb.data.years.index(mistake.year) if mistake.year else 0
        rule, severity = DEMO_RULES[mistake.kind]
        findings = check_branch(wb)
        expected = [(rule, severity, wb.address(mistake.code, index))]
        if mistake.kind == MEMBERSHIP_GAP:  # the gap also breaks the identity over the whole term
            expected.append(("DONG_BIEN_DOAN_VIEN_NHIEM_KY", WARNING, wb.address(mistake.code, len(wb.data.years) - 1)))
        assert [(f.rule, f.severity, (f.sheet, f.cell)) for f in findings] == expected, code


def test_text_number_reports_the_number_it_means(base):
    [finding] = run(base, setter("values", "CL_THAM_HOI_TIEN", "khoảng 20,7 triệu đồng", 1))
    assert finding.values == {"gia_tri": "khoảng 20,7 triệu đồng", "so": 20_700_000}
    assert "20.700.000" in finding.message and "20700000" in finding.message
    assert "Chuẩn hóa số" in finding.message


def test_membership_identity_shows_the_gap(base):
    findings = run(base, both(setter("values", "DV_TONG_SO", plus(7), 3), setter("values", "TC_CBCCVCLD", plus(7), 3)))
    gap = next(f for f in findings if f.rule == "DONG_BIEN_DOAN_VIEN" and f.year == base.data.years[3])
    assert gap.values["chenh_lech"] == 7
    assert "chênh +7" in gap.message and "Nội dung" in gap.message


def test_rate_above_100_when_no_relation_covers_it(base):
    """A rate whose numerator and denominator have no ``le`` relation still cannot pass 100%."""
    with open(CATALOGUE_PATH, "rb") as fh:
        raw = tomllib.load(fh)
    raw["relations"] = [r for r in raw["relations"] if r["code"] != "LDTT_LE_BINH_XET"]
    catalogue = parse_catalogue(raw)
    findings = run(base, relative("TD_LDTT", 2, "TD_DV_BINH_XET", 4), catalogue)
    assert [(f.rule, f.severity, (f.sheet, f.cell)) for f in findings] == [
        ("TY_LE_VUOT_100", ERROR, base.address("TD_LDTT", 2))]
    assert "vượt 100%" in findings[0].message
    # With the catalogue's relation the same mistake is reported once, under the relation's code.
    assert [f.rule for f in run(base, relative("TD_LDTT", 2, "TD_DV_BINH_XET", 4))] == ["LDTT_LE_BINH_XET"]


def test_small_counts_are_not_outliers(base):
    assert run(base, setter("values", "TT_TIN_BAI", lambda v: min(v or 1, 8) * 12, 4)) == []


def test_findings_are_sorted_by_sheet_then_cell(base):
    findings = run(base, both(setter("values", "XH_QUY_COVID", "x", 0), setter("info", "NGUOI_LAP", None),
                              setter("values", "TC_SO_TO", "y", 4), setter("values", "TC_SO_TO", "z", 0)))
    assert [(f.sheet, f.cell) for f in findings] == [
        base.address("NGUOI_LAP"), base.address("TC_SO_TO", 0), base.address("TC_SO_TO", 4),
        base.address("XH_QUY_COVID", 0)]


def test_findings_to_json_is_plain_data(base):
    findings = run(base, both(setter("info", "NGAY_LAP", dt.date(2031, 1, 5)), relative("DV_NU", 1, "DV_TONG_SO", 5)))
    data = json.loads(json.dumps(findings_to_json(findings), ensure_ascii=False))
    date = next(d for d in data if d["rule"] == "NGOAI_NHIEM_KY")
    assert date["values"] == {"NGAY_LAP": "2031-01-05"} and date["severity"] == WARNING
    women = next(d for d in data if d["rule"] == "NU_LE_TONG")
    assert set(women) == {"severity", "rule", "sheet", "cell", "code", "label", "year", "values", "message"}
    assert (women["sheet"], women["cell"]) == base.address("DV_NU", 1)
    assert women["year"] == base.data.years[1]


@pytest.mark.parametrize("value, text", [
    (3120, "3.120"), (458_500_000, "458.500.000"), (98.5, "98,5"), (1234.25, "1.234,25"), (7.0, "7"),
    (0.001, "0"), (dt.date(2023, 4, 18), "18/04/2023"), ("3.120 người", "“3.120 người”"), (None, "(trống)"),
])
def test_show_value_writes_figures_the_vietnamese_way(value, text):
    assert show_value(value) == text
