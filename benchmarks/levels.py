"""Compiling in two levels: provinces from their CĐCS, then the nation from the provinces' ``tong-hop.xlsx``.

    python benchmarks/levels.py --provinces 4 --units 500            # about 2,000 CĐCS; some minutes
    python benchmarks/levels.py --provinces 2 --units 50 --report    # a quick look, Word report included

A national roll-up of about 130,000 CĐCS goes through about 63 provinces.
What one level carries up must therefore be bounded by its direct children,
not by all its descendants (``compiler/carry.py``): this script shows it
with generated data and extrapolates to 63 provinces × about 2,100 CĐCS.

1. Branch workbooks of the current template, with their registers, are
   built once from the demo's generator (its units without injected
   mistakes) into ``--workdir``/mau. Every CĐCS of a province is a copy of
   one of them whose unit code and name are patched in ``xl/sharedStrings.xml``
   (building each with openpyxl would take hours at the national scale).
2. Each province gets its folder and its registry (the province on top,
   its CĐCS below) and is compiled, each in a fresh process.
3. The nation's folder holds the provinces' ``tong-hop.xlsx`` and a
   registry with the provinces and their CĐCS (the level above checks each
   consolidated workbook against the CĐCS its registry lists), and is
   compiled in a fresh process.

It prints, per level, the number of inputs, wall and CPU time (the main
process and every reading process), the peak resident memory of the main
process, the rows of every sheet of ``tong-hop.xlsx`` (the used range of
each sheet, whatever its layout) and its size; then the figures at 63
provinces × 2,100 CĐCS, extrapolated linearly from the measured ones (a
province's figures per CĐCS; the nation's per province, its Tình hình nộp
one row per CĐCS). The compile runs without the Word report unless
``--report``. Generated folders are reused when they are complete.

This is a script, not a test: its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from compile_benchmark import MIB, TreeCpu, clone, peak_mib

from workbook_templates import build_workbook, load_catalogue
from workbook_templates.registry import REGISTRY_FILENAME, Registry, Unit, write_registry
from workbook_templates.sample import generate_demo

NATION = Unit("TLD", "Tổng Liên đoàn Lao động Việt Nam", "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam")
#: Rows above a table's body (title lines and header) on the consolidated workbook's sheets.
HEAD_ROWS = 4
#: The national shape the figures are extrapolated to.
NATIONAL_PROVINCES, NATIONAL_UNITS = 63, 2_100


# --- generated folders ---------------------------------------------------------------------------

def templates(workdir: Path) -> list[tuple[Path, str, str]]:
    """The branch workbooks every CĐCS is copied from: (path, unit code, unit name), built once."""
    folder = workdir / "mau"
    catalogue = load_catalogue()
    registry, data, mistakes = generate_demo(seed=2023, count=55, catalogue=catalogue)
    spoiled = set(mistakes)
    out = []
    folder.mkdir(parents=True, exist_ok=True)
    for code, branch in data.items():
        if code in spoiled:
            continue
        path = folder / f"{code}.xlsx"
        if not path.exists():
            build_workbook(path, branch, catalogue)
        out.append((path, code, branch.unit_name))
    return out


def province_units(p: int, units: int) -> tuple[Unit, list[Unit]]:
    top = Unit(f"TINH_{p:02d}", f"Liên đoàn Lao động tỉnh số {p}", NATION.code)
    return top, [Unit(f"T{p:02d}_{k:05d}", f"Công đoàn cơ sở số {k} tỉnh {p}", top.code) for k in range(1, units + 1)]


def province_folder(workdir: Path, p: int, units: int, sources: list[tuple[Path, str, str]]) -> Path:
    folder = workdir / f"tinh-{p:02d}"
    top, members = province_units(p, units)
    if (folder / REGISTRY_FILENAME).exists() and len(list(folder.glob("T*.xlsx"))) == units:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    write_registry(folder / REGISTRY_FILENAME, Registry((Unit(top.code, top.name, NATION.name), *members)))
    for k, unit in enumerate(members):
        clone(sources[k % len(sources)], folder / f"{unit.code}.xlsx", unit.code, unit.name)
    return folder


def nation_folder(workdir: Path, name: str, provinces: list[tuple[int, int, Path]]) -> Path:
    """The nation's folder: the provinces' ``tong-hop.xlsx`` (number, CĐCS, output folder) and its registry."""
    folder = workdir / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rows = [NATION]
    for p, units, out in provinces:
        top, members = province_units(p, units)
        rows += [top, *members]
        shutil.copy(out / "tong-hop.xlsx", folder / f"{top.code}.xlsx")
    write_registry(folder / REGISTRY_FILENAME, Registry(tuple(rows)))
    return folder


# --- one measured compile (in a fresh process) ---------------------------------------------------

def run_compile(folder: Path, out: Path, report: bool) -> dict:
    from compiler.period import PeriodRequest
    from compiler.pipeline import compile_directory

    cpu = TreeCpu()
    start = time.perf_counter()
    result = compile_directory(folder, folder / REGISTRY_FILENAME, out, PeriodRequest(), report=report)
    return {"seconds": time.perf_counter() - start, "cpu": cpu(),
            "main_mib": peak_mib(),
            "inputs": result.files, "units": result.completeness.unit_count,
            "report_error": result.report_error}


def measured(folder: Path, out: Path, report: bool) -> dict:
    """``run_compile`` in a fresh process, with the rows of every sheet of the workbook it wrote."""
    args = [sys.executable, __file__, "--one", str(folder), str(out)] + (["--report"] if report else [])
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"baocao compile {folder} thất bại:\n{run.stderr[-3000:]}")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["rows"] = sheet_rows(out / "tong-hop.xlsx")
    result["mib"] = (out / "tong-hop.xlsx").stat().st_size / MIB
    return result


def sheet_rows(path: Path) -> dict[str, int]:
    """Rows of each sheet's used range (python-calamine)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names}


