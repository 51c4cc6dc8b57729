"""Fixtures of the portal tests: each runs on SQLite and on a real PostgreSQL.

The demo province (its registry of 55 units, and the workbooks of the units
the tests use) is written once per test session; every backend gets its own portal initialised from
the demo's registry and served by ``baocao serve`` on a free loopback port.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook_templates import build_workbook, load_catalogue
from workbook_templates.registry import write_registry
from workbook_templates.sample import WOMEN_EXCEED_MEMBERS, DemoResult, generate_demo

from .live import Portal, PostgreSQL, make_portal

BACKENDS = ["sqlite", "postgresql"]
#: Units whose workbooks the tests upload: access tests use the first five, the
#: upload tests the next fifteen, the browser round the unit with a mistake.
ACCESS_UNITS = [f"CDCS_{n:03d}" for n in range(1, 6)]
BENCH_UNITS = [f"CDCS_{n:03d}" for n in range(30, 45)]


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> DemoResult:
    """The demo of seed 2023 (as ``baocao demo`` writes it), only the workbooks the tests need."""
    catalogue = load_catalogue()
    result = DemoResult(tmp_path_factory.mktemp("demo"), *generate_demo(2023, 55, catalogue))
    write_registry(result.registry_path, result.registry)
    for code in [*ACCESS_UNITS, *BENCH_UNITS, result.unit_with(WOMEN_EXCEED_MEMBERS)]:
        build_workbook(result.workbooks[code], result.data[code], catalogue)
    return result


@pytest.fixture(scope="session")
def postgresql():
    server = PostgreSQL()
    yield server
    server.stop()


def database_url(request, backend: str) -> str | None:
    """A fresh database for the backend (None for SQLite, whose file lives in DATA_DIR)."""
    return request.getfixturevalue("postgresql").new_database() if backend == "postgresql" else None


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def portal(request, backend, demo, tmp_path_factory) -> Portal:
    """A running portal shared by the tests of one backend (each test uses its own units)."""
    running = make_portal(tmp_path_factory.mktemp(f"portal-{backend}"), demo.registry_path,
                          database_url(request, backend))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    """Screenshots kept after the run, for people to look at."""
    path = Path(__file__).resolve().parents[2] / "test-artefacts" / "portal"
    path.mkdir(parents=True, exist_ok=True)
    return path
