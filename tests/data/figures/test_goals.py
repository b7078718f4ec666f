"""Whether the goals of the cooperation were met: targets or direction, shares in points,
missing data; and their values taken from the indicators the report prints."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipeline.data.dataset import load_dataset
from pipeline.data.figures import indicators as ind
from pipeline.data.figures.goals import (
    MET,
    MISSED,
    NO_DATA,
    UNDECIDED,
    Goal,
    MeasureResult,
    goals,
    goals_set_last_year,
    measure_value,
    sample_status,
    status,
)
from pipeline.data.figures.keyfigures import key_figures
from pipeline.data.figures.stats import share_change, wilson
from pipeline.data.schema import MEASURES

from ...conftest import INPUTS

COUNT, SHARE = MEASURES["przestepstwa_ogolem"], MEASURES["wykrywalnosc"]
NA = pd.NA


@pytest.mark.parametrize(("current", "previous", "target", "direction", "measure", "expected"), [
    (1538, 1601, 1600, "spadek", COUNT, MET),  # at most the target
    (1651, 1601, 1600, "spadek", COUNT, MISSED),  # "1 651 przestępstw wobec zakładanych 1 600"
    (1600, 1700, 1600, "spadek", COUNT, MET),  # reaching the target exactly is enough
    (1651, 1700, 1600, "spadek", COUNT, MISSED),  # fell, but not to the target
    (1538, 1601, NA, "spadek", COUNT, MET),  # no target: the right direction
    (1601, 1601, NA, "spadek", COUNT, MISSED),  # no target, no change
    (0, 0, NA, "spadek", COUNT, MET),  # nothing left to reduce
    (300, 280, NA, "wzrost", COUNT, MET),
    (74.96, 70.0, 75, "wzrost", SHARE, MET),  # a share as printed: 75,0% reaches 75%
    (74.94, 80.0, 75, "wzrost", SHARE, MISSED),  # 74,9%
    (70.04, 70.0, NA, "wzrost", SHARE, MISSED),  # 70,0% -> 70,0%: no rise in points as printed
    (NA, 1601, 1600, "spadek", COUNT, NO_DATA),  # no data this year
    (1538, NA, NA, "spadek", COUNT, NO_DATA),  # no target and nothing to compare with
    (1538, NA, 1600, "spadek", COUNT, MET),  # a target needs no last year
])
def test_status_of_a_measure(current, previous, target, direction, measure, expected) -> None:
    assert status(current, previous, target, direction, measure) == expected


@pytest.fixture(scope="module")
def example():
    return load_dataset(INPUTS, 2025)


def test_the_example_goals_show_every_status(example) -> None:
    found = goals(example)
    assert [g.name for g in found] == ["Ograniczenie przestępczości", "Zmniejszenie liczby zagrożeń",
                                       "Zwiększenie poczucia bezpieczeństwa mieszkańców"]
    assert [g.status for g in found] == [MISSED, MET, UNDECIDED]
    statuses = {r.status for g in found for r in g.results}
    assert statuses == {MET, MISSED, UNDECIDED, NO_DATA}


def test_the_survey_goal_is_undecided_within_its_margin(example) -> None:
    """73,7% of 725 answers against a target of 73,0%: the interval 70,3–76,7% holds the target."""
    survey = next(r for r in goals(example)[2].results if r.key == "poczucie_bezpieczenstwa" and r.area == "1007000")
    assert survey.counts == (534, 725) and round(survey.current, 1) == 73.7 and survey.target == 73
    assert survey.status == UNDECIDED
    assert (round(survey.interval[0], 1), round(survey.interval[1], 1)) == (70.3, 76.7)


@pytest.mark.parametrize(("part", "whole", "target", "direction", "expected"), [
    (534, 725, 73, "wzrost", UNDECIDED),  # the interval straddles the target
    (534, 725, 69, "wzrost", MET),  # wholly above
    (534, 725, 78, "wzrost", MISSED),  # wholly below
    (534, 725, 78, "spadek", MET),
    (534, 725, 73, "spadek", UNDECIDED),
    (534, 725, 69, "spadek", MISSED),
])
def test_a_sample_share_is_judged_by_its_interval(part, whole, target, direction, expected) -> None:
    assert sample_status(wilson(part, whole), None, target, direction) == expected


def test_a_sample_share_without_a_target_needs_a_change_beyond_chance() -> None:
    assert sample_status(wilson(534, 725), share_change(395, 537, 534, 725), NA, "wzrost") == UNDECIDED
    assert sample_status(wilson(51, 74), share_change(38, 44, 51, 74), NA, "wzrost") == MISSED  # Sławno
    assert sample_status(wilson(55, 61), share_change(35, 56, 55, 61), NA, "wzrost") == MET  # Drzewica


@pytest.mark.parametrize(("statuses", "expected"), [
    ((MET, MISSED, UNDECIDED, NO_DATA), MISSED),
    ((MET, UNDECIDED, NO_DATA), UNDECIDED),
    ((MET, NO_DATA), NO_DATA),
    ((MET, MET), MET),
])
def test_a_goal_with_several_measures(statuses, expected) -> None:
    results = tuple(MeasureResult("wypadki", "1007000", "spadek", NA, 1, 2, s) for s in statuses)
    assert Goal("cel", results).status == expected


def test_values_are_the_report_s_own_indicators(example) -> None:
    crimes = ind.crime_table(example)
    assert measure_value(example, "przestepstwa_ogolem", "1007000", 2025) == crimes.at["ogolem", "biezacy"]
    assert measure_value(example, "wykrywalnosc", "1007000", 2024) == crimes.at["ogolem", "wykrywalnosc_poprzednia"]
    assert measure_value(example, "kmzb_potwierdzone", "1007043", 2025) == \
        ind.kmzb_summary(example, "1007043", 2025)["udzial_potwierdzonych"]
    figures = {f.code: f for f in key_figures(example, "1007043")}
    assert measure_value(example, "dzialania", "1007043", 2025) == figures["dzialania"].current
    assert measure_value(example, "poczucie_bezpieczenstwa", "1007043", 2025) == \
        figures["poczucie_bezpieczenstwa"].current


def test_a_share_changes_in_percentage_points_as_printed(example) -> None:
    result = next(r for g in goals(example) for r in g.results if r.key == "wykrywalnosc")
    assert result.change == round(round(result.current, 1) - round(result.previous, 1), 1)


def test_no_goals_file_no_goals(tmp_path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    (inputs / "2024" / "plan_cele.csv").unlink()  # the example's 2025 goals: set with the 2024 plan
    assert not (inputs / "2025" / "cele.csv").exists()
    assert goals(load_dataset(inputs, 2025)) is None


def test_the_goals_set_with_last_years_plan_are_judged_this_year(example) -> None:
    """2025 has no cele.csv of its own: its goals are 2024/plan_cele.csv's, judged on 2025's figures."""
    assert goals_set_last_year(example)
    found = goals(example)
    planned = example.table("plan_cele", 2024)
    assert [g.name for g in found] == list(dict.fromkeys(planned["cel"]))
    assert sum(len(g.results) for g in found) == len(planned)


def test_this_years_own_goals_win_over_last_years_plan(tmp_path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    (inputs / "2025" / "cele.csv").write_text("cel,miernik,kierunek,wartosc_docelowa\n"
                                              "Mniej wypadków,wypadki,spadek,20\n", encoding="utf-8")
    dataset = load_dataset(inputs, 2025)
    assert not goals_set_last_year(dataset)
    assert [g.name for g in goals(dataset)] == ["Mniej wypadków"]
