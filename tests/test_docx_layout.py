"""Build a small NĐ 30 report, read it back, render it with LibreOffice."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu

from compiler.report import docx_layout as layout
from compiler.report import reference_docx as ref
from libreoffice import convert, pdf_to_png

BODY = [
    "Công đoàn cơ sở hiện có 45 đoàn viên, trong đó có 19 đoàn viên nữ, sinh hoạt ở "
    "04 Tổ công đoàn, có 44/45 đoàn viên là đảng viên. Các đoàn viên công đoàn luôn "
    "tin tưởng vào đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
    "Trong kỳ, Công đoàn đã tổ chức 85 lượt thăm hỏi, tổng số tiền gần 20,7 triệu đồng; "
    "tổ chức 04 lần tham quan cho đoàn viên và gia đình, tổng kinh phí gần 240,5 triệu đồng.",
    "Đoàn viên tích cực tham gia đóng góp quỹ xã hội từ thiện: ủng hộ Quỹ “Vì người "
    "nghèo” 13,3 triệu đồng; quỹ xây dựng nông thôn mới 26,6 triệu đồng.",
]


def build_sample(path: Path, image: Path | None = None) -> Path:
    reference = path.parent / "mau-bao-cao.docx"
    ref.build_reference_docx(reference)
    doc = layout.new_document(reference)
    layout.add_header_block(
        doc,
        "Công đoàn Viên chức tỉnh",
        "BCH Công đoàn cơ sở Văn phòng Tỉnh ủy",
        "15/BC-CĐCS",
        "Bắc Kạn",
        dt.date(2023, 4, 18),
    )
    layout.add_title(
        doc,
        "Báo cáo",
        [
            "của Ban Chấp hành Công đoàn cơ sở Văn phòng Tỉnh ủy khóa IV",
            "trình Đại hội lần thứ V, nhiệm kỳ 2023 - 2028",
        ],
    )
    doc.add_paragraph("Phần thứ nhất", style="Heading 1")
    doc.add_paragraph(
        "I. ĐẶC ĐIỂM TÌNH HÌNH", style="Heading 2"
    )
    doc.add_paragraph("1. Thuận lợi", style="Heading 3")
    for _ in range(3):  # enough text to reach page 2
        for text in BODY:
            doc.add_paragraph(text)
    layout.add_table(
        doc,
        ["TT", "Chỉ tiêu", "Kết quả", "Đánh giá"],
        [
            ["1", "Tỷ lệ đoàn viên đạt danh hiệu Lao động tiên tiến", "98,5%", "vượt"],
            ["2", "Phát triển đoàn viên mới", "12", "đạt"],
            ["3", "Giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp", "03", "không đạt"],
        ],
        col_widths_cm=[1.2, 9.3, 3.0, 3.0],
    )
    if image is not None:
        layout.add_picture_with_caption(doc, image, "Hình 1. Số đoàn viên qua các năm", 10)
    for text in BODY:
        doc.add_paragraph(text)
    layout.add_signature_block(
        doc,
        ["Công đoàn Viên chức tỉnh (b/c)", "Đảng ủy Văn phòng Tỉnh ủy (b/c)", "Lưu: VT"],
        name="Nguyễn Văn An",
    )
    layout.set_page_numbers_from_page_2(doc)
    doc.save(str(path))
    return path


def _make_png(path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 2.5), dpi=80)
    ax.bar(["2019", "2020", "2021", "2022"], [41, 43, 44, 45], color="#555555")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docx_layout")
    image = _make_png(folder / "chart.png")
    return build_sample(folder / "bao-cao.docx", image)


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def test_reference_docx_is_styles_only(tmp_path):
    path = ref.build_reference_docx(tmp_path / "mau.docx")
    doc = Document(str(path))
    assert all(not p.text for p in doc.paragraphs)
    assert not doc.tables
    names = {s.name for s in doc.styles}
    for name in (
        "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3",
        "Caption", "Table Grid", "Nơi nhận", "Nơi nhận mục", "Chữ ký",
        "Header Left", "Header Right", "Nội dung bảng", "Tiêu đề bảng", "Hình",
    ):
        assert name in names, name
    # regenerating gives identical bytes (clean diffs for the committed file)
    again = ref.build_reference_docx(tmp_path / "mau2.docx")
    assert path.read_bytes() == again.read_bytes()


def test_committed_reference_exists():
    assert ref.REFERENCE_DOCX.exists()


def test_page_setup_and_styles(sample):
    doc = Document(str(sample))
    section = doc.sections[0]
    assert abs(Emu(section.page_width).mm - 210) <= 1
    assert abs(Emu(section.page_height).mm - 297) <= 1
    assert section.page_width < section.page_height
    for side, mm in ref.MARGINS_MM.items():
        assert abs(Emu(getattr(section, f"{side}_margin")).mm - mm) <= 0.5, side

    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert rfonts.get(qn("w:cs")) == "Times New Roman"
    pf = normal.paragraph_format
    assert pf.alignment == 3  # justify
    assert abs(Emu(pf.first_line_indent).cm - 1.27) < 0.01
    assert pf.space_after.pt == 6
    assert 1.15 <= pf.line_spacing <= 1.3

    assert doc.styles["Title"].font.bold and doc.styles["Title"].font.all_caps
    assert doc.styles["Heading 3"].font.italic
    assert doc.styles["Caption"].font.size.pt == 12
    assert doc.styles["Nơi nhận"].font.bold and doc.styles["Nơi nhận"].font.italic
    assert doc.styles["Nơi nhận mục"].font.size.pt == 11
    # no theme fonts left anywhere in the styles
    assert b"majorHAnsi" not in doc.styles.element.xml.encode()


def test_header_texts_and_page_numbers(sample):
    doc = Document(str(sample))
    text = _all_text(doc)
    for expected in (
        "CÔNG ĐOÀN VIÊN CHỨC TỈNH",
        "BCH CÔNG ĐOÀN CƠ SỞ VĂN PHÒNG TỈNH ỦY",
        "Số: 15/BC-CĐCS",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bắc Kạn, ngày 18 tháng 4 năm 2023",
        "BÁO CÁO",
        "Nơi nhận:",
        "- Công đoàn Viên chức tỉnh (b/c);",
        "- Lưu: VT.",
        "TM. BAN CHẤP HÀNH",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
    ):
        assert expected in text, expected

    header_table = doc.tables[0]
    assert header_table.cell(0, 0).paragraphs[1].runs[0].bold  # issuer bold
    assert not header_table.cell(0, 0).paragraphs[0].runs[0].bold  # parent not bold
    assert header_table.cell(1, 1).paragraphs[0].runs[0].italic  # date italic
    rules = header_table._tbl.xpath(".//w:pBdr/w:bottom")
    assert len(rules) == 2  # under the issuer and under the motto

    data_table = doc.tables[1]
    assert data_table.style.name == "Table Grid"
    assert data_table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")

    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert section._sectPr.find(qn("w:titlePg")) is not None
    instr = " ".join(section.header._element.xpath(".//w:instrText/text()"))
    assert "PAGE" in instr
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_renders_with_libreoffice(sample, tmp_path):
    pdf = convert(sample, "pdf", tmp_path)

    def page_text(first: int, last: int) -> str:
        return subprocess.run(
            ["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(pdf), "-"],
            check=True, capture_output=True, text=True,
        ).stdout

    full = page_text(1, 99)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "BÁO CÁO", "Nơi nhận:"):
        assert expected in full, expected

    page1 = page_text(1, 1).strip().splitlines()
    page2 = page_text(2, 2).strip().splitlines()
    assert page2, "expected at least two pages"
    assert page2[0].strip() == "2"  # page number on top of page 2
    assert page1[0].strip() != "1"  # none on page 1
    # the two header columns sit side by side on the same line
    assert any("CỘNG HÒA" in line and "CÔNG ĐOÀN VIÊN CHỨC" in line for line in page1)

    assert pdf_to_png(pdf, tmp_path / "page")
