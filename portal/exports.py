"""Workbooks the portal hands out: the status table and the list of links."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")


def _table(ws: Worksheet, title: str, headers: list[str], widths: list[int]) -> None:
    ws.append([title])
    ws["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    ws.append([])
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(name="Times New Roman", bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(3, col).column_letter].width = width
    ws.freeze_panes = "A4"


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def status_workbook(rows, campaign) -> bytes:
    """The dashboard's table as .xlsx: one row per unit with status, time and lateness."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tình hình nộp"
    _table(ws, f"TÌNH HÌNH NỘP BÁO CÁO – {campaign.title}".upper(),
           ["Mã đơn vị", "Tên đơn vị", "Nhóm", "Trạng thái", "Thời gian nộp", "Đúng hạn", "Số lỗi", "Số cảnh báo",
            "Ý kiến cấp trên"], [16, 50, 36, 16, 18, 12, 8, 12, 50])
    for r in rows:
        version = r.state.version
        ws.append([
            r.unit.code, r.unit.name, r.group.name if r.group else "", r.state.label,
            timezone.localtime(r.state.submitted_at).strftime("%d/%m/%Y %H:%M") if r.state.submitted_at else "",
            "" if r.state.late is None else ("Muộn" if r.state.late else "Đúng hạn"),
            version.errors if version else None, version.warnings if version else None,
            r.review.comment if r.review and r.review.state == "returned" else "",
        ])
    return _save(wb)


def links_workbook(units_and_urls: list[tuple[object, str]], parent_names: dict[str, str]) -> Workbook:
    """links.xlsx: each unit with its personal upload link, to mail-merge or paste into messages."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đường dẫn nộp"
    _table(ws, "ĐƯỜNG DẪN NỘP BÁO CÁO CỦA TỪNG ĐƠN VỊ (giữ kín: ai có đường dẫn là nộp được thay đơn vị)",
           ["Mã đơn vị", "Tên đơn vị", "Cấp trên", "Đường dẫn nộp"], [16, 50, 36, 90])
    for unit, url in units_and_urls:
        ws.append([unit.code, unit.name, parent_names.get(unit.parent, unit.parent), url])
        ws.cell(ws.max_row, 4).hyperlink = url
    return wb
