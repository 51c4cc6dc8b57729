"""Add branch data up by indicator kind (domain guide, section 3). Pure.

:class:`Totals` is an accumulator: the compiler adds one unit at a time and
never holds more than one unit's data, so memory does not grow with the
number of workbooks.

* stock and flow: summed per year (and stocks at the start of the term);
  a year no unit filled stays blank. The term and period values then follow
  from the sums by :func:`workbook_templates.model.figures` (stock at the end,
  flows summed), exactly as the consolidated workbook's own formulas do.
* rate: not added at all; recomputed from the summed numerator and
  denominator by ``figures`` (never averaged).
* rating and yes/no: the number of units per category, per year. A unit's
  blank (or invalid) answer counts in the "not answered" category, so the
  categories of a year add up to the number of units. The figure of a
  period is the count of its last year: the situation at its end.
* targets: never added up. No congress resolution holds the sum of its
  branches' targets: the union's targets are those of its own workbook
  (:func:`with_own`); the branches' own stay on the Theo đơn vị sheet as theirs.
* stocks counted from a rating (``counts_rating``, e.g. CĐCS rated vững mạnh
  or better): the number of units in those categories, each year.
* registers: not here; :mod:`.carry` keeps the rows that travel up, every
  row with its unit's code and name, bounded per child and per register.
* texts: every unit's texts go, unit by unit, to the Văn bản sheet;
  :class:`TextDigest` also gathers them, with the unit's name, into the
  consolidated workbook's own text cells, up to the length the template's
  cells allow. A consolidated input brings its own text cells (its digest),
  not its units' texts (see :func:`compiler.rows.text_rows`).

A consolidated workbook added as one input brings the counts of the units
it compiled (``counts``, ``unit_count``), which is what makes compiling
the groups' consolidated workbooks give the same figures as compiling all
their branches at once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from workbook_templates.catalogue import LEVEL_COMPILED, LEVEL_FIELD, NO, YES, Catalogue, Indicator
from workbook_templates.layout import Layout
from workbook_templates.model import BranchData, RegisterRow, Value, as_number, rate

BLANK_RATING = "Chưa xếp loại"
BLANK_ANSWER = "Chưa trả lời"

#: {indicator code: {category: [count per year]}}
Counts = dict[str, dict[str, list[int]]]


def categories(ind: Indicator) -> tuple[str, ...]:
    """Categories a rating or yes/no indicator is counted in, best first."""
    if ind.kind == "rating":
        return ind.choices + (BLANK_RATING,)
    if ind.kind == "yesno":
        return (YES, NO, BLANK_ANSWER)
    raise ValueError(f"{ind.code} is neither a rating nor a yes/no indicator")


def counted(catalogue: Catalogue) -> list[Indicator]:
    return [i for i in catalogue.indicators if i.kind in ("rating", "yesno")]


def unit_counts(catalogue: Catalogue, data: BranchData) -> Counts:
    """One unit's own answers as counts (1 in its category, each year)."""
    out: Counts = {}
    for ind in counted(catalogue):
        cats = categories(ind)
        table = {c: [0] * len(data.years) for c in cats}
        for k, value in enumerate(data.values.get(ind.code, [None] * len(data.years))):
            table[value if value in cats[:-1] else cats[-1]][k] += 1
        out[ind.code] = table
    return out


def shares(counts: dict[str, list[int]]) -> dict[str, list[float | None]]:
    """Each category's share (%) of the units counted that year."""
    totals = [sum(col) for col in zip(*counts.values())]
    return {c: [rate(n, t) for n, t in zip(row, totals)] for c, row in counts.items()}


def _plus(a: Value, b: Value) -> Value:
    n = as_number(b)
    if n is None:
        return a
    return n if a is None else a + n


