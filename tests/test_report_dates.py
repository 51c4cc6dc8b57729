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