# --- the table ---------------------------------------------------------------------------------

def extrapolate(small: dict, large: dict, x_small: int, x_large: int, x: float,
                growth: dict[str, float] | None = None) -> dict:
    """The figures at size ``x``, on the line through two measured sizes (rows of a register stop at its ceiling).

    ``growth`` scales the part of a figure that grows with the size (the
    nation: reading each province's workbook costs more when it has more
    CĐCS, and each brings one status row per CĐCS; an upper bound, since a
    province's registers and texts stop growing). The peak memory is not
    extrapolated: the measured ones say whether it stays flat.
    """
    from compiler.carry import ROWS_PER_REGISTER

    registers = {reg.sheet for reg in load_catalogue().registers}

    def line(a: float, b: float, scale: float = 1.0) -> float:
        slope = (b - a) / (x_large - x_small)
        return a - slope * x_small + slope * scale * x

    out = {key: line(small[key], large[key], (growth or {}).get(key, 1.0)) for key in ("seconds", "cpu", "mib")}
    out["main_mib"] = None
    out["inputs"] = round(x)
    out["rows"] = {s: round(line(small["rows"].get(s, n), n)) for s, n in large["rows"].items()}
    for sheet in registers & set(out["rows"]):
        out["rows"][sheet] = min(out["rows"][sheet], ROWS_PER_REGISTER + HEAD_ROWS)
    return out


def vn(value: float, digits: int = 0) -> str:
    """A number as Vietnamese writes it: 1.234,5."""
    return f"{value:,.{digits}f}".translate(str.maketrans(",.", ".,"))


