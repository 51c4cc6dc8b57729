"""Date truth: every statement of a report holds on the document's date (domain.md section 4, "Dates").

Each kind is written from a branch workbook filled in mid-year (20 June of
the term's last year): its text may not speak of the end of that year nor
report a rating or a year result of it. Pure: context and template only.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from compiler.report import markup
from compiler.report.context import build_context
from compiler.report.render import render_text
from report_examples import vptu

MID_YEAR = dt.date(2022, 6, 20)   # term 2017–2022: years 2018–2022, the last one still running


def report(kind: str, **kwargs) -> tuple[dict, str]:
    ctx = build_context(vptu(NGAY_LAP=MID_YEAR), kind, **kwargs)
    text = " ".join(markup.plain(b.text) for b in markup.parse(render_text(kind, ctx)) if b.text)
    return ctx, " ".join(text.split())


def test_congress_report_dated_mid_year_speaks_of_today_not_of_the_year_end():
    ctx, text = report("dai-hoi")
    assert ctx["ngay_lap"] == MID_YEAR
    assert "cuối năm 2022" not in text
    assert "tháng 6/2022" in text
    assert not re.search(r"[Nn]ăm 2022[,:]? (Công đoàn cơ sở )?(được|“)", text)   # no rating of 2022
    assert "“Vững mạnh” trong 04 năm 2018–2021" in text


def test_annual_report_defaults_to_the_last_finished_year_and_is_dated_early_the_next():
    ctx, text = report("nam")
    assert ctx["nam"] == 2021 and ctx["ngay_lap"] == dt.date(2022, 1, 15)
    assert "năm 2021" in text and "cuối năm 2022" not in text


def test_annual_report_of_a_running_year_says_so():
    ctx, text = report("nam", year=2022)
    assert ctx["ngay_lap"] == MID_YEAR
    assert "Từ đầu năm 2022 đến nay" in text and "tính đến tháng 6/2022" in text
    assert "cuối năm 2022" not in text and "xếp loại “Vững mạnh”" not in text


def test_half_term_review_is_dated_soon_after_its_last_year():
    ctx, text = report("so-ket")
    assert (ctx["tu_nam"], ctx["den_nam"]) == (2018, 2020)
    assert ctx["ngay_lap"] == dt.date(2021, 3, 15)
    assert "cuối năm 2020" in text and "2021" not in text.replace("2017–2022", "")


def test_congress_report_dated_mid_year_counts_emulation_titles_of_finished_years_only():
    """Lao động tiên tiến, Chiến sĩ thi đua, initiatives are decided at the year-end review: 2022's are not known yet."""
    ctx, text = report("dai-hoi")
    assert ctx["nam_ket_qua"] == [2018, 2019, 2020, 2021]
    assert ctx["v"]["TD_LDTT"] == 41 + 43 + 42 + 44            # not 2022's 45
    assert ctx["v"]["TD_SANG_KIEN_CO_SO"] == 18 + 20 + 19 + 20   # not 2022's 21
    assert "Trong 04 năm 2018–2021, có 170 lượt đoàn viên đạt danh hiệu Lao động tiên tiến" in text
    assert "215 lượt đoàn viên" not in text and "Từ đầu nhiệm kỳ đến nay, có 1" not in text
    assert "77 sáng kiến" in text and "98 sáng kiến" not in text
    assert "tháng 6/2022" in text                              # current counts keep the data's date
    assert ctx["hinh"]["thi_dua"].categories == ["2018", "2019", "2020", "2021"]
    # the State's Huân chương is decided during the year: received in 2022, it is stated
    assert "Huân chương Lao động hạng Nhất" in text


def test_annual_report_of_a_running_year_states_no_emulation_title_of_it():
    ctx, text = report("nam", year=2022)
    assert ctx["nam_ket_qua"] == [] and ctx["v"]["TD_LDTT"] is None
    assert "Lao động tiên tiến" not in text and "sáng kiến được công nhận" not in text
    assert ctx["hinh"]["thi_dua"] is None or "6/2022" not in ctx["hinh"]["thi_dua"].categories


def test_emulation_titles_of_a_finished_period_are_all_counted():
    ctx, text = report("so-ket")
    assert ctx["nam_ket_qua"] == [2018, 2019, 2020] and ctx["v"]["TD_LDTT"] == 41 + 43 + 42
    assert "Giai đoạn 2018–2020, có 126 lượt đoàn viên đạt danh hiệu Lao động tiên tiến" in text
