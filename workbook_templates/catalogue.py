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
FIELD_TYPES = ("text", "integer", "date", "choice")
COLUMN_TYPES = ("text", "longtext", "year", "integer", "money", "date", "choice")
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
#: The Thông tin field saying whose workbook it is, and its values.
LEVEL_FIELD = "CAP_BAO_CAO"
LEVEL_BRANCH, LEVEL_UPPER, LEVEL_COMPILED = "Công đoàn cơ sở", "Công đoàn cấp trên (số liệu riêng)", "Tổng hợp"
#: Columns every register row carries: the unit it belongs to (see Register).
UNIT_COLUMNS = (("DON_VI_MA", "Mã đơn vị"), ("DON_VI_TEN", "Tên đơn vị"))

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
    register: str | None = None
    match: tuple[tuple[str, tuple[str, ...]], ...] = ()
    counts_rating: str | None = None
    ratings: tuple[str, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("stock", "flow", "rate")

    @property
    def is_input(self) -> bool:
        """Typed by the officer (rates and register counts are computed by the workbook)."""
        return self.kind != "rate" and not self.is_derived

    @property
    def is_derived(self) -> bool:
        """A count of register rows (e.g. Huân chương from the Khen thưởng register), never typed."""
        return self.register is not None

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
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """One typed column of a register; its cells are named ``<register>_<code>``."""

    code: str
    label: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    required_when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_column: str | None = None
    hint: str = ""

    @property
    def is_number(self) -> bool:
        return self.type in ("year", "integer", "money")


@dataclass(frozen=True)
class Register:
    """A list of named things (awards, models, campaigns, works, documents): one Excel Table.

    Every row also carries the unit's code and name (:data:`UNIT_COLUMNS`):
    blank in a unit's own workbook, filled when the compiler concatenates the
    registers of many units.
    """

    code: str
    sheet: str
    title: str
    columns: tuple[Column, ...]
    rows: int = 20
    year_column: str | None = None
    hint: str = ""

    def column(self, code: str) -> Column:
        return next(c for c in self.columns if c.code == code)

    @property
    def all_columns(self) -> tuple[str, ...]:
        """Column codes in sheet order, the unit's code and name last."""
        return tuple(c.code for c in self.columns) + tuple(code for code, _ in UNIT_COLUMNS)

    def name(self, column: str) -> str:
        """The defined name of one column's cells."""
        return f"{self.code}_{column}"


@dataclass(frozen=True)
class Catalogue:
    version: str
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    relations: tuple[Relation, ...]
    fields: tuple[Field, ...]
    registers: tuple[Register, ...] = ()
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
    def register(self, code: str) -> Register:
        return next(r for r in self.registers if r.code == code)

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
            "registers": [{**clean(r), "columns": [clean(c) for c in r.columns]} for r in self.registers],
        }


def parse_catalogue(data: dict[str, Any]) -> Catalogue:
    """Build and validate a catalogue from its TOML (or JSON) data."""
    try:
        sections = tuple(Section(**s) for s in data["sections"])
        indicators = tuple(_indicator(d) for d in data["indicators"])
        relations = tuple(_relation(d) for d in data.get("relations", ()))
        fields_ = tuple(Field(**{**f, "choices": tuple(f.get("choices", ()))}) for f in data.get("fields", ()))
        registers = tuple(_register(d) for d in data.get("registers", ()))
        catalogue = Catalogue(str(data["catalogue_version"]), sections, indicators, relations, fields_, registers)
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
    d["ratings"] = tuple(d.get("ratings", ()))
    d["match"] = _conditions(d.get("match", {}))
    return Indicator(**d)


