"""The rows of the consolidated workbook's per-unit tables. Pure.

Each function turns one unit (or one status, one finding) into rows of a
table of ``tong-hop.xlsx``: Tình hình nộp, Văn bản and Lỗi (Theo đơn vị's
row is :meth:`.unit_table.UnitTable.row`). A row is its list of values, in
the table's column order.
"""

from __future__ import annotations

from typing import Any, Iterator

from workbook_templates.catalogue import Catalogue
from workbook_templates.model import Value
from workbook_templates.rules import Finding

from .collect import Submission
from .completeness import Row
from .tables import STATUS_HEADERS, VIA

TableRow = list[Value]

ISSUE_HEADERS = ("Tệp", "Mã đơn vị", "Mức độ", "Mã quy tắc", "Trang tính", "Ô", "Mã chỉ tiêu", "Chỉ tiêu",
                 "Giá trị", "Nội dung, hướng dẫn sửa")


def status_rows(row: Row, nested: list[dict[str, Any]] | None) -> Iterator[TableRow]:
    """One registry unit or file; a consolidated input brings the rows of its own units."""
    e = row.entry
    included = "Có" if row.included else ("Không" if e is not None else "")
    yield [row.unit_code, row.unit_name or (e.unit_name if e else ""), row.parent, row.status, included,
           e.path if e else "", e.prepared if e else None, e.errors if e else None,
           e.warnings if e else None, row.note, ""]
    for inner in nested or ():
        via = inner.get(VIA)
        values = [inner.get(h) for h in STATUS_HEADERS]
        values[-1] = f"{row.unit_code} › {via}" if via else row.unit_code
        yield values


def text_rows(catalogue: Catalogue, sub: Submission) -> Iterator[TableRow]:
    """The texts of one unit, one row per text indicator.

    A consolidated workbook brings its own text cells, the digest of its
    units' texts (:class:`~.aggregate.TextDigest`), not every unit's texts: what
    travels up a level is bounded by the number of direct children, and the
    units' texts stay on the Văn bản sheet of that workbook.
    """
    for ind in catalogue.indicators:
        text = sub.data.texts.get(ind.code) if sub.data else None
        if text:
            yield [sub.unit_code, sub.unit_name, "", ind.code, ind.label, text]


def issue_rows(sub: Submission, extra: list[Finding] = ()) -> Iterator[TableRow]:
    for issue in [*sub.issues, *extra]:
        yield [sub.path, sub.unit_code, issue.severity, issue.rule, issue.sheet, issue.cell, issue.code,
               issue.label, issue.values_text, issue.message]
