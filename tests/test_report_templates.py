"""The wording really lives in the templates, and a faulty template says where it is wrong."""

from __future__ import annotations

import re
import shutil

import pytest
from docx import Document

from compiler.report import ReportError, TEMPLATES_DIR, render_report
from doc_text import readable
from report_examples import so_cong_thuong, vptu

SENTENCE = "Hưởng ứng phong trào hiến máu tình nguyện, có"
EDITED = "Hưởng ứng Ngày hội hiến máu tình nguyện năm nay, Công đoàn có"


def text_of(path) -> str:
    return readable("\n".join(p.text for p in Document(str(path)).paragraphs))


@pytest.fixture
def edited_templates(tmp_path):
    """A copy of the shipped templates, as provincial staff would make before editing."""
    folder = tmp_path / "mau-tinh"
    shutil.copytree(TEMPLATES_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def test_changing_one_sentence_of_a_template_changes_the_report(edited_templates, tmp_path):
    partial = edited_templates / "_ket_qua.j2"
    source = partial.read_text(encoding="utf-8")
    assert SENTENCE in source
    partial.write_text(source.replace(SENTENCE, EDITED), encoding="utf-8")

    shipped = render_report(so_cong_thuong(), "so-ket", tmp_path / "goc.docx", pdf_copy=False)
    edited = render_report(so_cong_thuong(), "so-ket", tmp_path / "sua.docx", templates_dir=edited_templates,
                           pdf_copy=False)

    assert f"{SENTENCE} 11 lượt đoàn viên tham gia hiến máu." in text_of(shipped)
    assert f"{EDITED} 11 lượt đoàn viên tham gia hiến máu." in text_of(edited)
    assert SENTENCE not in text_of(edited)


def test_a_restyled_reference_document_in_the_templates_folder_is_used(edited_templates, tmp_path):
    reference = edited_templates / "mau-bao-cao.docx"
    doc = Document(str(reference))
    doc.styles["Normal"].font.size = doc.styles["Normal"].font.size - 12700  # 14 pt -> 13 pt
    doc.save(str(reference))
    out = render_report(vptu(), "dai-hoi", tmp_path / "r.docx", templates_dir=edited_templates, pdf_copy=False)
    assert Document(str(out)).styles["Normal"].font.size.pt == 13


def test_a_template_mistake_names_the_file_and_line(edited_templates, tmp_path):
    main = edited_templates / "dai-hoi.j2"
    lines = main.read_text(encoding="utf-8").splitlines()
    lines.insert(9, "{{ v.DV_TONGSO | dem }}")
    main.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ReportError, match=r"dai-hoi\.j2, dòng 10.*DV_TONGSO"):
        render_report(vptu(), "dai-hoi", tmp_path / "r.docx", templates_dir=edited_templates, pdf_copy=False)
    assert not (tmp_path / "r.docx").exists()


def test_a_syntax_error_is_reported_in_vietnamese(edited_templates, tmp_path):
    (edited_templates / "nam.j2").write_text("{% if v.DV_TONG_SO %}\nthiếu endif\n", encoding="utf-8")
    with pytest.raises(ReportError, match=r"Mẫu báo cáo nam\.j2, dòng \d+: sai cú pháp"):
        render_report(vptu(), "nam", tmp_path / "r.docx", year=2020, templates_dir=edited_templates,
                      pdf_copy=False)


def test_an_unknown_placeholder_lists_the_known_ones(edited_templates, tmp_path):
    main = edited_templates / "so-ket.j2"
    main.write_text(main.read_text(encoding="utf-8") + "\n[[hinh: khong_co | Hình lạ]]\n", encoding="utf-8")
    with pytest.raises(ReportError, match=r"\[\[hinh: khong_co\]\] không có; dùng một trong: cham_lo"):
        render_report(so_cong_thuong(), "so-ket", tmp_path / "r.docx", templates_dir=edited_templates,
                      pdf_copy=False)


