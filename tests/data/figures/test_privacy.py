"""Counts of people that could point at a person: 1 and 2 never printed, and no single one of
them recoverable from the powiat's total (a second count hidden with it)."""

from __future__ import annotations

import shutil

import pytest

from pipeline import report
from pipeline.content.report.privacy import COVERED, SMALL, shown
from pipeline.data.dataset import load_dataset
from pipeline.data.figures.privacy import complementary, is_small

from ...conftest import INPUTS

HEADER = ("teryt,wykroczenia,mandaty,wnioski_o_ukaranie,pouczenia,zatrzymani,doprowadzeni_do_wytrzezwienia,"
          "imprezy_masowe,zaginieni,odnalezieni\n")
MISSING = {"1007013": 9, "1007023": 7, "1007032": 5, "1007043": 10, "1007052": 1, "1007062": 3,
           "1007072": 4, "1007083": 6}


def _with_missing(tmp_path, counts: dict[str, int]):
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    rows = "".join(f"{code},100,60,10,20,5,5,0,{n},{n}\n" for code, n in counts.items())
    (inputs / "2025" / "porzadek.csv").write_text(HEADER + rows, encoding="utf-8")
    return inputs


@pytest.mark.parametrize(("value", "small"), [(0, False), (1, True), (2, True), (3, False), (None, False)])
def test_one_and_two_are_small(value, small) -> None:
    assert is_small(value) is small


def test_a_single_small_gmina_hides_the_smallest_count_above_three_with_it(tmp_path) -> None:
    dataset = load_dataset(_with_missing(tmp_path, MISSING), 2025)
    hidden = {h for h in complementary(dataset) if h[2] == 2025}
    # Paradyż (1) alone is small; Poświętne's 3 would not do (1 + 3 = 4 leaves no doubt), Sławno's 4 does.
    assert ("1007072", "zaginieni", 2025) in hidden and ("1007062", "zaginieni", 2025) not in hidden


def test_two_small_gminas_need_nothing_else(tmp_path) -> None:
    dataset = load_dataset(_with_missing(tmp_path, {**MISSING, "1007062": 2}), 2025)
    assert not {h for h in complementary(dataset) if h[1] == "zaginieni" and h[2] == 2025}


def test_every_chapter_prints_the_same_words_for_the_same_count(tmp_path) -> None:
    """The second choice needs all gminas' figures: a gmina's own chapter gets it with the figures
    it compares with, so Sławno's chapter hides its 4 as the powiat's table does."""
    inputs = _with_missing(tmp_path, MISSING)
    whole, slawno, paradyz = report.load(inputs, 2025), report.load(inputs, 2025, "1007072"), \
        report.load(inputs, 2025, "1007052")
    assert shown(whole, "1007072", "zaginieni", 2025, 4) == shown(slawno, "1007072", "zaginieni", 2025, 4) == COVERED
    assert shown(paradyz, "1007052", "zaginieni", 2025, 1) == SMALL
    assert shown(whole, None, "zaginieni", 2025, 45) == "45"  # the powiat's total stays
    assert shown(whole, "1007043", "wykroczenia", 2025, 2) == "2"  # not a count of people in a sensitive matter
    html = str(report.public_order(slawno, "1007072").html)
    assert COVERED in html and "–" in html  # its change is hidden too


def test_the_example_data_hides_what_it_must(example_inputs) -> None:
    dataset = load_dataset(example_inputs, 2025)
    html = str(report.public_order(dataset).html)
    assert SMALL in html
    for code, count in dataset.table("porzadek", 2025).set_index("teryt")["zaginieni"].items():
        assert (shown(dataset, code, "zaginieni", 2025, count) == SMALL) == (0 < count < 3)
