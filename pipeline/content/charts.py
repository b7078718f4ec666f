"""Charts in the house style: Polish labels, one palette, hatches for black-and-white print.

Each function takes plain data and returns a `Chart`: the image bytes, a Polish text
alternative that states what the chart shows, and a caption. Figures are built with
matplotlib's object API (no pyplot), so no state survives from one chart to the next.
"""

from __future__ import annotations

import base64
import functools
import io
import textwrap
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Literal, ParamSpec

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.textpath import TextPath
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from ..data.formatting import fmt_int, fmt_number
from .theme import FONT_FAMILY, FONT_FILES, PALETTE

__all__ = ["CHART_DPI", "CHART_FORMAT", "Chart", "funnel", "grouped_bars", "share_one_axis", "stacked_hbars"]

ChartFormat = Literal["png", "svg"]
CHART_FORMAT: ChartFormat = "png"  # chosen by measurement: see scripts/bench.py
CHART_DPI = 200  # sharp in print; the benchmark prints what each format costs
TEXT_WIDTH_IN = 6.7  # A4 minus margins: charts are drawn at the size they are printed
SMALL_SERIES = 5  # a series this many times smaller than the largest gets an axis of its own
MIME = {"png": "image/png", "svg": "image/svg+xml"}
# The HTML edition shows a phone the chart drawn again for its width (`Chart.narrow`): the
# column of a 390 px screen, less the page's margins, is about 3.6 in at 96 CSS px per inch,
# so a point is 1.33 CSS px and no text is smaller than NARROW_MIN_PT (12.6 px).
NARROW_WIDTH_IN = 3.6
NARROW_MIN_PT = 9.5
NARROW_WRAP = 24  # characters per line of a category's label
NARROW_TALLER = 1.35  # the larger text needs more height than the printed chart's
NARROW_TRIES = 3  # times the height grows for labels that overlap
_NARROW: ContextVar[bool] = ContextVar("narrow", default=False)

for _path in FONT_FILES.values():
    font_manager.fontManager.addfont(str(_path))

STYLE = {
    "font.family": FONT_FAMILY,
    "font.size": 9,
    "axes.edgecolor": PALETTE.rule,
    "axes.labelcolor": PALETTE.ink,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": PALETTE.ink,
    "ytick.color": PALETTE.ink,
    "hatch.linewidth": 0.8,
    "legend.frameon": False,
    "text.parse_math": False,  # a "$" in a label is a dollar sign, never TeX
    "svg.fonttype": "path",  # glyphs as outlines: no font needed to show the SVG
    "svg.hashsalt": "raport",  # stable ids, so the same data gives the same bytes
}


@dataclass(frozen=True)
class Chart:
    """An image for the report with what it shows in words."""

    data: bytes
    mime: str
    alt: str  # Polish text alternative: the numbers the chart shows
    caption: str
    width_in: float
    narrow: bytes = b""  # the same chart drawn for a phone's width (SVG), for the HTML edition

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def narrow_uri(self) -> str:
        return f"data:{MIME['svg']};base64,{base64.b64encode(self.narrow).decode('ascii')}" if self.narrow else ""


_Params = ParamSpec("_Params")


def _also_narrow(draw: Callable[_Params, Chart]) -> Callable[_Params, Chart]:
    """The chart as printed, and drawn once more for a phone's width (`_fit_narrow`): the
    same drawing code, so the two can never show different numbers."""
    @functools.wraps(draw)
    def both(*args: _Params.args, **kwargs: _Params.kwargs) -> Chart:
        chart = draw(*args, **kwargs)
        token = _NARROW.set(True)
        try:
            narrow = draw(*args, **kwargs)
        finally:
            _NARROW.reset(token)
        return replace(chart, narrow=narrow.data)
    return both


def _figure(height_in: float, width_in: float = TEXT_WIDTH_IN) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(width_in, height_in), layout="constrained")
    return figure, figure.add_subplot()


def _render(figure: Figure, alt: str, caption: str, fmt: ChartFormat | None = None) -> Chart:
    if _NARROW.get():
        return _render_narrow(figure, alt, caption)
    fmt = fmt or CHART_FORMAT
    buffer = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    figure.savefig(buffer, format=fmt, dpi=CHART_DPI, metadata=metadata)
    width = figure.get_figwidth()
    return Chart(buffer.getvalue(), MIME[fmt], alt, caption, width)


