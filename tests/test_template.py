"""The branch workbook as a spreadsheet user meets it, checked with LibreOffice as the real spreadsheet.

LibreOffice opens and recalculates demo workbooks; the totals and rates it
computes must equal what Python computes from the catalogue kinds, and the
formula checks on Kiểm tra must flag the demo's deliberate mistakes. The
rest checks the form itself: validations, names, labels, protection, print
setup, and the ``baocao template`` command.
"""

from __future__ import annotations

import math
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from libreoffice import SOFFICE

from console import BAOCAO
from workbook_templates import build_workbook, figures, load_catalogue, read_workbook, template_data
from workbook_templates.catalogue import NO, UNIT_COLUMNS, YES
from workbook_templates.layout import (
    CHECK_COUNT_NAME, FINDINGS_NAME, NEXT_TARGET_SUFFIX, SHEET_CHECKS, SHEET_GUIDE, SHEET_INFO, SHEET_TARGETS,
    MARK_SUFFIX, START_SUFFIX, TARGET_SUFFIX, TERM_SUFFIX, VERSION_NAME, YEARS_NAME,
)
from workbook_templates.reader import WorkbookError, expand_range
from workbook_templates.sample import (
    FUNDS_EXCEED_TOTAL, MEMBERSHIP_GAP, MISSING_DATE, NUMBER_AS_TEXT, WOMEN_EXCEED_MEMBERS,
)

CAT = load_catalogue()
STATUS_OK, STATUS_ERROR, STATUS_WARNING = "Đạt", "Lỗi", "Cảnh báo"
A4 = 9  # paperSize code of A4 in OOXML


def recalculate_all(paths: list[Path], outdir: Path) -> dict[str, Path]:
    """One LibreOffice run that loads, recalculates and saves every workbook of ``paths``."""
    assert SOFFICE, "LibreOffice is not installed: run `make setup`"
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "xlsx", "--outdir", str(outdir), *map(str, paths)],
                       check=True, capture_output=True, timeout=300)
    out = {p.stem: outdir / p.name for p in paths}
    assert all(p.exists() for p in out.values()), "LibreOffice did not write every workbook"
    return out


