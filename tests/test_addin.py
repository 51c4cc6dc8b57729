"""The add-in scripts run through xlwings' own remote engine, on real generated workbooks.

``xw.Book(json=payload_from_xlsx(path))`` is the engine xlwings Lite and the
Office.js add-ins use: the scripts read the payload and queue their writes
as actions, which these tests inspect. The Lite bundle (``baocao addin
lite``) is imported in a fresh interpreter and must queue the same actions.
"""

from __future__ import annotations

import ast
import copy
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils.cell import get_column_letter

from addin import scripts
from addin.excel import AddinError
from addin.lite import bundle_files, third_party_modules, write_lite
from libreoffice import SOFFICE
from lite_run import run_cpython
from workbook_templates import build_workbook, figures, load_catalogue, read_workbook
from workbook_templates.formulas import derived_formulas
from workbook_templates.layout import FINDINGS_NAME, SHEET_CHECKS, VERSION_NAME, Layout, parse_cell
from workbook_templates.rules import ERROR, check_branch, show_value
from xlwings_payload import actions, payload_from_xlsx

CAT = load_catalogue()
RED, AMBER, INPUT = scripts.ERROR_COLOUR.lower(), scripts.WARNING_COLOUR.lower(), scripts.INPUT_COLOUR.lower()
#: Numeric flows of three sheets, to spread up to 240 findings over the same three sheets.
SPREAD_SHEETS = ("CHAM_LO", "THI_DUA", "XA_HOI")
USER_NOTE = "Số liệu do Ban nữ công cung cấp"
USER_GREEN = "FF00B050"

#: Standard-library modules Pyodide removes, keeps out of the default build or cannot run.
PYODIDE_MISSING_STDLIB = {
    "curses", "dbm", "ensurepip", "fcntl", "grp", "idlelib", "lib2to3", "msvcrt", "pwd", "resource", "syslog",
    "termios", "tkinter", "turtle", "turtledemo", "venv", "winreg", "winsound", "distutils", "ssl", "lzma",
    "sqlite3", "test", "_pydecimal", "pydoc_data", "multiprocessing", "subprocess", "concurrent", "socketserver",
}


# ----------------------------------------------------------------- fixtures

pytestmark = pytest.mark.usefixtures("remote_engine")


@pytest.fixture(scope="module")
def clean(demo):
    """A clean demo unit: (workbook path, its data)."""
    code = demo.clean_units[0]
    return demo.workbooks[code], demo.data[code]


@pytest.fixture(scope="module")
def books(tmp_path_factory, clean):
    """Scenario workbooks built from the clean unit, written once."""
    folder = tmp_path_factory.mktemp("addin")
    _, data = clean

    def build(name, change):
        d = copy.deepcopy(data)
        change(d)
        return build_workbook(folder / f"{name}.xlsx", d, CAT)

    def faulty(d):
        d.values["CL_THAM_HOI_TIEN"][1] = "20,7 triệu đồng"   # number typed as text
        d.values["CL_THAM_HOI_TIEN"][3] = "1.250.000 đồng"
        d.values["TC_SO_TO"][2] = "07 tổ"
        d.values["DV_NU"][1] = d.values["DV_TONG_SO"][1] + 5   # women above members
        d.values["DV_TONG_SO"][3] += 3                         # membership gap (warning)
        d.values["TC_CBCCVCLD"][3] += 3
        d.info["NGUOI_LAP"] = None                             # required field

    paths = {"faulty": build("faulty", faulty)}
    for count in (1, 20, 200):
        paths[f"many-{count}"] = build(f"many-{count}", lambda d, n=count: _spread(d, n, "x"))
        paths[f"texts-{count}"] = build(f"texts-{count}", lambda d, n=count: _spread(d, n, "1.000"))
    return paths


def _spread(data, count: int, value: str) -> None:
    """Write ``value`` into ``count`` numeric cells, round-robin over three sheets."""
    rows = [[(i.code, k) for i in CAT.in_section(s) if i.kind == "flow" and i.is_input for k in range(len(data.years))]
            for s in SPREAD_SHEETS]
    cells = [cell for group in itertools.zip_longest(*rows) for cell in group if cell]
    for code, k in cells[:count]:
        data.values[code][k] = value


