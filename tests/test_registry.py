"""The registry: a province's whole list of units is indexed in linear time, and loops are refused.

A registry of 130,000 units (a big province's every grassroots union) used
to take minutes to load because every unit searched the whole list; now it
must load, and answer ``top``, ``children`` and ``leaves``, in about a second.
"""

from __future__ import annotations

import time

import pytest
from openpyxl import load_workbook

from workbook_templates.reader import WorkbookError
from workbook_templates.registry import Registry, Unit, read_registry, write_registry


def province(n: int) -> tuple[Unit, ...]:
    """A top unit, groups of about 100 units each, and grassroots units: ``n`` units in all."""
    groups = n // 100
    units = [Unit("TINH", "Công đoàn Viên chức tỉnh", "Liên đoàn Lao động tỉnh")]
    units += [Unit(f"KHOI_{g}", f"Khối {g}", "TINH") for g in range(groups)]
    units += [Unit(f"CDCS_{i}", f"Công đoàn cơ sở {i}", f"KHOI_{i % groups}") for i in range(n - 1 - groups)]
    return tuple(units)


def test_a_registry_of_130000_units_loads_and_answers_in_about_a_second():
    units = province(130_000)
    start = time.perf_counter()
    registry = Registry(units)
    leaves = registry.leaves()
    groups = [registry.children(g.code) for g in registry.children(registry.top.code)]
    elapsed = time.perf_counter() - start
    assert registry.top.code == "TINH" and len(leaves) == 130_000 - 1 - 1300
    assert sum(map(len, groups)) == len(leaves) and registry["CDCS_7"].parent == "KHOI_7"
    assert elapsed < 3, f"{elapsed:.2f} s"


def test_leaves_follow_the_registry_order_through_every_level():
    registry = Registry((Unit("T", "Tỉnh", "LĐLĐ"), Unit("K1", "Khối 1", "T"), Unit("A", "A", "K1"),
                         Unit("B", "B", "T"), Unit("K2", "Khối 2", "K1"), Unit("C", "C", "K2")))
    assert [u.code for u in registry.leaves()] == ["A", "C", "B"]
    assert [u.code for u in registry.leaves("K1")] == ["A", "C"]
    assert registry.parent_name(registry["A"]) == "Khối 1" and registry.parent_name(registry.top) == "LĐLĐ"


def test_a_loop_in_the_parent_column_is_refused_with_the_codes_named(tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    units = (Unit("T", "Tỉnh", "LĐLĐ"), Unit("A", "Đơn vị A", "T"), Unit("X", "X", "Y"), Unit("Y", "Y", "X"))
    with pytest.raises(ValueError, match="vòng.*X, Y"):
        Registry(units)
    write_registry(path, Registry(units[:2]))
    wb = load_workbook(path)
    wb.active.append(["X", "X", "Y"])
    wb.active.append(["Y", "Y", "X"])
    wb.save(path)
    with pytest.raises(WorkbookError, match="danh-sach.xlsx.*vòng"):
        read_registry(path)


def test_duplicate_codes_are_named():
    with pytest.raises(ValueError, match="mã trùng: A"):
        Registry((Unit("T", "Tỉnh", "LĐLĐ"), Unit("A", "A", "T"), Unit("A", "A bis", "T")))