@pytest.fixture(scope="module")
def recalculated(demo, tmp_path_factory) -> dict[str, Path]:
    """Unit code -> LibreOffice-recalculated copy, for clean units of every size and every mistake."""
    members = {code: data.values["DV_TONG_SO"][-1] for code, data in demo.data.items()}
    clean = sorted(demo.clean_units, key=members.get)
    chosen = [clean[0], clean[len(clean) // 2], clean[-1], *demo.mistakes]
    return recalculate_all([demo.workbooks[c] for c in chosen], tmp_path_factory.mktemp("recalculated"))


@pytest.fixture(scope="module")
def sample_book(demo) -> openpyxl.Workbook:
    """A clean demo workbook as written by the builder (formulas, styles, validations)."""
    return openpyxl.load_workbook(demo.workbooks[demo.clean_units[0]])


def named(wb: openpyxl.Workbook, name: str) -> tuple[str, list[str]]:
    destinations = list(wb.defined_names[name].destinations)
    assert len(destinations) == 1, name
    sheet, ref = destinations[0]
    return sheet, expand_range(ref)


def named_values(wb: openpyxl.Workbook, name: str) -> list:
    sheet, cells = named(wb, name)
    return [wb[sheet][c].value for c in cells]


def same(computed, expected) -> bool:
    """A value LibreOffice computed equals Python's (blank = None, rates within 1e-9 relative)."""
    blank = (None, "")
    if computed in blank or expected in blank:
        return computed in blank and expected in blank
    if isinstance(expected, (int, float)) and isinstance(computed, (int, float)):
        return math.isclose(computed, expected, rel_tol=1e-9, abs_tol=1e-9)
    return computed == expected


def input_names() -> dict[str, str]:
    """Every input defined name -> the data validation type its cells must carry."""
    out: dict[str, str] = {}
    for ind in CAT.indicators:
        if not ind.is_input:
            continue
        out[ind.code] = {"rating": "list", "yesno": "list", "text": "textLength"}.get(ind.kind, "whole")
        if ind.kind == "stock":
            out[ind.code + START_SUFFIX] = "whole"
    for ind in CAT.targets:
        out[ind.code + TARGET_SUFFIX] = out[ind.code + NEXT_TARGET_SUFFIX] = "decimal"
        out[ind.code + TARGET_SUFFIX + MARK_SUFFIX] = out[ind.code + NEXT_TARGET_SUFFIX + MARK_SUFFIX] = "list"
    for fld in CAT.fields:
        out[fld.code] = {"date": "date", "integer": "whole", "text": "textLength", "choice": "list"}[fld.type]
    column_types = {"year": "whole", "integer": "whole", "money": "decimal", "date": "date", "choice": "list",
                    "text": "textLength", "longtext": "textLength"}
    for reg in CAT.registers:
        for column in reg.columns:
            out[reg.name(column.code)] = column_types[column.type]
        for code, _ in UNIT_COLUMNS:
            out[reg.name(code)] = "textLength"
    return out


def check_statuses(wb: openpyxl.Workbook) -> dict[str, tuple[str, list]]:
    """Kiểm tra sheet: check code -> (status, yearly values), read by the 'Kết quả' header."""
    ws = wb[SHEET_CHECKS]
    header = next(row for row in ws.iter_rows() if any(c.value == "Kết quả" for c in row))
    status_col = next(c.column for c in header if c.value == "Kết quả")
    code_col = next(c.column for c in header if c.value == "Mã kiểm tra")
    years_cols = [c.column for c in header if str(c.value).isdigit()]
    out = {}
    for row in ws.iter_rows(min_row=header[0].row + 1):
        code, status = ws.cell(row[0].row, code_col).value, ws.cell(row[0].row, status_col).value
        if code and status:
            out[code] = (status, [ws.cell(row[0].row, col).value for col in years_cols])
    return out


# ----------------------------------------------------------------- LibreOffice computes what Python computes

def test_libreoffice_term_values_and_rates_equal_python(demo, recalculated):
    per_year = [i for i in CAT.indicators if i.per_year]
    for code, path in recalculated.items():
        data = read_workbook(demo.workbooks[code]).data
        expected = figures(CAT, data)
        wb = openpyxl.load_workbook(path, data_only=True)
        wrong = []
        for ind in per_year:
            term = named_values(wb, ind.code + TERM_SUFFIX)[0]
            if not same(term, expected[ind.code].term):
                wrong.append((ind.code, "term", term, expected[ind.code].term))
            if ind.kind == "rate":
                for year, got, want in zip(data.years, named_values(wb, ind.code), expected[ind.code].years):
                    if not same(got, want):
                        wrong.append((ind.code, year, got, want))
        assert not wrong, f"{code}: LibreOffice and Python disagree: {wrong[:5]}"


def test_libreoffice_fills_the_targets_table(demo, recalculated):
    code = next(iter(recalculated))
    wb = openpyxl.load_workbook(recalculated[code], data_only=True)
    ws = wb[SHEET_TARGETS]
    data = demo.data[code]
    result = figures(CAT, data)
    for ind in CAT.targets:
        sheet, (cell,) = named(wb, ind.code + TARGET_SUFFIX)
        row = ws[cell].row
        values = [c.value for c in ws[row]]
        assert same(values[5], result[ind.code].term), ind.code
        if data.targets.get(ind.code) is not None and result[ind.code].term is not None:
            assert values[6] in ("Vượt", "Đạt", "Không đạt"), ind.code


def test_women_above_members_fails_on_kiem_tra_after_recalculation(demo, recalculated):
    code = demo.unit_with(WOMEN_EXCEED_MEMBERS)
    mistake = demo.mistakes[code]
    wb = openpyxl.load_workbook(recalculated[code], data_only=True)
    checks = check_statuses(wb)
    status, yearly = checks["NU_LE_TONG"]
    assert status == STATUS_ERROR
    assert yearly[demo.data[code].years.index(mistake.year)] == 1
    assert named_values(wb, CHECK_COUNT_NAME)[0] == 1
    assert [c for c, (s, _) in checks.items() if s != STATUS_OK] == ["NU_LE_TONG"]


def test_clean_workbooks_show_no_failing_check(demo, recalculated):
    for code in set(recalculated) & set(demo.clean_units):
        wb = openpyxl.load_workbook(recalculated[code], data_only=True)
        checks = check_statuses(wb)
        assert len(checks) == len(CAT.relations) + 2
        assert {s for s, _ in checks.values()} == {STATUS_OK}, code
        assert named_values(wb, CHECK_COUNT_NAME)[0] == 0


@pytest.mark.parametrize("kind, check, status", [
    (FUNDS_EXCEED_TOTAL, "CAC_QUY_LE_TONG", STATUS_ERROR),
    (MEMBERSHIP_GAP, "DONG_BIEN_DOAN_VIEN", STATUS_WARNING),
    (MISSING_DATE, "THIEU_THONG_TIN", STATUS_ERROR),
])
def test_other_documented_mistakes_are_flagged_by_the_formula_checks(demo, recalculated, kind, check, status):
    code = demo.unit_with(kind)
    wb = openpyxl.load_workbook(recalculated[code], data_only=True)
    checks = check_statuses(wb)
    assert checks[check][0] == status
    assert [c for c, (s, _) in checks.items() if s != STATUS_OK] == [check]
    if kind == MEMBERSHIP_GAP:
        data = demo.data[code]
        k = data.years.index(demo.mistakes[code].year)
        gap = checks[check][1][k]
        assert gap > 0 and f"nhiều hơn {gap} người" in demo.mistakes[code].note


def test_number_typed_as_text_is_left_out_of_the_total(demo, recalculated):
    code = demo.unit_with(NUMBER_AS_TEXT)
    mistake = demo.mistakes[code]
    wb = openpyxl.load_workbook(recalculated[code], data_only=True)
    yearly = named_values(wb, mistake.code)
    assert mistake.value in yearly
    assert named_values(wb, mistake.code + TERM_SUFFIX)[0] == sum(v for v in yearly if isinstance(v, (int, float)))


# ----------------------------------------------------------------- the form itself

def test_every_input_cell_has_a_data_validation_of_the_right_type(sample_book):
    wb = sample_book
    missing = []
    for name, dv_type in input_names().items():
        sheet, cells = named(wb, name)
        validations = [dv for dv in wb[sheet].data_validations.dataValidation if dv.type == dv_type]
        for cell in cells:
            if not any(cell in dv.sqref for dv in validations):
                missing.append(f"{sheet}!{cell} ({name})")
    assert not missing, missing[:10]


def test_validations_offer_lists_and_vietnamese_messages(sample_book):
    wb = sample_book
    sheet, cells = named(wb, "XL_CDCS")
    dv = next(dv for dv in wb[sheet].data_validations.dataValidation if cells[0] in dv.sqref)
    assert dv.formula1 == '"' + ",".join(CAT["XL_CDCS"].choices) + '"'
    sheet, cells = named(wb, "CL_HOI_NGHI_CBCCVC")
    dv = next(dv for dv in wb[sheet].data_validations.dataValidation if cells[0] in dv.sqref)
    assert dv.formula1 == f'"{YES},{NO}"'
    sheet, cells = named(wb, "DV_TONG_SO")
    dv = next(dv for dv in wb[sheet].data_validations.dataValidation if cells[0] in dv.sqref)
    assert dv.showErrorMessage and dv.errorStyle == "stop" and "số nguyên" in dv.error and dv.prompt


def test_every_indicator_has_its_defined_names_in_year_order(sample_book):
    wb = sample_book
    names = set(wb.defined_names)
    expected = {VERSION_NAME, YEARS_NAME, CHECK_COUNT_NAME, FINDINGS_NAME} | set(input_names())
    expected |= {i.code for i in CAT.indicators} | {i.code + TERM_SUFFIX for i in CAT.indicators if i.per_year}
    assert expected <= names, sorted(expected - names)
    years = named_values(wb, YEARS_NAME)
    assert years == [2019, 2020, 2021, 2022, 2023]
    _, year_cells = named(wb, YEARS_NAME)
    columns = [c.rstrip("0123456789") for c in year_cells]
    for ind in CAT.indicators:
        if ind.per_year:
            _, cells = named(wb, ind.code)
            assert [c.rstrip("0123456789") for c in cells] == columns, ind.code


def test_every_label_is_the_catalogue_label_with_its_diacritics(sample_book):
    wb = sample_book
    for ind in CAT.indicators:
        sheet, cells = named(wb, ind.code)
        row = wb[sheet][cells[0]].row
        assert ind.label in [c.value for c in wb[sheet][row]], (sheet, ind.code)
        if ind.target:
            sheet, (cell,) = named(wb, ind.code + TARGET_SUFFIX)
            assert ind.label in [c.value for c in wb[sheet][wb[sheet][cell].row]], (sheet, ind.code)
    for fld in CAT.fields:
        sheet, (cell,) = named(wb, fld.code)
        labels = [c.value for c in wb[sheet][wb[sheet][cell].row]]
        assert fld.label in labels or fld.label + " (*)" in labels, fld.code
    for section in CAT.sections:
        assert section.title.upper() in [c.value for c in wb[section.sheet][1]], section.sheet


def test_inputs_are_unlocked_and_styled_formulas_locked_and_sheets_protected(sample_book):
    wb = sample_book
    protected = {s.sheet for s in CAT.sections} | {SHEET_TARGETS}
    for name in protected:
        assert wb[name].protection.sheet, name
    assert not wb[SHEET_CHECKS].protection.sheet  # the add-in writes its findings there
    fills = set()
    for name in input_names():
        sheet, cells = named(wb, name)
        for cell in cells:
            assert wb[sheet][cell].protection.locked is False, f"{sheet}!{cell}"
            fills.add(wb[sheet][cell].fill.fgColor.rgb)
    assert len(fills) == 1  # one visible input colour
    for ind in CAT.indicators:
        if ind.per_year:
            sheet, (cell,) = named(wb, ind.code + TERM_SUFFIX)
            term = wb[sheet][cell]
            assert term.protection.locked and str(term.value).startswith("=")
            assert term.fill.fgColor.rgb not in fills


def test_every_sheet_prints_on_a4_and_data_sheets_freeze_their_headers(sample_book):
    wb = sample_book
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == A4, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.orientation in ("portrait", "landscape")
    for name in [SHEET_INFO, SHEET_TARGETS, SHEET_CHECKS, *(s.sheet for s in CAT.sections if s.code != "NOI_DUNG")]:
        assert wb[name].freeze_panes, name
    assert wb.sheetnames[0] == SHEET_GUIDE


# ----------------------------------------------------------------- baocao template and the reader's errors

def test_template_command_builds_an_empty_workbook_the_reader_reads(tmp_path):
    out = tmp_path / "mau" / "so-bao-cao.xlsx"
    run = subprocess.run([BAOCAO, "template", "--out", str(out), "--unit-code", "CDCS_TEST",
                          "--unit-name", "Công đoàn cơ sở Trường THPT Thử Nghiệm",
                          "--parent", "Công đoàn Viên chức tỉnh Bắc Sơn", "--term", "2023-2028"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Đã tạo sổ báo cáo" in run.stdout and "2024–2028" in run.stdout
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    book = read_workbook(out)
    assert book.data.years == [2024, 2025, 2026, 2027, 2028]
    assert book.data.info["DON_VI_TEN"] == "Công đoàn cơ sở Trường THPT Thử Nghiệm"
    assert book.data.info["NHIEM_KY"] == "2023-2028"
    assert all(v is None for code, values in book.data.values.items() if not CAT[code].is_derived for v in values)
    assert all(v == 0 for code, values in book.data.values.items() if CAT[code].is_derived for v in values)
    assert book.data.texts == {}
    bad = subprocess.run([BAOCAO, "template", "--out", str(tmp_path / "x.xlsx"), "--unit-code", "X",
                          "--unit-name", "X", "--parent", "Y", "--term", "2023"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Nhiệm kỳ" in bad.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.fixture
def template(tmp_path) -> Path:
    path = tmp_path / "CDCS_TEST.xlsx"
    build_workbook(path, template_data("CDCS_TEST", "Công đoàn cơ sở Thử", "Công đoàn Viên chức tỉnh", "2023-2028"))
    return path


def test_reader_names_a_missing_defined_name(template):
    wb = openpyxl.load_workbook(template)
    del wb.defined_names["DV_NU"]
    wb.save(template)
    with pytest.raises(WorkbookError) as err:
        read_workbook(template)
    assert str(err.value).startswith(f"Tệp {template.name}:")
    assert "thiếu tên vùng DV_NU" in str(err.value)


def test_reader_names_sheet_and_cell_of_a_wrong_catalogue_version(template):
    wb = openpyxl.load_workbook(template)
    sheet, (cell,) = named(wb, VERSION_NAME)
    wb[sheet][cell] = "1999.1"
    wb.save(template)
    with pytest.raises(WorkbookError) as err:
        read_workbook(template)
    message = str(err.value)
    assert (err.value.sheet, err.value.cell) == (SHEET_INFO, cell)
    assert f'Tệp {template.name}, trang "{SHEET_INFO}", ô {cell}:' in message
    assert "phiên bản 1999.1" in message and CAT.version in message


def test_reader_rejects_a_file_that_is_not_excel(tmp_path):
    fake = tmp_path / "bao-cao.xlsx"
    fake.write_text("Đây không phải sổ Excel", encoding="utf-8")
    with pytest.raises(WorkbookError) as err:
        read_workbook(fake)
    assert str(err.value).startswith("Tệp bao-cao.xlsx:") and "không mở được" in str(err.value)
    assert fake.read_text(encoding="utf-8") == "Đây không phải sổ Excel"


def test_reader_rejects_an_excel_file_that_is_not_a_branch_workbook(tmp_path):
    other = tmp_path / "khac.xlsx"
    openpyxl.Workbook().save(other)
    assert zipfile.is_zipfile(other)
    with pytest.raises(WorkbookError) as err:
        read_workbook(other)
    assert "thiếu tên vùng" in str(err.value) and "khac.xlsx" in str(err.value)
