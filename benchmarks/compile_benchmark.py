"""How long ``baocao compile`` takes and how much memory it needs, for N workbooks.

    python benchmarks/compile_benchmark.py                 # N = 55 and 2000
    python benchmarks/compile_benchmark.py --counts 55 500 --workdir /tmp/bench

For each N the script writes a registry and N filled branch workbooks (the
demo's generator, ``write_demo`` for 55 units; for more, the demo's 55
agencies again with other seeds and new unit codes), then compiles them in a
fresh process and prints the wall time and the peak resident memory of the
compiling process and of its largest reading worker. Generated folders are
kept in ``--workdir`` and reused by later runs.

This is a script, not a test: its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from workbook_templates import build_workbook, load_catalogue
from workbook_templates.registry import REGISTRY_FILENAME, Registry, Unit, write_registry
from workbook_templates.sample import TOP, generate_demo, write_demo

DEMO_UNITS = 55


def generate(out: Path, count: int) -> Path:
    """Registry and ``count`` workbooks in ``out`` (skipped when already there)."""
    if (out / REGISTRY_FILENAME).exists() and len(list(out.glob("CDCS_*.xlsx"))) == count:
        return out
    out.mkdir(parents=True, exist_ok=True)
    if count <= DEMO_UNITS:
        write_demo(out, count=count)
        return out
    catalogue = load_catalogue()
    units, jobs = [TOP], []
    for batch in range((count + DEMO_UNITS - 1) // DEMO_UNITS):
        group = Unit(f"NHOM_{batch + 1:03d}", f"Nhóm đơn vị số {batch + 1}", TOP.code)
        units.append(group)
        _, data, _ = generate_demo(seed=2023 + batch, count=DEMO_UNITS, catalogue=catalogue)
        for i, branch in enumerate(data.values()):
            number = batch * DEMO_UNITS + i + 1
            if number > count:
                break
            code = f"CDCS_{number:05d}"
            name = f"{branch.unit_name} (số {number})"
            units.append(Unit(code, name, group.code))
            jobs.append((out / f"{code}.xlsx", dataclasses.replace(
                branch, info={**branch.info, "DON_VI_MA": code, "DON_VI_TEN": name})))
    write_registry(out / REGISTRY_FILENAME, Registry(tuple(units)))
    with ProcessPoolExecutor() as pool:
        list(pool.map(_build, jobs, chunksize=16))
    return out


def _build(job) -> None:
    path, data = job
    build_workbook(path, data)


def measure(folder: Path, out: Path, workers: int | None) -> dict:
    """Run in a fresh process: compile ``folder`` and report time and peak memory."""
    from compiler.period import PeriodRequest
    from compiler.pipeline import compile_directory

    start = time.perf_counter()
    result = compile_directory(folder, folder / REGISTRY_FILENAME, out, PeriodRequest(), workers=workers,
                               report=False)
    seconds = time.perf_counter() - start
    return {
        "files": result.files, "units": result.completeness.unit_count, "seconds": round(seconds, 2),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_peak_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "output_mib": round(result.consolidated.stat().st_size / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[55, 2000])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "baocao-benchmark")
    parser.add_argument("--workers", type=int, default=None, help="reading processes (default: every core)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.measure.parent / (args.measure.name + "-out"), args.workers)))
        return
    print(f"Máy: {os.cpu_count()} lõi; thư mục dữ liệu: {args.workdir}")
    print(f"{'Số sổ':>7} {'Tạo dữ liệu':>12} {'Tổng hợp':>10} {'Bộ nhớ (tiến trình chính)':>27} "
          f"{'Bộ nhớ (tiến trình đọc)':>25} {'tong-hop.xlsx':>14}")
    for count in args.counts:
        started = time.perf_counter()
        folder = generate(args.workdir / f"n{count}", count)
        generated = time.perf_counter() - started
        command = [sys.executable, __file__, "--measure", str(folder)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        figures = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        print(f"{count:>7} {generated:>11.1f}s {figures['seconds']:>9.1f}s {figures['peak_mib']:>23.0f} MiB "
              f"{figures['worker_peak_mib']:>21.0f} MiB {figures['output_mib']:>10.1f} MiB")


if __name__ == "__main__":
    main()
