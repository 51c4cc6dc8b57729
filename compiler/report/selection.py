"""What a report names: the weightiest highlights, awards, models, works and documents.

A real report does not list the first highlight of the first units in
registry order: it names the highest awards with their recipient and year,
the models with the unit that built them and since when, the largest works,
and the plans implemented by number and date (domain.md section 4, "What
only the upper union says"). This module ranks; the templates word.

Registers (issue 9's ``BranchData.registers``: register code -> rows of
column code -> value, each row with the unit's ``DON_VI_TEN``) are used when
they hold rows; otherwise the branches' narrative texts are ranked by the
weight of what they say.

Pure functions: no file, no Word, no template.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..weights import (
    AWARDS, DOCUMENTS, MODELS, SOLUTIONS, WORKS, YEAR, amount, as_date, clean, order, received, weight, year_of,
)
from .texts import merge

#: Words of the awards an awards register lists by name (a highlight holding one retells the register).
AWARD_WORDS = ("huân chương", "cờ thi đua")
#: Points weighed before merging, per highlight picked (merging all of thousands of units' points is not needed).
WEIGHED_PER_PICK = 20
_FIGURE = re.compile(r"\d")


@dataclass
class Quote:
    """A unit's point, for a list of named highlights."""

    don_vi: str
    noi_dung: str
    trong_so: int


def weightiest(points: Iterable[tuple[str, str]], limit: int, skip: Sequence[str] = ()) -> list[Quote]:
    """The ``limit`` weightiest distinct points of ``(unit, text)``, one per unit, heaviest first.

    A point merged from several units is named by its first unit, unless
    the point names that unit itself (``don_vi`` is then empty). Equal
    weights put the latest year first, then keep the input's order, so the
    result is stable; points mentioning one of ``skip`` (the union's own name) are left out.
    """
    weighed = sorted(((weight(text), n, unit, text) for n, (unit, text) in enumerate(points)),
                     key=lambda t: (-t[0], t[1]))
    heaviest = [(unit, text) for w, _, unit, text in weighed[:limit * WEIGHED_PER_PICK] if w > 0]
    ranked = sorted(((weight(p.text), n, p) for n, p in enumerate(merge(heaviest, by_frequency=False))),
                    key=lambda t: (-t[0], -year_of(t[2].text), t[1]))   # equal weight: the latest first
    chosen, seen = [], set()
    for w, _, point in ranked:
        unit = point.units[0] if point.units else ""
        if w <= 0 or unit in seen or any(s and s.casefold() in point.text.casefold() for s in skip):
            continue
        seen.add(unit)
        named = bool(unit) and re.search(rf"(?<!\w){re.escape(_short(unit).casefold())}(?!\w)", point.text.casefold())
        chosen.append(Quote("" if named else unit, point.text, w))
        if len(chosen) == limit:
            break
    return chosen


#: Words of the things a highlight names (an award, a model, a work); a point holding figures but none of them
#: counts what the body already counts ("236 lượt cá nhân đạt danh hiệu Lao động tiên tiến…").
NAMING_WORDS = ("huân chương", "cờ thi đua", "thủ tướng", "bằng khen", "lao động sáng tạo", "mô hình", "công trình",
                "mái ấm", "nhà tình nghĩa")


def not_in_body(points: Sequence[str]) -> list[str]:
    """Highlights that do not repeat the body's figures: those naming something, or holding no figure."""
    return [p for p in points
            if any(w in unicodedata.normalize("NFC", p).casefold() for w in NAMING_WORDS)
            or not _FIGURE.search(YEAR.sub("", p))]


def awards(rows: Sequence[dict[str, Any]], limit: int = 8) -> list[dict[str, Any]]:
    """Awards received (not proposed), highest form first, then the latest year."""
    given = sorted((r for r in rows if clean(r.get("HINH_THUC")) and clean(r.get("NGUOI_NHAN")) and received(r)),
                   key=order(AWARDS))
    return [{"hinh_thuc": clean(r.get("HINH_THUC")), "nguoi_nhan": clean(r.get("NGUOI_NHAN")),
             "nam": year_of(r.get("NAM")) or None, "co_quan": clean(r.get("CO_QUAN")),
             "quyet_dinh": clean(r.get("QUYET_DINH"))} for r in given[:limit]]


def models(rows: Sequence[dict[str, Any]], limit: int = 6) -> list[dict[str, Any]]:
    """Models with their unit and the year they started, the longest-running first, one per name."""
    seen, out = set(), []
    for r in sorted(rows, key=order(MODELS)):
        name = clean(r.get("TEN"))
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        out.append({"ten": name, "don_vi": clean(r.get("DON_VI_TEN")), "tu_nam": year_of(r.get("NAM_BAT_DAU")) or None,
                    "ket_qua": clean(r.get("KET_QUA"))})
    return out[:limit]


def works(rows: Sequence[dict[str, Any]], limit: int = 5) -> list[dict[str, Any]]:
    """Works and community projects, the largest budget first."""
    ranked = sorted((r for r in rows if clean(r.get("TEN"))), key=order(WORKS))
    return [{"ten": clean(r.get("TEN")), "don_vi": clean(r.get("DON_VI_TEN")), "nam": year_of(r.get("NAM")) or None,
             "dia_diem": clean(r.get("DIA_DIEM")), "kinh_phi": amount(r.get("TONG_KINH_PHI")) or None,
             "dong_gop": amount(r.get("DONG_GOP")) or None} for r in ranked[:limit]]


def documents(rows: Sequence[dict[str, Any]], limit: int = 8) -> list[dict[str, Any]]:
    """Plans and resolutions by number and date, in the order they were issued."""
    dated = [r for r in rows if clean(r.get("SO_KY_HIEU"))]
    dated.sort(key=lambda r: as_date(r.get("NGAY")) or dt.date.max)
    return [{"so": clean(r.get("SO_KY_HIEU")), "ngay": as_date(r.get("NGAY")), "trich_yeu": clean(r.get("TRICH_YEU"))}
            for r in dated[:limit]]


def solutions(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The union's own tasks and solutions: a heading and its paragraphs (one per line)."""
    out = []
    for r in rows:
        heading = clean(r.get("TIEU_DE"))
        if heading:
            paragraphs = [p.strip() for p in str(r.get("NOI_DUNG") or "").splitlines() if p.strip()]
            out.append({"tieu_de": heading, "doan": paragraphs})
    return out


def _short(unit: str) -> str:
    """A unit's name without "Công đoàn cơ sở", as a point names its agency."""
    for head in ("Công đoàn cơ sở ", "CĐCS ", "Công đoàn "):
        if unit.startswith(head):
            return unit[len(head):]
    return unit


__all__ = ["AWARDS", "AWARD_WORDS", "DOCUMENTS", "MODELS", "Quote", "SOLUTIONS", "WORKS", "awards", "documents", "models",
           "not_in_body", "solutions", "weight", "weightiest", "works"]
