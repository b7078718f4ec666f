"""Charts in the house style: round steps, and a scale that never ends below the longest bar."""

from __future__ import annotations

import math

import pytest
from matplotlib.figure import Figure

from pipeline.content.charts import _legend, _polish_axis


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