@pytest.fixture(scope="module")
def marked(tmp_path_factory, books):
    """The faulty workbook as a previous Kiểm tra left it, plus the officer's own note and fill.

    ``A`` is still faulty, ``B`` was fixed since, ``C`` is faulty and carries the officer's note,
    ``D`` carries the officer's colour.
    """
    wb_read = read_workbook(books["faulty"])
    cells = {"A": wb_read.address("CL_THAM_HOI_TIEN", 1), "B": wb_read.address("TT_HOI_NGHI", 0),
             "C": wb_read.address("DV_NU", 1), "D": wb_read.address("TD_LDTT", 0)}
    wb = openpyxl.load_workbook(books["faulty"])
    for key in "AB":
        sheet, cell = cells[key]
        wb[sheet][cell].fill = PatternFill("solid", fgColor="FFF8696B")
        wb[sheet][cell].comment = Comment(f"{scripts.NOTE_TITLE}\n- lỗi cũ", "Bổ trợ")
    sheet, cell = cells["C"]
    wb[sheet][cell].comment = Comment(USER_NOTE, "Cán bộ")
    sheet, cell = cells["D"]
    wb[sheet][cell].fill = PatternFill("solid", fgColor=USER_GREEN)
    record = wb.create_sheet(scripts.RECORD_SHEET)
    record.append(scripts.RECORD_HEADER)
    for key in "AB":
        record.append([*cells[key], scripts.INPUT_COLOUR, "Có"])
    record.sheet_state = "hidden"
    header_sheet, header_row = findings_header(books["faulty"])
    for offset in range(1, 4):
        wb[header_sheet].cell(header_row + offset, 1, "Lỗi cũ")
        wb[header_sheet].cell(header_row + offset, 8, "Hướng dẫn cũ")
    path = tmp_path_factory.mktemp("marked") / "marked.xlsx"
    wb.save(path)
    return path, cells


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory, clean):
    """Workbooks whose formulas LibreOffice computed: one intact, one with totals typed over or deleted.

    Only here do cached formula values matter (Tính tổng compares them), so
    only these two go through LibreOffice, in one call.
    """
    folder = tmp_path_factory.mktemp("recalc")
    path, data = clean
    intact = build_workbook(folder / "intact.xlsx", data, CAT)
    wb_read = read_workbook(intact)
    overwritten = {("DV_TONG_SO_NHIEM_KY", 0): 999, ("TL_DV_NU", 2): None, ("CL_THAM_HOI_TIEN_NHIEM_KY", 0): 1}
    wb = openpyxl.load_workbook(intact)
    for (name, i), value in overwritten.items():
        sheet, cell = wb_read.address(name, i)
        wb[sheet][cell] = value
    wb.save(folder / "overwritten.xlsx")
    out = folder / "out"
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "xlsx", "--outdir", str(out), str(intact), str(folder / "overwritten.xlsx")],
                       check=True, capture_output=True, timeout=240)
    return {"intact": out / "intact.xlsx", "overwritten": out / "overwritten.xlsx"}, overwritten


_payloads: dict[Path, dict] = {}


def payload(path: Path) -> dict:
    if path not in _payloads:
        _payloads[path] = json.loads(json.dumps(payload_from_xlsx(path), ensure_ascii=False))
    return copy.deepcopy(_payloads[path])


def run(script, path: Path) -> tuple[list[dict], list[str]]:
    """Run a script on a fresh book; return its actions and the sheet names they refer to."""
    import xlwings as xw

    book = xw.Book(json=payload(path))
    script(book)
    queued = actions(book)
    names = [s["name"] for s in payload(path)["sheets"]]
    for action in queued:
        if action["func"] == "addSheet":
            names.insert(*action["args"])
    book.close()
    return queued, names


def matrix_cells(action, names, matrix):
    sheet = names[action["sheet_position"]]
    for r, row in enumerate(matrix):
        for c, value in enumerate(row):
            yield (sheet, f"{get_column_letter(action['start_column'] + c + 1)}{action['start_row'] + r + 1}"), value


def colours(queued, names) -> dict[tuple[str, str], str | None]:
    return {key: value for a in queued if a["func"] == "setRangeColors"
            for key, value in matrix_cells(a, names, a["args"][0]) if value != "keep"}


def written(queued, names, func="setValues") -> dict[tuple[str, str], object]:
    return {key: value for a in queued if a["func"] == func for key, value in matrix_cells(a, names, a["values"])}


def note_actions(queued, names, func) -> dict[tuple[str, str], list]:
    return {(names[a["sheet_position"]], a["args"][0].replace("$", "")): a["args"][1:]
            for a in queued if a["func"] == func}


