"""Ratings of the CĐCS as a committee states them: the year, the scale, the good end as a share, the rest named.

Two scales are in force in the period (domain.md, "Rating scales"); one
sentence never ranks one against the other. Pure: context and template only.
"""

from __future__ import annotations

from compiler.report import markup
from compiler.report.context import Units, build_context
from compiler.report.render import render_text
from report_examples import vptu


def ratings_text(counts: dict[str, list[int]]) -> str:
    units = Units(count=51, counts={"XL_CDCS": counts}, registered=51)
    ctx = build_context(vptu(), "dai-hoi", units=units)
    text = " ".join(markup.plain(b.text) for b in markup.parse(render_text("dai-hoi", ctx)) if b.text)
    text = " ".join(text.split())
    start = text.index("Công tác đánh giá, xếp loại CĐCS")
    return text[start:text.index("Hình", start)]


def test_units_on_two_scales_are_stated_scale_by_scale_with_the_year():
    text = ratings_text({"Vững mạnh": [0, 0, 0, 0, 7], "Hoàn thành xuất sắc nhiệm vụ": [0, 0, 0, 0, 17],
                         "Hoàn thành tốt nhiệm vụ": [0, 0, 0, 0, 23], "Hoàn thành nhiệm vụ": [0, 0, 0, 0, 4]})
    assert ("Năm 2022, 51 CĐCS được đánh giá, xếp loại. Theo mức độ hoàn thành nhiệm vụ, có 40/44 CĐCS hoàn thành "
            "tốt nhiệm vụ trở lên, trong đó 17 CĐCS hoàn thành xuất sắc nhiệm vụ; 04 CĐCS hoàn thành nhiệm vụ. "
            "07 CĐCS còn lại được xếp loại theo cách xếp loại công đoàn cơ sở (vững mạnh, khá, trung bình, yếu): "
            "cả 07 CĐCS đạt vững mạnh.") in text
    assert "cách xếp loại cũ" not in text and "(07 vững mạnh)" not in text


def test_units_on_one_scale_need_no_word_on_the_scale():
    text = ratings_text({"Hoàn thành xuất sắc nhiệm vụ": [0, 0, 0, 0, 20], "Hoàn thành tốt nhiệm vụ": [0, 0, 0, 0, 29],
                         "Hoàn thành nhiệm vụ": [0, 0, 0, 0, 2]})
    assert ("Năm 2022, có 49/51 CĐCS hoàn thành tốt nhiệm vụ trở lên, trong đó 20 CĐCS hoàn thành xuất sắc nhiệm vụ; "
            "02 CĐCS hoàn thành nhiệm vụ.") in text
    assert "còn lại" not in text
