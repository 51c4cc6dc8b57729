"""payload_from_xlsx() builds a payload that xlwings' own remote engine accepts.

The workbook is opened with ``xw.Book(json=payload)``: reads come from the
payload, writes are queued as actions in ``book.json()["actions"]``.
"""

import datetime as dt
import json

import openpyxl
import pytest
import xlwings as xw
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from xlwings_payload import actions, payload_from_xlsx

from workbook_templates.vn_numbers import parse_vn_number

ORG_SHEET = "Tổ chức"
COVER_SHEET = "Bìa"


pytestmark = pytest.mark.usefixtures("remote_engine")


@pytest.fixture
def xlsx_path(tmp_path):
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = COVER_SHEET
    cover["A1"] = "BÁO CÁO TỔNG KẾT NHIỆM KỲ"
    cover["A2"] = "Công đoàn cơ sở Trường THCS Nguyễn Du"

    org = wb.create_sheet(ORG_SHEET)
    org.append(["Tổ công đoàn", "Số đoàn viên", "Nữ", "Kinh phí (tỷ đồng)", "Ngày"])
    # Row 2: figures typed as text the Vietnamese way, as officers often do.
    org.append(["07", "3.120", "1.008", "4,4 tỷ đồng", "18/4/2023"])
    # Row 3: the same figures as real numbers, a date and a boolean.
    org.append([7, 3120, 1008, 4.4, dt.date(2023, 4, 18), True])
    org["F2"] = "=SUM(A3:C3)"  # never calculated: no cached value in the file
    org["C2"].comment = Comment("Số liệu do Ban nữ công cung cấp", "Tổ chức")
    wb.active = 1

    wb.defined_names["ChiTieu"] = DefinedName(
        "ChiTieu", attr_text=f"'{ORG_SHEET}'!$A$3:$E$3"
    )
    wb.defined_names["NamBaoCao"] = DefinedName("NamBaoCao", attr_text="2023")
    cover.defined_names["TieuDe"] = DefinedName(
        "TieuDe", attr_text=f"'{COVER_SHEET}'!$A$1"
    )

    path = tmp_path / "so_bao_cao.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def payload(xlsx_path):
    # Round-trip through JSON: that's how the payload travels from Excel.
    return json.loads(json.dumps(payload_from_xlsx(xlsx_path), ensure_ascii=False))


@pytest.fixture
def book(payload):
    book = xw.Book(json=payload)
    yield book
    book.close()


def test_payload_structure(payload):
    assert payload["client"] == "Office.js"
    assert payload["version"] == xw.__version__
    assert payload["book"] == {
        "name": "so_bao_cao.xlsx",
        "active_sheet_index": 1,
        "selection": "A1",
        "calculation": "Automatic",
    }
    assert [sheet["name"] for sheet in payload["sheets"]] == [COVER_SHEET, ORG_SHEET]

    org = payload["sheets"][1]
    assert org["used_range_address"] == "A1:F3"
    assert org["values"] == [
        ["Tổ công đoàn", "Số đoàn viên", "Nữ", "Kinh phí (tỷ đồng)", "Ngày", ""],
        ["07", "3.120", "1.008", "4,4 tỷ đồng", "18/4/2023", None],
        [7, 3120, 1008, 4.4, "2023-04-18T00:00:00.000Z", True],
    ]
    assert org["notes"] == [{"address": "C2"}]
    assert org["visibility"] == "Visible"

    names = {entry["name"]: entry for entry in payload["names"]}
    assert names["ChiTieu"] == {
        "name": "ChiTieu",
        "refers_to": f"='{ORG_SHEET}'!$A$3:$E$3",
        "sheet_index": 1,
        "address": "A3:E3",
        "book_scope": True,
        "scope_sheet_name": None,
        "scope_sheet_index": None,
        "visible": True,
    }
    assert names["NamBaoCao"]["sheet_index"] is None
    assert names["NamBaoCao"]["refers_to"] == "=2023"
    assert names["TieuDe"]["book_scope"] is False
    assert names["TieuDe"]["scope_sheet_index"] == 0


