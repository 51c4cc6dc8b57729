"""Where each aggregated figure came from: which units, which cells.

For every input cell of the template (a year of an indicator, a stock's
start, a target) the compiler records the units whose workbook had a value
there and the cell it sat in. Unit indices are kept in compact integer
arrays, a few bytes per unit and figure, and the Nguồn sheet gets one row
per figure: its consolidated value, its cell in ``tong-hop.xlsx``, the
source cell and the units.
"""

from __future__ import annotations

from array import array

from workbook_templates.catalogue import Catalogue
from workbook_templates.cells import MAX_TEXT
from workbook_templates.layout import NEXT_TARGET_SUFFIX, START_SUFFIX, TARGET_SUFFIX, Layout, quote_sheet
from workbook_templates.model import BranchData, Value, is_filled
from workbook_templates.reader import Cells


HEADERS = ("Mã chỉ tiêu", "Chỉ tiêu", "Cột", "Giá trị tổng hợp", "Ô trong sổ tổng hợp", "Số đơn vị có số liệu",
           "Ô trong sổ đơn vị", "Đơn vị có số liệu")
COUNTED_NOTE = "Số đơn vị theo từng loại: xem trang Xếp loại"


class Provenance:
    """Accumulates, unit by unit, which cells fed which figure."""

    def __init__(self, catalogue: Catalogue, years: list[int]):
        self.catalogue = catalogue
        self.layout = Layout(catalogue, years)
        self.units: list[str] = []
        self._sources: dict[tuple[str, int], dict[str, array]] = {}
        self._addresses: dict[tuple[str, int], str] = {}

    def add(self, unit_code: str, data: BranchData, cells: dict[str, Cells] | None) -> None:
        """Record the filled input cells of one unit (``cells``: None when laid out as the template)."""
        index = len(self.units)
        self.units.append(unit_code)
        sources, addresses = self._sources, self._addresses
        for name, k, value in _inputs(self.catalogue, data, targets=False):
            if not is_filled(value):
                continue
            key = (name, k)
            if cells is not None and name in cells:
                sheet, places = cells[name]
                address = f"{quote_sheet(sheet)}!{places[k]}"
            else:
                address = addresses.get(key) or self._address(name, k)
            by_address = sources.get(key)
            if by_address is None:
                by_address = sources[key] = {}
            units = by_address.get(address)
            if units is None:
                units = by_address[address] = array("I")
            units.append(index)

    def rows(self, total: BranchData) -> list[list[Value]]:
        """One row per figure of the consolidated workbook ``total``, in catalogue order."""
        out: list[list[Value]] = []
        for name, k, value in _inputs(self.catalogue, total, every=True):
            ind = self.catalogue[_code(name)]
            shown = COUNTED_NOTE if ind.kind in ("rating", "yesno") else value
            sources = self._sources.get((name, k), {})
            here = self._address(name, k)
            if not sources:
                out.append([ind.code, ind.label, self._column(name, k), shown, here, 0, "", ""])
            for address, units in sources.items():
                out.append([ind.code, ind.label, self._column(name, k), shown, here, len(units), address,
                            self._units_text(units)])
        for ind in self.catalogue.indicators:
            if ind.kind == "rate":
                num, den = self.catalogue[ind.numerator], self.catalogue[ind.denominator]
                out.append([ind.code, ind.label, "Các năm và cả nhiệm kỳ", "Tính lại, không lấy trung bình",
                            self._address(ind.code, 0), None, "",
                            f"Tính từ tổng “{num.label}” chia tổng “{den.label}”, nhân 100."])
        return out

    def _address(self, name: str, k: int) -> str:
        """Where the template puts item ``k`` of ``name``: 'Tổ chức'!E7."""
        key = (name, k)
        if key not in self._addresses:
            place = self.layout.places[name]
            self._addresses[key] = f"{quote_sheet(place.sheet)}!{place.cell(k)}"
        return self._addresses[key]

    def _column(self, name: str, k: int) -> str:
        if name.endswith(NEXT_TARGET_SUFFIX):
            return "Chỉ tiêu đề xuất nhiệm kỳ tới"
        if name.endswith(TARGET_SUFFIX):
            return "Chỉ tiêu Nghị quyết"
        if name.endswith(START_SUFFIX):
            return "Đầu nhiệm kỳ"
        return f"Năm {self.layout.years[k]}"

    def _units_text(self, units: array) -> str:
        """The contributing unit codes, compactly: all, all but a few, or the list."""
        n = len(self.units)
        if len(units) == n:
            return f"Tất cả {n} đơn vị đưa vào tổng hợp"
        if len(units) > n / 2:
            present = set(units)
            text = "Tất cả, trừ: " + ", ".join(self.units[i] for i in range(n) if i not in present)
        else:
            text = ", ".join(self.units[i] for i in units)
        return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 40] + "… (xem trang Theo đơn vị)"


def _code(name: str) -> str:
    for suffix in (NEXT_TARGET_SUFFIX, TARGET_SUFFIX, START_SUFFIX):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _inputs(catalogue: Catalogue, data: BranchData, every: bool = False, targets: bool = True):
    """(defined name, index, value) of every input cell of ``data``.

    ``every``: also the cells with no value at all (e.g. a target nobody set);
    ``targets``: False leaves the targets out (a unit's targets are its own,
    never a source of the union's, which come from its own workbook).
    """
    blank = [None] * len(data.years)
    for ind in catalogue.indicators:
        if not ind.per_year or ind.kind == "rate":
            continue
        for k, value in enumerate(data.values.get(ind.code) or blank):
            yield ind.code, k, value
        if ind.kind == "stock":
            yield ind.code + START_SUFFIX, 0, data.start.get(ind.code)
    for ind in catalogue.targets if targets else ():
        for suffix, given in ((TARGET_SUFFIX, data.targets), (NEXT_TARGET_SUFFIX, data.next_targets)):
            if every or ind.code in given:
                yield ind.code + suffix, 0, given.get(ind.code)
