"""The indicator catalogue: a typed, validated view of ``catalogue.toml``.

Everything else in the product derives from this module's :class:`Catalogue`:
the workbook layout, the data validations, the reader, the rules, the
compiler's aggregation and the report. Validation happens once, at load time,
so a mistake in the catalogue surfaces as one clear message instead of a
broken workbook later.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

CATALOGUE_PATH = Path(__file__).with_name("catalogue.toml")

KINDS = ("stock", "flow", "rate", "rating", "yesno", "text")
FIELD_TYPES = ("text", "integer", "date")
RELATION_KINDS = ("le", "sum_le", "identity")

#: Values of a yes/no indicator, as typed in the workbook.
YES, NO = "Có", "Không"

#: Plausibility ceilings of numeric indicators by unit, when an entry states no
#: ``ceiling``/``per_head`` of its own: (absolute ceiling for any workbook, the
#: national one included; ceiling per head of the unit per year). Vietnam's
#: unions count about 11 million members, so 10⁸ people is impossible
#: anywhere; a unit cannot count ten times more people than it has, a hundred
#: participations or things per head a year, or spend 100 million đồng per
#: head a year. A figure above either is a typing mistake (extra zeros, a
#: pasted number), never data.
CEILINGS: dict[str, tuple[float, float]] = {
    "người": (1e8, 10),
    "đồng": (1e16, 1e8),
}
#: The same for every other unit (lượt, cuộc, bằng khen…).
DEFAULT_CEILING: tuple[float, float] = (1e9, 100)
#: Head count used for the per-head ceiling never below this, so tiny units keep some room.
MIN_HEAD_COUNT = 10

# Upper-case ASCII with at least one underscore: never mistaken for a cell
# reference (A1, XFD1048576) or an R1C1 reference by Excel or LibreOffice.
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")


class CatalogueError(ValueError):
    """The catalogue file is inconsistent; the message says where."""


@dataclass(frozen=True)
class Section:
    code: str
    sheet: str
    title: str


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    section: str
    unit: str
    kind: str
    per_year: bool = True
    min: float | None = 0
    max: float | None = None
    required: bool = False
    target: bool = False
    higher_is_better: bool = True
    numerator: str | None = None
    denominator: str | None = None
    choices: tuple[str, ...] = ()
    hint: str = ""
    ceiling: float | None = None       # overrides CEILINGS' absolute ceiling
    per_head: float | None = None      # overrides CEILINGS' ceiling per head and year

    @property
    def upper_bound(self) -> float:
        """The largest plausible value in any workbook: the catalogue's max, else the unit's ceiling."""
        absolute = self.ceiling if self.ceiling is not None else CEILINGS.get(self.unit, DEFAULT_CEILING)[0]
        return absolute if self.max is None else min(self.max, absolute)

    @property
    def per_head_bound(self) -> float:
        """The largest plausible value per head of the unit in one year (see CEILINGS)."""
        return self.per_head if self.per_head is not None else CEILINGS.get(self.unit, DEFAULT_CEILING)[1]

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("stock", "flow", "rate")

    @property
    def is_input(self) -> bool:
        """Typed by the officer (rates are computed by the workbook)."""
        return self.kind != "rate"

    @property
    def is_money(self) -> bool:
        return self.unit == "đồng"


@dataclass(frozen=True)
class Relation:
    code: str
    kind: str
    message: str
    left: str | None = None
    right: str | None = None
    parts: tuple[str, ...] = ()
    total: str | None = None
    stock: str | None = None
    plus: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        """Every indicator code the relation mentions."""
        named = (self.left, self.right, self.total, self.stock)
        return tuple(c for c in named if c) + self.parts + self.plus + self.minus


@dataclass(frozen=True)
class Field:
    code: str
    label: str
    type: str
    required: bool = False
    hint: str = ""


@dataclass(frozen=True)
class Catalogue:
    version: str
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    relations: tuple[Relation, ...]
    fields: tuple[Field, ...]
    _by_code: dict[str, Indicator] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_code.update({i.code: i for i in self.indicators})

    def __getitem__(self, code: str) -> Indicator:
        return self._by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def section(self, code: str) -> Section:
        return next(s for s in self.sections if s.code == code)

    def in_section(self, section_code: str) -> list[Indicator]:
        return [i for i in self.indicators if i.section == section_code]

    @property
    def targets(self) -> list[Indicator]:
        return [i for i in self.indicators if i.target]

    @property
    def head_counts(self) -> list[Indicator]:
        """The stocks of people that rates are taken over (members, workers): a unit's size."""
        denominators = {i.denominator for i in self.indicators if i.kind == "rate"}
        return [i for i in self.indicators if i.code in denominators and i.kind == "stock" and i.unit == "người"]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``baocao catalogue --format json`` and the Lite bundle."""
        def clean(obj: Any) -> dict[str, Any]:
            return {k: (list(v) if isinstance(v, tuple) else v)
                    for k, v in obj.__dict__.items() if not k.startswith("_")}

        return {
            "catalogue_version": self.version,
            "sections": [clean(s) for s in self.sections],
            "indicators": [clean(i) for i in self.indicators],
            "relations": [clean(r) for r in self.relations],
            "fields": [clean(f) for f in self.fields],
        }


def parse_catalogue(data: dict[str, Any]) -> Catalogue:
    """Build and validate a catalogue from its TOML (or JSON) data."""
    try:
        sections = tuple(Section(**s) for s in data["sections"])
        indicators = tuple(_indicator(d) for d in data["indicators"])
        relations = tuple(_relation(d) for d in data.get("relations", ()))
        fields_ = tuple(Field(**f) for f in data.get("fields", ()))
        catalogue = Catalogue(str(data["catalogue_version"]), sections, indicators, relations, fields_)
    except (KeyError, TypeError) as exc:
        raise CatalogueError(f"Danh mục chỉ tiêu thiếu hoặc sai khóa: {exc}") from exc
    _validate(catalogue)
    return catalogue


@cache
def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """Load the catalogue shipped with the product (cached: it is immutable)."""
    with open(path, "rb") as fh:
        return parse_catalogue(tomllib.load(fh))


def _indicator(d: dict[str, Any]) -> Indicator:
    d = dict(d)
    d["choices"] = tuple(d.get("choices", ()))
    return Indicator(**d)


def _relation(d: dict[str, Any]) -> Relation:
    d = dict(d)
    for key in ("parts", "plus", "minus"):
        d[key] = tuple(d.get(key, ()))
    return Relation(**d)


def _validate(cat: Catalogue) -> None:
    problems: list[str] = []
    seen: set[str] = set()
    section_codes = {s.code for s in cat.sections}
    sheet_names = [s.sheet for s in cat.sections]
    if len(set(sheet_names)) != len(sheet_names):
        problems.append("Hai mục trùng tên trang tính.")
    problems += [f"Tên trang tính quá 31 ký tự: {n}" for n in sheet_names if len(n) > 31]
    all_codes = [i.code for i in cat.indicators] + [f.code for f in cat.fields]
    for code in all_codes:
        if not _CODE_RE.match(code):
            problems.append(f"Mã {code!r} phải là chữ in hoa không dấu, có dấu gạch dưới.")
        if code in seen:
            problems.append(f"Mã {code} bị trùng.")
        seen.add(code)
    for ind in cat.indicators:
        where = f"Chỉ tiêu {ind.code}"
        if ind.kind not in KINDS:
            problems.append(f"{where}: loại {ind.kind!r} không hợp lệ (cho phép: {', '.join(KINDS)}).")
        if ind.section not in section_codes:
            problems.append(f"{where}: mục {ind.section!r} không có trong danh mục.")
        if ind.kind == "rate":
            for ref in (ind.numerator, ind.denominator):
                if ref not in cat or cat[ref].kind not in ("stock", "flow"):
                    problems.append(f"{where}: tử số/mẫu số {ref!r} phải là chỉ tiêu số lượng.")
        if ind.kind == "rating" and not ind.choices:
            problems.append(f"{where}: chỉ tiêu xếp loại cần danh sách choices.")
        if ind.kind == "text" and ind.per_year:
            problems.append(f"{where}: chỉ tiêu văn bản ghi một lần cho cả kỳ (per_year = false).")
        if ind.kind != "text" and not ind.per_year:
            problems.append(f"{where}: chỉ tiêu số liệu phải ghi theo từng năm (per_year = true).")
        if ind.target and not ind.is_numeric:
            problems.append(f"{where}: chỉ tiêu loại {ind.kind} không đặt chỉ tiêu Nghị quyết được.")
        for key in ("ceiling", "per_head"):
            bound = getattr(ind, key)
            if bound is not None and not (isinstance(bound, (int, float)) and 0 < bound < float("inf")):
                problems.append(f"{where}: {key} phải là số dương.")
    for rel in cat.relations:
        if rel.kind not in RELATION_KINDS:
            problems.append(f"Ràng buộc {rel.code}: loại {rel.kind!r} không hợp lệ.")
        for ref in rel.codes:
            if ref not in cat or not cat[ref].is_numeric:
                problems.append(f"Ràng buộc {rel.code}: {ref!r} không phải chỉ tiêu số trong danh mục.")
        if rel.kind == "identity" and rel.stock in cat and cat[rel.stock].kind != "stock":
            problems.append(f"Ràng buộc {rel.code}: {rel.stock} phải là chỉ tiêu loại stock.")
    for f in cat.fields:
        if f.type not in FIELD_TYPES:
            problems.append(f"Thông tin {f.code}: kiểu {f.type!r} không hợp lệ.")
    if problems:
        raise CatalogueError("Danh mục chỉ tiêu có lỗi:\n- " + "\n- ".join(problems))
