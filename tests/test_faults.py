"""The fault corpus (tests/faults.py): a sample of every family in make test, all of it in make fuzz.

For every mutant: no traceback, no timeout, bounded memory, a Vietnamese
finding or file error naming the file (and the sheet and cell where there is
one), the same verdict from ``check`` and ``compile``, the clean units'
totals unchanged and every input file byte-identical.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from faults import FAMILIES, MEMORY_BOUND_MB, SECONDS_PER_MUTANT, corpus, run, split, table

from compiler import collect
from compiler.collect import read_all
from workbook_templates import limits

#: Mutants per family in make test.
SAMPLE = {name: 3 for name in FAMILIES} | {"zip_bomb": 1}


@pytest.fixture(scope="module")
def sample_run(demo, tmp_path_factory):
    work = tmp_path_factory.mktemp("faults")
    bases, clean, registry = split(demo, work)
    mutants = list(corpus(bases, seed=8, per_family=SAMPLE))
    return mutants, run(mutants, clean, registry, work / "run")


def test_the_sample_covers_every_family(sample_run):
    mutants, _ = sample_run
    assert {m.family for m in mutants} == set(FAMILIES)
    assert len(mutants) >= 50


def test_every_mutant_gets_a_clear_verdict_the_same_in_check_and_compile(sample_run):
    _, outcome = sample_run
    failures = [f"{o.mutant.family} {o.shown}: {'; '.join(o.problems)}" for o in outcome.outcomes if o.problems]
    assert not failures, table(outcome.outcomes) + "\n" + "\n".join(failures)


def test_no_mutant_crashes_exhausts_memory_or_time(sample_run):
    mutants, outcome = sample_run
    assert outcome.compile_crash is None
    assert outcome.max_rss_mb < MEMORY_BOUND_MB
    assert outcome.seconds < 120 + SECONDS_PER_MUTANT * len(mutants)


def test_clean_units_totals_and_inputs_are_untouched(sample_run):
    _, outcome = sample_run
    assert outcome.totals_unchanged
    assert outcome.inputs_unchanged


def test_a_reader_that_overruns_costs_only_its_file(demo, monkeypatch):
    paths = [demo.workbooks[c] for c in demo.clean_units[:3]]
    monkeypatch.setattr(limits, "FILE_SECONDS", 0)
    subs = list(read_all(paths, paths[0].parent, 2))
    assert [s.path for s in subs] == [p.name for p in paths]
    assert all("đọc quá 0 giây" in s.error for s in subs)


def test_a_reader_that_dies_costs_only_its_file(demo, tmp_path, monkeypatch):
    """A reader killed while it waits on a file (a FIFO that never delivers): that file is reported, the rest read."""
    for code in demo.clean_units[:2]:
        (tmp_path / f"{code}.xlsx").write_bytes(demo.workbooks[code].read_bytes())
    os.mkfifo(tmp_path / "AAA_treo.xlsx")
    monkeypatch.setattr(limits, "FILE_SECONDS", 60)
    paths = sorted(tmp_path.iterdir())
    results: list = []
    reading = threading.Thread(target=lambda: results.extend(read_all(paths, tmp_path, 2)))
    reading.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _readers_blocked_on(tmp_path / "AAA_treo.xlsx"):
        time.sleep(0.1)
    assert _readers_blocked_on(tmp_path / "AAA_treo.xlsx")
    for pid in _readers_blocked_on(tmp_path / "AAA_treo.xlsx"):
        os.kill(pid, signal.SIGKILL)
    reading.join(60)
    assert not reading.is_alive()
    assert [s.path for s in results] == [p.name for p in paths]
    assert "dừng đột ngột" in results[0].error
    assert all(s.error is None for s in results[1:])


def _readers_blocked_on(fifo: Path) -> list[int]:
    """Our reading processes (our children) stuck opening a FIFO."""
    def parent(pid: int) -> int:
        try:
            return int((Path("/proc") / str(pid) / "stat").read_text().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            return -1

    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or parent(int(proc.name)) != os.getpid():
            continue
        try:
            if (proc / "wchan").read_text() in ("wait_for_partner", "fifo_open"):
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids
