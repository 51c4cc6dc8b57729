"""The xlwings Lite bundle: one self-contained ``main.py`` and its ``requirements.txt``.

xlwings Lite runs a single ``main.py`` (and installs ``requirements.txt``)
in Pyodide inside Excel; it stores both in the workbook it is opened with.
The add-in's code lives in two packages, so the bundle embeds the source of
every module :mod:`addin.scripts` needs — found by following its imports —
together with the catalogue, and at start-up writes them to a private folder
of Pyodide's in-memory file system and imports them from there. The code that
runs in Lite is therefore the very code the tests run, byte for byte.

``requirements.txt`` lists the third-party packages those modules import,
with the version spec of the project's own dependency list, except xlwings,
which is pinned to the tested version (``Range.set_colors`` needs 0.37.5+).
All of them are pure-Python wheels that Pyodide installs from PyPI.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import sys
from importlib import metadata
from pathlib import Path

from workbook_templates.catalogue import load_catalogue
from workbook_templates.files import write_atomically

__all__ = ["ENTRY", "SCRIPTS", "bundle_files", "third_party_modules", "requirements", "main_source", "write_lite"]

#: The module whose scripts xlwings Lite shows, and those scripts.
ENTRY = "addin.scripts"
SCRIPTS = ("kiem_tra", "tinh_tong", "chuan_hoa_so", "xoa_danh_dau")
#: Our packages: their modules are embedded, everything else must come from Pyodide.
PACKAGES = ("workbook_templates", "addin")
#: Non-Python files a bundled package reads at run time (the catalogue).
DATA_SUFFIXES = (".toml",)
DISTRIBUTION = "baocao-congdoan"

_MAIN = '''"""Sổ báo cáo công đoàn — bổ trợ xlwings Lite: Kiểm tra, Tính tổng, Chuẩn hóa số, Xóa đánh dấu.

Tệp do lệnh `baocao addin lite` tạo ({distribution} {version}, danh mục chỉ tiêu {catalogue}).
Không sửa tệp này; khi có bản mới, tạo lại bằng lệnh trên rồi dán đè toàn bộ.

(Generated. The embedded package sources are written to a private folder of
Pyodide's file system and imported from there; see addin/lite.py.)
"""

import sys
import tempfile
from pathlib import Path

_FILES = {files}


def _install() -> None:
    root = Path(tempfile.gettempdir()) / "baocao-congdoan-{digest}"
    for relative, text in _FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # Forget any other copy of these packages (an older main.py run in the same session).
    for name in list(sys.modules):
        if name.split(".")[0] in {packages}:
            del sys.modules[name]
    sys.path[:] = [str(root)] + [p for p in sys.path if p != str(root)]


_install()

from {entry} import {scripts}  # noqa: E402,F401
'''


def _module_file(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ImportError(f"Không tìm thấy mô-đun {name} để đóng gói.")
    return Path(spec.origin)


def _imports(name: str, is_package: bool, text: str) -> set[str]:
    """Absolute names of every module a module's source imports, at any depth (functions included).

    ``from package import name`` also yields ``package.name``, which is a
    module when ``name`` is a submodule.
    """
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _ours(name: str) -> bool:
    return name.split(".")[0] in PACKAGES


def bundle_files() -> dict[str, str]:
    """Relative path -> text of every file the bundle embeds: modules ENTRY needs, and data."""
    todo, seen, files = [ENTRY], set(), {}
    while todo:
        name = todo.pop()
        if name in seen or not _ours(name):
            continue
        seen.add(name)
        try:
            path = _module_file(name)
        except ImportError:
            continue  # "from package import attribute": not a module
        if path.suffix != ".py":
            continue
        is_package = path.name == "__init__.py"
        text = path.read_text(encoding="utf-8")
        files[name.replace(".", "/") + ("/__init__.py" if is_package else ".py")] = text
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # importing a module imports its packages
        todo += sorted(_imports(name, is_package, text))
        if is_package:
            for data in sorted(p for p in path.parent.iterdir() if p.suffix in DATA_SUFFIXES):
                files[f"{name.replace('.', '/')}/{data.name}"] = data.read_text(encoding="utf-8")
    return dict(sorted(files.items()))


def third_party_modules(files: dict[str, str]) -> set[str]:
    """Top-level modules the bundled sources import that are neither ours nor the standard library."""
    found = set()
    for relative, text in files.items():
        if relative.endswith(".py"):
            is_package = relative.endswith("/__init__.py")
            name = relative.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            found |= {n.split(".")[0] for n in _imports(name, is_package, text)}
    return {n for n in found if n not in PACKAGES and n not in sys.stdlib_module_names}


def requirements(modules: set[str]) -> list[str]:
    """requirements.txt lines for third-party top-level ``modules``."""
    distributions = metadata.packages_distributions()
    ours = {}
    for spec in metadata.requires(DISTRIBUTION) or []:
        if "extra ==" not in spec:
            ours[_canonical(spec)] = spec.split(";")[0].strip()
    lines = set()
    for module in modules:
        for dist in distributions.get(module, [module]):
            key = _canonical(dist)
            if key == "xlwings":
                lines.add(f"xlwings=={metadata.version('xlwings')}")
            else:
                lines.add(ours.get(key, dist))
    return sorted(lines)


def _canonical(spec: str) -> str:
    name = spec.split(";")[0]
    for stop in "<>=!~ [(":
        name = name.split(stop)[0]
    return name.strip().lower().replace("_", "-")


def main_source(files: dict[str, str]) -> str:
    """The text of main.py embedding ``files`` (from :func:`bundle_files`)."""
    digest = hashlib.sha256("".join(f"{k}\0{v}" for k, v in files.items()).encode()).hexdigest()[:12]
    body = "{\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in files.items()) + "}"
    return _MAIN.format(
        distribution=DISTRIBUTION, version=metadata.version(DISTRIBUTION), catalogue=load_catalogue().version,
        files=body, digest=digest, packages=PACKAGES, entry=ENTRY, scripts=", ".join(SCRIPTS))


def write_lite(out_dir: str | Path) -> tuple[Path, Path]:
    """Write main.py and requirements.txt into ``out_dir``; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = bundle_files()
    main, reqs = out / "main.py", out / "requirements.txt"
    write_atomically(main, lambda tmp: tmp.write_text(main_source(files), encoding="utf-8", newline="\n"))
    lines = "\n".join(requirements(third_party_modules(files))) + "\n"
    write_atomically(reqs, lambda tmp: tmp.write_text(lines, encoding="utf-8", newline="\n"))
    return main, reqs
