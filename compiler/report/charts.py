"""Draw the report's charts as PNG pictures with matplotlib.

A chart is drawn from a :class:`~.context.Chart` (categories, series, unit)
and nothing else: its caption is wording and lives in the template. Numbers
on the bars and the axis are written the Vietnamese way (``3.120``,
``240,4``), in a serif face matching the Times New Roman of the document,
with sober colours that stay readable when the report is printed in black
and white.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager, ft2font  # noqa: E402  (the backend must be chosen first)
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from .context import Chart  # noqa: E402
from .vn_format import so  # noqa: E402

WIDTH_CM, HEIGHT_CM, DPI = 15.0, 6.0, 200
#: Height of a chart before its legend and groups: low enough that a chart with its caption and the sentence
#: referring to it (kept together) leaves at most about a fifth of a page empty when it moves to the next page.
BASE_HEIGHT_CM = 3.8
FONTS = ("Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif", "DejaVu Sans")
# Letters a font must have to write Vietnamese (some old Liberation builds lack them).
_VIETNAMESE = "ữầđệỹƯ"
COLOURS = ["#1F4E79", "#9DC3E6", "#C55A11", "#F4B183", "#7F7F7F", "#BFBFBF"]

# matplotlib warns once per missing font family; the fallback list is deliberate.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def size_cm(chart: Chart) -> tuple[float, float]:
    """Width and height of a chart sized to its data: a few years make a narrower, lower picture.

    A narrower picture also leaves less of a page empty when it cannot fit
    under the text before it.
    """
    groups = len(chart.categories) * (1 if chart.stacked else max(1, len(chart.series)))
    width = min(WIDTH_CM, 6.0 + 1.2 * groups)
    legend = 0.8 if any(name for name, _ in chart.series) else 0.0
    return width, min(HEIGHT_CM, BASE_HEIGHT_CM + legend + 0.1 * groups)


def draw(chart: Chart, path: str | Path) -> Path:
    """Write ``chart`` as a PNG at ``path`` (at :func:`size_cm`) and return the path."""
    path = Path(path)
    width, height = size_cm(chart)
    with plt.rc_context({"font.family": _font(), "font.size": 9,
                         "axes.spines.top": False, "axes.spines.right": False}):
        fig, ax = plt.subplots(figsize=(width / 2.54, height / 2.54), dpi=DPI)
        try:
            _bars(ax, chart)
            fig.tight_layout()
            fig.savefig(path, format="png", dpi=DPI)
        finally:
            plt.close(fig)
    return path


@cache
def _font() -> str:
    """The first of :data:`FONTS` installed with every Vietnamese letter (serif preferred)."""
    for family in FONTS:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
            face = ft2font.FT2Font(path)
        except (ValueError, OSError, RuntimeError):
            continue
        if all(face.get_char_index(ord(ch)) for ch in _VIETNAMESE):
            return family
    return "DejaVu Sans"  # shipped with matplotlib, has every Vietnamese letter


def _bars(ax, chart: Chart) -> None:
    n = len(chart.series)
    positions = range(len(chart.categories))
    width = 0.6 if chart.stacked or n == 1 else 0.8 / n
    bottoms = [0.0] * len(chart.categories)
    decimals = 1 if any(not float(v).is_integer() for _, values in chart.series for v in values) else 0
    for k, (name, values) in enumerate(chart.series):
        if chart.stacked:
            xs = list(positions)
        else:
            xs = [p - 0.4 + width * (k + 0.5) if n > 1 else p for p in positions]
        bars = ax.bar(xs, values, width, bottom=bottoms if chart.stacked else None,
                      color=COLOURS[k % len(COLOURS)], label=name or None, edgecolor="white", linewidth=0.5)
        labels = [so(float(v), decimals) if v else "" for v in values]
        ax.bar_label(bars, labels=labels, label_type="center" if chart.stacked else "edge",
                     fontsize=7 if n > 2 else 8, padding=0 if chart.stacked else 2,
                     color="white" if chart.stacked and k % 2 == 0 else "black")
        if chart.stacked:
            bottoms = [b + v for b, v in zip(bottoms, values)]
    ax.set_xticks(list(positions), chart.categories)
    ax.set_ylabel(chart.unit)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: so(float(y), 1)))
    top = max(bottoms) if chart.stacked else max((v for _, values in chart.series for v in values), default=0)
    ax.set_ylim(0, top * 1.15 or 1)   # the highest bar or stack stays inside the axis, with room for its label
    ax.grid(axis="y", color="#D9D9D9", linewidth=0.5)
    ax.set_axisbelow(True)
    if any(name for name, _ in chart.series):
        ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                  ncol=n if n <= 3 else 2)