def table(columns: list[tuple[str, dict]]) -> str:
    def fmt(value, digits=1):
        return "—" if value is None else vn(value, digits if isinstance(value, float) else 0)

    sheets = list(dict.fromkeys(s for _, c in columns for s in c["rows"]))
    lines = [["", *(title for title, _ in columns)],
             ["số tệp đầu vào", *(fmt(c["inputs"]) for _, c in columns)],
             ["thời gian (s)", *(fmt(c["seconds"]) for _, c in columns)],
             ["CPU, mọi tiến trình (s)", *(fmt(c["cpu"]) for _, c in columns)],
             ["bộ nhớ đỉnh, tiến trình chính (MiB)", *(fmt(c["main_mib"], 0) for _, c in columns)],
             ["tong-hop.xlsx (MiB)", *(fmt(c["mib"]) for _, c in columns)]]
    lines += [[f"dòng: {s}", *(fmt(c["rows"].get(s)) for _, c in columns)] for s in sheets]
    widths = [max(len(row[i]) for row in lines) for i in range(len(lines[0]))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in
                               enumerate(zip(row, widths))) for row in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provinces", type=int, default=4)
    parser.add_argument("--units", type=int, default=500, help="CĐCS per province")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/baocao-levels"))
    parser.add_argument("--report", action="store_true", help="also write the Word report at each level")
    parser.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_compile(*args.one, args.report)))
        return
    start = time.perf_counter()
    sources = templates(args.workdir)
    sizes = [(0, args.units // 2)] + [(p, args.units) for p in range(1, args.provinces + 1)]
    folders = {p: province_folder(args.workdir, p, units, sources) for p, units in sizes}
    print(f"Đã sinh {args.provinces} tỉnh × {args.units} CĐCS và một tỉnh {args.units // 2} CĐCS "
          f"({time.perf_counter() - start:.0f} s).", flush=True)
    runs = {}
    for p, folder in folders.items():
        runs[p] = measured(folder, folder.with_name(folder.name + "-ket-qua"), args.report)
        print(f"{folder.name}: {runs[p]['seconds']:.1f} s", flush=True)
    outs = [(p, units, folders[p].with_name(folders[p].name + "-ket-qua")) for p, units in sizes[1:]]
    one = measured(nation_folder(args.workdir, "toan-quoc-1", outs[:1]), args.workdir / "toan-quoc-1-ket-qua",
                   args.report)
    nation = measured(nation_folder(args.workdir, "toan-quoc", outs), args.workdir / "toan-quoc-ket-qua", args.report)
    big_province = extrapolate(runs[0], runs[1], args.units // 2, args.units, NATIONAL_UNITS)
    heavier = big_province["mib"] / runs[1]["mib"]
    big_nation = extrapolate(one, nation, 1, args.provinces, NATIONAL_PROVINCES,
                             {"seconds": heavier, "cpu": heavier, "mib": (NATIONAL_UNITS + 1) / (args.units + 1)})
    big_nation["rows"]["Tình hình nộp"] = HEAD_ROWS + NATIONAL_PROVINCES * (NATIONAL_UNITS + 1)
    print()
    print(table([(f"tỉnh ({args.units // 2} CĐCS)", runs[0]), (f"tỉnh ({args.units} CĐCS)", runs[1]),
                 ("toàn quốc (1 tỉnh)", one), (f"toàn quốc ({args.provinces} tỉnh)", nation),
                 (f"tỉnh ({vn(NATIONAL_UNITS)} CĐCS), ước", big_province),
                 (f"toàn quốc ({NATIONAL_PROVINCES} tỉnh), ước", big_nation)]))
    measured_provinces = [runs[p] for p, _ in sizes[1:]]
    print(f"\nCả {args.provinces} tỉnh {args.units} CĐCS: {sum(r['seconds'] for r in measured_provinces):.1f} s, "
          f"CPU {sum(r['cpu'] for r in measured_provinces):.1f} s; bộ nhớ đỉnh lớn nhất "
          f"{max(r['main_mib'] for r in measured_provinces):.0f} MiB.")


if __name__ == "__main__":
    main()
