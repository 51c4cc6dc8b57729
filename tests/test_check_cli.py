"""``baocao check`` and ``baocao addin lite`` on the demo workbooks."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from compiler.cli import main
from workbook_templates import read_workbook
from workbook_templates.sample import (
    FUNDS_EXCEED_TOTAL, MEMBERSHIP_GAP, MISSING_DATE, NUMBER_AS_TEXT, WOMEN_EXCEED_MEMBERS,
)


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


def test_clean_demo_workbook_passes(demo):
    path = demo.workbooks[demo.clean_units[0]]
    result = check(str(path))
    assert result.exit_code == 0
    assert result.output.strip() == f"Tệp {path.name}: Không có lỗi."


@pytest.mark.parametrize("kind, status, rule", [
    (WOMEN_EXCEED_MEMBERS, 1, "NU_LE_TONG"),
    (NUMBER_AS_TEXT, 1, "SO_DANG_CHU"),
    (FUNDS_EXCEED_TOTAL, 1, "CAC_QUY_LE_TONG"),
    (MISSING_DATE, 1, "THIEU_THONG_TIN"),
    (MEMBERSHIP_GAP, 0, "DONG_BIEN_DOAN_VIEN"),  # a warning: the workbook may still be sent
])
def test_faulty_demo_workbook_names_the_cell_and_sets_the_exit_status(demo, kind, status, rule):
    code = demo.unit_with(kind)
    mistake = demo.mistakes[code]
    wb = read_workbook(demo.workbooks[code])
    sheet, cell = wb.address(mistake.code, wb.data.years.index(mistake.year) if mistake.year else 0)
    result = check(str(demo.workbooks[code]))
    assert result.exit_code == status
    assert f"{sheet}!{cell}" in result.output and f"[{rule}]" in result.output


def test_one_faulty_workbook_among_clean_ones_fails_the_run(demo):
    paths = [str(demo.workbooks[c]) for c in demo.clean_units[:3]] + [
        str(demo.workbooks[demo.unit_with(WOMEN_EXCEED_MEMBERS)])]
    result = check(*paths)
    assert result.exit_code == 1
    assert result.output.count("Không có lỗi.") == 3


def test_json_lists_findings_with_sheet_and_cell(demo):
    code = demo.unit_with(NUMBER_AS_TEXT)
    mistake = demo.mistakes[code]
    result = check("--format", "json", str(demo.workbooks[code]), str(demo.workbooks[demo.clean_units[0]]))
    assert result.exit_code == 1
    faulty, clean = json.loads(result.output)
    assert clean == {"file": str(demo.workbooks[demo.clean_units[0]]), "error": None, "findings": []}
    [finding] = faulty["findings"]
    assert finding["rule"] == "SO_DANG_CHU" and finding["severity"] == "Lỗi"
    assert finding["code"] == mistake.code and finding["year"] == mistake.year
    assert finding["values"]["gia_tri"] == mistake.value and isinstance(finding["values"]["so"], int)
    assert (finding["sheet"], finding["cell"]) == read_workbook(demo.workbooks[code]).address(
        mistake.code, demo.data[code].years.index(mistake.year))


def test_unreadable_file_gives_its_message_and_status_1(tmp_path):
    bogus = tmp_path / "so-bao-cao.xlsx"
    bogus.write_text("không phải tệp Excel", encoding="utf-8")
    result = check(str(bogus))
    assert result.exit_code == 1
    assert result.output.startswith("Lỗi: Tệp so-bao-cao.xlsx: không mở được như một tệp Excel")
    missing = check("--format", "json", str(tmp_path / "khong-co.xlsx"))
    assert missing.exit_code == 1 and "khong-co.xlsx" in json.loads(missing.output)[0]["error"]


def test_usage_errors_exit_2():
    assert check().exit_code == 2
    assert CliRunner().invoke(main, ["check", "--format", "xml", "a.xlsx"]).exit_code == 2


def test_addin_lite_writes_main_and_requirements(tmp_path):
    result = CliRunner().invoke(main, ["addin", "lite", "--out", str(tmp_path / "lite")], catch_exceptions=False)
    assert result.exit_code == 0
    main_py, requirements = tmp_path / "lite" / "main.py", tmp_path / "lite" / "requirements.txt"
    assert "from addin.scripts import kiem_tra, tinh_tong, chuan_hoa_so, xoa_danh_dau" in main_py.read_text("utf-8")
    assert "xlwings==" in requirements.read_text("utf-8")
    assert str(main_py) in result.output