def findings_header(path: Path) -> tuple[str, int]:
    """Sheet and row of the findings table's header, from the workbook's defined name."""
    [(sheet, ref)] = openpyxl.load_workbook(path, read_only=True).defined_names[FINDINGS_NAME].destinations
    return sheet, parse_cell(ref.split(":")[0].replace("$", ""))[0]


def table_rows(queued, names, path) -> list[list]:
    """The rows written under the findings header, trailing blank rows dropped."""
    sheet, header_row = findings_header(path)
    top = header_row + 1
    [action] = [a for a in queued if a["func"] == "setValues" and names[a["sheet_position"]] == sheet]
    assert action["start_row"] + 1 == top and action["start_column"] == 0
    rows = [row for row in action["values"] if any(v not in ("", None) for v in row)]
    return rows


# ----------------------------------------------------------------- Kiểm tra

def test_kiem_tra_colours_annotates_and_lists_every_finding(books):
    path = books["faulty"]
    findings = check_branch(read_workbook(path))
    assert {f.rule for f in findings} == {"SO_DANG_CHU", "NU_LE_TONG", "DONG_BIEN_DOAN_VIEN", "THIEU_THONG_TIN"}
    queued, names = run(scripts.kiem_tra, path)

    worst = {}
    for f in findings:
        worst[(f.sheet, f.cell)] = RED if f.is_error or worst.get((f.sheet, f.cell)) == RED else AMBER
    assert colours(queued, names) == worst
    assert len([a for a in queued if a["func"] == "setRangeColors"]) == len({f.sheet for f in findings})
    notes = note_actions(queued, names, "addNote")
    assert set(notes) == set(worst)
    for f in findings:
        assert f.message in notes[(f.sheet, f.cell)][0]

    rows = table_rows(queued, names, path)
    errors = sum(f.is_error for f in findings)
    assert rows[0][0] == "Kết quả"
    assert rows[0][2].startswith(f"Có {errors} lỗi phải sửa trước khi gửi; {len(findings) - errors} cảnh báo")
    assert [(r[0], r[1], r[4], r[5], r[2]) for r in rows[1:]] == [
        (f.severity, f.rule, f.sheet, f.code, f.message) for f in findings]
    for row, f in zip(rows[1:], findings):
        assert row[3] == f"=HYPERLINK(\"#'{f.sheet}'!{f.cell}\",\"{f.cell}\")"

    [add] = [a for a in queued if a["func"] == "addSheet"]
    assert add["args"][1] == scripts.RECORD_SHEET
    record = [row for (sheet, _), row in _rows_by_sheet(queued, names, scripts.RECORD_SHEET)]
    assert record[0] == scripts.RECORD_HEADER
    assert {(r[0], r[1]) for r in record[1:]} == set(worst)
    assert {r[2] for r in record[1:]} == {scripts.INPUT_COLOUR} and {r[3] for r in record[1:]} == {"Có"}
    assert any(a["func"] == "setSheetVisibility" and a["args"] == ["Hidden"] for a in queued)
    assert queued[-1]["func"] == "activateSheet" and names[queued[-1]["args"][0]] == SHEET_CHECKS
    # The officer's figures are never rewritten.
    assert {sheet for sheet, _ in written(queued, names)} == {SHEET_CHECKS, scripts.RECORD_SHEET}


def _rows_by_sheet(queued, names, sheet):
    for a in queued:
        if a["func"] == "setValues" and names[a["sheet_position"]] == sheet:
            for row in a["values"]:
                yield (sheet, a["start_row"]), row


def test_clean_workbook_gets_no_marks_and_says_so(clean):
    path, _ = clean
    queued, names = run(scripts.kiem_tra, path)
    assert [a["func"] for a in queued] == ["setValues", "activateSheet"]
    rows = table_rows(queued, names, path)
    assert len(rows) == 1 and rows[0][2].startswith("Không có lỗi")


def test_action_count_stays_flat_from_1_to_200_findings(books):
    counts = {}
    for n in (1, 20, 200):
        path = books[f"many-{n}"]
        assert len(check_branch(read_workbook(path))) == n
        queued, names = run(scripts.kiem_tra, path)
        assert len(table_rows(queued, names, path)) == n + 1
        assert len(colours(queued, names)) == n
        assert len(note_actions(queued, names, "addNote")) == min(n, scripts.MAX_NOTES)
        counts[n] = len(queued)
    # One colour call per sheet (1 sheet, then 3), at most MAX_NOTES notes, everything else fixed.
    assert counts[200] == counts[20]
    assert counts[200] - counts[1] == (len(SPREAD_SHEETS) - 1) + (scripts.MAX_NOTES - 1)