def test_reads_through_remote_engine(book):
    assert book.name == "so_bao_cao.xlsx"
    assert book.sheets.active.name == ORG_SHEET
    org = book.sheets[ORG_SHEET]

    b2 = org["B2"].value
    assert b2 == "3.120"
    assert parse_vn_number(b2).value == 3120
    assert parse_vn_number(org["D2"].value).value == 4_400_000_000

    assert org["A1:E1"].value[0] == "Tổ công đoàn"
    assert org["F2"].value is None  # formula without a cached value
    assert org["F1"].value is None  # empty cell
    assert org["Z99"].value is None  # outside the used range
    assert org["E3"].value == dt.datetime(2023, 4, 18)
    assert org["F3"].value is True
    assert org["C2"].note is not None
    assert org["B2"].note is None


def test_defined_names(book):
    assert "ChiTieu" in book.names
    name = book.names["ChiTieu"]
    assert name.refers_to == f"='{ORG_SHEET}'!$A$3:$E$3"
    target = name.refers_to_range
    assert target.sheet.name == ORG_SHEET
    assert target.address == "$A$3:$E$3"
    assert target.value == [7, 3120, 1008, 4.4, dt.datetime(2023, 4, 18)]
    # A book-scoped name also resolves as a range address on any sheet.
    assert book.sheets[COVER_SHEET]["ChiTieu"].sheet.name == ORG_SHEET
    # Sheet-scoped names carry the sheet name (quoted only when needed, e.g.
    # for spaces: 'Tổ chức'!X); constants have no range.
    assert book.sheets[COVER_SHEET].names[0].name == f"{COVER_SHEET}!TieuDe"
    assert book.sheets[COVER_SHEET]["TieuDe"].value == "BÁO CÁO TỔNG KẾT NHIỆM KỲ"
    with pytest.raises(ValueError):
        book.names["NamBaoCao"].refers_to_range


def test_writes_are_queued_as_actions(book):
    org = book.sheets[ORG_SHEET]
    target = book.names["ChiTieu"].refers_to_range

    target.value = [[7, 3125, 1010, 4.5, None]]
    target.color = (255, 199, 206)
    org["B2"].color = None
    org["B2"].add_note("Đã sửa thành số")
    org["A5"].add_hyperlink(
        f"#'{COVER_SHEET}'!A1", "Về trang bìa", "Mở trang bìa của sổ báo cáo"
    )
    org["A1:F3"].clear_formats()

    queued = actions(book)
    assert [action["func"] for action in queued] == [
        "setValues",
        "setRangeColor",
        "setRangeColor",
        "addNote",
        "addHyperlink",
        "rangeClearFormats",
    ]
    set_values = queued[0]
    assert set_values["values"] == [[7, 3125, 1010, 4.5, ""]]
    assert (
        set_values["sheet_position"],
        set_values["start_row"],
        set_values["start_column"],
        set_values["row_count"],
        set_values["column_count"],
    ) == (1, 2, 0, 1, 5)
    assert queued[1]["args"] == ["#ffc7ce"]
    assert queued[2]["args"] == [None]
    assert queued[3]["args"] == ["$B$2", "Đã sửa thành số"]
    assert queued[4]["args"] == [
        f"#'{COVER_SHEET}'!A1",
        "Về trang bìa",
        "Mở trang bìa của sổ báo cáo",
    ]
    assert queued[5]["row_count"] == 3 and queued[5]["column_count"] == 6

    # Writes only queue actions: the payload (and thus reads) stay unchanged.
    assert org["B3"].value == 3120
    # The queued actions are plain JSON, as sent back to Excel.
    json.dumps(book.json(), ensure_ascii=False)


def test_note_on_cell_that_already_has_one_is_rejected(book):
    with pytest.raises(ValueError):
        book.sheets[ORG_SHEET]["C2"].add_note("Ghi chú thứ hai")
    assert actions(book) == []
