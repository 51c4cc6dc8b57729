"""The scale benchmark (benchmarks/compile_benchmark.py) still runs and prints its table.

Its figures are not asserted (they depend on the machine); this only keeps the
script from rotting as the pipeline it times changes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "compile_benchmark.py"


def test_benchmark_prints_its_table_for_the_demo(demo_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(demo_dir, tmp_path / "n55")   # the demo is the benchmark's N = 55: no generating
    run = subprocess.run([sys.executable, str(SCRIPT), "--workdir", str(tmp_path), "--counts", "55",
                          "--repeat", "1", "--budget", "1", "--sample", "2", "--no-pdf"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    for label in ("đọc (s)", "cộng dồn (s)", "ghi tong-hop.xlsx (s)", "viết báo cáo Word (s)",
                  "calamine thô, 1 lõi (s)", "RSS đỉnh cây tiến trình (MiB)", "báo cáo(N) / báo cáo(55)"):
        row = next(line for line in lines if line.startswith(label))
        assert row.split()[-1] != "—", row
    assert "Lỗi báo cáo" not in run.stdout