@dataclass
class Totals:
    """Running totals of the units added so far."""

    catalogue: Catalogue
    years: list[int]
    unit_count: int = 0
    values: dict[str, list[Value]] = field(default_factory=dict)
    start: dict[str, Value] = field(default_factory=dict)
    counts: Counts = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.years)
        for ind in self.catalogue.indicators:
            if ind.kind in ("stock", "flow"):
                self.values[ind.code] = [None] * n
            if ind.kind == "stock":
                self.start[ind.code] = None
            if ind.kind in ("rating", "yesno"):
                self.counts[ind.code] = {c: [0] * n for c in categories(ind)}

    def add(self, data: BranchData, counts: Counts | None = None, unit_count: int = 1) -> None:
        """Add one input: a branch workbook, or a consolidated one with its own counts."""
        if data.years != self.years:
            raise ValueError(f"{data.unit_code}: years {data.years} differ from {self.years}")
        self.unit_count += unit_count
        for code, sums in self.values.items():
            for k, value in enumerate(data.values.get(code, ())):
                if value is not None:  # a blank adds nothing: most cells, skipped without a call
                    sums[k] = _plus(sums[k], value)
        for code in self.start:
            self.start[code] = _plus(self.start[code], data.start.get(code))
        for code, table in (counts or unit_counts(self.catalogue, data)).items():
            if code in self.counts:
                for category, row in table.items():
                    mine = self.counts[code].setdefault(category, [0] * len(self.years))
                    for k, n in enumerate(row):
                        mine[k] += int(n or 0)

    def data(self, info: dict[str, Value], catalogue_version: str,
             registers: dict[str, list[RegisterRow]]) -> BranchData:
        """The totals as the branch data of the compiling union (a compiled workbook, with no target).

        ``registers`` are the rows carried up (:class:`compiler.carry.RegisterCarry`).
        """
        values = {c: list(v) for c, v in self.values.items()}
        for ind in self.catalogue.indicators:
            if ind.counts_rating:
                table = self.counts[ind.counts_rating]
                wanted = ind.ratings or categories(self.catalogue[ind.counts_rating])[:-1]
                values[ind.code] = [sum(table.get(c, [0] * len(self.years))[k] for c in wanted)
                                    for k in range(len(self.years))]
        return BranchData(
            catalogue_version=catalogue_version, years=list(self.years),
            info={**info, LEVEL_FIELD: LEVEL_COMPILED}, values=values, start=dict(self.start),
            registers={c: list(rows) for c, rows in registers.items()},
        )


def with_own(catalogue: Catalogue, data: BranchData, own: BranchData | None) -> BranchData:
    """The compiled data with the upper union's own workbook beside it (never added to the totals).

    The union's targets are its own resolution's; its own figures and texts
    go to ``own``/``own_texts``; its own register rows (its awards, the
    courses it ran, its documents…) join the registers, with its own code.
    Without an own workbook the compiled data carries no target at all.
    """
    if own is None:
        return data
    data.targets, data.next_targets = dict(own.targets), dict(own.next_targets)
    data.target_marks, data.next_target_marks = dict(own.target_marks), dict(own.next_target_marks)
    blank = [None] * len(data.years)
    for ind in Layout(catalogue, data.years, own=True).own_indicators:
        if ind.per_year:
            data.own[ind.code] = list(own.values.get(ind.code, blank))
        elif own.texts.get(ind.code):
            data.own_texts[ind.code] = own.texts[ind.code]
    for code, rows in own.registers.items():
        data.registers.setdefault(code, []).extend(dict(r) for r in rows)
    return data


class TextDigest:
    """Each text indicator's texts of all units, "- unit: text" per line, up to ``limit`` characters.

    The template's text cells accept 8,000 characters; texts beyond are
    counted and pointed to the Văn bản sheet, which has them all. One unit's
    line is cut at a fifth of the limit (a lower union's own digest is as long
    as the cell), so that a digest of digests still names several units.
    """

    def __init__(self, limit: int = 8000):
        self.limit = limit
        self._line_limit = limit // 5
        self._lines: dict[str, list[str]] = {}
        self._length: Counter = Counter()
        self._left: Counter = Counter()
        self._room = limit - 80  # kept for the closing "và N đơn vị khác" line

    def add(self, code: str, unit_name: str, text: str) -> None:
        line = f"- {unit_name}: {text.strip()}"
        if len(line) > self._line_limit:
            line = line[:self._line_limit].rsplit(" ", 1)[0] + " …"
        if self._left[code] or self._length[code] + len(line) + 1 > self._room:
            self._left[code] += 1
            return
        self._lines.setdefault(code, []).append(line)
        self._length[code] += len(line) + 1

    def texts(self) -> dict[str, str]:
        out = {}
        for code in dict.fromkeys([*self._lines, *self._left]):
            lines = list(self._lines.get(code, []))
            if self._left[code]:
                lines.append(f"… và {self._left[code]} đơn vị khác: xem trang Văn bản.")
            out[code] = "\n".join(lines)
        return out
