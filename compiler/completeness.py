"""Who sent what: match the files read against the registry. Pure.

Every registry unit under the compiling union gets one status, and every
file that is not used says why:

* Đã nộp — its workbook is read and goes into the totals;
* Đã nộp, có lỗi số liệu — read, but the rules found a ``Lỗi``: left out of
  the totals unless ``--include-errors``;
* Chưa nộp — no workbook for it;
* Lỗi tệp — the file cannot be used (not an Excel workbook, damaged, another
  catalogue version, another term, no unit code);
* Không có trong danh sách — a workbook of a unit the registry does not list
  under the compiling union;
* Nộp trùng — a second workbook of the same unit: the newest by its
  preparation date (NGAY_LAP; then the file's modification time) is kept,
  the other is reported and never added; also a branch workbook whose
  group's consolidated workbook is already an input;
* Bỏ qua — Excel's lock files (``~$…``), not workbooks at all.

A registry unit that has children is covered by its own consolidated
workbook when there is one (roll-up); otherwise its children are expected
one by one and its row says so. A workbook stands for a group's units only
when it is that group's consolidated workbook, stamped by ``compile`` with
a :class:`~.tables.Signature` over the same grassroots units as this
registry lists under the group; a branch workbook carrying a group's code,
or a consolidated workbook of other units, is a "Lỗi tệp" and never merged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from workbook_templates.registry import Registry, Unit
from workbook_templates.rules import ERROR

from .collect import Submission
from .tables import Signature, units_digest

STATUS_OK = "Đã nộp"
STATUS_DATA_ERRORS = "Đã nộp, có lỗi số liệu"
STATUS_MISSING = "Chưa nộp"
STATUS_BAD_FILE = "Lỗi tệp"
STATUS_UNKNOWN = "Không có trong danh sách"
STATUS_DUPLICATE = "Nộp trùng"
STATUS_SKIPPED = "Bỏ qua"
STATUS_GROUP = "Cấp trung gian"
#: Statuses in the order the summary lists them.
STATUSES = (STATUS_OK, STATUS_DATA_ERRORS, STATUS_MISSING, STATUS_BAD_FILE, STATUS_UNKNOWN, STATUS_DUPLICATE,
            STATUS_SKIPPED)
#: Statuses that make the run end with exit status 1.
ATTENTION = (STATUS_DATA_ERRORS, STATUS_MISSING, STATUS_BAD_FILE, STATUS_UNKNOWN, STATUS_DUPLICATE)


@dataclass
class Entry:
    """What completeness needs of one submission; the rest stays in the spool at ``offset``."""

    path: str
    mtime: float
    unit_code: str
    unit_name: str
    prepared: dt.date | None
    years: tuple[int, ...]
    error: str | None
    errors: int
    warnings: int
    first_error: str = ""       # the first Lỗi found, with its sheet and cell
    unit_count: int = 1
    consolidated: bool = False
    nested: dict[str, int] = field(default_factory=dict)   # statuses inside a consolidated workbook
    offset: int = -1
    signature: Signature | None = None
    catalogue_version: str = ""

    @classmethod
    def of(cls, sub: Submission, offset: int) -> "Entry":
        rollup = sub.rollup
        nested = Counter(str(row.get("Tình trạng") or "") for row in rollup.statuses) if rollup else Counter()
        first = next((i for i in sub.issues if i.severity == ERROR), None)
        first_error = f"trang {first.sheet}, ô {first.cell}: {first.message}" if first and first.sheet else (
            first.message if first else "")
        return cls(sub.path, sub.mtime, sub.unit_code, sub.unit_name, sub.prepared, sub.years, sub.error,
                   sub.errors, sub.warnings, first_error, rollup.unit_count if rollup else 1, rollup is not None,
                   dict(nested), offset, rollup.signature if rollup else None,
                   sub.data.catalogue_version if sub.data else "")


@dataclass
class Row:
    unit_code: str
    unit_name: str
    parent: str
    status: str
    entry: Entry | None = None
    note: str = ""
    included: bool = False


@dataclass
class Completeness:
    years: list[int] | None
    rows: list[Row]
    included: list[Entry]
    include_errors: bool

    @property
    def counts(self) -> Counter:
        return Counter(r.status for r in self.rows)

    @property
    def nested(self) -> Counter:
        """Statuses reported inside the consolidated workbooks that were used."""
        total: Counter = Counter()
        for entry in self.included:
            total.update(entry.nested)
        return total

    @property
    def unit_count(self) -> int:
        """Grassroots units whose figures are in the totals."""
        return sum(e.unit_count for e in self.included)

    @property
    def needs_attention(self) -> bool:
        return any(self.counts[s] or self.nested[s] for s in ATTENTION)


def assess(registry: Registry, entries: list[Entry], lock_files: list[str], include_errors: bool) -> Completeness:
    """Decide the status of every unit and file, and which files go into the totals."""
    top = registry.top
    units = {u.code: u for u in registry.units}
    children: dict[str, list[Unit]] = {}
    for u in registry.units:
        children.setdefault(u.parent, []).append(u)
    years = _term_years(entries)
    rows_for_files: list[Row] = []
    readable: dict[str, list[Entry]] = {}
    bad_by_code: dict[str, list[Entry]] = {}
    for e in entries:
        if e.error is None and list(e.years) != years:
            e.error = (f"Tệp {e.path}: sổ của nhiệm kỳ {e.years[0] - 1}-{e.years[-1]}, khác nhiệm kỳ đang "
                       f"tổng hợp ({years[0] - 1}-{years[-1]}).")
        if e.error is None:
            e.error = _identity_error(registry, children, e)
        if e.error is not None:
            bad_by_code.setdefault(e.unit_code, []).append(e)
        else:
            readable.setdefault(e.unit_code, []).append(e)
    chosen: dict[str, Entry] = {}
    for code, group in readable.items():
        group.sort(key=lambda e: (e.prepared or dt.date.min, e.mtime, e.path))
        chosen[code] = group[-1]
        for older in group[:-1]:
            rows_for_files.append(Row(code, older.unit_name, "", STATUS_DUPLICATE, older,
                                      f"Cùng đơn vị với tệp {group[-1].path} (lập {_date(group[-1].prepared)}); "
                                      f"dùng tệp lập sau, tệp này (lập {_date(older.prepared)}) không cộng."))

    rows: list[Row] = []
    used: set[str] = set()

    def status_of(unit: Unit, entry: Entry) -> Row:
        used.add(unit.code)
        if entry.errors:
            choice = ("vẫn đưa vào tổng hợp theo lựa chọn --include-errors" if include_errors else
                      "không đưa vào tổng hợp (dùng --include-errors để đưa vào)")
            note = f"{entry.errors} lỗi số liệu, {choice}. Lỗi đầu tiên: {entry.first_error}"
            return Row(unit.code, unit.name, unit.parent, STATUS_DATA_ERRORS, entry, note, included=include_errors)
        note = f"Sổ tổng hợp của {entry.unit_count} công đoàn cơ sở." if entry.consolidated else ""
        return Row(unit.code, unit.name, unit.parent, STATUS_OK, entry, note, included=True)

    def walk(code: str) -> None:
        for unit in children.get(code, ()):
            if unit.code in chosen:
                rows.append(status_of(unit, chosen[unit.code]))
            elif unit.code in children:
                rows.append(Row(unit.code, unit.name, unit.parent, STATUS_GROUP, None,
                                "Không có sổ tổng hợp riêng: tổng hợp trực tiếp các đơn vị trực thuộc."))
                walk(unit.code)
            elif unit.code in bad_by_code:
                bad = bad_by_code.pop(unit.code)
                rows.append(Row(unit.code, unit.name, unit.parent, STATUS_BAD_FILE, bad[0], bad[0].error or ""))
                rows_for_files.extend(Row(unit.code, unit.name, unit.parent, STATUS_BAD_FILE, e, e.error or "")
                                      for e in bad[1:])
            else:
                rows.append(Row(unit.code, unit.name, unit.parent, STATUS_MISSING))

    walk(top.code)
    for code, entry in chosen.items():
        if code in used:
            continue
        if code == top.code:
            note = "Mã của chính đơn vị tổng hợp: sổ này không cộng vào tổng hợp."
            rows_for_files.append(Row(code, entry.unit_name, "", STATUS_UNKNOWN, entry, note))
        elif code in units:
            cover = next(a for a in _ancestors(units, code) if a in used)
            note = (f"Đơn vị thuộc {cover}, đã có sổ tổng hợp của {cover} ({chosen[cover].path}): "
                    "không cộng lần nữa.")
            rows_for_files.append(Row(code, entry.unit_name, units[code].parent, STATUS_DUPLICATE, entry, note))
        else:
            note = f"Mã đơn vị {code} không có trong danh sách đơn vị của {top.name}."
            rows_for_files.append(Row(code, entry.unit_name, "", STATUS_UNKNOWN, entry, note))
    for bad in bad_by_code.values():
        rows_for_files.extend(Row(e.unit_code, "", "", STATUS_BAD_FILE, e, e.error or "") for e in bad)
    rows_for_files.extend(Row("", "", "", STATUS_SKIPPED, None, f"{name}: tệp khóa tạm của Excel, không phải "
                                                                 "sổ báo cáo.") for name in lock_files)
    rows += sorted(rows_for_files, key=lambda r: (r.entry.path if r.entry else r.note))
    included = [r.entry for r in rows if r.included and r.entry is not None]
    return Completeness(years, rows, included, include_errors)


def _identity_error(registry: Registry, children: dict[str, list[Unit]], e: Entry) -> str | None:
    """Why ``e`` may not stand for the units it claims, or None.

    Only a consolidated workbook stamped by ``compile`` for the same
    grassroots units as the registry lists under its code replaces them.
    """
    code = e.unit_code
    if code not in registry or code == registry.top.code:
        return None   # reported as not in the registry / the compiling unit's own code
    unit, is_group = registry[code], code in children
    if not e.consolidated:
        if not is_group:
            return None
        return (f"Tệp {e.path}: mã đơn vị {code} (trang Thông tin) là mã của {unit.name}, một cấp trung gian có "
                f"{len(registry.leaves(code))} công đoàn cơ sở trực thuộc. Chỉ sổ tổng hợp do lệnh baocao compile "
                f"lập cho {code} mới thay được số liệu của các đơn vị đó; tệp này là sổ báo cáo của một đơn vị nên "
                "không cộng. Hãy kiểm tra lại mã đơn vị.")
    sig = e.signature
    if sig is None:
        return (f"Tệp {e.path}: có các bảng của sổ tổng hợp nhưng không có dấu hiệu của lệnh baocao compile ở "
                "trang Tổng hợp (hoặc dấu hiệu đã bị sửa), nên không biết đây là sổ tổng hợp của những đơn vị nào: "
                "không cộng. Hãy gửi đúng tệp tong-hop.xlsx do lệnh baocao compile lập, không sửa tay.")
    if (sig.unit_code, sig.catalogue_version, sig.unit_count) != (code, e.catalogue_version, e.unit_count):
        return (f"Tệp {e.path}: dấu hiệu của lệnh baocao compile (đơn vị {sig.unit_code}, {sig.unit_count} công "
                f"đoàn cơ sở, danh mục {sig.catalogue_version}) không khớp với nội dung sổ (đơn vị {code}, "
                f"{e.unit_count} công đoàn cơ sở, danh mục {e.catalogue_version}): sổ đã bị sửa sau khi tổng hợp; "
                "không cộng.")
    if not is_group:
        return (f"Tệp {e.path}: là sổ tổng hợp của {sig.unit_count} công đoàn cơ sở, nhưng trong danh sách đơn vị "
                f"{code} ({unit.name}) không có đơn vị trực thuộc: không cộng.")
    expected = registry.leaves(code)
    if sig.registered != len(expected) or sig.units_digest != units_digest(u.code for u in expected):
        return (f"Tệp {e.path}: sổ tổng hợp của {code} được lập theo một danh sách {sig.registered} công đoàn cơ "
                f"sở, khác danh sách đơn vị đang dùng ({len(expected)} công đoàn cơ sở thuộc {code}): không cộng, "
                f"để không mất hay cộng thừa đơn vị nào. Hãy tổng hợp lại {code} theo danh sách đơn vị của cấp trên.")
    if sig.unit_count > sig.registered:
        return (f"Tệp {e.path}: sổ tổng hợp ghi {sig.unit_count} công đoàn cơ sở có số liệu, nhiều hơn "
                f"{sig.registered} đơn vị trong danh sách của {code}: không cộng.")
    return None


def _term_years(entries: list[Entry]) -> list[int] | None:
    """The term most readable workbooks belong to (the later one on a tie)."""
    tally = Counter(e.years for e in entries if e.error is None and e.years)
    if not tally:
        return None
    return list(max(tally, key=lambda years: (tally[years], years)))


def _ancestors(units: dict[str, Unit], code: str) -> list[str]:
    out = []
    while code in units and units[code].parent in units:
        code = units[code].parent
        out.append(code)
    return out


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "không ghi ngày"
