"""Shared fixtures.

The built-in demo (the registry and 55 filled branch workbooks of the
fictional Công đoàn Viên chức tỉnh Bắc Sơn) takes a few seconds to write, so
it is written once per test session and shared by every test that needs
realistic workbooks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook_templates.sample import DemoResult, write_demo

DEMO_SEED = 2023


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> DemoResult:
    """What the demo wrote: registry, every unit's data and the deliberate mistakes."""
    return write_demo(tmp_path_factory.mktemp("demo"), seed=DEMO_SEED)


@pytest.fixture(scope="session")
def demo_dir(demo: DemoResult) -> Path:
    """The folder holding ``danh-sach-don-vi.xlsx`` and ``<UNIT_CODE>.xlsx`` for 55 units (seed 2023)."""
    return demo.out_dir


@pytest.fixture(scope="module")
def remote_engine():
    """xlwings' remote engine (``xw.Book(json=...)``), which Lite and our payload tests run the scripts on.

    It is part of xlwings PRO; the noncommercial key unlocks it.
    """
    from xlwings_payload import ensure_remote_engine

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
        ensure_remote_engine()
        yield
