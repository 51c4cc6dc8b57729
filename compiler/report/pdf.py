"""PDF copies of the Word reports, made with LibreOffice headless.

The PDF is what gets printed and sent around before the congress; the .docx
stays the document the committee edits. LibreOffice is optional: without it
the report is still written, only the PDF is missing (:func:`available`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Sequence

from workbook_templates.files import temp_dir

from .context import ReportError

TIMEOUT_S = 300


def soffice() -> str | None:
    """The LibreOffice program, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(documents: Sequence[str | Path]) -> list[Path]:
    """Write ``X.pdf`` beside each ``X.docx``; one LibreOffice run per folder.

    Each PDF is written to a temporary folder first and moved into place, so
    a failed conversion never leaves a half-written PDF. Uses a throw-away
    LibreOffice profile, so it works while the user has LibreOffice open.
    Both temporary folders are named by :func:`~workbook_templates.files.temp_dir`,
    so the next run removes them if this one is killed.
    """
    program = soffice()
    if program is None:
        raise ReportError("Chưa cài LibreOffice nên không tạo được bản PDF; bản Word vẫn dùng được.")
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for doc in documents:
        doc = Path(doc).resolve()
        by_folder[doc.parent].append(doc)
    written = []
    for folder, docs in by_folder.items():
        with temp_dir("pdf", folder) as tmp, temp_dir("lo-profile") as profile:
            result = subprocess.run(
                [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", tmp, *map(str, docs)],
                capture_output=True, text=True, timeout=TIMEOUT_S,
            )
            for doc in docs:
                made = Path(tmp) / (doc.stem + ".pdf")
                if not made.exists():
                    raise ReportError(f"LibreOffice không chuyển được {doc.name} sang PDF "
                                      f"({(result.stderr or result.stdout).strip()[:300]}).")
                target = doc.with_suffix(".pdf")
                os.replace(made, target)
                written.append(target)
    return written