def test_title_without_committee_number_leaves_the_ordinals_out(tmp_path):
    out = render_report(vptu(BCH_KHOA=None), "dai-hoi", tmp_path / "r.docx", pdf_copy=False)
    subtitles = [" ".join(p.text.replace("\u2060", "").split())   # no-break spaces and word joiners keep the
                 for p in Document(str(out)).paragraphs if p.style.name == "Subtitle"]   # term on one line
    assert subtitles == ["của Ban Chấp hành Công đoàn cơ sở Văn phòng Tỉnh ủy",
                         "trình Đại hội Công đoàn cơ sở Văn phòng Tỉnh ủy, nhiệm kỳ 2022–2027"]


def test_annual_report_compares_with_the_year_before(tmp_path):
    out = render_report(vptu(), "nam", tmp_path / "nam.docx", year=2021, pdf_copy=False)
    text = " ".join(text_of(out).split())
    assert "Kết quả hoạt động công đoàn năm 2021" in text
    assert "tính đến cuối năm 2021 có 45 đoàn viên" in text
    assert "tăng từ 44 người (cuối năm 2020) lên 45 người (cuối năm 2021)" in text
    assert "Năm 2021, Công đoàn cơ sở được công đoàn cấp trên đánh giá, xếp loại “Vững mạnh”" in text
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022" in text
    assert "So với năm 2020, các kết quả chủ yếu như sau: - Tổng số đoàn viên: 45 người, tăng 01 người" in text


def test_half_term_review_states_progress_to_every_term_target(tmp_path):
    out = render_report(vptu(), "so-ket", tmp_path / "so-ket.docx", pdf_copy=False)
    text = " ".join(text_of(out).split())
    section = text[text.index("TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT"):text.index("HẠN CHẾ, NGUYÊN NHÂN")]
    assert "Đoàn viên kết nạp mới: 03 người, bằng 60% chỉ tiêu cả nhiệm kỳ (05 người)" in section
    assert "Sáng kiến được công nhận cấp cơ sở: 57 sáng kiến, bằng 71,3% chỉ tiêu cả nhiệm kỳ (80 sáng kiến)" in section
    assert "Tổng số đoàn viên: 44 người (chỉ tiêu 45 người), chưa đạt" in section
    assert "Tỷ lệ đoàn viên đạt Lao động tiên tiến: 96,2% (chỉ tiêu 90%), đã đạt chỉ tiêu Nghị quyết" in section


def test_a_year_outside_the_term_is_refused_in_vietnamese(tmp_path):
    with pytest.raises(ReportError, match="ngoài các năm của nhiệm kỳ"):
        render_report(vptu(), "nam", tmp_path / "r.docx", year=2030, pdf_copy=False)


def test_names_and_terms_never_break_and_properties_are_clean(tmp_path):
    out = render_report(vptu(), "dai-hoi", tmp_path / "r.docx", pdf_copy=False)
    doc = Document(str(out))
    subtitles = [p.text for p in doc.paragraphs if p.style.name == "Subtitle"]
    assert "khóa\u00a0IV" in subtitles[0] and "lần\u00a0thứ\u00a0V" in subtitles[1]
    assert "nhiệm\u00a0kỳ\u00a02022\u2060–\u20602027" in subtitles[1]
    body = [p.text for p in doc.paragraphs if p.style.name not in ("Title", "Subtitle")]
    assert any("Đại hội nhiệm\u00a0kỳ\u00a02017\u2060–\u20602022 đề ra" in t for t in body)   # body text too
    assert not any(re.search(r"\d{4}[–-]\d{4}|(khóa|lần thứ) [IVX]+\b", t) for t in body)    # no breakable term
    header = doc.tables[0].cell(0, 0).text
    assert "CÔNG ĐOÀN CƠ SỞ VĂN PHÒNG\nTỈNH ỦY" not in header      # no break inside "Tỉnh ủy"
    assert doc.core_properties.title.startswith("BÁO CÁO của Ban Chấp hành") and "Kèm theo" not in \
        doc.core_properties.title