def test_kiem_tra_without_notes_in_the_excel_api_still_colours_and_lists(books):
    """Excel versions before ExcelApi 1.18 have no notes: the marks and the table are enough."""
    import xlwings as xw

    data = payload(books["faulty"])
    for sheet in data["sheets"]:
        sheet["notes_supported"] = False
    book = xw.Book(json=data)
    scripts.kiem_tra(book)
    queued = actions(book)
    names = [s["name"] for s in data["sheets"]] + [scripts.RECORD_SHEET]
    assert not note_actions(queued, names, "addNote")
    assert colours(queued, names)
    record = [row for _, row in _rows_by_sheet(queued, names, scripts.RECORD_SHEET)][1:]
    assert record and {row[3] for row in record} == {"Không"}


def test_second_kiem_tra_undoes_only_its_own_marks(books, marked):
    path, cells = marked
    queued, names = run(scripts.kiem_tra, path)
    painted = colours(queued, names)
    assert painted[cells["A"]] == RED        # still faulty
    assert painted[cells["B"]] == INPUT      # fixed since: back to the template's input fill
    assert cells["D"] not in painted         # the officer's own colour
    assert note_actions(queued, names, "deleteNote") == {cells["B"]: []}
    assert cells["A"] in note_actions(queued, names, "setNoteText")
    added = note_actions(queued, names, "addNote")
    assert cells["A"] not in added and cells["C"] not in added   # C keeps the officer's note
    assert painted[cells["C"]] == RED


def test_xoa_danh_dau_removes_only_what_kiem_tra_added(marked):
    path, cells = marked
    queued, names = run(scripts.xoa_danh_dau, path)
    assert colours(queued, names) == {cells["A"]: INPUT, cells["B"]: INPUT}
    assert note_actions(queued, names, "deleteNote") == {cells["A"]: [], cells["B"]: []}
    assert {a["func"] for a in queued} == {"setRangeColors", "deleteNote", "setValues"}
    values = written(queued, names)
    assert {sheet for sheet, _ in values} == {SHEET_CHECKS, scripts.RECORD_SHEET}
    assert all(v in ("", None) for v in values.values())    # the old table and record are blanked
    record = {cell for (sheet, cell) in values if sheet == scripts.RECORD_SHEET}
    assert record == {f"{c}{r}" for r in (2, 3) for c in "ABCD"}


def test_kiem_tra_on_a_workbook_of_another_catalogue_version(tmp_path, clean):
    path, _ = clean
    wb = openpyxl.load_workbook(path)
    sheet, cell = read_workbook(path).cells[VERSION_NAME][0], read_workbook(path).cells[VERSION_NAME][1][0]
    wb[sheet][cell] = "2019.1"
    wb.save(tmp_path / "old.xlsx")
    queued, names = run(scripts.kiem_tra, tmp_path / "old.xlsx")
    rows = table_rows(queued, names, tmp_path / "old.xlsx")
    assert rows[0][2].startswith("Không kiểm tra được")
    assert rows[1][:2] == [ERROR, "SO_BAO_CAO_SAI_MAU"] and rows[1][4] == sheet and "2019.1" in rows[1][2]
    assert not colours(queued, names)


def test_scripts_refuse_a_book_that_is_not_a_branch_workbook(tmp_path):
    import xlwings as xw

    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Danh sách đoàn viên"
    wb.save(path)
    for script in (scripts.kiem_tra, scripts.tinh_tong, scripts.chuan_hoa_so):
        book = xw.Book(json=payload(path))
        with pytest.raises(AddinError, match="BANG_KET_QUA_KIEM_TRA"):
            script(book)
        assert actions(book) == []


# ----------------------------------------------------------------- Tính tổng

