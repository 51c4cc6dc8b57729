"""Completeness: every missing, faulty, duplicate, foreign or stray file reported, totals unaffected.

The folder holds the workbooks of one group of the demo (12 units, compiled
against a registry whose top unit is that group) with every kind of trouble
an officer meets: a unit that did not send, a duplicate sent earlier with
other figures, a damaged file, a document renamed .xlsx, a workbook of an
older catalogue version, Excel's lock file, and workbooks of units that are
not in the registry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from compiler.cli import main
from compiler.completeness import (
    STATUS_BAD_FILE, STATUS_DUPLICATE, STATUS_MISSING, STATUS_OK, STATUS_SKIPPED, STATUS_UNKNOWN,
)
from compiler.period import PeriodRequest
from compiler.pipeline import compile_directory
from test_compile import expected_sums, named_values, table
from workbook_templates import build_workbook
from workbook_templates.registry import Registry, Unit, write_registry

GROUP = "KHOI_DANG"


def group_registry(demo, group: str) -> Registry:
    """The registry of one group, as that group's own union would keep it."""
    top = demo.registry[group]
    units = [Unit(top.code, top.name, demo.registry.top.name)] + demo.registry.children(group)
    return Registry(tuple(units))


@pytest.fixture(scope="module")
def troubled(demo, tmp_path_factory):
    base = tmp_path_factory.mktemp("troubled")
    inbox, registry_path = base / "nop", base / "danh-sach.xlsx"
    write_registry(registry_path, group_registry(demo, GROUP))
    (inbox / "gui-lan-1").mkdir(parents=True)
    for unit in demo.registry.children(GROUP):
        if unit.code != "CDCS_002":                                     # did not send
            shutil.copy(demo.workbooks[unit.code], inbox / f"{unit.code}.xlsx")
    older = dataclasses.replace(demo.data["CDCS_003"], info={**demo.data["CDCS_003"].info,
                                                             "NGAY_LAP": dt.date(2022, 1, 10)})
    older.values = {**older.values, "DV_TONG_SO": [n * 2 for n in older.values["DV_TONG_SO"]]}
    build_workbook(inbox / "gui-lan-1" / "CDCS_003 (ban cu).xlsx", older)   # newer file, older NGAY_LAP
    (inbox / "CDCS_004.xlsx").write_bytes(demo.workbooks["CDCS_004"].read_bytes()[:5000])   # damaged
    (inbox / "bien-ban-hop.xlsx").write_text("Biên bản họp Ban Chấp hành", encoding="utf-8")
    stale = inbox / "CDCS_006.xlsx"
    wb = load_workbook(stale)
    (sheet, ref), = wb.defined_names["PHIEN_BAN_DANH_MUC"].destinations
    wb[sheet][ref.replace("$", "")] = "2020.1"
    wb.save(stale)
    (inbox / "~$CDCS_001.xlsx").write_bytes(b"\x00" * 165)
    stranger = dataclasses.replace(demo.data["CDCS_005"], info={**demo.data["CDCS_005"].info,
                                                                "DON_VI_MA": "CDCS_999"})
    build_workbook(inbox / "CDCS_999.xlsx", stranger)
    shutil.copy(demo.workbooks["CDCS_020"], inbox / "CDCS_020.xlsx")  # another group's unit
    result = compile_directory(inbox, registry_path, base / "out", PeriodRequest(), workers=1, report=False)
    return result, inbox, registry_path


