"""The reporting period: one year, a span of years, or the whole term.

An annual report covers one year (``--year``), a half-term review the first
years of the term, a congress report the whole term. A period's figures
follow the same arithmetic as a term's (:func:`workbook_templates.model.figures`):
stocks at the end of the period, flows summed over it, rates recomputed, so
:func:`restrict` simply presents the period as a short term and lets the
model do the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbook_templates.catalogue import Catalogue
from workbook_templates.model import BranchData, Figure, figures, term_value

KINDS = ("dai-hoi", "nam", "so-ket")


@dataclass(frozen=True)
class Period:
    first: int
    last: int

    @property
    def years(self) -> list[int]:
        return list(range(self.first, self.last + 1))

    @property
    def label(self) -> str:
        """Vietnamese label: "năm 2021" or "2019–2023"."""
        return f"năm {self.first}" if self.first == self.last else f"{self.first}–{self.last}"


@dataclass(frozen=True)
class PeriodRequest:
    """What the user asked for, before the term of the workbooks is known."""

    year: int | None = None
    span: tuple[int, int] | None = None
    kind: str = "dai-hoi"

    def resolve(self, years: list[int]) -> Period:
        """The period within the term's ``years``; ValueError (Vietnamese) when outside it.

        Default: a half-term review covers the first half of the term
        (rounded up: 2019–2021 of 2019–2023), an annual report the last
        year, a congress report the whole term.
        """
        if self.year is not None:
            period = Period(self.year, self.year)
        elif self.span is not None:
            period = Period(*self.span)
        elif self.kind == "so-ket":
            period = Period(years[0], years[(len(years) + 1) // 2 - 1])
        elif self.kind == "nam":
            period = Period(years[-1], years[-1])
        else:
            period = Period(years[0], years[-1])
        if period.first not in years or period.last not in years:
            raise ValueError(f"Kỳ báo cáo {period.label} nằm ngoài các năm của nhiệm kỳ "
                             f"({years[0]}–{years[-1]}).")
        return period


def parse_span(text: str) -> tuple[int, int]:
    """'2019-2021' -> (2019, 2021); ValueError with a Vietnamese message."""
    try:
        first, last = (int(part) for part in text.replace("–", "-").split("-"))
    except ValueError as exc:
        raise ValueError(f"Kỳ báo cáo {text!r} phải có dạng năm đầu-năm cuối, ví dụ 2019-2021.") from exc
    if first > last:
        raise ValueError(f"Kỳ báo cáo {text!r}: năm đầu phải không sau năm cuối.")
    return first, last


def restrict(catalogue: Catalogue, data: BranchData, period: Period) -> BranchData:
    """``data`` seen as if the period were its term.

    A stock's start becomes its value at the end of the year before the
    period (the last filled one, or the start of the term).
    """
    i, j = data.years.index(period.first), data.years.index(period.last) + 1
    start = {}
    for code, value in data.start.items():
        start[code] = term_value(catalogue[code], data.values.get(code, [])[:i], value)
    return replace(data, years=data.years[i:j], values={c: v[i:j] for c, v in data.values.items()}, start=start)


def period_figures(catalogue: Catalogue, data: BranchData, period: Period) -> dict[str, Figure]:
    """Yearly figures of the period and, as ``term``, the period's own value."""
    return figures(catalogue, restrict(catalogue, data, period))
