"""Run the add-in's ``main.py`` the way xlwings Lite runs it, in this interpreter (CPython or Pyodide).

xlwings Lite sets ``XLWINGS_ON_SERVER=true`` before importing xlwings (so
``@xw.script`` registers the scripts instead of being a do-nothing stub),
imports the workbook's ``main.py`` as a module, lists its scripts with
``xlwings.server.custom_scripts_meta`` and runs one with
``xlwings.server.custom_scripts_call`` on ``xw.Book(json=payload)``, the
payload Excel sent; the actions the script queued go back to Excel.

The same file runs under CPython (``python lite_harness.py MAIN JOBS``, in a
fresh interpreter) and under Pyodide (imported by tests/pyodide_run.mjs), so
both runs execute the very same code. Test helper, not shipped.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import sys


async def run(main_py: str, jobs_file: str) -> dict:
    """Import main.py as Lite does and run each job ``[script function name, payload file beside jobs_file]``."""
    os.environ["XLWINGS_ON_SERVER"] = "true"
    # The remote engine behind xw.Book(json=...) is xlwings PRO code: the noncommercial key unlocks it.
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw
    from xlwings.server import custom_scripts_call, custom_scripts_meta

    before = set(sys.modules)  # what main.py itself loads is measured from here

    spec = importlib.util.spec_from_file_location("main", main_py)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    loaded = sorted({name.split(".")[0] for name in set(sys.modules) - before})
    meta = custom_scripts_meta(module)
    out = {
        "meta": meta,
        "docs": {m["function_name"]: getattr(module, m["function_name"]).__doc__ for m in meta},
        "module_doc": module.__doc__,
        "loaded": loaded,
        "results": [],
    }
    requirements_txt = os.path.join(os.path.dirname(main_py), "requirements.txt")
    if os.path.exists(requirements_txt):
        out["requirements"] = installed(requirements_txt)
    with open(jobs_file, encoding="utf-8") as fh:
        jobs = json.load(fh)
    for script, payload_file in jobs:
        with open(os.path.join(os.path.dirname(jobs_file), payload_file), encoding="utf-8") as fh:
            book = xw.Book(json=json.load(fh))
        returned = await custom_scripts_call(module, script, typehint_to_value={xw.Book: book})
        out["results"].append({"actions": book.json()["actions"], "returned_book": returned is book})
    return out


def installed(requirements_txt: str) -> dict:
    """For each pinned line of requirements.txt: the installed version and whether its modules import."""
    from importlib import import_module, metadata

    def key(name: str) -> str:
        return name.lower().replace("_", "-")

    modules: dict[str, list[str]] = {}
    for module, dists in metadata.packages_distributions().items():
        for dist in dists:
            modules.setdefault(key(dist), []).append(module)
    found = {}
    with open(requirements_txt, encoding="utf-8") as fh:
        for line in fh:
            name, _, pin = line.split("#")[0].strip().partition("==")
            if not name:
                continue
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                found[name] = {"pin": pin, "version": None, "imports": False, "errors": []}
                continue
            # The distribution's own module when it has one (black also ships blackd, a server needing aiohttp).
            provided = sorted(m for m in modules.get(key(name), []) if not m.startswith("_"))
            same = [m for m in provided if key(m) == key(name)]
            failed = []
            for module in same or provided:
                try:
                    import_module(module)
                except Exception as exc:  # noqa: BLE001 - any failure to import counts as not importable
                    failed.append(f"{module}: {exc!r}")
            found[name] = {"pin": pin, "version": version, "imports": not failed, "errors": failed}
    return found


if __name__ == "__main__" and sys.platform != "emscripten":
    print(json.dumps(asyncio.run(run(sys.argv[1], sys.argv[2])), ensure_ascii=False))
