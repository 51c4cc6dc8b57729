"""The upper union's decisions reach the officer, and its lists leave the portal as files and text."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from .live import Client


def page_text(body: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.decode()))


def test_send_back_with_comment_then_resubmit_then_approve(portal, demo):
    code = "CDCS_005"
    officer, admin = Client(portal.url), Client(portal.url)
    first = demo.workbooks[code].read_bytes()
    assert officer.upload(portal.links[code], first)[0] == 200
    assert admin.login() == 302

    comment = "Số đoàn viên năm 2023 chưa khớp danh sách, đề nghị rà lại."
    status, _, _ = admin.form(f"/quan-tri/don-vi/{code}/tra-lai/", {"comment": comment})
    assert status == 302
    text = page_text(officer.request("GET", portal.links[code])[2])
    assert "Trả lại" in text and comment in text

    import zipfile
    buffer = io.BytesIO(first)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.comment = b"ban-sua"
    status, answer = officer.upload(portal.links[code], buffer.getvalue())
    assert (status, answer["status"], answer["duplicate"]) == (200, "accepted", False)
    text = page_text(officer.request("GET", portal.links[code])[2])
    assert "Đã nộp" in text and comment not in text
    status, answer = officer.upload(portal.links[code], buffer.getvalue())
    assert answer["duplicate"] is True
    assert portal.query("SELECT COUNT(*) FROM portal_version v JOIN portal_unit u ON u.id = v.unit_id "
                        f"WHERE u.code = '{code}'") == [(2,)]

    latest = portal.query("SELECT v.id FROM portal_version v JOIN portal_unit u ON u.id = v.unit_id "
                          f"WHERE u.code = '{code}' ORDER BY v.id DESC")[0][0]
    assert admin.form(f"/quan-tri/don-vi/{code}/duyet/", {"version": latest})[0] == 302
    assert "Đã duyệt" in page_text(admin.request("GET", f"/quan-tri/don-vi/{code}/")[2])
    status, _, body = admin.request("GET", f"/quan-tri/phien-ban/{latest}/")
    assert status == 200 and body == buffer.getvalue()
    assert admin.form(f"/quan-tri/don-vi/{code}/mo-lai/", {})[0] == 302
    assert "Đã nộp" in page_text(admin.request("GET", f"/quan-tri/don-vi/{code}/")[2])
    actions = [a for (a,) in portal.query("SELECT a.action FROM portal_auditentry a JOIN portal_unit u "
                                          f"ON u.id = a.unit_id WHERE u.code = '{code}' ORDER BY a.id")]
    assert actions == ["tra_lai", "duyet", "tai_ban_nop", "mo_lai"]


def test_status_export_and_reminder_list(portal, demo):
    admin = Client(portal.url)
    assert admin.login() == 302
    status, headers, body = admin.request("GET", "/quan-tri/tinh-hinh-nop.xlsx")
    assert status == 200 and "tinh-hinh-nop.xlsx" in headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(body)).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert len(rows) == len(demo.registry.leaves())
    assert rows["CDCS_050"][3] == "Chưa nộp"

    status, _, body = admin.form("/quan-tri/nhac-nop/", {})
    text = page_text(body)
    assert status == 200 and "Công đoàn cơ sở Thư viện tỉnh (CDCS_051): http" in text
    fresh = dict(re.findall(r"\((CDCS_\d+)\): (http\S+)", text))
    assert "CDCS_051" in fresh and "CDCS_050" in fresh
    assert Client(portal.url).request("GET", fresh["CDCS_051"])[0] == 200
    assert Client(portal.url).request("GET", portal.links["CDCS_051"])[0] == 404
    portal.links.update(fresh)      # the reminder replaced the links of every unit not yet submitted


def test_period_and_deadline_are_set_in_the_browser_and_shown_to_officers(portal, demo):
    admin = Client(portal.url)
    assert admin.login() == 302
    admin.request("GET", "/quan-tri/ky-bao-cao/")
    status, headers, _ = admin.form("/quan-tri/ky-bao-cao/", {"title": "Báo cáo Đại hội nhiệm kỳ 2018-2023",
                                                              "deadline": "15/7/2023 17:00"})
    assert status == 302 and headers["Location"] == "/quan-tri/"
    text = page_text(Client(portal.url).request("GET", portal.links["CDCS_050"])[2])
    assert "Báo cáo Đại hội nhiệm kỳ 2018-2023" in text and "17:00 ngày 15/07/2023" in text
    assert ("sua_ky_bao_cao",) in portal.query("SELECT action FROM portal_auditentry")
