"""Branch reports of the two worked examples (domain.md section 6), read back from Word and PDF.

The workbooks are written through the template builder and read back from
file, the reports written by ``write_report``, and both .docx files turned
into PDF by one LibreOffice run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu

from compiler.report import pdf, write_report
from doc_text import readable
from libreoffice import pdf_text
from report_examples import so_cong_thuong, vptu
from workbook_templates import build_workbook


def flat(text: str) -> str:
    """Whitespace collapsed, so a phrase broken over two PDF lines is found."""
    return " ".join(readable(text).split())


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return readable("\n".join(parts))


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> dict[str, dict]:
    """Both examples: workbook, report (.docx) and PDF, converted in one LibreOffice run."""
    out = tmp_path_factory.mktemp("reports")
    made = {}
    for name, data, kind in (("vptu", vptu(), "dai-hoi"), ("sct", so_cong_thuong(), "so-ket")):
        book = build_workbook(out / f"{name}.xlsx", data)
        made[name] = {"docx": write_report(book, kind, out / f"{name}-{kind}.docx", pdf_copy=False)}
    for name, pdf_path in zip(made, pdf.to_pdf([m["docx"] for m in made.values()])):
        made[name]["pdf"] = pdf_path
        made[name]["pdf_text"] = pdf_text(pdf_path)
        made[name]["docx_text"] = docx_text(made[name]["docx"])
    return made


def both(report: dict) -> list[str]:
    """The Word text and the PDF text, the PDF without the page numbers heading pages 2 onwards
    (a sentence running over a page break must still be found)."""
    pdf_body = re.sub(r"\f\s*\d+\s*\n", "\n", report["pdf_text"])
    return [flat(report["docx_text"]), flat(pdf_body)]


SEED_003 = ["45 đoàn viên, trong đó có 19 đoàn viên nữ", "sinh hoạt ở 04 Tổ công đoàn",
            "có 44/45 đoàn viên là đảng viên", "132 suất quà trị giá gần 100 triệu đồng",
            "98 sáng kiến được công nhận cấp cơ sở (vượt chỉ tiêu Nghị quyết đề ra là 80 sáng kiến)",
            "kết nạp 04 đoàn viên mới (chưa đạt chỉ tiêu Nghị quyết đề ra là 05 người)",
            "01 Huân chương Lao động hạng Nhất", "tăng từ 42 người (đầu nhiệm kỳ) lên 45 người",
            "xếp loại “Vững mạnh” trong 05 năm 2018–2022"]

SEED_002 = ["35 lượt đoàn viên được nâng lương đúng thời hạn và hưởng phụ cấp thâm niên vượt khung",
            "12 lượt đoàn viên được nâng lương trước thời hạn", "11 lượt đoàn viên được nghỉ thai sản",
            "85 lượt thăm hỏi", "tổng số tiền 20,7 triệu đồng", "04 lần tham quan, du lịch",
            "tổng kinh phí hơn 240,4 triệu đồng", "45 cháu là con đoàn viên", "31,8 triệu đồng",
            "132,4 triệu đồng", "120,9 triệu đồng", "01 lượt đoàn viên bị ảnh hưởng bởi thiên tai",
            "gần 9 triệu đồng", "02 đoàn viên được hỗ trợ nhà ở", "Quỹ “Vì người nghèo” (13,3 triệu đồng)",
            "Quỹ phòng, chống dịch Covid-19 (2,8 triệu đồng)", "thiên tai, lũ lụt (13,4 triệu đồng)",
            "Quỹ xây dựng nông thôn mới (26,6 triệu đồng)", "Tổng số tiền đóng góp 79,3 triệu đồng",
            "11 lượt đoàn viên tham gia hiến máu", "Giai đoạn 2018–2020"]


@pytest.mark.parametrize("phrase", SEED_003)
def test_congress_report_writes_the_figures_of_seed_003_the_same_way(reports, phrase):
    for text in both(reports["vptu"]):
        assert phrase in text


@pytest.mark.parametrize("phrase", SEED_002)
def test_half_term_report_writes_the_figures_of_seed_002_the_same_way(reports, phrase):
    for text in both(reports["sct"]):
        assert phrase in text


def test_half_term_report_counts_only_the_first_three_years(reports):
    text = flat(reports["sct"]["docx_text"])
    assert "06 lần tham quan" not in text and "04 lần tham quan" in text
    assert "cuối năm 2020 có 62 đoàn viên" in text


def test_sentences_whose_figures_are_zero_or_missing_are_left_out(reports):
    for report in reports.values():
        for text in both(report):
            assert not re.search(r"(?<![\d.,/])0(?![\d,.%/])", text), "a figure printed as 0"
            for debris in ("{{", "}}", "{%", "%}", "[[", "]]", "None", "nan", "\ue000", "\ue001", "\ue002"):
                assert debris not in text
    vptu_text = flat(reports["vptu"]["docx_text"])
    assert "đơn thư" not in vptu_text and "hiến máu" not in vptu_text
    assert "Công tác nữ công" not in vptu_text      # no figure and no text: the heading goes too


def test_congress_report_follows_the_outline(reports):
    text = flat(reports["vptu"]["pdf_text"])
    headings = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO", "PHẦN THỨ NHẤT", "I. ĐẶC ĐIỂM TÌNH HÌNH",
                "1. Thuận lợi", "2. Khó khăn", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
                "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT ĐẠI HỘI", "IV. ĐÁNH GIÁ CHUNG", "1. Ưu điểm",
                "2. Hạn chế", "3. Nguyên nhân", "4. Bài học kinh nghiệm", "PHẦN THỨ HAI",
                "I. PHƯƠNG HƯỚNG, MỤC TIÊU CHUNG", "II. CÁC CHỈ TIÊU CHỦ YẾU", "III. NHIỆM VỤ, GIẢI PHÁP",
                "Một là, tiếp tục đổi mới", "Hai là, chăm lo", "Ba là, đẩy mạnh", "Nơi nhận:",
                "TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Trần Xuân Hoàng"]
    positions = [text.find(h) for h in headings]
    assert -1 not in positions, [h for h, p in zip(headings, positions) if p == -1]
    assert positions == sorted(positions)


def test_half_term_report_has_its_shorter_outline(reports):
    text = flat(reports["sct"]["pdf_text"])
    headings = ["Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Công đoàn cơ sở Sở Công Thương lần thứ III, "
                "nhiệm kỳ 2017–2022",
                "I. KẾT QUẢ ĐẠT ĐƯỢC", "II. TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT", "III. HẠN CHẾ, NGUYÊN NHÂN",
                "IV. NHIỆM VỤ VÀ GIẢI PHÁP NỬA CUỐI NHIỆM KỲ",
                "- Kịp thời thăm hỏi, động viên", "Nơi nhận:"]
    positions = [text.find(h) for h in headings]
    assert -1 not in positions and positions == sorted(positions)


def test_header_and_title_come_from_the_information_sheet(reports):
    text = flat(reports["vptu"]["docx_text"])
    for phrase in ("CÔNG ĐOÀN VIÊN CHỨC TỈNH", "CÔNG ĐOÀN CƠ SỞ VĂN PHÒNG TỈNH ỦY", "Số: …/BC-CĐCS",
                   "Hà Tĩnh, ngày 18 tháng 4 năm 2023", "Độc lập - Tự do - Hạnh phúc",
                   "của Ban Chấp hành Công đoàn cơ sở Văn phòng Tỉnh ủy khóa IV",
                   "trình Đại hội Công đoàn cơ sở Văn phòng Tỉnh ủy lần thứ V, nhiệm kỳ 2022–2027"):
        assert phrase in text


def test_targets_table_rates_each_target(reports):
    doc = Document(str(reports["vptu"]["docx"]))
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Đánh giá")
    rows = {r.cells[1].text: (r.cells[2].text, r.cells[3].text, r.cells[4].text) for r in table.rows[1:]}
    assert rows["Tổng số đoàn viên"] == ("45 người", "45 người", "Đạt")
    assert rows["Đoàn viên kết nạp mới"] == ("05 người", "04 người", "Không đạt")
    assert rows["Sáng kiến được công nhận cấp cơ sở"] == ("80 sáng kiến", "98 sáng kiến", "Vượt")
    assert rows["Tỷ lệ đoàn viên đạt Lao động tiên tiến"] == ("90%", "97,3%", "Vượt")


def test_layout_follows_decree_30(reports):
    doc = Document(str(reports["vptu"]["docx"]))
    section = doc.sections[0]
    mm = lambda length: round(Emu(length).mm, 1)  # noqa: E731  (twips round 15 mm to 14,99)
    assert (round(mm(section.page_width)), round(mm(section.page_height))) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35 and 15 <= mm(section.right_margin) <= 20
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and 13 <= normal.font.size.pt <= 14
    assert normal.paragraph_format.alignment == 3  # justified
    assert 1.0 <= normal.paragraph_format.first_line_indent.cm <= 1.27
    assert normal.paragraph_format.space_after.pt >= 6
    body = [p for p in doc.paragraphs if p.text.strip()]
    styles = {p.style.name for p in body}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Normal", "Caption"} <= styles
    for par in body:  # the look comes from the styles: no font set run by run
        for run in par.runs:
            assert run.font.name is None and run.font.size is None
    # page numbers from page 2: a PAGE field in the header, a first page without one
    assert section.different_first_page_header_footer
    assert any("PAGE" in (n.text or "") for n in section.header._element.iter(qn("w:instrText")))
    assert not any("PAGE" in (n.text or "") for n in section.first_page_header._element.iter(qn("w:instrText")))


def test_charts_are_pictures_with_vietnamese_captions(reports):
    for name, least in (("vptu", 2), ("sct", 2)):
        doc = Document(str(reports[name]["docx"]))
        assert len(doc.inline_shapes) >= least
        captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
        assert len(captions) == len(doc.inline_shapes)
        assert captions[0].startswith("Hình 1. ") and captions[1].startswith("Hình 2. ")
    assert "Hình 1. Kinh phí chăm lo đời sống đoàn viên qua các năm" in flat(reports["sct"]["pdf_text"])


def test_a_chosen_period_narrows_the_half_term_report(tmp_path):
    book = build_workbook(tmp_path / "sct.xlsx", so_cong_thuong())
    out = tmp_path / "so-ket-2018-2019.docx"
    result = subprocess.run([sys.executable, "-m", "compiler.cli", "report", str(book), "--kind", "so-ket",
                             "--period", "2018-2019", "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = flat(docx_text(out))
    assert "giai đoạn 2018–2019" in text and "tính đến cuối năm 2019 có" in text
    assert "2018–2020" not in text
