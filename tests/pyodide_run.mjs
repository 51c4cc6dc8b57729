// Run tests/lite_harness.py under real Pyodide (the npm package, in Node.js), offline.
//
// usage: node pyodide_run.mjs PYODIDE_DIR WHEELS_DIR WORK_DIR
//   PYODIDE_DIR  node_modules/pyodide (installed by `make pyodide`)
//   WHEELS_DIR   pure-Python wheels fetched with pip (the only packages the scripts import)
//   WORK_DIR     holds lite_harness.py, main.py, jobs.json and the payload files jobs.json names
//
// Pyodide's package CDN is not reachable here, so neither micropip nor loadPackage is used:
// the wheels are plain zip files, unpacked into site-packages, which is all installing a
// pure-Python wheel does. Prints one JSON object: {"boot_ms": ..., "result": <harness output>}.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelsDir, workDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const started = performance.now();
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
const bootMs = performance.now() - started;

pyodide.FS.mkdirTree("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: wheelsDir }, "/wheels");
pyodide.FS.mkdirTree("/work");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: workDir }, "/work");

const result = await pyodide.runPythonAsync(`
import json, pathlib, site, sys, zipfile
target = site.getsitepackages()[0]
for wheel in sorted(pathlib.Path("/wheels").glob("*.whl")):
    zipfile.ZipFile(wheel).extractall(target)
sys.path.insert(0, "/work")
import lite_harness
json.dumps(await lite_harness.run("/work/main.py", "/work/jobs.json"), ensure_ascii=False)
`);
process.stdout.write(JSON.stringify({ boot_ms: Math.round(bootMs), python: pyodide.version, result: JSON.parse(result) }));