def test_tinh_tong_restores_overwritten_totals(recalculated):
    paths, overwritten = recalculated
    path = paths["overwritten"]
    wb = read_workbook(path)
    formulas = derived_formulas(Layout(CAT, wb.data.years))
    figs = figures(CAT, wb.data)
    queued, names = run(scripts.tinh_tong, path)

    rows = table_rows(queued, names, path)
    assert rows[0][2].startswith("Tính tổng: đã ghi lại công thức của 3 ô")
    assert {(r[4], r[3].split('"')[-2]) for r in rows[1:]} == {wb.address(n, i) for n, i in overwritten}
    total = next(r for r in rows[1:] if r[5] == "DV_TONG_SO")
    assert total[7] == f"đang ghi 999; đúng là {show_value(figs['DV_TONG_SO'].term)}"

    formula_at = {wb.address(name, i): text for name, texts in formulas.items() for i, text in enumerate(texts)}
    rewritten = written(queued, names, "setFormula")
    for name, i in overwritten:
        assert rewritten[wb.address(name, i)] == formula_at[wb.address(name, i)]
    assert all(formula_at[key] == text for key, text in rewritten.items())   # derived cells only
    assert {sheet for sheet, _ in rewritten} == {wb.address(n, i)[0] for n, i in overwritten}
    # blocks, not cells: the Thi đua sheet interleaves typed rows and register counts (COUNTIFS rows)
    assert len([a for a in queued if a["func"] == "setFormula"]) <= 12


def test_tinh_tong_leaves_intact_totals_alone(recalculated):
    paths, _ = recalculated
    queued, names = run(scripts.tinh_tong, paths["intact"])
    assert [a["func"] for a in queued] == ["setValues", "activateSheet"]
    assert "không cần sửa" in table_rows(queued, names, paths["intact"])[0][2]


# ----------------------------------------------------------------- Chuẩn hóa số

def test_chuan_hoa_so_turns_text_into_numbers_in_place(books):
    path = books["faulty"]
    wb = read_workbook(path)
    queued, names = run(scripts.chuan_hoa_so, path)
    values = written(queued, names)
    fixed = {wb.address("CL_THAM_HOI_TIEN", 1): 20_700_000, wb.address("CL_THAM_HOI_TIEN", 3): 1_250_000,
             wb.address("TC_SO_TO", 2): 7}
    for key, number in fixed.items():
        assert values[key] == number
    grid = {(s["name"], f"{get_column_letter(c + 1)}{r + 1}"): v
            for s in payload(path)["sheets"] for r, row in enumerate(s["values"]) for c, v in enumerate(row)}
    for key, value in values.items():
        if key not in fixed and key[0] != SHEET_CHECKS:
            assert value == grid[key], key   # any other cell written keeps its value
    derived = {wb.address(n, i) for n, texts in derived_formulas(Layout(CAT, wb.data.years)).items()
               for i in range(len(texts))}
    assert not derived & set(values)
    rows = table_rows(queued, names, path)
    assert rows[0][2] == "Chuẩn hóa số: đã đổi 3 ô ghi số dạng chữ thành số."
    assert "“20,7 triệu đồng” → 20.700.000" in [r[7] for r in rows[1:]]


def test_chuan_hoa_so_action_count_stays_flat(books):
    counts = {}
    for n in (1, 20, 200):
        queued, names = run(scripts.chuan_hoa_so, books[f"texts-{n}"])
        assert sum(v == 1000 for v in written(queued, names).values()) == n
        counts[n] = len(queued)
    # One write per block of input cells holding fixes (at most two blocks on each of the three
    # sheets), one for the table, one to show it: bounded by the layout, not by the fixes.
    assert counts[1] == 3
    assert counts[200] <= 2 + 2 * len(SPREAD_SHEETS)


# ----------------------------------------------------------------- xlwings Lite bundle

@pytest.fixture(scope="module")
def lite(tmp_path_factory):
    return write_lite(tmp_path_factory.mktemp("lite"))


def _embedded(main_py: Path) -> dict[str, str]:
    tree = ast.parse(main_py.read_text(encoding="utf-8"))
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body
              if isinstance(node, ast.Assign) and node.targets[0].id in ("_FILES", "_BINARY")}
    return {**values["_FILES"], **values["_BINARY"]}


def _allowed_stdlib() -> set[str]:
    return set(sys.stdlib_module_names) - PYODIDE_MISSING_STDLIB


def test_lite_bundle_embeds_the_code_the_tests_run(lite):
    main_py, _ = lite
    files = _embedded(main_py)
    assert files == bundle_files()
    assert {"addin/scripts.py", "workbook_templates/rules.py", "workbook_templates/catalogue.toml",
            "addin/xuat_bao_cao.py", "compiler/report/render.py", "compiler/report/charts.py",
            "report_templates/dai-hoi.j2", "report_templates/mau-bao-cao.docx"} <= set(files)
    # The report reads its workbook from the open book in Lite: no file reader, no compile pipeline.
    assert not {"compiler/report/units.py", "compiler/consolidated.py", "compiler/pipeline.py"} & set(files)
    assert files["workbook_templates/rules.py"] == Path(scripts.__file__).parents[1].joinpath(
        "workbook_templates/rules.py").read_text(encoding="utf-8")


