"""Nothing lost: concurrent uploads all stored and retrievable byte for byte, and a killed
server leaves no version row without its file and no file without its row."""

from __future__ import annotations

import hashlib
import http.client
import importlib.util
import sys
import threading
import time
from pathlib import Path

from portal.store import TMP

from .conftest import BENCH_UNITS

ROOT = Path(__file__).resolve().parents[2]


def benchmark():
    spec = importlib.util.spec_from_file_location("portal_uploads", ROOT / "benchmarks" / "portal_uploads.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stored_files(data_dir: Path) -> dict[str, Path]:
    return {p.name: p for p in (data_dir / "tep-nop").rglob("*") if p.is_file() and p.parent.name != TMP}


def test_concurrent_uploads_all_stored_byte_identical(portal, demo):
    bench = benchmark()
    links = {code: portal.links[code] for code in BENCH_UNITS}
    outcomes, problems = bench.run(links, demo.out_dir, count=40, clients=8)
    assert problems == []
    assert all(o.stored for o in outcomes) and len({o.sha256 for o in outcomes}) == 40
    rows = portal.query("SELECT v.sha256 FROM portal_version v JOIN portal_unit u ON u.id = v.unit_id "
                        f"WHERE u.code IN ({', '.join(repr(c) for c in BENCH_UNITS)})")
    assert {o.sha256 for o in outcomes} <= {sha for (sha,) in rows}
    print(f"p50 {bench.percentile([o.seconds for o in outcomes], 50) * 1000:.0f} ms")


def test_killed_server_leaves_rows_and_files_in_step(portal, demo):
    bench = benchmark()
    before = portal.query("SELECT COUNT(*) FROM portal_version")[0][0]
    codes = BENCH_UNITS
    originals = {code: demo.workbooks[code].read_bytes() for code in codes}
    sent: dict[str, bytes] = {}
    stop = threading.Event()

    def officer(worker: int) -> None:
        n = 1000 + worker       # other contents than the benchmark test sent
        while not stop.is_set():
            code = codes[n % len(codes)]
            data = bench.variant(originals[code], n)
            sent[hashlib.sha256(data).hexdigest()] = data
            try:
                bench.post_file(portal.links[code], f"{code}.xlsx", data, timeout=10)
            except (OSError, http.client.HTTPException):
                return          # the server is gone, perhaps in the middle of its answer
            n += 8

    workers = [threading.Thread(target=officer, args=(w,)) for w in range(8)]
    for w in workers:
        w.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and portal.query("SELECT COUNT(*) FROM portal_version")[0][0] < before + 20:
        time.sleep(0.05)
    portal.kill()
    stop.set()
    for w in workers:
        w.join()
    try:
        rows = {sha for (sha,) in portal.query("SELECT sha256 FROM portal_version")}
        assert len(rows) > before
        files = stored_files(portal.data_dir)
        for sha in rows:        # every committed row has its complete file, at once
            assert sha in files and hashlib.sha256(files[sha].read_bytes()).hexdigest() == sha
            assert sha not in sent or files[sha].read_bytes() == sent[sha]
    finally:
        portal.start()          # starting again removes what no committed row names
    assert set(stored_files(portal.data_dir)) == rows
    assert not any((portal.data_dir / "tep-nop" / TMP).iterdir())
    assert {sha for (sha,) in portal.query("SELECT sha256 FROM portal_version")} == rows
