"""Change or chance: the tests and limits against published worked examples, and the
properties any fair rule must have (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.data.figures import stats

# ------------------------------------------------------------------ published worked examples


def test_the_conditional_test_matches_r_poisson_test() -> None:
    """R's documentation of poisson.test (data eba1977, Andersen 1977: lung cancer in Fredericia
    against the three other Danish cities, ages 55–59): poisson.test(c(11, 6+8+7),
    c(800, 1083+1050+878)) gives p-value = 0.07967."""
    change = stats.count_change(6 + 8 + 7, 11, exposure_previous=1083 + 1050 + 878, exposure_current=800)
    assert change.p_value == pytest.approx(0.07967, abs=5e-6)
    assert not change.significant


@pytest.mark.parametrize(("previous", "current", "p_value", "significant"), [
    (4, 9, 0.27, False),  # the robberies of the example data: chance
    (1712, 1836, 0.04, True),  # all crimes: a rise at the edge of chance
    (54, 80, 0.03, True),  # drunk drivers caught
    (466, 517, 0.11, False),  # domestic interventions
])
def test_the_conditional_test_gives_the_worked_examples_of_the_domain_notes(previous, current, p_value,
                                                                            significant) -> None:
    change = stats.count_change(previous, current)
    assert change.p_value == pytest.approx(p_value, abs=0.005)
    assert change.significant is significant


@pytest.mark.parametrize(("part", "whole", "low", "high"), [
    (81, 263, 25.53, 36.62), (15, 148, 6.24, 16.05), (0, 20, 0.0, 16.11), (1, 29, 0.61, 17.18),
])
def test_the_wilson_interval_matches_newcombe_1998(part, whole, low, high) -> None:
    """Newcombe, Two-sided confidence intervals for the single proportion: comparison of seven
    methods, Stat. Med. 17 (1998), table I, method 3 (score interval without correction)."""
    assert stats.wilson(part, whole) == pytest.approx((low, high), abs=0.006)


def test_the_survey_of_the_example_is_three_points_either_way() -> None:
    """534 of 725 (73,7%): 70,3–76,7%, so a target of 73,0% lies inside the interval."""
    low, high = stats.wilson(534, 725)
    assert (round(low, 1), round(high, 1)) == (70.3, 76.7)


def test_funnel_limits_are_the_poisson_quantiles_of_the_textbook_tables() -> None:
    """Poisson tables (μ = 10): P(X ≤ 3) = 0,0103 < 0,025 ≤ P(X ≤ 4) = 0,0293 and
    P(X ≤ 16) = 0,9730 < 0,975 ≤ P(X ≤ 17) = 0,9857: the 95% limits around 10 are 4 and 17."""
    low, high = stats.funnel_limits(0.01, [1000], 0.95)
    assert (low[0], high[0]) == (4, 17)
    assert stats.funnel_position(17, 1000, 0.01, 0.95) == 0  # on the limit is within
    assert stats.funnel_position(18, 1000, 0.01, 0.95) == 1
    assert stats.funnel_position(3, 1000, 0.01, 0.95) == -1


def test_large_funnels_approach_the_normal_limits_of_spiegelhalter() -> None:
    """For large E the limits are E ± 1,96√E (95%) and E ± 3,09√E (99,8%)."""
    for level, z in ((0.95, 1.96), (0.998, 3.09)):
        low, high = stats.funnel_limits(1.0, [10_000], level)
        assert high[0] - 10_000 == pytest.approx(z * 100, abs=3)
        assert 10_000 - low[0] == pytest.approx(z * 100, abs=3)


def test_a_small_gmina_far_from_the_mean_stays_inside_its_wide_limits() -> None:
    """3 000 residents at 2,6 accidents per 10 000 expect 0,78: 3 accidents (rate 10 against
    2,6) are within the 99,8% limits; 30 times the population with the same rate is not."""
    rate = 2.6 / 10_000
    assert stats.funnel_position(3, 3000, rate) == 0
    assert stats.funnel_position(90, 90_000, rate) == 1


def test_overdispersion_is_about_one_when_units_differ_by_chance_alone() -> None:
    populations = [1000.0] * 10
    assert stats.overdispersion([10] * 10, populations, 0.01) == 0
    phi = stats.overdispersion([2, 30, 4, 25, 1, 28, 3, 22, 5, 30], populations, 0.015)
    assert phi > 5 and stats.overdispersed(phi, 10)


def test_the_c_chart_of_the_previous_years() -> None:
    limits = stats.control_limits([1773, 1719, 1684, 1712])
    assert limits.mean == pytest.approx(1722)
    assert (limits.lowest, limits.highest) == (1684, 1773)
    assert limits.lower == pytest.approx(1722 - 3 * 1722 ** 0.5, abs=3)
    assert limits.upper == pytest.approx(1722 + 3 * 1722 ** 0.5, abs=3)
    assert limits.position(1836) == 0 and limits.position(1900) == 1


# ------------------------------------------------------------------ properties


counts = st.integers(min_value=0, max_value=5000)


@given(counts)
def test_a_change_of_zero_is_never_significant(count: int) -> None:
    change = stats.count_change(count, count)
    assert change.direction == 0 and not change.significant and change.p_value == pytest.approx(1)


@given(counts, counts)
def test_a_rise_and_the_same_fall_weigh_alike(previous: int, current: int) -> None:
    rise, fall = stats.count_change(previous, current), stats.count_change(current, previous)
    assert rise.p_value == pytest.approx(fall.p_value)
    assert rise.significant is fall.significant
    assert stats.weight(previous, current) == pytest.approx(stats.weight(current, previous))


@given(st.floats(1, 5000), st.sampled_from(stats.FUNNEL_LEVELS))
@settings(max_examples=200)
def test_limits_widen_as_the_population_shrinks(expected: float, level: float) -> None:
    """Half the residents, at the same rate, never get narrower limits (as rates)."""
    low_small, high_small = stats.funnel_limits(1.0, [expected / 2], level)
    low_large, high_large = stats.funnel_limits(1.0, [expected], level)
    if expected / 2 >= 1:
        assert high_small[0] / (expected / 2) >= high_large[0] / expected
        assert low_small[0] / (expected / 2) <= low_large[0] / expected


@given(st.integers(0, 2000), st.integers(1, 2000))
def test_the_wilson_interval_holds_its_share_and_mirrors(part: int, extra: int) -> None:
    whole = part + extra
    low, high = stats.wilson(part, whole)
    assert 0 <= low <= part / whole * 100 <= high <= 100
    mirror_low, mirror_high = stats.wilson(whole - part, whole)
    assert low == pytest.approx(100 - mirror_high) and high == pytest.approx(100 - mirror_low)


@given(st.integers(0, 300), st.integers(1, 300), st.integers(0, 300), st.integers(1, 300))
def test_a_share_change_is_symmetric(a: int, extra_a: int, b: int, extra_b: int) -> None:
    one = stats.share_change(a, a + extra_a, b, b + extra_b)
    other = stats.share_change(b, b + extra_b, a, a + extra_a)
    assert one.p_value == pytest.approx(other.p_value) and one.direction == -other.direction
