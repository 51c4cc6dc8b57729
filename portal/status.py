"""The status of each unit, derived from its versions and the upper union's review (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NOT_SUBMITTED, WITH_ERRORS, SUBMITTED, APPROVED, RETURNED = (
    "chua_nop", "co_loi", "da_nop", "da_duyet", "tra_lai")
LABELS = {
    NOT_SUBMITTED: "Chưa nộp",
    WITH_ERRORS: "Đã nộp có lỗi",
    SUBMITTED: "Đã nộp",
    APPROVED: "Đã duyệt",
    RETURNED: "Trả lại",
}
#: Statuses that count as "submitted" in the progress bar.
COUNTED = (SUBMITTED, APPROVED)


@dataclass
class UnitStatus:
    status: str
    version: object | None        # the version that counts (approved, else latest clean, else latest)
    latest: object | None
    submitted_at: dt.datetime | None
    late: bool | None             # None when nothing was submitted or there is no deadline

    @property
    def label(self) -> str:
        return LABELS[self.status]


def unit_status(versions: list, review, deadline: dt.datetime | None) -> UnitStatus:
    """``versions`` newest first; ``review`` may be None."""
    latest = versions[0] if versions else None
    clean = next((v for v in versions if v.clean), None)
    state = getattr(review, "state", "") if review else ""
    if state == "approved" and review.version is not None:
        status, counted = APPROVED, review.version
    elif state == "returned":
        status, counted = RETURNED, clean or latest
    elif clean is not None:
        status, counted = SUBMITTED, clean
    elif latest is not None:
        status, counted = WITH_ERRORS, latest
    else:
        status, counted = NOT_SUBMITTED, None
    at = counted.uploaded_at if counted is not None else None
    late = None if at is None or deadline is None else at > deadline
    return UnitStatus(status, counted, latest, at, late)
