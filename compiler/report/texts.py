"""Branch narrative texts: split into points, de-duplicated, grouped by task area.

Officers type one point per line in the Nội dung sheet ("Mỗi ý một dòng"),
often with their own dashes, numbers and closing semicolons. The report
re-punctuates every list itself, so a point is kept bare here. Across the
units of a consolidated workbook the same limitation comes back in slightly
different words; near-identical points are merged and remember every unit
that raised them, so the report can say how widespread a problem is.

Pure functions: no file, no Word, no template.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .markup import unmarked

#: Two points sharing at least this share of the larger one's words are one point.
SIMILARITY = 0.75

# A leading list marker an officer may type: "-", "–", "+", "•", "*", "1.",
# "2)", "a)", "Một là,".
_MARKER = re.compile(
    r"^\s*(?:[-–—+•*·]+|\d{1,2}[.)]|[a-zđ][)]|(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+là\s*[,:])\s*",
    re.IGNORECASE,
)
_TRAILING = " \t;,.:/"
_WORDS = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")

# Words that tie a point to one of the eight task areas of the congress
# outline (domain.md section 2), keyed by catalogue section code and listed in
# the outline's order. Matching is on lower-case phrases; the area with most
# hits wins, ties go to the earlier area.
AREA_KEYWORDS: dict[str, tuple[str, ...]] = {
    "CHAM_LO": ("chăm lo", "đời sống", "quyền lợi", "quyền, lợi ích", "lợi ích", "chế độ", "chính sách", "thăm hỏi",
                "thu nhập", "việc làm", "hội nghị cán bộ", "quy chế phối hợp", "dân chủ", "điều kiện làm việc",
                "phúc lợi"),
    "TUYEN_TRUYEN": ("tuyên truyền", "giáo dục", "học tập", "tư tưởng", "phổ biến", "văn hóa", "văn nghệ",
                     "thể thao", "thể dục", "pháp luật", "chính trị"),
    "THI_DUA": ("thi đua", "khen thưởng", "sáng kiến", "sáng tạo", "lao động giỏi", "danh hiệu"),
    "TO_CHUC": ("phát triển đoàn viên", "kết nạp", "tổ công đoàn", "cán bộ công đoàn", "ban chấp hành",
                "tổ chức công đoàn", "sinh hoạt", "nội dung, phương thức", "phương thức hoạt động",
                "bồi dưỡng", "tập huấn", "vững mạnh", "đoàn viên mới"),
    "NU_CONG": ("nữ công", "phụ nữ", "nữ đoàn viên", "bình đẳng giới", "giỏi việc nước"),
    "XA_HOI": ("từ thiện", "nhân đạo", "xã hội", "ủng hộ", "quỹ", "hiến máu", "vì người nghèo"),
    "KIEM_TRA": ("kiểm tra", "giám sát", "tài chính", "đơn thư", "khiếu nại", "tố cáo", "đoàn phí",
                 "kinh phí công đoàn"),
    "XAY_DUNG_DANG": ("xây dựng đảng", "đảng viên", "cấp ủy", "chính quyền", "cải cách hành chính",
                      "cơ quan văn hóa", "kết nạp đảng"),
}


#: The eight task areas (catalogue section codes) in the congress outline's order.
OUTLINE = tuple(AREA_KEYWORDS)


@dataclass
class Point:
    """One point of a narrative text and the units that made it."""

    text: str
    units: list[str] = field(default_factory=list)


@dataclass
class Group:
    """Points about one task area; ``area`` is a catalogue section code or ``None`` (general)."""

    area: str | None
    points: list[Point] = field(default_factory=list)


def points(text: str | None) -> list[str]:
    """A narrative cell as bare points: one per line, markers and end punctuation removed.

    >>> points("- Tuyên truyền còn hình thức;\\n2. Chưa có quy chế phối hợp.")
    ['Tuyên truyền còn hình thức', 'Chưa có quy chế phối hợp']
    """
    if not text:
        return []
    out = []
    for line in unmarked(str(text)).replace("\r", "\n").split("\n"):
        while _MARKER.match(line):  # "– Một là, …" carries two markers
            bare, line = line, _MARKER.sub("", line, count=1)
            if bare == line:
                break
        line = " ".join(line.split()).rstrip(_TRAILING).rstrip()
        if line:
            out.append(line[:1].upper() + line[1:])
    return out


def is_digest(text: str | None, unit_names: Iterable[str]) -> bool:
    """True for a text that lists units' texts ("- Công đoàn …: …", a unit per entry).

    The compiler fills the consolidated workbook's own text cells that way;
    a union that writes its own words there is quoted instead.
    """
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    heads = tuple(f"- {name}:" for name in unit_names if name)
    return bool(lines) and bool(heads) and lines[0].startswith(heads)


def key(text: str) -> str:
    """Comparison form of a point: case, punctuation and spacing ignored."""
    return " ".join(_WORDS.findall(unicodedata.normalize("NFC", text).casefold()))


def merge(items: Iterable[tuple[str, str]], by_frequency: bool = True) -> list[Point]:
    """Merge ``(unit name, point)`` pairs into distinct points, first wording kept.

    Two points are one when their :func:`key` are equal, or when they share
    at least :data:`SIMILARITY` of the larger one's words and they hold the
    same figures (a point with other figures is another fact). Order: most
    units first, then first seen (``by_frequency=False``: first seen only).

    Near-duplicates are found through an inverted index with prefix
    filtering (words ordered rarest first; two sets that alike must share a
    word among the first few of each), so the work grows with the number of
    points, not with its square: 2,000 units' texts merge in well under a
    second.
    """
    keys: dict[str, str] = {}   # many units type the very same sentence: key each text once
    entries = [(unit, text, keys.get(text) or keys.setdefault(text, key(text))) for unit, text in items]
    entries = [e for e in entries if e[2]]
    frequency: dict[str, int] = {}
    for k in {e[2] for e in entries}:
        for word in set(k.split()):
            frequency[word] = frequency.get(word, 0) + 1
    by_key: dict[str, int] = {}          # key -> index of its point
    index: dict[tuple, list[int]] = {}   # (figures, word of a point's prefix) -> points
    shapes: list[frozenset[str]] = []
    merged: list[Point] = []
    seen: list[set[str]] = []            # each point's units, for a membership test that does not grow with them
    for unit, text, k in entries:
        found = by_key.get(k)
        if found is None:
            words = frozenset(k.split())
            figures = tuple(_DIGITS.findall(k))   # points with other figures are other facts: never candidates
            prefix = _prefix(words, frequency)
            candidates = sorted({i for w in prefix for i in index.get((figures, w), ())})
            found = next((i for i in candidates if _alike(words, shapes[i]) >= SIMILARITY), None)
            if found is None:
                found = len(merged)
                merged.append(Point(text, []))
                seen.append(set())
                shapes.append(words)
                for w in prefix:
                    index.setdefault((figures, w), []).append(found)
            by_key[k] = found
        if unit and unit not in seen[found]:
            seen[found].add(unit)
            merged[found].units.append(unit)
    if not by_frequency:
        return merged
    return sorted(merged, key=lambda p: -len(p.units))  # stable: ties keep first-seen order


def _prefix(words: frozenset[str], frequency: dict[str, int]) -> list[str]:
    """The rarest words of a set, enough that any set :data:`SIMILARITY` alike shares one of them."""
    ordered = sorted(words, key=lambda w: (frequency.get(w, 0), w))
    keep = len(ordered) - math.ceil(SIMILARITY * len(ordered)) + 1
    return ordered[:max(1, keep)]


def _alike(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the larger set's words: "… và lãnh đạo cơ quan" is "… và Ban Giám hiệu"."""
    return len(a & b) / max(len(a), len(b)) if a or b else 1.0


def area_of(text: str, areas: Sequence[str] = OUTLINE) -> str | None:
    """The task area a point is about, or ``None`` when no keyword says."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    best, best_hits = None, 0
    for area in areas:
        hits = sum(lowered.count(word) for word in AREA_KEYWORDS.get(area, ()))
        if hits > best_hits:
            best, best_hits = area, hits
    return best


def group(points_: Sequence[Point], areas: Sequence[str] = OUTLINE) -> list[Group]:
    """Points grouped by task area in outline order; the general group last."""
    groups: dict[str | None, Group] = {}
    for point in points_:
        area = area_of(point.text, areas)
        groups.setdefault(area, Group(area)).points.append(point)
    ordered = [groups[a] for a in areas if a in groups]
    if None in groups:
        ordered.append(groups[None])
    return ordered
