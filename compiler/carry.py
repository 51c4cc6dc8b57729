"""What a level carries up to the next: bounded by its direct children, the rest left where it is owned.

A national roll-up of some 130,000 grassroots units goes through levels
(CĐCS → district or sector union → province → nation). If every level
passed up every register row of every descendant, the nation's workbook
would hold millions of rows, past Excel's and the reader's limits, and the
main process would hold them all. So:

* a consolidated input (a lower union's ``tong-hop.xlsx``) brings, per
  register, every award received from Huân chương up and its
  :data:`ROWS_PER_CHILD` weightiest other rows, ranked by
  :mod:`.weights` (the ranking the report names them by); the other rows
  stay in that union's own ``tong-hop.xlsx``;
* a branch workbook brings all its rows (the template's form bounds them:
  at most a few dozen a register);
* whatever the inputs, a register holds at most :data:`ROWS_PER_REGISTER`
  rows, the weightiest (ties: the inputs' order), so memory stays flat in
  the number of units: rows beyond are dropped while adding up, never held.

:class:`RegisterCarry` counts what it left out, per consolidated child and
in all, for the notes of the consolidated workbook (:func:`notes`).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from workbook_templates.catalogue import Catalogue
from workbook_templates.model import RegisterRow
from workbook_templates.rules import show_value

from .weights import always_carried, order

#: Rows a consolidated child brings per register, besides its awards from Huân chương up. The
#: report of a union names at most 8 awards, 6 models, 5 works of all its units: ten of each
#: child's weightiest leave the level above its choice even with a single child, and 63
#: provinces bring at most 630 rows a register to the nation.
ROWS_PER_CHILD = 10
#: Rows of one register in a consolidated workbook. 10,000 award rows of 9 columns are 90,000
#: named cells (limits: 500,000 a name), all six registers at most 430,000 (limits: 2,000,000 in
#: all, leaving room for the rest of the workbook); held as dicts while adding up they take some
#: tens of MiB (32 MiB traced at 10,000 direct CĐCS), whatever the number of units. A province of
#: 2,100 generated CĐCS lists about 18,000 awards: the 10,000 weightiest stay, the rest in the CĐCS' workbooks.
ROWS_PER_REGISTER = 10_000


@dataclass
class Left:
    """Rows of one register a consolidated child did not carry up: they are in its own tong-hop.xlsx."""

    unit_code: str
    unit_name: str
    register: str
    rows: int


@dataclass
class RegisterCarry:
    """The register rows a level carries up, bounded per child and per register (see the module docstring)."""

    catalogue: Catalogue
    per_child: int = ROWS_PER_CHILD
    per_register: int = ROWS_PER_REGISTER
    left: list[Left] = field(default_factory=list)          # per consolidated child, per register
    cut: Counter = field(default_factory=Counter)           # register -> rows beyond per_register
    _kept: dict[str, list[tuple[tuple, int, RegisterRow]]] = field(default_factory=dict)
    _seq: int = 0

    def __post_init__(self) -> None:
        self._kept = {reg.code: [] for reg in self.catalogue.registers}

    def add(self, unit_code: str, unit_name: str, registers: dict[str, list[RegisterRow]],
            consolidated: bool) -> None:
        """One input's rows: all of a branch's, a consolidated child's weightiest."""
        for code, rows in registers.items():
            if consolidated:
                rows = self._of_child(unit_code, unit_name, code, rows)
            key = order(code)
            kept = self._kept.setdefault(code, [])
            for row in rows:
                kept.append((key(row), self._seq, {column: _shared(value) for column, value in row.items()}))
                self._seq += 1
            if len(kept) > 2 * self.per_register:
                self._prune(code)

    def _of_child(self, unit_code: str, unit_name: str, code: str,
                  rows: list[RegisterRow]) -> Iterable[RegisterRow]:
        """The child's awards from Huân chương up and its ``per_child`` weightiest other rows, in its order."""
        key = order(code)
        others = [k for k, row in enumerate(rows) if not always_carried(code, row)]
        chosen = set(sorted(others, key=lambda k: (key(rows[k]), k))[:self.per_child])
        if len(others) > len(chosen):
            self.left.append(Left(unit_code, unit_name, code, len(others) - len(chosen)))
        return [row for k, row in enumerate(rows) if k in chosen or always_carried(code, row)]

    def _prune(self, code: str) -> None:
        kept = sorted(self._kept[code], key=lambda t: (t[0], t[1]))
        self.cut[code] += max(0, len(kept) - self.per_register)
        self._kept[code] = kept[:self.per_register]

    def rows(self) -> dict[str, list[RegisterRow]]:
        """Every register's carried rows, in the inputs' order."""
        for code in self._kept:
            if len(self._kept[code]) > self.per_register:
                self._prune(code)
        return {code: [row for _, _, row in sorted(kept, key=lambda t: t[1])] for code, kept in self._kept.items()}


def _shared(value: object) -> object:
    """One copy of each text: a register's choices, authorities and unit names repeat in thousands of rows."""
    return sys.intern(value) if type(value) is str else value


#: Units named in a note before "và N đơn vị khác".
NAMED = 30


def texts_note(lower: list[str]) -> str | None:
    """The Văn bản sheet's line when consolidated inputs (``lower``, by name) brought their digests."""
    if not lower:
        return None
    return ("Mỗi sổ tổng hợp cấp dưới đưa lên một nội dung cho mỗi chỉ tiêu: phần tóm tắt trong các ô của sổ đó. "
            "Nội dung đầy đủ của từng đơn vị: xem trang Văn bản trong sổ tổng hợp của " + _named(lower) + ".")


def register_notes(catalogue: Catalogue, carry: RegisterCarry) -> dict[str, str]:
    """Per register sheet, a line saying what this workbook holds and where the rest is; none when all is here."""
    out = {}
    for reg in catalogue.registers:
        left = [x for x in carry.left if x.register == reg.code]
        parts = [f"… và {show_value(x.rows)} dòng khác: xem sổ tổng hợp của {x.unit_name} ({x.unit_code})"
                 for x in left[:NAMED]]
        if len(left) > NAMED:
            parts.append(f"… và {show_value(sum(x.rows for x in left[NAMED:]))} dòng khác của {len(left) - NAMED} đơn vị khác: "
                         "xem sổ tổng hợp của từng đơn vị")
        if carry.cut[reg.code]:
            parts.append(f"… và {show_value(carry.cut[reg.code])} dòng khác, ít tiêu biểu hơn, vượt giới hạn "
                         f"{show_value(carry.per_register)} dòng "
                         "của sổ tổng hợp: xem sổ của từng đơn vị (cột Mã đơn vị)")
        if parts:
            out[reg.sheet] = ("Sổ tổng hợp này giữ các dòng tiêu biểu nhất của mỗi đơn vị trực thuộc (mọi khen thưởng "
                              f"từ Huân chương trở lên và tối đa {carry.per_child} dòng khác của mỗi sổ tổng hợp "
                              "cấp dưới). " + "; ".join(parts) + ".")
    return out


def _named(units: list[str]) -> str:
    shown = ", ".join(units[:NAMED])
    return shown + (f" và {len(units) - NAMED} đơn vị khác" if len(units) > NAMED else "")