def _render_narrow(figure: Figure, alt: str, caption: str) -> Chart:
    """The chart for a phone: an SVG (glyphs as outlines, so it needs no font) at its width."""
    _fit_narrow(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return Chart(buffer.getvalue(), MIME["svg"], alt, caption, figure.get_figwidth())


def _fit_narrow(figure: Figure) -> None:
    """A chart laid out for print, made fit for a phone: its width, text no smaller than
    NARROW_MIN_PT, long category labels wrapped shorter, and more height for them."""
    figure.set_size_inches(NARROW_WIDTH_IN, figure.get_figheight() * NARROW_TALLER)
    for ax in figure.axes:
        for labels, setter in ((ax.get_yticklabels(), ax.set_yticklabels), (ax.get_xticklabels(), ax.set_xticklabels)):
            texts = [label.get_text() for label in labels]
            if any(len(text) > NARROW_WRAP for text in texts):
                setter([textwrap.fill(text.replace("\n", " "), NARROW_WRAP) for text in texts])
    for text in figure.findobj(Text):
        text.set_fontsize(max(float(text.get_fontsize()), NARROW_MIN_PT))
    for _ in range(NARROW_TRIES):  # taller until no two labels of a plot overlap
        growth = max((_crowding(ax) for ax in figure.axes), default=1.0)
        if growth <= 1.0:
            return
        figure.set_figheight(figure.get_figheight() * min(growth, 2.0))


def _crowding(ax: Axes) -> float:
    """How much taller the plot must be for its category names (wrapped on the left) not to
    overlap one another: 1.0 when they do not."""
    ax.figure.draw_without_rendering()
    plot = ax.get_window_extent().height
    boxes = sorted((t.get_window_extent() for t in ax.get_yticklabels() if t.get_visible() and t.get_text()),
                   key=lambda box: box.y0)
    needed = max((low.y1 - high.y0 + 4 for low, high in zip(boxes, boxes[1:], strict=False)), default=0.0)
    return 1.0 + needed * len(boxes) / plot if needed > 0 and plot else 1.0


def _polish_axis(axis: matplotlib.axis.Axis, values: Sequence[float | None], integer: bool = True) -> None:
    """Polish numbers at round steps, from 0 to the first step above the largest value (with a
    little room for its label): the scale never ends below the longest bar."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, 0 if float(v).is_integer() else 1)))
    locator = MaxNLocator(nbins=6, integer=integer, steps=[1, 2, 2.5, 5, 10])
    axis.set_major_locator(locator)
    largest = max((v for v in values if v is not None), default=0) or 1
    top = next(t for t in locator.tick_values(0, largest * 1.05) if t >= largest * 1.05)
    axis.axes.set_xlim(0, top) if axis.axis_name == "x" else axis.axes.set_ylim(0, top)


def _wrap(labels: Sequence[str], width: int = 30) -> list[str]:
    return [textwrap.fill(label, width) for label in labels]


def _style(index: int) -> dict[str, str]:
    """Fill, hatch and hatch colour of the index-th series, the same in every chart."""
    return {"color": PALETTE.series[index], "hatch": PALETTE.hatches[index],
            "hatchcolor": PALETTE.hatch_colours[index], "edgecolor": "white", "linewidth": 0.5}


def _label_bars(ax: Axes, bars, values: Sequence[object]) -> None:
    labels = ["" if v is None else fmt_int(v) for v in values]
    ax.bar_label(bars, labels=labels, padding=2, fontsize=7.5, color=PALETTE.ink)


def _legend(figure: Figure, ax: Axes) -> None:
    """The legend under the plot, outside it, so it never covers a bar: one row, or two when
    more than four entries would not fit the width."""
    handles, names = ax.get_legend_handles_labels()
    if not names:  # e.g. no average to draw and no bar to flag: nothing to explain
        return
    columns = len(names) if len(names) <= 4 else 3
    if _NARROW.get():  # a phone's width holds two short names in a row, or one long
        columns = 1 if max(map(len, names), default=0) > NARROW_WRAP // 2 else min(len(names), 2)
    # matplotlib fills a legend column by column; people read it row by row.
    rows = -(-len(names) // columns)
    order = [r * columns + c for c in range(columns) for r in range(rows) if r * columns + c < len(names)]
    figure.legend([handles[i] for i in order], [names[i] for i in order], loc="outside lower center", ncols=columns)


def share_one_axis(series: dict[str, Sequence[float | None]]) -> bool:
    """Whether every series reads on one scale: a series of small counts (its largest value
    under 1/SMALL_SERIES of the largest of all, e.g. deaths beside accidents) would be a line
    at the floor, so it gets a panel and an axis of its own."""
    largest = [max((v for v in values if v is not None), default=0) for values in series.values()]
    return not any(0 < value * SMALL_SERIES < max(largest) for value in largest)


@_also_narrow
def grouped_bars(categories: Sequence[str], series: dict[str, Sequence[float | None]], *, alt: str,
                 caption: str, ylabel: str = "", height_in: float = 2.0) -> Chart:
    """Vertical bars, one group per category (usually a year), one bar per series; series of
    very different sizes as small multiples, each on its own axis (`share_one_axis`)."""
    if not share_one_axis(series):
        return _small_multiples(categories, series, alt=alt, caption=caption, ylabel=ylabel, height_in=height_in)
    with matplotlib.rc_context(STYLE):
        figure, ax = _figure(height_in)
        width = 0.8 / max(len(series), 1)
        positions = range(len(categories))
        for index, (label, values) in enumerate(series.items()):
            heights = [0 if v is None else v for v in values]
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            bars = ax.bar(offsets, heights, width * 0.92, label=label, **_style(index))
            _label_bars(ax, bars, values)
        ax.set_xticks(list(positions), list(categories))
        ax.set_ylabel(ylabel)
        _polish_axis(ax.yaxis, [v for values in series.values() for v in values])
        ax.grid(axis="y", color=PALETTE.rule, linewidth=0.5)
        ax.set_axisbelow(True)
        if len(series) > 1:
            _legend(figure, ax)
        return _render(figure, alt, caption)


def _small_multiples(categories: Sequence[str], series: dict[str, Sequence[float | None]], *, alt: str,
                     caption: str, ylabel: str, height_in: float) -> Chart:
    """One panel per series, side by side, each with its own scale and its values on the bars."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(TEXT_WIDTH_IN, height_in), layout="constrained")
        panels = figure.subplots(1, len(series))
        positions = list(range(len(categories)))
        for index, (ax, (label, values)) in enumerate(zip(panels, series.items(), strict=True)):
            bars = ax.bar(positions, [0 if v is None else v for v in values], 0.7, **_style(index))
            _label_bars(ax, bars, values)
            ax.set_xticks(positions, list(categories))
            ax.set_title(label, loc="left", fontsize=9)
            _polish_axis(ax.yaxis, values)
            ax.grid(axis="y", color=PALETTE.rule, linewidth=0.5)
            ax.set_axisbelow(True)
        panels[0].set_ylabel(ylabel)
        return _render(figure, alt, caption)


@_also_narrow
def stacked_hbars(labels: Sequence[str], parts: dict[str, Sequence[float]], *, alt: str, caption: str,
                  totals: bool = True, scale_max: float | None = None,
                  end_labels: tuple[str, Sequence[str]] | None = None) -> Chart:
    """Horizontal stacked bars: one bar per category, one segment per part (e.g. KMZB status),
    each part in the same style whatever else is shown; a part that is empty everywhere gets
    no legend entry. `totals` prints each bar's sum at its end; `scale_max` fixes the scale
    (100 for shares in %); `end_labels` (a heading and a value per bar) prints the value a
    reader looks for beside each bar of a full-width scale, e.g. the share feeling safe."""
    with matplotlib.rc_context(STYLE):
        figure, ax = _figure(0.7 + 0.26 * len(labels))
        positions = list(range(len(labels)))[::-1]
        left = [0.0] * len(labels)
        for index, (label, values) in enumerate(parts.items()):
            if not any(values):
                continue
            ax.barh(positions, values, 0.7, left=left, label=label, **_style(index))
            left = [a + b for a, b in zip(left, values, strict=True)]
        for position, total in zip(positions, left, strict=True) if totals else ():
            ax.text(total, position, f" {fmt_int(total)}", va="center", fontsize=7.5)
        ax.set_yticks(positions, _wrap(labels, 40))
        _polish_axis(ax.xaxis, left if scale_max is None else [scale_max / 1.05])
        if scale_max is not None:
            ax.set_xlim(0, scale_max)
        ax.grid(axis="x", color=PALETTE.rule, linewidth=0.5)
        ax.set_axisbelow(True)
        if end_labels is not None:
            _end_labels(ax, positions, *end_labels)
        _legend(figure, ax)
        return _render(figure, alt, caption)


def _end_labels(ax: Axes, positions: Sequence[int], heading: str, values: Sequence[str]) -> None:
    """A column of values right of the plot, under a heading, one beside each bar."""
    beside = ax.get_yaxis_transform()  # x in the axes' width, y in the data's rows
    for position, value in zip(positions, values, strict=True):
        ax.text(1.015, position, value, transform=beside, va="center", fontsize=8, fontweight="semibold",
                color=PALETTE.ink)
    ax.text(1.015, max(positions) + 0.75, heading, transform=beside, va="bottom", fontsize=7.5, color=PALETTE.muted)


@_also_narrow
def funnel(labels: Sequence[str], populations: Sequence[float], rates: Sequence[float], positions: Sequence[int], *,
           average: float, bands: dict[str, tuple[Sequence[float], Sequence[float], Sequence[float]]],
           average_label: str, ylabel: str, alt: str, caption: str, height_in: float = 2.3) -> Chart:
    """A funnel plot (Spiegelhalter 2005): each unit's rate against its population, the average
    as a line and the limits around it (`bands`: label -> population grid, lower, upper), the
    inner band dashed, the outer solid. A unit above the outer limits is drawn as ▲, below as ▼,
    within as ●, so the shape says it without colour."""
    markers = {1: "^", -1: "v", 0: "o"}
    with matplotlib.rc_context(STYLE):
        figure, ax = _figure(height_in)
        for index, (label, (grid, lower, upper)) in enumerate(bands.items()):
            style = {"color": PALETTE.muted, "linewidth": 1.0, "linestyle": "--" if index == 0 else "-"}
            ax.plot(grid, upper, label=label, **style)
            ax.plot(grid, lower, **style)
        ax.axhline(average, color=PALETTE.accent, linewidth=1.4, linestyle="--", label=average_label, zorder=1)
        for position in (0, 1, -1):
            chosen = [i for i, p in enumerate(positions) if p == position]
            ax.scatter([populations[i] for i in chosen], [rates[i] for i in chosen], marker=markers[position], s=36,
                       color=PALETTE.primary, zorder=3, edgecolor="white", linewidth=0.6)
        ax.set_xscale("log")
        ticks = [t for t in (2_000, 3_000, 5_000, 10_000, 20_000, 30_000, 50_000, 100_000)
                 if min(populations) / 1.3 <= t <= max(populations) * 1.3]
        ax.set_xticks(ticks, [fmt_int(t) for t in ticks])
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlabel("ludność gminy (skala logarytmiczna)")
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, 0)))
        ax.grid(axis="y", color=PALETTE.rule, linewidth=0.5)
        ax.set_axisbelow(True)
        # Each gmina named with its rate, where a reader looks for it; on white, so no line crosses a name.
        texts = [f"{label} {fmt_number(rate, 0)}" for label, rate in zip(labels, rates, strict=True)]
        for text, (x, y), (dx, dy, ha, va) in zip(texts, zip(populations, rates, strict=True),
                                                  _label_places(ax, populations, rates, texts), strict=True):
            ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, fontsize=7.5,
                        color=PALETTE.ink, zorder=4,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
        _legend(figure, ax)
        return _render(figure, alt, caption)


