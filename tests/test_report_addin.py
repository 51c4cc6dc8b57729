"""The add-in's Xuất báo cáo command, run on real xlwings books (xlwings' remote engine).

In classic desktop xlwings the report goes beside the workbook file; in
xlwings Lite, where the workbook has no folder, into Lite's ``/data`` (a
temporary folder here), which Lite offers for download under its Files menu.
"""

from __future__ import annotations

import asyncio
import json

import pytest
import xlwings as xw
from docx import Document

from addin import xuat_bao_cao as module
from addin.lite import write_lite
from addin.xuat_bao_cao import report_choice, xuat_bao_cao
from lite_run import run_cpython
from report_examples import vptu
from workbook_templates import build_workbook
from xlwings_payload import actions, payload_from_xlsx


pytestmark = pytest.mark.usefixtures("remote_engine")


def alerts(book) -> list[str]:
    return [a["args"][0] for a in actions(book) if a["func"] == "alert"]


def test_a_finished_term_gets_the_congress_report_and_a_running_one_the_last_annual_report():
    years = [2019, 2020, 2021, 2022, 2023]
    assert report_choice([40, 41, 42, 43, 44], years) == ("dai-hoi", None)
    assert report_choice([40, 41, 42, None, None], years) == ("nam", 2021)
    assert report_choice([None] * 5, years) == ("dai-hoi", None)


def test_the_report_is_written_next_to_the_workbook(tmp_path):
    path = build_workbook(tmp_path / "VPTU.xlsx", vptu())
    payload = payload_from_xlsx(path)
    payload["book"]["name"] = str(path)  # classic xlwings: the book is a file on this computer
    book = xw.Book(json=payload)

    asyncio.run(xuat_bao_cao(book))

    report = tmp_path / "bao-cao-dai-hoi.docx"
    assert report.exists() and report.with_suffix(".pdf").exists()
    text = " ".join(p.text for p in Document(str(report)).paragraphs)
    assert "hiện có 45 đoàn viên, trong đó có 19 đoàn viên nữ, sinh hoạt ở 04 Tổ công đoàn" in text
    assert alerts(book) == [f"Đã ghi báo cáo bao-cao-dai-hoi.docx và bản PDF bao-cao-dai-hoi.pdf vào thư mục "
                            f"{tmp_path}. Đây là bản dự thảo: Ban Chấp hành rà soát, bổ sung trước khi ban hành."]


def test_in_lite_the_bundled_main_py_writes_the_report_to_the_files_menu_through_lites_own_dispatch(tmp_path):
    """XLWINGS_ON_SERVER=true, custom_scripts_call on xw.Book(json=...): the way xlwings Lite runs a script.

    The code is the main.py every workbook carries (``baocao addin lite``), whose report modules and
    templates come from the bundle, not from this checkout; only Lite's /data is pointed elsewhere.
    """
    data = tmp_path / "data"   # stands for Lite's /data
    data.mkdir()
    bundled, _ = write_lite(tmp_path / "bundle")
    main = tmp_path / "lite-main.py"
    main.write_text(bundled.read_text(encoding="utf-8") + (
        "\nimport addin.xuat_bao_cao as _report, compiler.report.render as _render\n"
        "assert 'baocao-congdoan-' in _report.__file__ and 'baocao-congdoan-' in str(_render.TEMPLATES_DIR)\n"
        f"_report.LITE_DATA = Path({str(data)!r})\n"), encoding="utf-8")
    payload = json.loads(json.dumps(payload_from_xlsx(build_workbook(tmp_path / "VPTU.xlsx", vptu())),
                                    ensure_ascii=False))
    out = run_cpython(tmp_path / "lite", main, [("xuat_bao_cao", payload)])

    assert sorted(m["name"] for m in out["meta"]) == sorted(["Kiểm tra", "Tính tổng", "Chuẩn hóa số", "Xóa đánh dấu",
                                                             "Xuất báo cáo"])
    assert out["docs"]["xuat_bao_cao"].strip().startswith("**Xuất báo cáo**")
    [result] = out["results"]
    assert result["returned_book"]
    assert [p.name for p in data.iterdir()] == ["bao-cao-dai-hoi.docx"]          # no PDF in Lite
    report = Document(str(data / "bao-cao-dai-hoi.docx"))
    assert len(report.inline_shapes) >= 1                                          # the charts, as in baocao report
    text = " ".join(p.text for p in report.paragraphs)
    assert "45 đoàn viên" in text and "19 đoàn viên nữ" in text and "04 Tổ công đoàn" in text
    [alert] = [a["args"][0] for a in result["actions"] if a["func"] == "alert"]
    assert alert.startswith("Đã viết báo cáo bao-cao-dai-hoi.docx. Để tải về máy: trong khung xlwings Lite bấm "
                            "menu ☰ › Files › Import/Export")


def test_without_a_folder_nor_lites_files_the_command_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(module, "LITE_DATA", tmp_path / "khong-co")
    book = xw.Book(json=payload_from_xlsx(build_workbook(tmp_path / "VPTU.xlsx", vptu())))  # as in xlwings Lite
    asyncio.run(xuat_bao_cao(book))
    assert not list(tmp_path.rglob("*.docx"))
    [message] = alerts(book)
    assert message.startswith("Không ghi được báo cáo: sổ chưa được lưu thành tệp trên máy này")
    assert "cập nhật xlwings Lite" in message and "baocao report" in message
