"""Telling change from chance: the exact tests and limits behind the report's words.

The report's sentences say "wzrost" or "spadek" only when the change is more than chance,
and "▲ wyżej" / "▼ niżej" only when a gmina lies outside the limits for its size. Every
figure here comes from `scipy.stats`; nothing is approximated by hand.

- **A change in a count** (crimes, accidents: events of a Poisson process) from x₁ last
  year to x₂ this year: given n = x₁ + x₂, x₂ ~ Binomial(n, e₂ ÷ (e₁ + e₂)) when the rate
  did not change (e = exposure, equal by default). An exact two-sided binomial test
  (`binomtest`) at 5% decides ("the conditional test"; R's `poisson.test` does the same).
- **A change in a share** (detection rate, a survey's share): Fisher's exact test on the
  2×2 table, the same conditioning as above, two-sided at 5%.
- **A survey's share**: a 95% Wilson interval (`binomtest(...).proportion_ci("wilson")`).
- **A gmina against the powiat** (Spiegelhalter, *Funnel plots for comparing institutional
  performance*, Stat. Med. 24, 2005): with the powiat's rate R, a gmina of P residents
  expects E = R·P events; its limits are exact Poisson quantiles around E at 95% and 99.8%
  (`poisson.ppf`). A gmina is above or below only outside the 99.8% limits (FLAG_LEVEL):
  with 8 gminas and 4 figures compared, 95% limits alone would flag one or two cells by
  chance every year. A count equal to a limit is inside it.
- **Overdispersion** (Spiegelhalter 2005, section 5.2): φ = mean of the squared z-scores,
  winsorised at 10% and 90%. It is measured and reported, not used to widen the limits
  (see docs/dane.md for why).
- **This year against the previous years** (a c-chart): the mean c̄ of the previous years
  and exact Poisson limits around it at the probabilities of ±3σ (0.135% and 99.865%).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

__all__ = ["CONTROL_TAILS", "FLAG_LEVEL", "FUNNEL_LEVELS", "SIGNIFICANCE", "Change", "ControlLimits",
           "count_change", "control_limits", "funnel_limits", "funnel_position", "overdispersion",
           "overdispersed", "share_change", "wilson", "weight"]

SIGNIFICANCE = 0.05  # two-sided: a change is called a change below this p-value
FUNNEL_LEVELS = (0.95, 0.998)  # the limits a funnel chart draws
FLAG_LEVEL = 0.998  # ▲/▼ only outside these limits
CONTROL_TAILS = (stats.norm.cdf(-3), stats.norm.cdf(3))  # a c-chart's ±3σ as probabilities
WINSOR = (10, 90)  # percentiles at which z-scores are winsorised before φ is estimated


@dataclass(frozen=True)
class Change:
    """A change between two years and what the exact test says about it."""

    previous: float
    current: float
    p_value: float

    @property
    def direction(self) -> int:
        """+1 a rise, −1 a fall, 0 none."""
        return int(self.current > self.previous) - int(self.current < self.previous)

    @property
    def significant(self) -> bool:
        """More than chance: the test rejects "no change" at SIGNIFICANCE."""
        return self.direction != 0 and self.p_value < SIGNIFICANCE


def count_change(previous: int, current: int, exposure_previous: float = 1.0,
                 exposure_current: float = 1.0) -> Change:
    """The conditional exact test for two Poisson counts (e.g. 4 → 9: p ≈ 0.27, chance)."""
    total = int(previous) + int(current)
    if total == 0:
        return Change(previous, current, 1.0)
    expected_share = exposure_current / (exposure_previous + exposure_current)
    result = stats.binomtest(int(current), total, expected_share, alternative="two-sided")
    return Change(previous, current, float(result.pvalue))


def share_change(part_previous: int, whole_previous: int, part_current: int, whole_current: int) -> Change:
    """Fisher's exact test of two shares; the Change holds the shares in %."""
    if whole_previous <= 0 or whole_current <= 0:
        raise ValueError("a share needs a base of at least 1")
    table = [[int(part_previous), int(whole_previous - part_previous)],
             [int(part_current), int(whole_current - part_current)]]
    result = stats.fisher_exact(table, alternative="two-sided")
    return Change(part_previous / whole_previous * 100, part_current / whole_current * 100, float(result.pvalue))


def wilson(part: int, whole: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson interval of part ÷ whole, in % (Newcombe 1998: 81 of 263 -> 25.53–36.62)."""
    interval = stats.binomtest(int(part), int(whole)).proportion_ci(confidence_level=confidence, method="wilson")
    return float(interval.low) * 100, float(interval.high) * 100


def weight(previous: float, current: float) -> float:
    """How heavy a change is: |ln(current ÷ previous)|, so that a doubling and a halving weigh
    the same; half an event is added to each side so that a start from 0 weighs too."""
    return abs(math.log((float(current) + 0.5) / (float(previous) + 0.5)))


# ------------------------------------------------------------------ funnel plots


def funnel_limits(rate: float, populations: Sequence[float] | np.ndarray,
                  level: float) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper limits, as counts, for each population at `level` (0.95 or 0.998):
    the exact Poisson quantiles around E = rate × population."""
    expected = np.asarray(populations, dtype=float) * float(rate)
    tail = (1 - level) / 2
    return stats.poisson.ppf(tail, expected), stats.poisson.ppf(1 - tail, expected)


def funnel_position(count: float, population: float, rate: float, level: float = FLAG_LEVEL) -> int:
    """+1 above the limits for this population, −1 below them, 0 within (a count on a limit
    is within). `rate` is events per resident in the whole area compared with."""
    low, high = funnel_limits(rate, [population], level)
    return int(count > high[0]) - int(count < low[0])


def overdispersion(counts: Sequence[float], populations: Sequence[float], rate: float) -> float:
    """Spiegelhalter's φ: the mean squared z-score (z winsorised at 10% and 90%); about 1 when
    the units differ by chance alone, more when they really differ."""
    expected = np.asarray(populations, dtype=float) * float(rate)
    known = expected > 0  # a unit where nothing is expected (no residents, or no event anywhere) tells nothing
    if not known.any():
        return float("nan")  # undefined: not overdispersed
    z = (np.asarray(counts, dtype=float)[known] - expected[known]) / np.sqrt(expected[known])
    low, high = np.percentile(z, WINSOR)
    return float(np.mean(np.clip(z, low, high) ** 2))


def overdispersed(phi: float, units: int) -> bool:
    """Whether n·φ exceeds the 95th percentile of χ² with n − 1 degrees of freedom."""
    return units > 1 and phi * units > stats.chi2.ppf(0.95, units - 1)


# ------------------------------------------------------------------ a series against its past


@dataclass(frozen=True)
class ControlLimits:
    """This year against the previous years: their mean and range, and the c-chart's limits."""

    mean: float
    lowest: float
    highest: float
    lower: float
    upper: float

    def position(self, value: float) -> int:
        """+1 above the upper limit, −1 below the lower, 0 within (on a limit is within)."""
        return int(value > self.upper) - int(value < self.lower)


def control_limits(history: Sequence[float]) -> ControlLimits:
    """The c-chart of the previous years' counts (at least one year)."""
    values = [float(v) for v in history]
    if not values:
        raise ValueError("a control chart needs at least one previous year")
    mean = sum(values) / len(values)
    lower, upper = (float(stats.poisson.ppf(p, mean)) if mean > 0 else 0.0 for p in CONTROL_TAILS)
    return ControlLimits(mean, min(values), max(values), lower, upper)
