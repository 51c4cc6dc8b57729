"""The template markup, the word filters and the handling of branch texts. Pure, fast."""

from __future__ import annotations

import pytest

from compiler.report import markup, texts
from compiler.report.markup import BREAK, CLOSE, OPEN, parse, tidy
from compiler.report.render import environment, finalize
from compiler.report.words import hoa_dau, kem_don_vi, la_ma, noi, thuong_dau


def value(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def test_each_line_marker_gives_its_block():
    blocks = parse("\n".join([
        "# Phần thứ nhất", "# KẾT QUẢ", BREAK, "## ĐẶC ĐIỂM", "### Thuận lợi", "Công đoàn có", "",
        "45 đoàn viên.", "- ý một;", "tiếp ý một", "- ý hai.", BREAK, "= BÁO CÁO", "== trích yếu",
        "[[bang: chi_tieu | TT | Chỉ tiêu]]", "[[ngat_trang]]",
    ]))
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1), ("heading", 2), ("heading", 3), ("paragraph", 0), ("item", 0), ("item", 0),
        ("title", 0), ("subtitle", 0), ("placeholder", 0), ("placeholder", 0)]
    assert blocks[0].lines == ["Phần thứ nhất", "KẾT QUẢ"]          # two # lines: one two-line heading
    assert blocks[3].text == "Công đoàn có 45 đoàn viên."            # an empty line does not split
    assert blocks[4].text == "ý một; tiếp ý một"
    assert blocks[8].name == "bang" and blocks[8].args == ["chi_tieu", "TT", "Chỉ tiêu"]


def test_a_template_blank_line_splits_paragraphs():
    assert [b.text for b in parse(f"một\n{BREAK}\nhai")] == ["một", "hai"]


def test_printed_values_are_never_read_as_markup():
    blocks = parse(f"{value('# không phải đề mục')}\n{BREAK}\n{value('- không phải ý')} và {value('a*b*c')}")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert [(r.text, r.italic) for r in markup.runs(blocks[1].text)] == [("- không phải ý và a*b*c", False)]
    assert markup.plain(blocks[0].text) == "# không phải đề mục"


def test_bold_and_italic_runs():
    runs = markup.runs("thường **đậm** và *nghiêng*")
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("thường ", False, False), ("đậm", True, False), (" và ", False, False), ("nghiêng", False, True)]


@pytest.mark.parametrize("raw, tidied", [
    ("đã tổ chức 85 lượt ;tặng quà ; .", "đã tổ chức 85 lượt; tặng quà."),
    ("( 13,3 triệu đồng )", "(13,3 triệu đồng)"),
    ("08 CĐCS vững mạnh (15,7%);22 CĐCS", "08 CĐCS vững mạnh (15,7%); 22 CĐCS"),
    ("240,4 triệu", "240,4 triệu"),
    ("hết câu..", "hết câu."),
    ("giữ dấu ba chấm...", "giữ dấu ba chấm..."),
    ("a ,b", "a, b"),
])
def test_spacing_and_punctuation_are_tidied(raw, tidied):
    assert tidy(raw) == tidied


def test_headings_without_content_are_dropped_and_the_rest_renumbered():
    blocks = parse("\n".join(["# Phần", "## A", "### a1", "nội dung", "### a2", "## B", "### b1",
                              "## C", "nội dung C", "[[ky_ten]]"]))
    blocks = markup.drop_empty_headings(blocks)
    markup.number_headings(blocks)
    assert [(b.number, b.text) for b in blocks if b.kind == "heading"] == [
        ("", "Phần"), ("I.", "A"), ("1.", "a1"), ("II.", "C")]


@pytest.mark.parametrize("n, text", [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1999, "MCMXCIX")])
def test_roman_numerals(n, text):
    assert la_ma(n) == text


