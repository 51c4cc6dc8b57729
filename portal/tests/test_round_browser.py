"""The whole round through a real browser (Debian's Chromium driven by Playwright).

An officer opens the unit's link, downloads the blank workbook, uploads the
demo workbook with a deliberate mistake and sees the finding at its cell,
uploads the corrected workbook and sees "Đã nhận"; the administrator logs in,
sees the unit submitted, approves it, runs Tổng hợp and downloads a Word
report holding that unit's figures. Screenshots of the upload page with its
findings and of the dashboard are kept in test-artefacts/portal/.
"""

from __future__ import annotations

import docx
import pytest
from playwright.sync_api import expect, sync_playwright

from addin.embed import current_code, read_embedded
from compiler.report.vn_format import so
from portal.verdict import check_file
from workbook_templates import build_workbook
from workbook_templates.rules import ERROR
from workbook_templates.sample import WOMEN_EXCEED_MEMBERS

from .live import PASSWORD

CHROMIUM = "/usr/bin/chromium"
expect.set_options(timeout=30_000)     # a busy 2-core machine may answer slowly; never a reason to fail
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def corrected(demo, code: str, path):
    """The unit's workbook with its deliberate mistake put right (women no more than members)."""
    mistake = demo.mistakes[code]
    data = demo.data[code]
    k = data.years.index(mistake.year)
    fixed = {**data.values, "DV_NU": list(data.values["DV_NU"])}
    fixed["DV_NU"][k] = min(fixed["DV_NU"][k - 1], data.values["DV_TONG_SO"][k])
    data = type(data)(**{**data.__dict__, "values": fixed})
    return build_workbook(path, data)


def test_officer_fixes_and_admin_compiles(portal, backend, demo, browser, artefacts, tmp_path):
    code = demo.unit_with(WOMEN_EXCEED_MEMBERS)
    unit = demo.registry[code]
    mistake_at = next(f for f in check_file(demo.workbooks[code]).issues if f.severity == ERROR)
    officer = browser.new_page(accept_downloads=True, locale="vi-VN", viewport={"width": 1200, "height": 900})

    officer.goto(portal.links[code])
    expect(officer.locator("h1")).to_have_text(unit.name)
    expect(officer.locator("body")).to_contain_text("Hạn nộp")
    expect(officer.locator("body")).to_contain_text("Chưa nộp")
    with officer.expect_download() as download:
        officer.get_by_text("Tải sổ trống của đơn vị").click()
    blank = tmp_path / "so-trong.xlsx"
    download.value.save_as(blank)
    blank_read = check_file(blank)
    assert (blank_read.unit_code, blank_read.unit_name, blank_read.years) == (code, unit.name,
                                                                             (2019, 2020, 2021, 2022, 2023))
    assert not [f for f in blank_read.issues if f.severity != ERROR]    # no warning on a blank, past term
    assert read_embedded(blank)["main.py"] == current_code().main_py    # Kiểm tra runs in Excel before upload

    officer.set_input_files("input[name=file]", str(demo.workbooks[code]))
    officer.get_by_role("button", name="Nộp và kiểm tra").click()
    result = officer.locator("#ket-qua")
    expect(result).to_contain_text("Đã nhận – sổ còn 1 lỗi")
    finding = result.locator("tr", has_text=mistake_at.message)
    expect(finding).to_contain_text(mistake_at.sheet)
    expect(finding.locator("td").nth(2)).to_have_text(mistake_at.cell)
    officer.screenshot(path=artefacts / f"trang-nop-co-loi-{backend}.png", full_page=True)

    officer.set_input_files("input[name=file]", str(corrected(demo, code, tmp_path / f"{code}.xlsx")))
    officer.get_by_role("button", name="Nộp và kiểm tra").click()
    expect(result).to_contain_text("Đã nhận")
    expect(result).not_to_contain_text("lỗi,")
    expect(officer.locator("body")).to_contain_text("Đã nộp")

    admin = browser.new_page(accept_downloads=True, locale="vi-VN", viewport={"width": 1200, "height": 900})
    admin.goto(portal.url + "/quan-tri/")
    expect(admin).to_have_url(portal.url + "/dang-nhap/?next=/quan-tri/")
    admin.get_by_label("Tên đăng nhập").fill("quantri")
    admin.get_by_label("Mật khẩu").fill(PASSWORD)
    admin.get_by_role("button", name="Đăng nhập").click()
    row = admin.locator("#bang tr", has_text=code)
    expect(row).to_contain_text("Đã nộp")
    expect(row).to_contain_text("Muộn")       # the demo deadline (30/6/2023) is long past
    admin.screenshot(path=artefacts / f"bang-tinh-hinh-nop-{backend}.png", full_page=True)

    admin.get_by_label("Trạng thái").select_option(label="Đã nộp")
    admin.get_by_label("Tìm mã hoặc tên").type(code)       # htmx refreshes the table as one types
    expect(admin.locator("#bang tbody tr", has_text="CDCS_")).to_have_count(1)
    expect(admin).to_have_url(f"{portal.url}/quan-tri/?status=da_nop&group=&q={code}")
    row.get_by_role("link").click()
    figures = admin.locator("tr", has_text="Tổng số đoàn viên")    # the checked figures at a glance
    expect(figures.locator("td")).to_have_text(["Tổng số đoàn viên", "người",
                                                *(so(v) for v in demo.data[code].values["DV_TONG_SO"])])
    admin.get_by_role("button", name="Duyệt bản hợp lệ").click()
    expect(admin.locator("body")).to_contain_text("Đã duyệt")

    admin.get_by_role("navigation").get_by_role("link", name="Tổng hợp").click()
    admin.get_by_label("các bản đã duyệt").check()
    admin.get_by_role("button", name="Tổng hợp").click()
    expect(admin.get_by_text("Đã tổng hợp xong")).to_be_visible(timeout=240_000)
    with admin.expect_download() as download:
        admin.get_by_role("link", name="Báo cáo (Word)").click()
    report = tmp_path / "bao-cao.docx"
    download.value.save_as(report)
    text = "\n".join(p.text for p in docx.Document(report).paragraphs)
    members, women = demo.data[code].values["DV_TONG_SO"][-1], demo.data[code].values["DV_NU"][-1]
    assert f"tổng số {so(members)} đoàn viên, trong đó có {so(women)} đoàn viên nữ" in text
    assert text.splitlines()[0] == "DỰ THẢO"    # 1 of 55 units: a draft until the data is complete
