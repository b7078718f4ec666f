"""Charts in the house style: round steps, and a scale that never ends below the longest bar."""

from __future__ import annotations

import math

import pytest
from matplotlib.figure import Figure

from pipeline.content.charts import _legend, _polish_axis, grouped_bars, share_one_axis


@pytest.mark.parametrize("values", [[137, 125, 96], [31, 30, 8], [3], [0.4, 2.2], [1_836, 1_712]])
def test_the_scale_ends_at_a_round_step_above_the_largest_value(values) -> None:
    ax = Figure().add_subplot()
    _polish_axis(ax.yaxis, values)
    bottom, top = ax.get_ylim()
    ticks = [t for t in ax.get_yticks() if bottom <= t <= top]
    assert bottom == 0 and top >= max(values) and top == ticks[-1]
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1
    step = steps.pop()
    assert round(step / 10 ** math.floor(math.log10(step)), 6) in (1, 2, 2.5, 5)


def test_a_chart_with_nothing_to_explain_has_no_legend() -> None:
    """No series or line with a label (no average, no flag): no legend, rather than the empty
    one that divided by zero (found by the generated data: no population known, no gmina under 10)."""
    figure = Figure()
    ax = figure.add_subplot()
    ax.barh([0], [3])
    _legend(figure, ax)
    assert figure.legends == []


@pytest.mark.parametrize(("series", "one_axis"), [
    ({"stwierdzone": [1_773, 1_836], "wykryte": [1_326, 1_387]}, True),
    ({"wypadki": [36, 40], "kolizje": [144, 152]}, True),  # 4 times smaller: still readable on one scale
    ({"wypadki": [40, 36], "zabici": [4, 2]}, False),  # 2 to 4 deaths on a 0-40 scale: a line at the floor
    ({"wypadki": [0, 0], "zabici": [0, 0]}, True),
])
def test_a_series_of_small_counts_gets_an_axis_of_its_own(series, one_axis) -> None:
    assert share_one_axis(series) is one_axis
    chart = grouped_bars(["2024", "2025"], series, alt="Wykres", caption="Wykres")
    assert chart.data.startswith(b"\x89PNG")
