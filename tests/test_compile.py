"""``baocao compile`` on the 55 demo workbooks, checked against an independent recomputation.

The expected figures are read straight from the demo workbooks' cells with
openpyxl through their defined names, never through the compiler's code;
the consolidated workbook's formulas (rates, term values) are computed by
LibreOffice, the real spreadsheet.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from libreoffice import recalculated
from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries

from compiler.cli import main
from compiler.period import Period, PeriodRequest, period_figures
from compiler.pipeline import compile_directory
from workbook_templates.xlsx import open_xlsx
from workbook_templates import load_catalogue, read_workbook
from workbook_templates.catalogue import NO, YES
from workbook_templates.reader import parse_branch
from workbook_templates.registry import REGISTRY_FILENAME
from workbook_templates.rules import ERROR, check_branch

CAT = load_catalogue()
YEARS = [2019, 2020, 2021, 2022, 2023]


def named_values(path: Path) -> dict[str, list]:
    """Every single-area defined name of a workbook -> its cell values, read with openpyxl."""
    wb = load_workbook(path, read_only=True, data_only=True)
    grid = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if getattr(cell, "value", None) is not None:
                    grid[(ws.title, cell.coordinate)] = cell.value
    names = {}
    for name, defined in wb.defined_names.items():
        destinations = list(defined.destinations)
        if len(destinations) == 1:
            sheet, ref = destinations[0]
            c1, r1, c2, r2 = range_boundaries(ref.replace("$", ""))
            names[name] = [grid.get((sheet, f"{get_column_letter(c)}{r}"))
                           for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
    wb.close()
    return names


def table(path: Path, name: str) -> list[dict]:
    """Rows of one of the consolidated workbook's tables, by their header row's defined name."""
    wb = load_workbook(path, read_only=True, data_only=True)
    (sheet, ref), = wb.defined_names[name].destinations
    c1, r1, c2, _ = range_boundaries(ref.replace("$", ""))
    rows = list(wb[sheet].iter_rows(min_row=r1, min_col=c1, max_col=c2, values_only=True))
    wb.close()
    header, out = rows[0], []
    for values in rows[1:]:
        if all(v is None for v in values):
            break
        out.append(dict(zip(header, values)))
    return out


def number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def expected_sums(books: list[dict[str, list]]) -> dict[str, list]:
    """Per stock/flow name (years, and stocks' start): the sum of the numbers, None when nobody filled it."""
    out = {}
    for ind in CAT.indicators:
        # register counts are formulas (no cached value in the demo's files) and rating counts come from
        # the ratings: both are checked against the registers and ratings in test_compile_registers.py
        if ind.kind not in ("stock", "flow") or ind.is_derived or ind.counts_rating:
            continue
        names = [ind.code] + ([ind.code + "_DAU_KY"] if ind.kind == "stock" else [])
        for name in names:
            columns = zip(*(book[name] for book in books))
            out[name] = [sum(n for n in map(number, col) if n is not None)
                         if any(number(v) is not None for v in col) else None for col in columns]
    return out


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def compiled(demo, tmp_path_factory):
    """The demo compiled once by the command line, with the inputs' hashes before and after."""
    inputs = sorted(demo.out_dir.iterdir())
    before = {p.name: sha(p) for p in inputs}
    out = tmp_path_factory.mktemp("compiled")
    result = CliRunner().invoke(main, ["compile", str(demo.out_dir), "--registry",
                                       str(demo.out_dir / REGISTRY_FILENAME), "--out", str(out), "--workers", "2"])
    after = {p.name: sha(p) for p in sorted(demo.out_dir.iterdir())}
    return result, out, before, after


@pytest.fixture(scope="session")
def included(demo) -> list[str]:
    """Units whose workbook has no Lỗi according to the rules: those the totals must hold."""
    return [code for code, path in demo.workbooks.items()
            if not any(f.severity == ERROR for f in check_branch(read_workbook(path)))]


@pytest.fixture(scope="session")
def books(demo, included) -> list[dict[str, list]]:
    """The cells of the workbooks the totals must hold, read with openpyxl."""
    return [named_values(demo.workbooks[code]) for code in included]


@pytest.fixture(scope="session")
def recalculated_total(compiled, tmp_path_factory) -> Path:
    return recalculated(compiled[1] / "tong-hop.xlsx", tmp_path_factory.mktemp("lo"))


def test_compile_prints_where_the_outputs_are_and_flags_the_faulty_workbooks(compiled, demo, included):
    result, out, _, _ = compiled
    assert result.exit_code == 1, result.output      # the demo has deliberate mistakes: attention needed
    assert f"Sổ tổng hợp: {out / 'tong-hop.xlsx'}" in result.output
    assert "Đã nộp, có lỗi số liệu: 4 — không đưa vào tổng hợp" in result.output
    assert f"Số công đoàn cơ sở có số liệu trong tổng hợp: {len(included)}/55." in result.output
    for code in set(demo.workbooks) - set(included):
        assert f"{code} ({code}.xlsx): Đã nộp, có lỗi số liệu" in result.output
    assert not [p for p in out.iterdir() if p.name.startswith(".~tmp")]


def test_inputs_are_byte_identical_after_compile(compiled):
    _, _, before, after = compiled
    assert before == after and len(before) == 57  # registry, 55 branches, the union's own workbook


def test_every_stock_and_flow_equals_the_sum_of_the_workbooks_cells(compiled, demo, included, books):
    total = named_values(compiled[1] / "tong-hop.xlsx")
    expected = expected_sums(books)
    assert len(included) == 51
    for name, values in expected.items():
        assert total[name] == values, name
    assert total["DON_VI_MA"] == ["CDVC"] and total["DON_VI_TEN"] == [demo.registry.top.name]
    assert total["CAP_TREN_TEN"] == ["Liên đoàn Lao động tỉnh Bắc Sơn"] and total["NHIEM_KY"] == ["2018-2023"]


def test_rates_and_term_values_are_recomputed_from_the_sums(recalculated_total, books):
    lo = named_values(recalculated_total)
    expected = expected_sums(books)

    def filled(code: str) -> bool:
        return code in expected and all(v is not None for v in expected[code])

    for ind in CAT.indicators:
        if not filled(ind.code) and not (ind.kind == "rate" and filled(ind.numerator) and filled(ind.denominator)):
            continue
        if ind.kind == "rate":
            num, den = expected[ind.numerator], expected[ind.denominator]
            for k, year in enumerate(YEARS):
                assert lo[ind.code][k] == pytest.approx(num[k] / den[k] * 100), (ind.code, year)
            num_term = num[-1] if CAT[ind.numerator].kind == "stock" else sum(num)
            den_term = expected[ind.denominator][-1] if CAT[ind.denominator].kind == "stock" else sum(den)
            assert lo[ind.code + "_NHIEM_KY"][0] == pytest.approx(num_term / den_term * 100), ind.code
        elif ind.kind == "flow":
            assert lo[ind.code + "_NHIEM_KY"][0] == sum(expected[ind.code]), ind.code
        elif ind.kind == "stock":
            assert lo[ind.code + "_NHIEM_KY"][0] == expected[ind.code][-1], ind.code


def test_ratings_and_yes_no_are_counted_per_category(compiled, included, books):
    rows = table(compiled[1] / "tong-hop.xlsx", "TongHop_XepLoai")
    counts = {(r["Mã chỉ tiêu"], r["Phân loại"]): [r[y] for y in YEARS] for r in rows}
    for ind in CAT.indicators:
        if ind.kind not in ("rating", "yesno"):
            continue
        for category in (ind.choices if ind.kind == "rating" else (YES, NO)):
            assert counts[(ind.code, category)] == [sum(1 for b in books if b[ind.code][k] == category)
                                                   for k in range(5)], (ind.code, category)
        by_year = [sum(counts[(ind.code, c)][k] for c in {key[1] for key in counts if key[0] == ind.code})
                   for k in range(5)]
        assert by_year == [len(included)] * 5      # every unit counted once a year, blanks included
    shares = {(r["Mã chỉ tiêu"], r["Phân loại"]): r["Tỷ lệ 2023 (%)"] for r in rows}
    key = ("XL_CDCS", "Vững mạnh")
    assert shares[key] == pytest.approx(counts[key][-1] / len(included) * 100)


def test_texts_completeness_and_provenance_are_in_their_sheets(compiled, demo, included):
    path = compiled[1] / "tong-hop.xlsx"
    texts = table(path, "TongHop_VanBan")
    own = {code: demo.data[code].texts for code in included}
    assert len(texts) == sum(len(t) for t in own.values())
    first = texts[0]
    assert own[first["Mã đơn vị"]][first["Mã chỉ tiêu"]] == first["Nội dung"]
    assert first["Tên đơn vị"] == demo.registry[first["Mã đơn vị"]].name
    statuses = {r["Mã đơn vị"]: r for r in table(path, "TongHop_NopBao")}
    assert {statuses[c]["Tình trạng"] for c in included} == {"Đã nộp"}
    faulty = set(demo.workbooks) - set(included)
    assert {statuses[c]["Đưa vào tổng hợp"] for c in faulty} == {"Không"}
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames[0] == "Tổng hợp"
    assert {"Tình hình nộp", "Theo đơn vị", "Xếp loại", "Văn bản", "Nguồn", "Lỗi"} <= set(wb.sheetnames)
    sources = list(wb["Nguồn"].iter_rows(min_row=5, values_only=True))
    members = next(r for r in sources if r[0] == "DV_TONG_SO" and r[2] == "Năm 2019")
    assert members[4] == "'Tổ chức'!E7" and members[5] == len(included) and members[6] == "'Tổ chức'!E7"
    errors = [r for r in wb["Lỗi"].iter_rows(min_row=5, values_only=True) if r[2] == ERROR]
    assert {r[1] for r in errors} == faulty
    wb.close()


def test_theo_don_vi_has_one_row_per_unit_and_each_indicator_as_columns(compiled, demo, included):
    wb = load_workbook(compiled[1] / "tong-hop.xlsx")
    ws = wb["Theo đơn vị"]
    assert [r[0] for r in ws.iter_rows(min_row=6, values_only=True)] == included     # one row per unit, no more
    assert ws.freeze_panes == "C6" and (ws["A4"].value, ws["B4"].value) == ("Mã đơn vị", "Tên đơn vị")
    labels, label = {}, None
    for col in range(3, ws.max_column + 1):
        label = ws.cell(4, col).value or label            # the indicator's label is merged over its columns
        labels.setdefault(label, {})[ws.cell(5, col).value] = col
    members = labels["Tổng số đoàn viên (người)"]
    assert list(members) == ["Đầu nhiệm kỳ", *YEARS, "Cả nhiệm kỳ", "Chỉ tiêu", "Đánh giá"]
    assert list(labels["Đoàn viên kết nạp mới (người)"]) == [*YEARS, "Cả nhiệm kỳ", "Chỉ tiêu", "Đánh giá"]
    assert list(labels["Xếp loại công đoàn cơ sở"]) == YEARS
    assert len(labels) == sum(1 for i in CAT.indicators if i.per_year)
    first = named_values(demo.workbooks[included[0]])
    row = 6
    assert [ws.cell(row, members[y]).value for y in YEARS] == first["DV_TONG_SO"]
    assert ws.cell(row, members["Đầu nhiệm kỳ"]).value == first["DV_TONG_SO_DAU_KY"][0]
    assert ws.cell(row, members["Cả nhiệm kỳ"]).value == first["DV_TONG_SO"][-1]
    women = labels["Tỷ lệ đoàn viên nữ (%)"]
    assert ws.cell(row, women[2023]).value == pytest.approx(first["DV_NU"][-1] / first["DV_TONG_SO"][-1] * 100)
    assert ws.cell(row, women[2023]).number_format == "0.0" and ws.cell(row, members[2023]).number_format == "#,##0"
    # 20,000 units would be 20,005 rows; the columns stay far from Excel's 16,384
    assert ws.max_row == 5 + len(included) and ws.max_column < 1000
    wb.close()


def test_consolidated_workbook_is_a_valid_branch_workbook(compiled):
    book = read_workbook(compiled[1] / "tong-hop.xlsx")
    assert [f for f in check_branch(book) if f.severity == ERROR] == []
    assert book.data.unit_code == "CDVC"


def test_fast_reader_agrees_with_the_reference_reader(demo):
    for path in list(demo.workbooks.values())[:12]:
        source = open_xlsx(path)
        fast, reference = parse_branch(source.source, source.names, source.get), read_workbook(path)
        assert fast.data == reference.data and fast.cells == reference.cells


def test_compiling_into_the_input_folder_does_not_read_its_own_output(demo, tmp_path):
    work = tmp_path / "in"
    shutil.copytree(demo.out_dir, work)
    for _ in range(2):
        result = compile_directory(work, work / REGISTRY_FILENAME, work, PeriodRequest(), workers=1, report=False)
    assert result.files == 56 and result.completeness.unit_count == 51  # 55 branches and the own workbook
    assert result.own == "CDVC-so-lieu-rieng.xlsx"


def test_include_errors_adds_the_faulty_workbooks_and_a_year_is_reported_as_its_own_period(
        demo, included, books, tmp_path):
    result = compile_directory(demo.out_dir, demo.out_dir / REGISTRY_FILENAME, tmp_path,
                               PeriodRequest(year=2021, kind="nam"), include_errors=True, workers=1, report=False)
    assert result.completeness.unit_count == 55 and result.needs_attention
    faulty = [named_values(demo.workbooks[c]) for c in set(demo.workbooks) - set(included)]
    everything = expected_sums(books + faulty)
    total = named_values(result.consolidated)
    assert total["DV_NU"] == everything["DV_NU"] and total["DV_TONG_SO"] == everything["DV_TONG_SO"]
    wb = load_workbook(result.consolidated, read_only=True)
    summary = list(wb["Tổng hợp"].iter_rows(values_only=True))
    wb.close()
    assert ("Sổ có lỗi số liệu", "Vẫn đưa vào tổng hợp (đã chọn --include-errors).") in [r[:2] for r in summary]
    header = next(r for r in summary if r[0] == "Mã chỉ tiêu")
    assert header[4] == "Kỳ báo cáo (năm 2021)"
    members = next(r for r in summary if r[0] == "DV_TONG_SO")
    admitted = next(r for r in summary if r[0] == "DV_KET_NAP")
    assert members[4] == everything["DV_TONG_SO"][2] and admitted[4] == everything["DV_KET_NAP"][2]
    assert members[5] == everything["DV_TONG_SO"][-1] and admitted[5] == sum(everything["DV_KET_NAP"])


def test_a_period_is_figured_like_a_short_term(demo):
    data = demo.data["CDCS_001"]
    fig = period_figures(CAT, data, Period(2020, 2021))
    members, admitted = data.values["DV_TONG_SO"], data.values["DV_KET_NAP"]
    assert fig["DV_TONG_SO"].term == members[2] and fig["DV_TONG_SO"].start == members[0]
    assert fig["DV_KET_NAP"].term == admitted[1] + admitted[2]
    assert fig["TL_DV_NU"].term == pytest.approx(data.values["DV_NU"][2] / members[2] * 100)
    assert PeriodRequest(kind="so-ket").resolve(YEARS) == Period(2019, 2021)
    assert PeriodRequest(kind="nam").resolve(YEARS) == Period(2023, 2023)
    assert PeriodRequest(span=(2020, 2022)).resolve(YEARS) == Period(2020, 2022)
