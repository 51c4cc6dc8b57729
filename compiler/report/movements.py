"""The figures that moved most: against the start of the term, or past the resolution's target.

A congress report's highlights do not retell the body's counts; they say
what changed most ("số đoàn viên tăng 12,4% so với đầu nhiệm kỳ", "tỷ lệ …
đạt 97,8%, vượt chỉ tiêu Nghị quyết (90%)"). This module ranks those
movements by their relative size; the templates word them.

Pure functions: no file, no Word, no template.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from workbook_templates.catalogue import Catalogue

#: Stocks whose growth over the term is an achievement (members, not the agency's staff or the committee).
GROWTH = ("DV_TONG_SO", "DV_NU", "DV_DANG_VIEN", "TC_SO_TO")
#: Rates whose rise over the term is an achievement, in percentage points.
RATE_RISE = ("TL_DV_CBCCVCLD", "TL_DV_DANG_VIEN", "TL_CDCS_VUNG_MANH")
#: Smallest movement worth a highlight: 5% growth of a stock, 5% past a target, 3 points of a rate.
MIN_GROWTH, MIN_EXCESS, MIN_POINTS = 0.05, 0.05, 3.0


def moved_most(cat: Catalogue, value: dict[str, Any], start: dict[str, Any],
               targets: Sequence[dict[str, Any]], limit: int = 3) -> list[dict[str, Any]]:
    """The ``limit`` largest movements, largest first, at most one per indicator.

    ``value``/``start``: term and start-of-term figures by code;
    ``targets``: the rows of the resolution's targets (``ma``, ``chi_tieu``,
    ``ket_qua``, ``danh_gia``). Each movement: ``ma``; ``loai`` ("tang":
    a stock grew by ``ty_le`` percent; "diem": a rate rose from ``dau`` to
    ``ket_qua``; "vuot": a result ``ket_qua`` past its target ``chi_tieu``, ``lan`` times it);
    ``muc`` the relative size it is ranked by.
    """
    found: list[dict[str, Any]] = []
    for row in targets:
        ind, result, target = cat[row["ma"]], row.get("ket_qua"), row.get("chi_tieu")
        if row.get("danh_gia") != "Vượt" or not _numbers(result, target) or not target or not ind.higher_is_better:
            continue
        excess = (result - target) / target
        if excess >= MIN_EXCESS:
            found.append({"ma": ind.code, "loai": "vuot", "ket_qua": result, "chi_tieu": target, "muc": excess,
                          "lan": math.floor(result / target * 10) / 10})   # "gấp 2,4 lần": truncated, as writers do
    for code in GROWTH:
        before, now = start.get(code), value.get(code)
        if code in cat and _numbers(before, now) and before > 0 and (now - before) / before >= MIN_GROWTH:
            found.append({"ma": code, "loai": "tang", "dau": before, "ket_qua": now,
                          "ty_le": (now - before) / before * 100, "muc": (now - before) / before})
    for code in RATE_RISE:
        before, now = start.get(code), value.get(code)
        if code in cat and _numbers(before, now) and now - before >= MIN_POINTS:
            found.append({"ma": code, "loai": "diem", "dau": before, "ket_qua": now, "muc": (now - before) / 100})
    found.sort(key=lambda m: -m["muc"])
    chosen, seen = [], set()
    for movement in found:
        if movement["ma"] not in seen:
            seen.add(movement["ma"])
            chosen.append(movement)
    return chosen[:limit]


def _numbers(*values: Any) -> bool:
    return all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in values)


__all__ = ["moved_most"]
