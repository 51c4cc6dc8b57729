"""Word term reports: congress (``dai-hoi``), annual (``nam``) and half-term (``so-ket``).

Public API::

    write_report(workbook_path, kind, out_path, year=None) -> Path
    render_report(data, kind, out_path, year=None, units=None) -> Path
    report_filename(kind, year=None) -> str

``write_report`` reads a branch workbook or a consolidated ``tong-hop.xlsx``
(whose per-unit sheets add unit counts, quotes and the appendix);
``render_report`` starts from data already in memory (the add-in reads the open
workbook itself; ``baocao compile`` hands over what it compiled, see
:func:`.units.compiled_units`). Both write the .docx atomically and, when LibreOffice is
installed, a PDF beside it.

Wording lives in ``report_templates/*.j2``, styles in
``report_templates/mau-bao-cao.docx``; pass ``templates_dir`` to use an
edited copy of that folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from workbook_templates.files import temp_dir, write_atomically
from workbook_templates.model import BranchData

from . import pdf
from .context import KINDS, ReportError, Units, build_context
from .render import TEMPLATES_DIR, build_document, reference_for, render_text

__all__ = ["KINDS", "ReportError", "TEMPLATES_DIR", "render_report", "report_filename", "write_report"]


def report_filename(kind: str, year: int | None = None) -> str:
    """The usual file name: ``bao-cao-dai-hoi.docx``, ``bao-cao-nam-2023.docx``, ``bao-cao-so-ket.docx``."""
    if kind == "nam":
        return f"bao-cao-nam-{year}.docx" if year else "bao-cao-nam.docx"
    return f"bao-cao-{kind}.docx"


def write_report(workbook_path: str | os.PathLike, kind: str, out_path: str | os.PathLike,
                 year: int | None = None, templates_dir: str | os.PathLike | None = None,
                 pdf_copy: bool = True, span: tuple[int, int] | None = None) -> Path:
    """Write the ``kind`` report of a workbook file to ``out_path`` (.docx) and its PDF."""
    from .units import read_report_input  # file reading (openpyxl): not needed where data is already read (Lite)

    data, units = read_report_input(workbook_path)
    return render_report(data, kind, out_path, year=year, units=units, templates_dir=templates_dir,
                         pdf_copy=pdf_copy, span=span)


def render_report(data: BranchData, kind: str, out_path: str | os.PathLike, year: int | None = None,
                  units: Units | None = None, templates_dir: str | os.PathLike | None = None,
                  pdf_copy: bool = True, span: tuple[int, int] | None = None) -> Path:
    """Write the ``kind`` report of ``data`` to ``out_path`` (.docx) and, if possible, its PDF.

    ``year`` (an annual report) or ``span`` (first, last year) narrow the
    period; without them the kind's default period is used. The PDF is skipped silently when
    LibreOffice is not installed (``pdf.available()`` tells the caller).
    """
    out = Path(out_path)
    if out.suffix.lower() != ".docx":
        raise ReportError(f"Tệp báo cáo {out.name} phải có đuôi .docx.")
    context = build_context(data, kind, year=year, units=units, span=span)
    text = render_text(kind, context, templates_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    with temp_dir("bao-cao") as work:
        doc = build_document(text, context, reference_for(templates_dir), work)
        write_atomically(out, doc.save)
    if pdf_copy and pdf.available():
        pdf.to_pdf([out])
    return out
