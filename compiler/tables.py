"""The tables a consolidated workbook carries for the next level up.

A consolidated workbook (``tong-hop.xlsx``) is a branch workbook of the
compiling union, so the level above can compile it like any other. Sums and
rates travel in the ordinary indicator cells. What the template has no cell
for travels in four tables of the extra sheets, each found through a
workbook-level defined name:

=====================  ==============================================
``TongHop_SoDonVi``    one cell: the number of grassroots units compiled
``TongHop_XepLoai``    header row of the per-year counts of units per
                       rating / yes-no category (sheet Xếp loại)
``TongHop_NopBao``     header row of the completeness table (Tình hình nộp)
``TongHop_VanBan``     header row of the texts of every input (Văn bản)
``TongHop_DauHieu``    one cell: the compile signature (:class:`Signature`)
=====================  ==============================================

Only ``baocao compile`` writes these, and the level above trusts a workbook
as a group's consolidated workbook (replacing that group's units) only when
all of them are there and the signature holds: see :class:`Signature`.

The names are written in mixed case on purpose: the branch reader checks
every upper-case ``CODE_LIKE`` name against the catalogue, and these are not
catalogue codes. Columns are found by their header text, not their position.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from openpyxl.utils import column_index_from_string, get_column_letter

from workbook_templates.reader import Cells, WorkbookError

from .aggregate import Counts

UNIT_COUNT_NAME = "TongHop_SoDonVi"
COUNTS_NAME = "TongHop_XepLoai"
STATUS_NAME = "TongHop_NopBao"
TEXTS_NAME = "TongHop_VanBan"
SIGNATURE_NAME = "TongHop_DauHieu"
NAMES = (UNIT_COUNT_NAME, COUNTS_NAME, STATUS_NAME, TEXTS_NAME)

# Header texts shared by the writer (consolidated.py) and the reader below.
CODE, LABEL, CATEGORY = "Mã chỉ tiêu", "Chỉ tiêu", "Phân loại"
UNIT_CODE, UNIT_NAME, VIA = "Mã đơn vị", "Tên đơn vị", "Qua sổ tổng hợp"
STATUS_HEADERS = (UNIT_CODE, UNIT_NAME, "Cấp trên", "Tình trạng", "Đưa vào tổng hợp", "Tệp", "Ngày lập",
                  "Số lỗi", "Số cảnh báo", "Ghi chú", VIA)
TEXT_HEADERS = (UNIT_CODE, UNIT_NAME, VIA, CODE, LABEL, "Nội dung")


@dataclass(frozen=True)
class Signature:
    """What ``compile`` stamps on a consolidated workbook: who it covers, checked by a digest.

    The text names the catalogue version, the compiling unit, how many
    grassroots units its registry lists and how many are in the totals, a
    digest of those units' codes, and a check digest over all of it. A branch
    workbook typed by hand cannot carry it by accident, and editing any part
    (say, the number of units) breaks the check. It is not a secret (the
    product is open source): it proves the file's origin against mistakes,
    while the level above also matches the units against its own registry.
    """

    catalogue_version: str
    unit_code: str
    registered: int          # grassroots units in the registry of the compiling unit
    units_digest: str        # of their codes
    unit_count: int          # of them with figures in the totals

    PREFIX = "baocao compile 1"

    @classmethod
    def of(cls, catalogue_version: str, unit_code: str, unit_codes: Iterable[str], unit_count: int) -> "Signature":
        codes = sorted(unit_codes)
        return cls(catalogue_version, unit_code, len(codes), units_digest(codes), unit_count)

    def _fields(self) -> list[str]:
        return [self.PREFIX, f"danh mục {self.catalogue_version}", f"đơn vị {self.unit_code}",
                f"{self.registered} CĐCS trong danh sách", f"{self.unit_count} CĐCS có số liệu",
                f"mã CĐCS {self.units_digest}"]

    @property
    def text(self) -> str:
        fields = self._fields()
        return " | ".join(fields + [f"kiểm {_digest(fields)}"])

    @classmethod
    def parse(cls, text: Any) -> "Signature | None":
        """The signature written as ``text``, or None when it is absent, garbled or edited."""
        parts = str(text or "").split(" | ")
        if len(parts) != 7 or parts[0] != cls.PREFIX:
            return None
        try:
            sig = cls(parts[1].removeprefix("danh mục "), parts[2].removeprefix("đơn vị "),
                      int(parts[3].removesuffix(" CĐCS trong danh sách")), parts[5].removeprefix("mã CĐCS "),
                      int(parts[4].removesuffix(" CĐCS có số liệu")))
        except ValueError:
            return None
        return sig if sig.text == str(text) else None


def units_digest(codes: Iterable[str]) -> str:
    """A short digest of a set of unit codes (order does not matter)."""
    return _digest(sorted(codes))


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(["baocao-congdoan/tong-hop", *parts]).encode("utf-8")).hexdigest()[:24]


@dataclass
class RollUp:
    """What a consolidated workbook carries besides its indicator cells."""

    unit_count: int
    counts: Counts = field(default_factory=dict)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    texts: list[dict[str, Any]] = field(default_factory=list)
    signature: Signature | None = None      # None: the tables are there but compile's signature is not


def read_rollup(names: dict[str, Cells], get: Callable[[str, str], Any], source: str,
                texts: bool = True) -> RollUp | None:
    """The tables, or None when the workbook is not a consolidated one.

    ``texts=False`` leaves the Văn bản table unread: the level above takes a
    consolidated workbook's digest from its text cells (:mod:`.carry`), and only
    the report of the workbook itself lists its units' texts.

    Counts must be whole, not negative and at most the number of units
    compiled; anything else is a :class:`WorkbookError` naming ``source``,
    the sheet and the cell.
    """
    if not any(n in names for n in NAMES):
        return None
    missing = [n for n in NAMES if n not in names]
    if missing:
        raise WorkbookError(source, f"có một phần bảng của sổ tổng hợp nhưng thiếu vùng tên {', '.join(missing)}: "
                                    "không phải sổ do lệnh baocao compile lập.")
    sheet, cells = names[UNIT_COUNT_NAME]
    unit_count = _clean(get(sheet, cells[0]))
    if not isinstance(unit_count, int) or isinstance(unit_count, bool) or unit_count < 0:
        raise WorkbookError(source, f"số công đoàn cơ sở được tổng hợp phải là số nguyên không âm, đang ghi "
                                    f"{unit_count!r}.", sheet=sheet, cell=cells[0])
    counts: Counts = {}
    count_sheet = names[COUNTS_NAME][0]
    for number, row, letters in _table_rows(names, get, COUNTS_NAME):
        years = {k: v for k, v in row.items() if isinstance(k, int)}
        for (year, value), letter in zip(years.items(), (letters[k] for k in years)):
            value = 0 if value is None else value
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= unit_count:
                raise WorkbookError(source, f"số đơn vị năm {year} phải là số nguyên từ 0 đến {unit_count} "
                                            f"(số công đoàn cơ sở được tổng hợp), đang ghi {value!r}.",
                                    sheet=count_sheet, cell=f"{letter}{number}")
        counts.setdefault(str(row[CODE]), {})[str(row[CATEGORY])] = [v or 0 for v in years.values()]
    signature = None
    if SIGNATURE_NAME in names:
        sig_sheet, sig_cells = names[SIGNATURE_NAME]
        signature = Signature.parse(get(sig_sheet, sig_cells[0]))
    return RollUp(
        unit_count=unit_count,
        counts=counts,
        statuses=read_table(names, get, STATUS_NAME),
        texts=read_table(names, get, TEXTS_NAME) if texts else [],
        signature=signature,
    )


def read_table(names: dict[str, Cells], get: Callable[[str, str], Any], name: str) -> list[dict[Any, Any]]:
    """Rows below the header row ``name`` until the first blank row."""
    return [row for _, row, _ in _table_rows(names, get, name)]


def _table_rows(names: dict[str, Cells], get: Callable[[str, str], Any],
                name: str) -> Iterator[tuple[int, dict[Any, Any], dict[Any, str]]]:
    """(row number, {header: value}, {header: column letter}) below the header row ``name``."""
    sheet, cells = names[name]
    headers = [_clean(get(sheet, cell)) for cell in cells]
    first_col = column_index_from_string("".join(ch for ch in cells[0] if ch.isalpha()))
    row = int("".join(ch for ch in cells[0] if ch.isdigit())) + 1
    letters = [get_column_letter(first_col + i) for i in range(len(cells))]
    by_header = {h: letter for h, letter in zip(headers, letters) if h is not None}
    while True:
        values = [_clean(get(sheet, f"{letter}{row}")) for letter in letters]
        if all(v is None for v in values):
            return
        yield row, {h: v for h, v in zip(headers, values) if h is not None}, by_header
        row += 1

def _clean(value: Any) -> Any:
    """Blank text is None, whole floats are ints (calamine reads every number as a float)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
