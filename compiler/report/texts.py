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

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from .markup import unmarked

#: Two points whose normalised texts are at least this similar are one point.
SIMILARITY = 0.85

# A leading list marker an officer may type: "-", "–", "+", "•", "*", "1.",
# "2)", "a)", "Một là,".
_MARKER = re.compile(
    r"^\s*(?:[-–—+•*·]+|\d{1,2}[.)]|[a-zđ][)]|(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+là\s*[,:])\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s;,.:/]+$")
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]")
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
        bare = None
        while bare != line:  # "– Một là, …" carries two markers
            bare, line = line, _MARKER.sub("", line, count=1)
        line = _SPACES.sub(" ", line).strip()
        line = _TRAILING.sub("", line).strip()
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
    text = unicodedata.normalize("NFC", text).casefold()
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()


def merge(items: Iterable[tuple[str, str]], by_frequency: bool = True) -> list[Point]:
    """Merge ``(unit name, point)`` pairs into distinct points, first wording kept.

    Points are distinct when their :func:`key` differ and they are less than
    :data:`SIMILARITY` alike or hold different figures. Order: most units first, then first seen
    (``by_frequency=False``: first seen only).
    """
    merged: list[tuple[str, Point]] = []
    for unit, text in items:
        k = key(text)
        if not k:
            continue
        for other_key, point in merged:
            if k == other_key or _alike(k, other_key):
                if unit and unit not in point.units:
                    point.units.append(unit)
                break
        else:
            merged.append((k, Point(text, [unit] if unit else [])))
    points_ = [p for _, p in merged]
    if not by_frequency:
        return points_
    return sorted(points_, key=lambda p: -len(p.units))  # stable: ties keep first-seen order


def _alike(a: str, b: str) -> bool:
    """Nearly the same words and exactly the same figures (a point with other figures is another fact)."""
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY \
        and matcher.ratio() >= SIMILARITY


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
