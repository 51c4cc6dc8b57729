"""The one place where the portal asks the product's reader and rules about a workbook.

:func:`check_file` is the only call into the reading side: the compiler's
:func:`~compiler.collect.read_submission`, itself built on
:func:`workbook_templates.verdict.examine_workbook`, so an upload gets the
very verdict that ``baocao check`` prints and ``baocao compile`` uses.
Everything else in the portal works with :class:`Verdict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compiler.collect import Submission, read_submission
from workbook_templates.catalogue import load_catalogue
from workbook_templates.model import term_years
from workbook_templates.rules import ERROR

ACCEPTED, HAS_ERRORS, REJECTED = "accepted", "has_errors", "rejected"
#: Indicators shown "at a glance" on a unit's page: the first ones of each section.
GLANCE_PER_SECTION = 3


@dataclass
class Verdict:
    status: str
    reason: str = ""
    findings: list[dict] = field(default_factory=list)
    figures: dict = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def check_file(path: Path) -> Submission:
    """The reader + rules verdict on one file, as compile sees it (see the module docstring)."""
    return read_submission(path, path.parent)


def judge(path: Path, unit_code: str, unit_name: str, term: str) -> Verdict:
    """Whether ``path`` is this unit's workbook for this term, and what the rules find in it.

    What any reader refuses (not an Excel workbook, damaged, too large inside,
    another catalogue version) is the reader's own message; only another
    unit's or another term's workbook is the portal's to refuse.
    """
    sub = check_file(path)
    if sub.error and sub.data is None:
        return Verdict(REJECTED, _as_uploaded(sub.error, sub.path))
    if sub.unit_code and sub.unit_code != unit_code:
        return Verdict(REJECTED, f"Đây là sổ của đơn vị khác (mã {sub.unit_code}"
                                 f"{' – ' + sub.unit_name if sub.unit_name else ''}), không phải của "
                                 f"{unit_name} (mã {unit_code}). Hãy nộp đúng sổ của đơn vị mình.")
    expected = tuple(term_years(term))
    if tuple(sub.years) != expected:
        shown = f"{sub.years[0] - 1}-{sub.years[-1]}" if sub.years else "không rõ"
        return Verdict(REJECTED, f"Sổ của nhiệm kỳ {shown}, cấp trên đang thu nhiệm kỳ {term}. "
                                 "Hãy nộp sổ đúng nhiệm kỳ (tải sổ trống ở trang này).")
    findings = [{"severity": f.severity, "rule": f.rule, "sheet": f.sheet, "cell": f.cell, "label": f.label,
                 "message": f.message} for f in sub.issues]
    if sub.error:
        findings.insert(0, {"severity": ERROR, "rule": "LOI_TEP", "sheet": "", "cell": "", "label": "",
                            "message": _as_uploaded(sub.error, sub.path)})
    status = HAS_ERRORS if any(f["severity"] == ERROR for f in findings) else ACCEPTED
    return Verdict(status, findings=findings, figures=_glance(sub))


def _as_uploaded(message: str, shown: str) -> str:
    """The reader names the file; on the portal the temporary name means nothing to the officer."""
    return message.replace(f"Tệp {shown}", "Tệp đã nộp").replace(shown, "tệp đã nộp")


def _glance(sub: Submission) -> dict:
    """A few figures per section, year by year, for the unit's page."""
    catalogue = load_catalogue()
    rows = []
    for section in catalogue.sections:
        shown = 0
        for ind in catalogue.in_section(section.code):
            values = sub.data.values.get(ind.code)
            if not ind.per_year or ind.kind not in ("stock", "flow") or not isinstance(values, list):
                continue
            rows.append({"code": ind.code, "label": ind.label, "unit": ind.unit,
                         "values": [v if isinstance(v, (int, float)) else (None if v is None else str(v))
                                    for v in values]})
            shown += 1
            if shown == GLANCE_PER_SECTION:
                break
    return {"years": list(sub.years), "rows": rows}
