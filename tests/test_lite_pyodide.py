"""The generated main.py under real Pyodide gives the same actions as under CPython.

Pyodide is the npm package ``pyodide`` (the version the workbook declares,
``addin.embed.PYODIDE_VERSION``) run by Node.js; ``make pyodide`` installs it
and fetches with pip the pure-Python wheels of requirements.txt and their
dependencies. Both runs go through tests/lite_harness.py, as xlwings Lite
runs a workbook's scripts.
"""

from __future__ import annotations

import json

import pytest

from addin.embed import PYODIDE_VERSION
from addin.lite import REPORT_NOTE, write_lite
from lite_run import run_cpython, run_pyodide
from xlwings_payload import payload_from_xlsx


pytestmark = pytest.mark.usefixtures("remote_engine")


def test_three_demo_workbooks_give_the_same_actions_under_pyodide(tmp_path, demo, capsys):
    main_py, requirements = write_lite(tmp_path / "bundle")
    faulty = sorted(demo.mistakes)[:2]
    books = [demo.workbooks[demo.clean_units[0]]] + [demo.workbooks[code] for code in faulty]
    payloads = [json.loads(json.dumps(payload_from_xlsx(path), ensure_ascii=False)) for path in books]
    jobs = [("kiem_tra", p) for p in payloads] + [("chuan_hoa_so", payloads[1]), ("xoa_danh_dau", payloads[2])]

    in_pyodide, boot_ms, version = run_pyodide(tmp_path / "pyodide", main_py, jobs)
    in_cpython = run_cpython(tmp_path / "cpython", main_py, jobs)
    with capsys.disabled():
        print(f"\nPyodide {version} (Node.js) khởi động trong {boot_ms} ms; chạy {len(jobs)} lệnh trên "
              f"{len(books)} sổ mẫu.")

    assert version == PYODIDE_VERSION
    assert in_pyodide["meta"] == in_cpython["meta"]
    assert in_pyodide["results"] == in_cpython["results"]
    kiem_tra = [r["actions"] for r in in_pyodide["results"][:3]]
    assert [a["func"] for a in kiem_tra[0]] == ["setValues", "activateSheet"]         # the clean workbook
    assert all(any(a["func"] == "setRangeColors" for a in actions) for actions in kiem_tra[1:])   # the mistakes
    assert "openpyxl" not in in_pyodide["loaded"]
    # Every pin of requirements.txt the check scripts need is a pure-Python wheel that installs and imports in
    # this Pyodide. Xuất báo cáo's (python-docx, Jinja2) need lxml and MarkupSafe, Pyodide builds fetched from
    # its CDN, which is out of reach here: they are not installed, and the report runs under CPython only.
    pins = in_pyodide["requirements"]
    report = {line.split("==")[0] for line in requirements.read_text(encoding="utf-8").splitlines() if REPORT_NOTE in line}
    assert report == {"Jinja2", "python-docx"}
    assert all(pins[name]["version"] is None for name in report), pins
    assert all(r["version"] == r["pin"] and r["imports"] for name, r in pins.items() if name not in report), pins
