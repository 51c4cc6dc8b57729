"""How weighty a highlight or a register row is: the one ranking the report and the roll-up share.

The report names the weightiest awards, models and works of a union
(:mod:`compiler.report.selection`), and a level carries up to the next only
the weightiest register rows of each consolidated child (:mod:`.carry`). Both
rank with the functions here, so the rows the level above receives are the
rows its report would have named. The module lives in the compiler, not in
the report, because the report depends on the compiler and not the reverse.

Pure functions: no file, no Word, no template.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Callable

#: Words that make a highlight weighty, with their weight (highest award first).
WEIGHTS: tuple[tuple[str, int], ...] = (
    ("huân chương", 100), ("hạng nhất", 20), ("hạng nhì", 10), ("cờ thi đua", 60), ("thủ tướng", 50),
    ("bằng khen", 40), ("tổng liên đoàn", 15), ("chiến sĩ thi đua", 25), ("lao động sáng tạo", 20),
    ("mô hình", 15), ("công trình", 15), ("mái ấm", 15), ("nhà tình nghĩa", 15), ("giấy khen", 5),
)
#: Award forms from the highest; an award register's rows are ranked by the first form they name.
AWARD_RANKS = ("huân chương lao động hạng nhất", "huân chương lao động hạng nhì", "huân chương lao động hạng ba",
               "huân chương", "cờ thi đua", "bằng khen của thủ tướng", "bằng khen", "chiến sĩ thi đua",
               "giấy khen")
#: Awards of these ranks and above always travel up a level, whatever their number.
HIGHEST_AWARD_RANK = AWARD_RANKS.index("huân chương")
#: A register row with this status is a proposal, not an award received.
PROPOSED = "đề nghị"

AWARDS, MODELS, WORKS, DOCUMENTS, SOLUTIONS, CAMPAIGNS = ("DS_KHEN_THUONG", "DS_MO_HINH", "DS_CONG_TRINH",
                                                          "DS_VAN_BAN", "DS_GIAI_PHAP", "DS_PHONG_TRAO")
YEAR = re.compile(r"\b(19|20)\d\d\b")

Row = dict[str, Any]


def weight(text: str) -> int:
    """How weighty a highlight is: the sum of the weights of the words it holds."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    return sum(w for word, w in WEIGHTS if word in lowered)


def award_rank(row: Row) -> int:
    """The rank of an award row's form in :data:`AWARD_RANKS` (0 highest); unknown forms rank last."""
    form = clean(row.get("HINH_THUC")).casefold()
    return next((i for i, r in enumerate(AWARD_RANKS) if r in form), len(AWARD_RANKS))


def received(row: Row) -> bool:
    """An award received, not proposed."""
    return PROPOSED not in clean(row.get("TRANG_THAI")).casefold()


def always_carried(register: str, row: Row) -> bool:
    """Rows every level carries up: awards received from Huân chương up."""
    return register == AWARDS and received(row) and award_rank(row) <= HIGHEST_AWARD_RANK


#: Sort key of a register's rows, weightiest first; a register without one keeps its rows' own order.
ORDER: dict[str, Callable[[Row], tuple]] = {
    AWARDS: lambda r: (not received(r), award_rank(r), -year_of(r.get("NAM"))),   # highest form, then latest
    MODELS: lambda r: (year_of(r.get("NAM_BAT_DAU")) or 9999,),                    # longest-running first
    WORKS: lambda r: (-amount(r.get("TONG_KINH_PHI")),),                           # largest budget first
    CAMPAIGNS: lambda r: (-weight(clean(r.get("TEN"))),),
}


def order(register: str) -> Callable[[Row], tuple]:
    return ORDER.get(register, lambda r: ())


def clean(value: Any) -> str:
    """A cell's text on one line, blank as ""."""
    return " ".join(str(value).split()) if value not in (None, "") else ""


def year_of(value: Any) -> int:
    found = YEAR.search(str(value or ""))
    return int(found.group(0)) if found else 0


def amount(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
