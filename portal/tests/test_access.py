"""Who may see and send what: links are the officers' only credential, admin pages need a login.

Requests come from plain HTTP clients (no browser), some from other loopback
addresses (127.0.0.2, 127.0.0.3) so the rate limits they trip do not block
the other tests.
"""

from __future__ import annotations

import hashlib

from .live import Client


def json_get(client: Client, link: str):
    import json
    status, _, body = client.request("GET", link, headers={"Accept": "application/json"})
    return status, json.loads(body)


def test_links_show_and_accept_only_their_own_unit(portal, demo):
    client = Client(portal.url)
    own, other = "CDCS_001", "CDCS_002"
    status, answer = client.upload(portal.links[own], demo.workbooks[own].read_bytes())
    assert (status, answer["status"], answer["errors"]) == (200, "accepted", 0)
    assert answer["sha256"] == hashlib.sha256(demo.workbooks[own].read_bytes()).hexdigest()

    status, answer = client.upload(portal.links[other], demo.workbooks[own].read_bytes())
    assert status == 422 and answer["status"] == "rejected"
    assert "đơn vị khác" in answer["reason"] and own in answer["reason"]
    status, _, _ = client.request("GET", f"{portal.links[other]}ban/{hashlib.sha256(demo.workbooks[own].read_bytes()).hexdigest()}.xlsx")
    assert status == 404
    status, _, body = client.request("GET", portal.links[other])
    assert status == 200 and demo.registry[other].name in body.decode() and demo.registry[own].name not in body.decode()
    assert portal.query(f"SELECT COUNT(*) FROM portal_version v JOIN portal_unit u ON u.id = v.unit_id "
                        f"WHERE u.code = '{other}'") == [(0,)]


def test_unknown_and_revoked_links_get_nothing(portal, demo):
    client = Client(portal.url)
    code = "CDCS_003"
    wrong = portal.links[code][:-5] + "xxxx/"
    for link in (wrong, portal.url + "/nop/khong-co/"):
        status, answer = json_get(client, link)
        assert status == 404 and answer["status"] == "rejected" and "thu hồi" in answer["reason"]
        status, answer = client.upload(link, demo.workbooks[code].read_bytes())
        assert status == 404 and answer["sha256"] == ""
        status, _, body = client.request("GET", link + "so-trong.xlsx")
        assert status == 404 and demo.registry[code].name not in body.decode()

    admin = Client(portal.url)
    assert admin.login() == 302
    status, _, _ = admin.form(f"/quan-tri/don-vi/{code}/thu-hoi-duong-dan/", {})
    assert status == 302
    status, answer = client.upload(portal.links[code], demo.workbooks[code].read_bytes())
    assert status == 404 and answer["status"] == "rejected"
    assert portal.query("SELECT COUNT(*) FROM portal_version v JOIN portal_unit u ON u.id = v.unit_id "
                        f"WHERE u.code = '{code}'") == [(0,)]
    log = portal.query("SELECT a.action FROM portal_auditentry a JOIN portal_unit u ON u.id = a.unit_id "
                       f"WHERE u.code = '{code}'")
    assert ("thu_hoi_duong_dan",) in log


def test_admin_pages_need_login(portal):
    client = Client(portal.url)
    for path in ("/quan-tri/", "/quan-tri/don-vi/CDCS_001/", "/quan-tri/phien-ban/1/", "/quan-tri/tinh-hinh-nop.xlsx",
                 "/quan-tri/nhac-nop/", "/quan-tri/tong-hop/", "/quan-tri/nhat-ky/", "/quan-tri/ky-bao-cao/"):
        status, headers, _ = client.request("GET", path)
        assert status == 302 and headers["Location"].startswith("/dang-nhap/?next="), path
    status, headers, _ = client.request("POST", "/quan-tri/don-vi/CDCS_001/duyet/", b"version=1",
                                        {"Content-Type": "application/x-www-form-urlencoded"})
    assert status in (302, 403)


def test_posts_without_csrf_token_are_refused(portal):
    client = Client(portal.url)
    client.request("GET", "/dang-nhap/")
    status, _, _ = client.form("/dang-nhap/", {"username": "quantri", "password": "sai"}, csrf=False)
    assert status == 403
    assert client.login() == 302
    status, _, _ = client.form("/quan-tri/don-vi/CDCS_004/tra-lai/", {"comment": "Giả mạo"}, csrf=False)
    assert status == 403
    status, _, _ = client.form("/quan-tri/tong-hop/", {"source": "latest", "kind": "dai-hoi"}, csrf=False)
    assert status == 403
    assert portal.query("SELECT COUNT(*) FROM portal_review r JOIN portal_unit u ON u.id = r.unit_id "
                        "WHERE u.code = 'CDCS_004'") == [(0,)]


def test_guessing_tokens_and_passwords_is_slowed_down(portal):
    guesser = Client(portal.url, source="127.0.0.2")
    statuses = [guesser.request("GET", f"/nop/doan-{n}/")[0] for n in range(35)]
    assert set(statuses[:30]) == {404} and set(statuses[30:]) == {429}
    status, _, _ = guesser.request("GET", portal.links["CDCS_005"])
    assert status == 429            # even a right token waits while the address is blocked

    thief = Client(portal.url, source="127.0.0.3")
    thief.request("GET", "/dang-nhap/")
    statuses = [thief.form("/dang-nhap/", {"username": "quantri", "password": f"sai-{n}"})[0] for n in range(6)]
    assert set(statuses[:5]) == {200} and statuses[5] == 429
    assert thief.login() == 429     # the right password too, until the window passes
    log = portal.query("SELECT action, detail FROM portal_auditentry WHERE address = '127.0.0.3'")
    assert log.count(("dang_nhap_sai", "Tên đăng nhập đã gõ: quantri")) == 5
    assert ("dang_nhap_bi_chan", "Tên đăng nhập đã gõ: quantri") in log
    assert not any("sai-" in detail for _, detail in log)    # the password typed is never kept
    assert Client(portal.url).login() == 302   # other addresses are not affected


def test_files_that_are_not_this_units_report_are_refused_with_the_reason(portal, demo, tmp_path):
    from workbook_templates import build_workbook, template_data

    client = Client(portal.url)
    code = "CDCS_002"
    unit = demo.registry[code]
    status, answer = client.upload(portal.links[code], "Mã đơn vị;Tổng số\nCDCS_002;12\n".encode(), "so.csv")
    assert (status, answer["status"]) == (422, "rejected") and answer["reason"].startswith("Tệp đã nộp: ")
    assert "không phải tệp Excel" in answer["reason"] and ".csv" in answer["reason"]

    other_term = build_workbook(tmp_path / "nhiem-ky-sau.xlsx",
                                template_data(code, unit.name, demo.registry.parent_name(unit), "2023-2028"))
    status, answer = client.upload(portal.links[code], other_term.read_bytes())
    assert (status, answer["status"]) == (422, "rejected") and "nhiệm kỳ 2023-2028" in answer["reason"]

    status, answer = client.upload(portal.links[code], b"PK\x03\x04" + bytes(21 * 1024 * 1024))
    assert (status, answer["status"]) == (413, "rejected") and "quá lớn" in answer["reason"]

    status, body = client.upload(portal.links[code], b"PK\x03\x04 broken zip", accept_json=False)
    assert status == 422 and "Chưa nhận" in body and "Tệp đã nộp: tệp nén bị hỏng" in body
    assert portal.query("SELECT COUNT(*) FROM portal_version v JOIN portal_unit u ON u.id = v.unit_id "
                        f"WHERE u.code = '{code}'") == [(0,)]
