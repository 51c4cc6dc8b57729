"""The xlwings Lite bundle: one self-contained ``main.py`` and its ``requirements.txt``.

xlwings Lite runs a single ``main.py`` (and installs ``requirements.txt``)
in Pyodide inside Excel; it stores both in the workbook it is opened with.
The add-in's code lives in two packages, so the bundle embeds the source of
every module :mod:`addin.scripts` needs — found by following its imports —
together with the catalogue, and at start-up writes them to a private folder
of Pyodide's in-memory file system and imports them from there. The code that
runs in Lite is therefore the very code the tests run, byte for byte.

``requirements.txt`` lists the third-party packages those modules import
when they are loaded (imports inside functions belong to file adapters the
scripts never call in Lite, e.g. openpyxl in ``read_workbook``, and would
only make every start slower), each pinned to the version installed here,
which the tests ran: in Lite, as under ``pip``, a pin makes the first start
reproducible. Today that is xlwings alone (``Range.set_colors`` needs
0.37.5+), a pure-Python wheel Pyodide installs from PyPI. Lite itself needs
three more, which every workbook saved by Lite lists with ``# required``
(python-dotenv for its environment variables, pyodide-http for web requests,
black for its editor): they are kept, pinned too.
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

__all__ = ["ENTRY", "SCRIPTS", "LITE_REQUIRED", "bundle_files", "third_party_modules", "requirements",
           "lite_requirements", "main_source", "write_lite"]

#: The module whose scripts xlwings Lite shows, and those scripts.
ENTRY = "addin.scripts"
SCRIPTS = ("kiem_tra", "tinh_tong", "chuan_hoa_so", "xoa_danh_dau")
#: Our packages: their modules are embedded, everything else must come from Pyodide.
PACKAGES = ("workbook_templates", "addin")
#: Non-Python files a bundled package reads at run time (the catalogue).
DATA_SUFFIXES = (".toml",)
DISTRIBUTION = "baocao-congdoan"
#: What xlwings Lite requires for itself (marked "# required" in the requirements.txt it writes).
LITE_REQUIRED = ("python-dotenv==1.2.1", "pyodide-http==0.2.2", "black==26.10.1")

_MAIN = '''"""Sổ báo cáo công đoàn — bổ trợ xlwings Lite: Kiểm tra, Tính tổng, Chuẩn hóa số, Xóa đánh dấu.

Mã này nằm sẵn trong sổ do `baocao template` tạo ({distribution} {version}, danh mục chỉ tiêu {catalogue}).
Bấm nút **Kiểm tra** trên trang Kiểm tra, hoặc chọn một nút dưới đây.
Không sửa mã này; bản mới do công đoàn cấp trên đưa vào sổ bằng lệnh `baocao addin nhung`.

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


def _imports(name: str, is_package: bool, text: str, load_time_only: bool = False) -> set[str]:
    """Absolute names of the modules a module's source imports, at any depth (functions included).

    ``load_time_only`` leaves out imports inside functions: those run only
    when the function is called. ``from package import name`` also yields
    ``package.name``, which is a module when ``name`` is a submodule.
    """
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _nodes(ast.parse(text), load_time_only):
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


def _nodes(tree: ast.AST, load_time_only: bool):
    """Every node of ``tree``; with ``load_time_only``, none inside a function body."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        if load_time_only and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        todo.extend(ast.iter_child_nodes(node))


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
    """Top-level modules the bundled sources import when loaded that are neither ours nor the standard library."""
    found = set()
    for relative, text in files.items():
        if relative.endswith(".py"):
            is_package = relative.endswith("/__init__.py")
            name = relative.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            found |= {n.split(".")[0] for n in _imports(name, is_package, text, load_time_only=True)}
    return {n for n in found if n not in PACKAGES and n not in sys.stdlib_module_names}


def requirements(modules: set[str]) -> list[str]:
    """requirements.txt lines for third-party top-level ``modules``, each pinned to the installed version."""
    distributions = metadata.packages_distributions()
    return sorted({f"{dist}=={metadata.version(dist)}" for module in modules
                   for dist in distributions.get(module, [module])})


def lite_requirements() -> str:
    """The text of requirements.txt: what the scripts import, then what Lite itself requires."""
    ours = requirements(third_party_modules(bundle_files()))
    return "".join(f"{line}\n" for line in ours) + "".join(f"{line}  # required\n" for line in LITE_REQUIRED)


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
    main, reqs = out / "main.py", out / "requirements.txt"
    text = main_source(bundle_files())
    write_atomically(main, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
    lines = lite_requirements()
    write_atomically(reqs, lambda tmp: tmp.write_text(lines, encoding="utf-8", newline="\n"))
    return main, reqs
