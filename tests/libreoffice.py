"""LibreOffice headless as the tests' real spreadsheet and word processor.

Each call uses its own LibreOffice profile, so tests may run in parallel.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from doc_text import readable

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, target: str, outdir: Path) -> Path:
    """Convert ``path`` with LibreOffice (``target`` e.g. "pdf", "xlsx") into ``outdir``.

    Converting a workbook to xlsx makes LibreOffice load it, recalculate every
    formula and store the results, which openpyxl can then read.
    """
    assert SOFFICE, "LibreOffice is not installed: run `make setup`"
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(outdir), str(path)],
            check=True, capture_output=True, timeout=240,
        )
    out = outdir / (path.stem + "." + target.split(":")[0])
    assert out.exists(), f"LibreOffice did not write {out}"
    return out


def recalculated(path: Path, outdir: Path) -> Path:
    """A copy of workbook ``path`` whose formulas LibreOffice has computed."""
    return convert(path, "xlsx", outdir)


def pdf_to_png(pdf: Path, prefix: Path, dpi: int = 60) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(prefix.name + "*.png"))


def pdf_text(pdf: Path) -> str:
    return readable(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout)