def _conditions(d: dict[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{"COLUMN": ["a", "b"]} as a hashable tuple of (column, values)."""
    return tuple((column, tuple(values)) for column, values in dict(d).items())


def _register(d: dict[str, Any]) -> Register:
    d = dict(d)
    columns = []
    for c in d.pop("columns"):
        c = dict(c)
        c["choices"] = tuple(c.get("choices", ()))
        c["required_when"] = _conditions(c.get("required_when", {}))
        columns.append(Column(**c))
    return Register(columns=tuple(columns), **d)


def _relation(d: dict[str, Any]) -> Relation:
    d = dict(d)
    for key in ("parts", "plus", "minus"):
        d[key] = tuple(d.get(key, ()))
    return Relation(**d)


def _validate(cat: Catalogue) -> None:
    problems: list[str] = []
    seen: set[str] = set()
    section_codes = {s.code for s in cat.sections}
    sheet_names = [s.sheet for s in cat.sections] + [r.sheet for r in cat.registers]
    if len(set(sheet_names)) != len(sheet_names):
        problems.append("Hai mục trùng tên trang tính.")
    problems += [f"Tên trang tính quá 31 ký tự: {n}" for n in sheet_names if len(n) > 31]
    all_codes = ([i.code for i in cat.indicators] + [f.code for f in cat.fields] + [r.code for r in cat.registers]
                 + [r.name(c) for r in cat.registers for c in r.all_columns])
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
        if ind.register is not None:
            problems += _derived_problems(cat, ind)
        if ind.counts_rating is not None and (
                ind.kind != "stock" or ind.counts_rating not in cat or cat[ind.counts_rating].kind != "rating"
                or not set(ind.ratings) <= set(cat[ind.counts_rating].choices)):
            problems.append(f"{where}: counts_rating phải là chỉ tiêu xếp loại, ratings trong choices của nó.")
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
        if (f.type == "choice") != bool(f.choices):
            problems.append(f"Thông tin {f.code}: chỉ kiểu choice mới có (và phải có) danh sách choices.")
    if LEVEL_FIELD not in {f.code for f in cat.fields}:
        problems.append(f"Thiếu trường thông tin {LEVEL_FIELD} (cấp của sổ báo cáo).")
    for reg in cat.registers:
        problems += _register_problems(reg)
    if problems:
        raise CatalogueError("Danh mục chỉ tiêu có lỗi:\n- " + "\n- ".join(problems))


def _derived_problems(cat: Catalogue, ind: Indicator) -> list[str]:
    where = f"Chỉ tiêu {ind.code}"
    reg = next((r for r in cat.registers if r.code == ind.register), None)
    if reg is None:
        return [f"{where}: danh sách {ind.register!r} không có trong danh mục."]
    problems = []
    if ind.kind != "flow" or not reg.year_column:
        problems.append(f"{where}: số đếm từ danh sách phải là loại flow, danh sách phải có year_column.")
    for column, values in ind.match:
        col = next((c for c in reg.columns if c.code == column), None)
        if col is None or col.type != "choice" or not set(values) <= set(col.choices):
            problems.append(f"{where}: điều kiện {column} = {list(values)} không khớp cột chọn của {reg.code}.")
    return problems


def _register_problems(reg: Register) -> list[str]:
    where = f"Danh sách {reg.code}"
    problems = []
    codes = [c.code for c in reg.columns]
    if len(set(codes)) != len(codes) or set(codes) & {code for code, _ in UNIT_COLUMNS}:
        problems.append(f"{where}: mã cột trùng nhau hoặc trùng cột đơn vị.")
    if reg.year_column and reg.year_column not in codes:
        problems.append(f"{where}: year_column {reg.year_column!r} không phải cột của danh sách.")
    for col in reg.columns:
        if col.type not in COLUMN_TYPES:
            problems.append(f"{where}, cột {col.code}: kiểu {col.type!r} không hợp lệ.")
        if (col.type == "choice") != bool(col.choices):
            problems.append(f"{where}, cột {col.code}: chỉ kiểu choice mới có (và phải có) danh sách choices.")
        for other, values in col.required_when:
            if other not in codes or not set(values) <= set(reg.column(other).choices):
                problems.append(f"{where}, cột {col.code}: required_when {other} không hợp lệ.")
        if col.max_column and (col.max_column not in codes or not reg.column(col.max_column).is_number):
            problems.append(f"{where}, cột {col.code}: max_column {col.max_column!r} phải là cột số.")
    return problems