def test_each_problem_is_reported_in_its_category(troubled):
    result, _, _ = troubled
    rows = [(r.unit_code, r.entry.path if r.entry else "", r.status) for r in result.completeness.rows]
    assert ("CDCS_002", "", STATUS_MISSING) in rows
    assert ("CDCS_004", "", STATUS_MISSING) in rows
    assert ("", "CDCS_004.xlsx", STATUS_BAD_FILE) in rows
    assert ("", "bien-ban-hop.xlsx", STATUS_BAD_FILE) in rows
    assert ("CDCS_006", "CDCS_006.xlsx", STATUS_BAD_FILE) in rows
    assert ("CDCS_003", "gui-lan-1/CDCS_003 (ban cu).xlsx", STATUS_DUPLICATE) in rows
    assert ("CDCS_003", "CDCS_003.xlsx", STATUS_OK) in rows
    assert ("CDCS_999", "CDCS_999.xlsx", STATUS_UNKNOWN) in rows
    assert ("CDCS_020", "CDCS_020.xlsx", STATUS_UNKNOWN) in rows
    skipped = [r for r in result.completeness.rows if r.status == STATUS_SKIPPED]
    assert len(skipped) == 1 and "~$CDCS_001.xlsx" in skipped[0].note
    notes = {r.entry.path: r.note for r in result.completeness.rows if r.entry}
    assert "phiên bản 2020.1" in notes["CDCS_006.xlsx"]
    assert "không phải tệp Excel" in notes["bien-ban-hop.xlsx"]
    assert "dùng tệp lập sau" in notes["gui-lan-1/CDCS_003 (ban cu).xlsx"]
    assert result.completeness.counts[STATUS_OK] == 9 and result.needs_attention


def test_totals_hold_only_the_units_that_count(troubled, demo):
    result, inbox, _ = troubled
    counted = ["CDCS_001", "CDCS_003", "CDCS_005", *(f"CDCS_{i:03d}" for i in range(7, 13))]
    expected = expected_sums([named_values(inbox / f"{code}.xlsx") for code in counted])
    total = named_values(result.consolidated)
    for name, values in expected.items():
        assert total[name] == values, name
    assert total["TongHop_SoDonVi"] == [9]
    statuses = {(r["Mã đơn vị"], r["Tệp"]): r["Tình trạng"] for r in table(result.consolidated, "TongHop_NopBao")}
    assert statuses[("CDCS_002", None)] == STATUS_MISSING
    assert statuses[(None, "bien-ban-hop.xlsx")] == STATUS_BAD_FILE


def test_inputs_are_left_untouched(troubled):
    _, inbox, _ = troubled
    assert not [p for p in inbox.rglob("*") if p.name.startswith(".~tmp")]
    assert len(list(inbox.rglob("*.xlsx"))) == 16


def test_exit_status_is_1_when_something_needs_attention(troubled, tmp_path):
    _, inbox, registry_path = troubled
    result = CliRunner().invoke(main, ["compile", str(inbox), "--registry", str(registry_path), "--out",
                                       str(tmp_path), "--no-report", "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "Chưa nộp: 2" in result.output and "Nộp trùng: 1" in result.output
    assert "Không có trong danh sách: 2" in result.output and "Lỗi tệp: 3" in result.output


def test_exit_status_is_0_when_every_unit_sent_a_clean_workbook(demo, tmp_path):
    inbox, registry_path = tmp_path / "nop", tmp_path / "danh-sach.xlsx"
    inbox.mkdir()
    write_registry(registry_path, group_registry(demo, GROUP))
    for unit in demo.registry.children(GROUP):
        os.link(demo.workbooks[unit.code], inbox / f"{unit.code}.xlsx")
    result = CliRunner().invoke(main, ["compile", str(inbox), "--registry", str(registry_path), "--out",
                                       str(tmp_path / "out"), "--no-report", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "Đã nộp: 12" in result.output and "Cần xem lại" not in result.output


@pytest.mark.parametrize("extra, message", [
    (["--year", "2021", "--period", "2019-2021"], "Chỉ chọn một trong --year và --period"),
    (["--year", "2030"], "Kỳ báo cáo năm 2030 nằm ngoài các năm của nhiệm kỳ"),
    (["--period", "2021-2019"], "năm đầu phải không sau năm cuối"),
])
def test_exit_status_is_2_on_wrong_usage(troubled, tmp_path, extra, message):
    _, inbox, registry_path = troubled
    result = CliRunner().invoke(main, ["compile", str(inbox), "--registry", str(registry_path), "--out",
                                       str(tmp_path), "--no-report", "--workers", "1", *extra])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_a_registry_that_is_not_a_registry_is_wrong_usage(troubled, tmp_path):
    _, inbox, _ = troubled
    result = CliRunner().invoke(main, ["compile", str(inbox), "--registry", str(inbox / "CDCS_001.xlsx"),
                                       "--out", str(tmp_path), "--no-report"])
    assert result.exit_code == 2 and "Danh sách đơn vị" in result.output
