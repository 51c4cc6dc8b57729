"""Run the add-in's main.py the way xlwings Lite does, under CPython or under real Pyodide.

Both runs execute tests/lite_harness.py on the same payload files; the
Pyodide run uses the npm package ``pyodide`` under Node.js and the
pure-Python wheels of requirements.txt (with their dependencies) that
``make pyodide`` fetched with pip (Pyodide's package CDN is not reachable
here, and not needed: unpacking a pure wheel is installing it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARNESS = Path(__file__).with_name("lite_harness.py")
RUNNER = Path(__file__).with_name("pyodide_run.mjs")
PYODIDE = ROOT / ".cache" / "pyodide" / "node_modules" / "pyodide"
WHEELS = ROOT / ".cache" / "pyodide" / "wheels"


def write_jobs(folder: Path, main_py: Path, jobs: list[tuple[str, dict]]) -> Path:
    """Put main.py, the harness, the payloads and jobs.json in ``folder``; return jobs.json."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(main_py, folder / "main.py")
    if main_py.with_name("requirements.txt").exists():
        shutil.copyfile(main_py.with_name("requirements.txt"), folder / "requirements.txt")
    shutil.copyfile(HARNESS, folder / HARNESS.name)
    specs = []
    for i, (script, payload) in enumerate(jobs):
        (folder / f"payload-{i}.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        specs.append([script, f"payload-{i}.json"])
    jobs_file = folder / "jobs.json"
    jobs_file.write_text(json.dumps(specs), encoding="utf-8")
    return jobs_file


def run_cpython(folder: Path, main_py: Path, jobs: list[tuple[str, dict]]) -> dict:
    """The harness in a fresh CPython interpreter."""
    jobs_file = write_jobs(folder, main_py, jobs)
    done = subprocess.run([sys.executable, str(HARNESS), str(folder / "main.py"), str(jobs_file)],
                          capture_output=True, text=True, encoding="utf-8", timeout=180, cwd=folder)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def run_pyodide(folder: Path, main_py: Path, jobs: list[tuple[str, dict]]) -> tuple[dict, int, str]:
    """The harness under Pyodide in Node.js: (its output, Pyodide's boot time in ms, Pyodide's version)."""
    assert (PYODIDE / "pyodide.mjs").exists() and list(WHEELS.glob("*.whl")), (
        "Pyodide is not installed: run `make pyodide` (Node.js, the npm package pyodide, the wheels)")
    write_jobs(folder, main_py, jobs)
    done = subprocess.run(["node", str(RUNNER), str(PYODIDE), str(WHEELS), str(folder)], capture_output=True,
                          text=True, encoding="utf-8", timeout=600, cwd=folder)
    assert done.returncode == 0, done.stderr[-4000:]
    out = json.loads(done.stdout)
    return out["result"], out["boot_ms"], out["python"]