def test_word_filters():
    assert la_ma(None) == ""
    assert hoa_dau("công đoàn") == "Công đoàn"
    assert thuong_dau("Tổng số đoàn viên") == "tổng số đoàn viên"
    assert thuong_dau("Ban Chấp hành còn lúng túng") == "Ban Chấp hành còn lúng túng"
    assert thuong_dau("CBCCVCLĐ") == "CBCCVCLĐ"
    assert thuong_dau("Đảng ủy quan tâm") == "Đảng ủy quan tâm"
    assert noi(["A", "B", "C"]) == "A, B và C" and noi(["A"]) == "A" and noi([]) == ""
    assert kem_don_vi(98.46, "%") == "98,5%"
    assert kem_don_vi(99_970_000, "đồng") == "gần 100 triệu đồng"
    assert kem_don_vi(7, "sáng kiến") == "07 sáng kiến"
    assert kem_don_vi(None, "người") == ""


@pytest.mark.parametrize("raw, printed", [
    (None, ""), (float("nan"), ""), (3120, value("3.120")), (2023, value("2023")), (98.5, value("98,5")),
    ("Công đoàn", value("Công đoàn")), (" trở lên", value(" trở lên")),
    (f"- {value('một')}\n- {value('hai')}", f"- {value('một')}\n- {value('hai')}"),  # a macro's lines
])
def test_a_value_printed_without_a_filter_is_still_written_the_vietnamese_way(raw, printed):
    assert finalize(raw) == printed


def test_a_misspelt_code_fails_even_through_a_filter():
    env = environment()
    with pytest.raises(Exception, match="DV_TONGSO"):
        env.from_string("{{ v.DV_TONGSO | dem }}").render(v={"DV_TONG_SO": 45})


def test_points_lose_their_markers_and_end_punctuation():
    assert texts.points("- Tuyên truyền còn hình thức;\n\n2. Chưa có quy chế phối hợp.\n– một là, ý ba\n"
                        "Một là, ý bốn") == [
        "Tuyên truyền còn hình thức", "Chưa có quy chế phối hợp", "Ý ba", "Ý bốn"]
    assert texts.points(None) == []


def test_points_of_many_units_are_merged_when_alike_but_not_when_their_figures_differ():
    merged = texts.merge([
        ("A", "Công tác tuyên truyền còn nặng về hình thức"),
        ("B", "Công tác tuyên truyền còn nặng về hình thức."),
        ("C", "công tác tuyên truyền còn nặng về hình thức, chưa đổi mới"),
        ("A", "Kết nạp 10 đoàn viên mới"),
        ("B", "Kết nạp 12 đoàn viên mới"),
    ])
    assert [(p.text, p.units) for p in merged] == [
        ("Công tác tuyên truyền còn nặng về hình thức", ["A", "B", "C"]),
        ("Kết nạp 10 đoàn viên mới", ["A"]), ("Kết nạp 12 đoàn viên mới", ["B"])]


def test_points_are_grouped_by_task_area_in_the_outline_order():
    groups = texts.group([texts.Point(t) for t in (
        "Hoạt động kiểm tra, giám sát chưa thường xuyên", "Tuyên truyền còn hình thức",
        "Chưa xây dựng quy chế phối hợp với chính quyền", "Một số hoạt động chưa phong phú")])
    assert [(g.area, [p.text for p in g.points]) for g in groups] == [
        ("CHAM_LO", ["Chưa xây dựng quy chế phối hợp với chính quyền"]),
        ("TUYEN_TRUYEN", ["Tuyên truyền còn hình thức"]),
        ("KIEM_TRA", ["Hoạt động kiểm tra, giám sát chưa thường xuyên"]),
        (None, ["Một số hoạt động chưa phong phú"])]


def test_the_compilers_digest_is_told_apart_from_the_unions_own_words():
    units = ["Công đoàn cơ sở A", "Công đoàn cơ sở B"]
    assert texts.is_digest("- Công đoàn cơ sở A: ý một\ný hai\n- Công đoàn cơ sở B: ý ba", units)
    assert not texts.is_digest("Tiếp tục đổi mới nội dung, phương thức hoạt động", units)
    assert not texts.is_digest("", units)
