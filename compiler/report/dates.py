"""The date a report bears and what its data can truthfully say on that date.

Every statement of a report must be true on the document's date
(domain.md section 4, "Dates"). Each kind has its own customary date:

``dai-hoi``  the congress date given (the Thông tin sheet's date, ``compile --date``);
``nam``      early in the year after the reported one;
``so-ket``   soon after the last year of the half-term.

The data's own date (when the workbook was filled in) decides which years
are finished: a year's ratings and results are reported only once it is
over; a count taken during an unfinished year is "đến tháng 6/2023".

Pure functions: no file, no Word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: Month and day a report of each kind is customarily dated after its period.
DEFAULT_AFTER = {"nam": (1, 15), "so-ket": (3, 15)}


@dataclass(frozen=True)
class AsOf:
    """The document's date and how far its data goes.

    ``document``: the date printed in the header (``None``: left blank to
    be filled in by hand). ``data``: the date of the figures. ``finished``:
    the last year fully over on the data's date.
    """

    document: dt.date | None
    data: dt.date | None

    @property
    def finished(self) -> int | None:
        return self.data.year - 1 if self.data else None

    def is_finished(self, year: int) -> bool:
        """True when ``year`` was over on the data's date (always, without a date)."""
        return self.data is None or year < self.data.year

    def current_label(self, year: int) -> str:
        """How a count at the end of ``year`` is dated: "cuối năm 2022" or "tháng 6/2023"."""
        if self.is_finished(year):
            return f"cuối năm {year}"
        return f"tháng {self.data.month}/{self.data.year}"

    def year_label(self, year: int) -> str:
        """A year as a chart category: "2022", or "6/2023" for a year still running."""
        return str(year) if self.is_finished(year) else f"{self.data.month}/{year}"


def as_of(kind: str, last_year: int, data_date: dt.date | None) -> AsOf:
    """The document date of a ``kind`` report whose period ends with ``last_year``.

    A congress report bears the date given. An annual or half-term report
    of a finished period is dated at the kind's customary date after it, or
    on the data's date when that comes earlier; a report of a period still
    running on the data's date bears that date and speaks of "đến nay".
    """
    if kind not in DEFAULT_AFTER or data_date is None:
        return AsOf(data_date, data_date)
    if data_date.year <= last_year:
        return AsOf(data_date, data_date)
    month, day = DEFAULT_AFTER[kind]
    customary = dt.date(last_year + 1, month, day)
    return AsOf(min(data_date, customary), data_date)