_PLACES = ((5, 2, "left", "bottom"), (5, -2, "left", "top"), (-5, 2, "right", "bottom"), (-5, -2, "right", "top"))


def _label_places(ax: Axes, xs: Sequence[float], ys: Sequence[float], texts: Sequence[str],
                  ) -> list[tuple[int, int, str, str]]:
    """Where each point's label goes (offset in points and alignment): right and above it unless
    that covers a label already placed or another point, then below, then left. Measured in
    points on the chart as it is laid out, the labels' widths from the font's outlines."""
    ax.figure.draw_without_rendering()  # the layout settles the plot's size and limits
    scale = 72 / ax.figure.dpi
    points = [tuple(v * scale for v in ax.transData.transform((x, y))) for x, y in zip(xs, ys, strict=True)]
    taken = [(qx - 3, qy - 3, qx + 3, qy + 3) for qx, qy in points]  # the markers
    where: dict[str, tuple[int, int, str, str]] = {}
    for (px, py), text in sorted(zip(points, texts, strict=True), key=lambda item: item[0]):
        extent = TextPath((0, 0), text, size=7.5, prop=font_manager.FontProperties(family=FONT_FAMILY)).get_extents()
        width, tall = extent.width + 2, 9.0
        mine = (px - 3, py - 3, px + 3, py + 3)
        for dx, dy, ha, va in _PLACES:
            left = px + dx - (width if ha == "right" else 0)
            bottom = py + dy - (tall if va == "top" else 0)
            box = (left, bottom, left + width, bottom + tall)
            if not any(_overlap(box, other) for other in taken if other != mine):
                break
        taken.append(box)
        where[text] = (dx, dy, ha, va)
    return [where[text] for text in texts]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
