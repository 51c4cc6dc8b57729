"""The registry of units (danh sách đơn vị): who reports to whom.

Unit names, codes and parents change (agencies merge, provinces merge), so
nothing in the product hard-codes them: they live in one workbook,
``danh-sach-don-vi.xlsx``, with one sheet and one row per unit:

============  ============  ===========================  =======
Mã đơn vị     Tên đơn vị    Cấp trên                     Ghi chú
============  ============  ===========================  =======
CDVC          Công đoàn …   Liên đoàn Lao động tỉnh …    …
KHOI_1        Công đoàn …   CDVC                         …
CDCS_001      Công đoàn …   KHOI_1                       …
============  ============  ===========================  =======

"Cấp trên" holds the code of another row; only the top unit (the union that
compiles) has instead the plain name of its own parent, which is outside
the registry.

Three optional columns, "Địa danh", "Chủ tịch" and "Khóa", give the top
unit's own document details (the place on the date line, the signer, the
number of its Executive Committee), so the consolidated workbook and the
province report carry them without retyping at every compile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .cells import put
from .files import write_atomically
from .reader import WorkbookError

SHEET = "Danh sách đơn vị"
HEADERS = ("Mã đơn vị", "Tên đơn vị", "Cấp trên", "Ghi chú", "Địa danh", "Chủ tịch", "Khóa")
REGISTRY_FILENAME = "danh-sach-don-vi.xlsx"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    parent: str          # a registry code, or the parent's name for the top unit
    notes: str = ""
    place: str = ""
    chair: str = ""
    committee_number: int | None = None

    @property
    def document_info(self) -> dict[str, str | int]:
        """The Thông tin fields this row fills for the unit's own workbook."""
        info = {"DIA_DANH": self.place, "CHU_TICH": self.chair, "BCH_KHOA": self.committee_number}
        return {code: value for code, value in info.items() if value}


@dataclass(frozen=True)
class Registry:
    """The units and who reports to whom, indexed once so every lookup is a dict access.

    A province registry can list over a hundred thousand units; construction
    and every query are linear in the number of units (or constant).
    """

    units: tuple[Unit, ...]
    _by_code: dict[str, Unit] = field(init=False, repr=False, compare=False)
    _children: dict[str, tuple[Unit, ...]] = field(init=False, repr=False, compare=False)
    _top: Unit = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, Unit] = {}
        dupes: set[str] = set()
        for u in self.units:
            if u.code in by_code:
                dupes.add(u.code)
            by_code[u.code] = u
        if dupes:
            raise ValueError(f"Danh sách đơn vị có mã trùng: {', '.join(sorted(dupes))}.")
        tops = [u for u in self.units if u.parent not in by_code]
        if len(tops) != 1:
            names = ", ".join(u.code for u in tops) or "không có"
            raise ValueError("Danh sách đơn vị phải có đúng một đơn vị cao nhất (cột Cấp trên ghi tên "
                             f"đơn vị bên ngoài danh sách); hiện có: {names}.")
        children: dict[str, list[Unit]] = {}
        for u in self.units:
            children.setdefault(u.parent, []).append(u)
        reached, todo = {tops[0].code}, [tops[0].code]
        while todo:
            for child in children.get(todo.pop(), ()):
                reached.add(child.code)
                todo.append(child.code)
        loop = [u.code for u in self.units if u.code not in reached]
        if loop:
            shown = ", ".join(loop[:10]) + (f" và {len(loop) - 10} mã khác" if len(loop) > 10 else "")
            raise ValueError("Cột Cấp trên tạo thành vòng (đơn vị này là cấp trên của chính mình qua các "
                             f"đơn vị khác), nên các đơn vị sau không thuộc đơn vị cao nhất: {shown}.")
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_children", {code: tuple(units) for code, units in children.items()})
        object.__setattr__(self, "_top", tops[0])

    @property
    def top(self) -> Unit:
        return self._top

    def __getitem__(self, code: str) -> Unit:
        return self._by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def children(self, code: str) -> list[Unit]:
        return list(self._children.get(code, ()))

    def leaves(self, code: str | None = None) -> list[Unit]:
        """The grassroots units under ``code`` (default: the top unit), in registry order, depth first."""
        out: list[Unit] = []
        stack = [iter(self._children.get(code or self._top.code, ()))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif child.code in self._children:
                stack.append(iter(self._children[child.code]))
            else:
                out.append(child)
        return out

    def parent_name(self, unit: Unit) -> str:
        return self._by_code[unit.parent].name if unit.parent in self._by_code else unit.parent


def read_registry(path: str | os.PathLike) -> Registry:
    """Read the registry workbook; errors name the file, sheet and row."""
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same message
        raise WorkbookError(path.name, f"không mở được danh sách đơn vị ({type(exc).__name__}).") from exc
    try:
        if SHEET not in wb.sheetnames:
            raise WorkbookError(path.name, f"không có trang \"{SHEET}\".")
        rows = list(wb[SHEET].iter_rows(values_only=True))
    finally:
        wb.close()
    header_row = next((i for i, r in enumerate(rows) if r and tuple(r[:2]) == HEADERS[:2]), None)
    if header_row is None:
        raise WorkbookError(path.name, f"không tìm thấy dòng tiêu đề {', '.join(HEADERS)}.", sheet=SHEET)
    width = len(HEADERS)
    units = []
    for number, row in enumerate(rows[header_row + 1:], start=header_row + 2):
        cells = [("" if v is None else str(v).strip()) for v in (tuple(row) + (None,) * width)[:width]]
        if not any(cells):
            continue
        if not cells[0] or not cells[1]:
            raise WorkbookError(path.name, "thiếu mã hoặc tên đơn vị.", sheet=SHEET, cell=f"A{number}")
        number_text = cells[6].removesuffix(".0")
        if number_text and not number_text.isdigit():
            raise WorkbookError(path.name, f"cột Khóa phải là số (ví dụ 3), đang ghi {cells[6]!r}.", sheet=SHEET,
                                cell=f"G{number}")
        units.append(Unit(*cells[:6], committee_number=int(number_text) if number_text else None))
    try:
        return Registry(tuple(units))
    except ValueError as exc:
        raise WorkbookError(path.name, str(exc), sheet=SHEET) from exc


def write_registry(path: str | os.PathLike, registry: Registry) -> Path:
    """Write the registry workbook (atomically)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(["DANH SÁCH ĐƠN VỊ BÁO CÁO"])
    ws["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    ws.append([])
    ws.append(list(HEADERS))
    for cell in ws[3]:
        cell.font = Font(name="Times New Roman", bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        cell.alignment = Alignment(horizontal="center")
    for row, unit in enumerate(registry.units, start=4):
        for col, value in enumerate((unit.code, unit.name, unit.parent, unit.notes, unit.place, unit.chair,
                                     unit.committee_number), start=1):
            put(ws.cell(row, col), value)
    for letter, width in zip("ABCDEFG", (16, 60, 40, 70, 14, 24, 8)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
    return write_atomically(path, wb.save)
