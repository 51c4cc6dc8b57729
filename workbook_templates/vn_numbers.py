"""Recognise numbers typed as text the Vietnamese way in Excel cells.

Union officers often type figures into cells as text, the way they write them
in reports: ``3.120`` (dot = thousands), ``4,4 tỷ đồng`` (comma = decimal,
scale word, currency), ``98,5%``, ``45 cháu``, ``khoảng 20,7 triệu đồng``.
:func:`parse_vn_number` turns such a text into the number it means.

Rules, in order:

* Unicode is normalised to NFC, non-breaking / thin spaces count as spaces,
  case is ignored.
* Leading approximation words (``khoảng``, ``hơn``, ``gần``, ``trên``, ...)
  are dropped: they say how a figure was rounded, not what it is.
* An optional sign (``-``, ``+``, ``−``).
* The digits:

  - spaces between groups of exactly three digits are thousands separators
    (``1 234 567``); a dot or comma after them is then the decimal mark;
  - with both dots and commas, the separator that comes last (and appears
    once) is the decimal mark, the other one groups thousands
    (``1.234.567,89`` and ``1,234,567.89``);
  - several dots, or several commas, group thousands (``458.500.000``,
    ``1,234,567``);
  - a single dot followed by exactly three digits, after a 1-3 digit group
    not starting with 0, groups thousands (``1.500`` is 1500); any other
    single dot is a decimal typed the English way (``1.5``, ``0.500``);
  - a single comma is the Vietnamese decimal mark (``2,5``; also ``1,234``
    which therefore means 1.234, not 1234).

* Optional scale words, multiplied together: ``nghìn``/``ngàn``/``k``,
  ``triệu``/``tr``, ``tỷ``/``tỉ``, ``trăm`` (so ``1,2 nghìn tỷ`` is 1.2e12).
* An optional unit from a known list (``đồng``/``đ``/``VNĐ``/``₫``,
  ``người``, ``lượt``, ``cháu``, ``%``, ...), returned normalised in lower
  case; ``đồng/người`` style compound units are accepted too.

Anything else (``không có``, ``12a3``, ``44/45``, a date) is not a number and
gives ``None``. Arithmetic is done with :class:`decimal.Decimal`, so
``4,4 tỷ`` is exactly ``4400000000``; whole values come back as ``int``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["ParsedNumber", "parse_vn_number", "UNIT_ALIASES", "SCALE_WORDS"]


@dataclass(frozen=True)
class ParsedNumber:
    value: int | float  # the number meant, in base units (đồng for money)
    text: str  # the original text
    unit: str | None  # recognised unit word, normalised, lower case; or None


# Words that only say how a figure was rounded; dropped before parsing.
# Longer phrases first so that "ước tính" wins over "ước".
_APPROX_WORDS = (
    "xấp xỉ",
    "ước tính",
    "ước khoảng",
    "khoảng",
    "chừng",
    "hơn",
    "gần",
    "trên",
    "dưới",
    "ước",
)

# Scale words and their multipliers (lower case, NFC).
SCALE_WORDS: dict[str, int] = {
    "trăm": 100,
    "tram": 100,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "k": 1_000,
    "triệu": 1_000_000,
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
    "ty": 1_000_000_000,
}

# Unit spellings (lower case, NFC, single spaces) -> normalised unit.
UNIT_ALIASES: dict[str, str] = {
    # money
    "đồng": "đồng",
    "dong": "đồng",
    "đ": "đồng",
    "đ.": "đồng",
    "₫": "đồng",
    "vnđ": "đồng",
    "vnd": "đồng",
    "vnđ.": "đồng",
    "đồng việt nam": "đồng",
    # percentages
    "%": "%",
    "phần trăm": "%",
    # people and counts common in union reports
    "người": "người",
    "lượt": "lượt",
    "lượt người": "lượt người",
    "cháu": "cháu",
    "em": "em",
    "học sinh": "học sinh",
    "đoàn viên": "đoàn viên",
    "công đoàn viên": "công đoàn viên",
    "đảng viên": "đảng viên",
    "cán bộ": "cán bộ",
    "công chức": "công chức",
    "viên chức": "viên chức",
    "lao động": "lao động",
    "người lao động": "người lao động",
    "công nhân": "công nhân",
    "cnvclđ": "cnvclđ",
    "cnvcld": "cnvclđ",
    "hộ": "hộ",
    "gia đình": "gia đình",
    "trường hợp": "trường hợp",
    "lần": "lần",
    "suất": "suất",
    "phần quà": "phần quà",
    "phần": "phần",
    "cuộc": "cuộc",
    "lớp": "lớp",
    "buổi": "buổi",
    "hội nghị": "hội nghị",
    "tổ": "tổ",
    "tổ công đoàn": "tổ công đoàn",
    "công đoàn": "công đoàn",
    "công đoàn bộ phận": "công đoàn bộ phận",
    "công đoàn cơ sở": "công đoàn cơ sở",
    "cđcs": "công đoàn cơ sở",
    "đơn vị": "đơn vị",
    "cơ sở": "cơ sở",
    "chi bộ": "chi bộ",
    "sáng kiến": "sáng kiến",
    "đề tài": "đề tài",
    "công trình": "công trình",
    "nhà": "nhà",
    "căn": "căn",
    "mái ấm": "mái ấm",
    "ngày": "ngày",
    "tháng": "tháng",
    "năm": "năm",
    "giờ": "giờ",
}

_SPACE_CHARS = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_SIGNS = {"-": -1, "−": -1, "–": -1, "+": 1}

# Sign, then a run of digits possibly separated by single dots, commas or
# spaces (each separator must be followed by a digit), then the rest.
_NUMBER_RE = re.compile(r"(?P<sign>[-+−–]?)\s?(?P<num>\d+(?:[., ]\d+)*)(?P<rest>.*)")

_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")

_SCALE_RE = re.compile(
    r"\s*(?P<word>"
    + "|".join(sorted((re.escape(w) for w in SCALE_WORDS), key=len, reverse=True))
    + r")(?!\w)"
)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_CHARS.sub(" ", text)
    return text.strip().lower()


def _strip_approx_words(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in _APPROX_WORDS:
            if text.startswith(word + " "):
                text = text[len(word) + 1 :].lstrip()
                changed = True
                break
    return text


def _digits_to_decimal(num: str) -> Decimal | None:
    """Turn the digit run (with . , and space separators) into a Decimal."""
    if " " in num:
        if not _SPACE_GROUPED.fullmatch(num):
            return None
        num = num.replace(" ", "")
        # After space grouping, a remaining dot or comma is the decimal mark.
        if num.count(".") + num.count(",") > 1:
            return None
        return Decimal(num.replace(",", "."))

    dots, commas = num.count("."), num.count(",")
    if dots and commas:
        last = max(num.rfind("."), num.rfind(","))
        decimal_mark = num[last]
        thousands = "," if decimal_mark == "." else "."
        int_part, frac_part = num[:last], num[last + 1 :]
        if decimal_mark in int_part:
            return None
        pattern = _COMMA_THOUSANDS if thousands == "," else _DOT_THOUSANDS
        if not pattern.fullmatch(int_part):
            return None
        return Decimal(int_part.replace(thousands, "") + "." + frac_part)
    if dots > 1:
        return Decimal(num.replace(".", "")) if _DOT_THOUSANDS.fullmatch(num) else None
    if dots == 1:
        if _DOT_THOUSANDS.fullmatch(num):
            return Decimal(num.replace(".", ""))
        return Decimal(num)  # a decimal typed the English way
    if commas > 1:
        return (
            Decimal(num.replace(",", "")) if _COMMA_THOUSANDS.fullmatch(num) else None
        )
    if commas == 1:
        return Decimal(num.replace(",", "."))  # the Vietnamese decimal mark
    return Decimal(num)


def _lookup_unit(rest: str) -> tuple[bool, str | None]:
    """Return (ok, unit) for the text after the number and scale words."""
    rest = rest.strip()
    if not rest:
        return True, None
    if rest in UNIT_ALIASES:
        return True, UNIT_ALIASES[rest]
    if rest.endswith(".") and rest[:-1].rstrip() in UNIT_ALIASES:
        return True, UNIT_ALIASES[rest[:-1].rstrip()]
    if "/" in rest:
        left, _, right = (part.strip() for part in rest.partition("/"))
        if left in UNIT_ALIASES and right in UNIT_ALIASES:
            return True, f"{UNIT_ALIASES[left]}/{UNIT_ALIASES[right]}"
    return False, None


def parse_vn_number(text: str) -> ParsedNumber | None:
    """Return the number a Vietnamese-formatted text means, or None if it is not a number."""
    if not isinstance(text, str):
        return None
    work = _strip_approx_words(_normalise(text))
    match = _NUMBER_RE.fullmatch(work)
    if match is None:
        return None

    try:
        magnitude = _digits_to_decimal(match["num"])
    except InvalidOperation:
        return None
    if magnitude is None:
        return None

    rest = match["rest"]
    multiplier = 1
    while True:
        scale = _SCALE_RE.match(rest)
        if scale is None:
            break
        multiplier *= SCALE_WORDS[scale["word"]]
        rest = rest[scale.end() :]

    ok, unit = _lookup_unit(rest)
    if not ok:
        return None

    sign = _SIGNS.get(match["sign"], 1)
    value = sign * magnitude * multiplier
    if value == value.to_integral_value():
        number: int | float = int(value)
    else:
        number = float(value)
    return ParsedNumber(value=number, text=text, unit=unit)