def test_lite_requirements_are_pinned_and_only_what_lite_loads(lite):
    main_py, requirements_txt = lite
    lines = [line.split("#")[0].strip() for line in requirements_txt.read_text(encoding="utf-8").splitlines()]
    assert all("==" in line for line in lines)                       # pinned: every start installs the same
    names = {line.split("==")[0].lower() for line in lines}
    # xlwings for the scripts, python-docx and Jinja2 for Xuất báo cáo, and the three packages Lite marks
    # "# required" for itself; no openpyxl, which only the file adapter imports (inside read_workbook),
    # never called in Lite; no matplotlib (installed on the first report) nor lxml/MarkupSafe (Pyodide's own
    # builds, which micropip takes as python-docx's and Jinja2's dependencies).
    assert names == {"xlwings", "python-docx", "jinja2", "python-dotenv", "pyodide-http", "black"}
    [xlwings_pin] = [line for line in lines if line.startswith("xlwings==")]
    assert tuple(map(int, xlwings_pin.split("==")[1].split(".")[:3])) >= (0, 37, 5)   # Range.set_colors
    assert third_party_modules(_embedded(main_py)) == {"xlwings", "docx", "jinja2"}
    tops = {n.split(".")[0] for node in ast.walk(ast.parse(main_py.read_text(encoding="utf-8")))
            if isinstance(node, ast.Import) for n in (a.name for a in node.names)}
    assert tops <= _allowed_stdlib()


def run_like_lite(main_py: Path, jobs: list[tuple[str, Path]], folder: Path) -> dict:
    """Run main.py as xlwings Lite does (tests/lite_harness.py) in a fresh interpreter, on these workbooks."""
    return run_cpython(folder, main_py, [(script, payload(path)) for script, path in jobs])


def test_lite_lists_the_vietnamese_scripts_and_the_sheet_button(tmp_path, lite):
    main_py, _ = lite
    out = run_like_lite(main_py, [], tmp_path)
    meta = {m["function_name"]: m for m in out["meta"]}
    assert {name: m["name"] for name, m in meta.items()} == {
        "kiem_tra": "Kiểm tra", "tinh_tong": "Tính tổng", "chuan_hoa_so": "Chuẩn hóa số", "xoa_danh_dau": "Xóa đánh dấu",
        "xuat_bao_cao": "Xuất báo cáo"}
    assert meta["kiem_tra"]["button"] == scripts.BUTTON == f"[nut_kiem_tra]{SHEET_CHECKS}!{scripts.BUTTON_CELL}"
    assert meta["kiem_tra"]["show_taskpane"] is True
    assert all(m["button"] is None for name, m in meta.items() if name != "kiem_tra")
    # App Mode shows the docstrings to the officer: Vietnamese, starting with the button's own name.
    for name, doc in out["docs"].items():
        assert doc.strip().startswith(f"**{meta[name]['name']}**"), name
    assert "Kiểm tra" in out["module_doc"] and "baocao addin nhung" in out["module_doc"]


def test_lite_main_runs_the_same_scenarios_the_way_lite_runs_it(tmp_path, lite, books, marked, clean, recalculated):
    main_py, _ = lite
    scenarios = [("kiem_tra", books["faulty"]), ("kiem_tra", clean[0]), ("kiem_tra", marked[0]),
                 ("xoa_danh_dau", marked[0]), ("chuan_hoa_so", books["faulty"]),
                 ("tinh_tong", recalculated[0]["overwritten"])]
    out = run_like_lite(main_py, scenarios, tmp_path)
    # Importing main.py loads the bundle and the standard library only: openpyxl is never loaded in Lite.
    assert set(out["loaded"]) - {"workbook_templates", "addin", "main"} <= _allowed_stdlib()
    assert "openpyxl" not in out["loaded"]
    for (script, path), result in zip(scenarios, out["results"]):
        expected, _ = run(getattr(scripts, script), path)
        assert result["returned_book"]
        assert result["actions"] == json.loads(json.dumps(expected, ensure_ascii=False)), (script, path.name)
