"""The add-in's Xuất báo cáo command: the branch's own Word report, next to its workbook.

It reads the open workbook through the add-in's batched reader (unsaved
edits included) and writes, beside the workbook file, the report the term
calls for: the congress report (``bao-cao-dai-hoi.docx``) once every year of
the term has its member count, otherwise the annual report of the last year
filled in (``bao-cao-nam-<năm>.docx``); a PDF is added when LibreOffice is
installed.

Writing a file next to the workbook needs classic desktop xlwings (the
workbook is a file on this computer). xlwings Lite runs in the browser's
sandbox and cannot write there, so this command is not part of the Lite
bundle; the command says so if it is run where the workbook has no folder.
"""

from __future__ import annotations

from pathlib import Path

import xlwings as xw

from workbook_templates.model import is_filled
from workbook_templates.reader import WorkbookError

from .excel import BookView

__all__ = ["xuat_bao_cao", "report_choice"]

TITLE = "Xuất báo cáo"
MEMBERS = "DV_TONG_SO"


@xw.script(name=TITLE)
def xuat_bao_cao(book: xw.Book) -> None:
    """Write the branch's report (.docx, and .pdf when possible) beside the workbook."""
    from compiler.report import ReportError, pdf, render_report, report_filename

    folder = Path(book.fullname).parent
    if not book.fullname or not folder.is_dir() or folder == Path("."):
        _tell(book, "Không ghi được báo cáo: sổ chưa được lưu thành tệp trên máy này (hoặc đang mở trong "
                    "Excel trên web, xlwings Lite). Hãy lưu sổ vào một thư mục trên máy rồi chạy lại, hoặc dùng "
                    "lệnh: baocao report <tệp sổ>.")
        return
    try:
        data = BookView(book).branch().data
        kind, year = report_choice(data.values.get(MEMBERS, []), data.years)
        target = folder / report_filename(kind, year)
        written = render_report(data, kind, target, year=year)
    except (WorkbookError, ReportError) as exc:
        _tell(book, f"Không viết được báo cáo: {exc}")
        return
    except OSError as exc:
        _tell(book, f"Không ghi được tệp báo cáo vào {folder}: {exc}. Nếu tệp đang mở trong Word, hãy đóng lại "
                    "rồi chạy lại.")
        return
    extra = f" và bản PDF {written.with_suffix('.pdf').name}" if pdf.available() else ""
    _tell(book, f"Đã ghi báo cáo {written.name}{extra} vào thư mục {folder}. Đây là bản dự thảo: "
                "Ban Chấp hành rà soát, bổ sung trước khi ban hành.")


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
