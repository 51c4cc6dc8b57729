"""The add-in's Xuất báo cáo command: the branch's own Word report.

It reads the open workbook through the add-in's batched reader (unsaved
edits included) and writes the report the term calls for, through the same
public entry point as ``baocao report`` (:func:`compiler.report.render_report`):
the congress report (``bao-cao-dai-hoi.docx``) once every year of the term
has its member count, otherwise the annual report of the last year filled in
(``bao-cao-nam-<năm>.docx``).

Where it goes depends on where the workbook lives:

* classic desktop xlwings: beside the workbook file, with a PDF when
  LibreOffice is installed;
* xlwings Lite: the workbook has no folder, but files written to ``/data``
  (``LITE_DATA``) appear in Lite's menu › Files › Import/Export, from where
  the officer downloads them. No PDF there: LibreOffice cannot run in the
  browser.

The charts need matplotlib, a package Pyodide builds (with numpy, Pillow...:
several megabytes). It is not in the Lite ``requirements.txt``, which every
start installs, but installed with micropip from Pyodide's own distribution
the first time the officer asks for a report: the check scripts stay quick to
start, and the report keeps the charts of ``baocao report``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import xlwings as xw

from workbook_templates.model import is_filled
from workbook_templates.reader import WorkbookError

from .excel import BookView

__all__ = ["xuat_bao_cao", "report_choice", "LITE_DATA", "CHART_PACKAGE"]

TITLE = "Xuất báo cáo"
MEMBERS = "DV_TONG_SO"
#: xlwings Lite's file area: what a script writes here is offered for download under menu › Files.
LITE_DATA = Path("/data")
#: The charts' package, installed in Lite on the first report (a Pyodide built package).
CHART_PACKAGE = "matplotlib"


@xw.script(name=TITLE)
async def xuat_bao_cao(book: xw.Book) -> None:
    """**Xuất báo cáo**: viết báo cáo Word của công đoàn cơ sở từ số liệu trong sổ.

    Khi mọi năm của nhiệm kỳ đã có số đoàn viên: báo cáo trình Đại hội; nếu
    chưa, báo cáo năm của năm cuối cùng đã nhập. Trong xlwings Lite, tệp Word
    nằm ở menu ☰ › **Files** › **Import/Export**: bấm vào tên tệp để tải về
    máy. Đây là bản dự thảo để Ban Chấp hành rà soát, bổ sung.
    """
    from compiler.report import ReportError, pdf, render_report, report_filename

    folder = Path(book.fullname).parent
    in_lite = not book.fullname or not folder.is_dir() or folder == Path(".")
    if in_lite:
        folder = LITE_DATA
        if not folder.is_dir():
            _tell(book, "Không ghi được báo cáo: sổ chưa được lưu thành tệp trên máy này và bản xlwings Lite đang "
                        "dùng chưa có mục Files. Hãy cập nhật xlwings Lite, hoặc lưu sổ vào một thư mục trên máy, "
                        "hoặc dùng lệnh: baocao report <tệp sổ>.")
            return
    try:
        await _install_charts()
    except Exception as exc:  # noqa: BLE001 - micropip reports a missing network in many ways
        _tell(book, f"Không tải được gói vẽ biểu đồ ({CHART_PACKAGE}) cho báo cáo: {exc}. Lần đầu xuất báo cáo "
                    "cần mạng internet; hãy kiểm tra kết nối rồi bấm lại.")
        return
    try:
        data = BookView(book).branch().data
        kind, year = report_choice(data.values.get(MEMBERS, []), data.years)
        target = folder / report_filename(kind, year)
        written = render_report(data, kind, target, year=year, pdf_copy=not in_lite)
    except (WorkbookError, ReportError) as exc:
        _tell(book, f"Không viết được báo cáo: {exc}")
        return
    except OSError as exc:
        _tell(book, f"Không ghi được tệp báo cáo vào {folder}: {exc}. Nếu tệp đang mở trong Word, hãy đóng lại "
                    "rồi chạy lại.")
        return
    draft = "Đây là bản dự thảo: Ban Chấp hành rà soát, bổ sung trước khi ban hành."
    if in_lite:
        _tell(book, f"Đã viết báo cáo {written.name}. Để tải về máy: trong khung xlwings Lite bấm menu ☰ › Files › "
                    f"Import/Export rồi bấm vào tên tệp {written.name}. {draft}")
        return
    extra = f" và bản PDF {written.with_suffix('.pdf').name}" if pdf.available() else ""
    _tell(book, f"Đã ghi báo cáo {written.name}{extra} vào thư mục {folder}. {draft}")


async def _install_charts() -> None:
    """In Pyodide (xlwings Lite), install matplotlib from Pyodide's distribution unless it is there already."""
    if sys.platform != "emscripten" or importlib.util.find_spec(CHART_PACKAGE):
        return
    import micropip

    await micropip.install(CHART_PACKAGE)


def report_choice(members: list, years: list[int]) -> tuple[str, int | None]:
    """("dai-hoi", None) when every year has its member count, else ("nam", last year filled in).

    A workbook with no year filled in still gets the congress report, whose
    sentences without figures are left out.
    """
    filled = [year for year, value in zip(years, members) if is_filled(value)]
    if len(filled) == len(years) or not filled:
        return "dai-hoi", None
    return "nam", filled[-1]


def _tell(book: xw.Book, message: str) -> None:
    """Show the outcome in an Excel message box."""
    book.app.alert(message, title=TITLE)
