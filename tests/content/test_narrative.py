"""Generated sentences read as a person would write them, whatever the numbers."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipeline import report
from pipeline.content.narrative import change_sentence, hours, killed_in_them
from pipeline.content.report.patrols import patrol_results
from pipeline.data.figures.keyfigures import KeyFigure

from ..conftest import INPUTS

GMINA = "1007013"  # Białaczów
NBSP = "\u00a0"


@pytest.fixture
def road_inputs(tmp_path):
    """The example data with Białaczów's 2025 road figures replaced."""

    def make(accidents: int, killed: int, injured: int):
        inputs = tmp_path / "inputs"
        shutil.copytree(INPUTS, inputs)
        path = inputs / "2025" / "ruch_drogowy.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [f"{GMINA},{accidents},{killed},{injured},0,0" if line.startswith(GMINA) else line
                 for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        (inputs / "2025" / "wypadki.csv").unlink()  # accidents one by one would have to agree with them
        return report.load(inputs, 2025)

    return make


@pytest.mark.parametrize(("figures", "sentence"), [
    ((1, 0, 1), "doszło do 1 wypadku drogowego; nikt w nim nie zginął, została ranna 1 osoba."),
    ((1, 1, 0), "doszło do 1 wypadku drogowego; zginęła 1 osoba, nikt nie został ranny."),
    ((2, 0, 2), "doszło do 2 wypadków drogowych; nikt w nich nie zginął, zostały ranne 2 osoby."),
    ((5, 2, 5), "doszło do 5 wypadków drogowych; zginęły 2 osoby, zostało rannych 5 osób."),
    ((0, 0, 0), "w gminie Białaczów nie odnotowano wypadków drogowych."),
])
def test_road_sentence_agrees_with_the_numbers(road_inputs, figures, sentence) -> None:
    ds = road_inputs(*figures)
    assert sentence in str(report.road_safety(ds, GMINA).html)


def _sentence(code: str, current: object, previous: object, kind: str = "int") -> str:
    return change_sentence(KeyFigure(code, code, current, previous, kind), 2025, 2024)


@pytest.mark.parametrize(("figure", "sentence"), [
    (("przestepstwa", 1538, 1601),
     "Liczba przestępstw stwierdzonych spadła o 3,9% – z 1 601 w 2024 r. do 1 538 w 2025 r."),
    (("godziny", 0, 160),
     "Liczba godzin służb ponadnormatywnych spadła o 160 – z 160 w 2024 r. do 0 w 2025 r."),
    (("godziny", 0, 0), "Liczba godzin służb ponadnormatywnych bez zmian: 0 w 2024 i 2025 r."),
    (("wypadki", 27, 27), "Liczba wypadków drogowych bez zmian: 27 w 2024 i 2025 r."),
    # A base under 10: the change in numbers ("o 4"), never "o 400%".
    (("zabici", 5, 1), "Liczba ofiar śmiertelnych wypadków wzrosła o 4 – z 1 w 2024 r. do 5 w 2025 r."),
    (("kmzb_potwierdzone", 60.0, float("nan"), "percent"),
     "Udział zgłoszeń KMZB potwierdzonych przez policjantów wyniósł 60,0% (brak danych za 2024 r. do porównania)."),
])
def test_change_sentences_read_naturally(figure, sentence) -> None:
    assert _sentence(*figure).replace(NBSP, " ") == sentence


def test_seven_categories_list_joins_without_a_double_i() -> None:
    from pipeline.content.narrative import seven_categories_sentence
    from pipeline.data.figures.stats import count_change

    sentence = seven_categories_sentence({"kradziez_z_wlamaniem": count_change(10, 13),
                                          "bojka_pobicie": count_change(5, 7), "rozboj": count_change(4, 4)})
    assert " i bójek i " not in sentence and "bójek lub pobić" in sentence
    assert "bez zmian: liczba przestępstw rozbójniczych" in sentence


def test_the_seven_categories_tell_change_from_chance() -> None:
    """4 -> 9 robberies is chance; 116 -> 60 burglaries is not: only that one is a fall."""
    from pipeline.content.narrative import seven_categories_sentence
    from pipeline.data.figures.stats import count_change

    sentence = seven_categories_sentence({"rozboj": count_change(4, 9), "kradziez_z_wlamaniem": count_change(116, 60)})
    assert sentence.replace(NBSP, " ") == (
        "Wśród 7 kategorii przestępstw najbardziej dokuczliwych społecznie ponad zwykłe wahania spadła liczba "
        "kradzieży z włamaniem (\u221256); zmiany liczby przestępstw rozbójniczych (+5) mieszczą się w granicach "
        "zwykłych wahań.")


@pytest.mark.parametrize(("value", "text"), [(1, "1 godzina"), (184, "184 godziny"), (728, "728 godzin"),
                                             (12, "12 godzin"), (22.4, "22 godziny")])
def test_hours_agree_with_the_number_printed(value, text) -> None:
    assert hours(value) == text


@pytest.mark.parametrize(("killed", "text"), [(0, "nikt w nich nie zginął"), (1, "zginęła w nich 1 osoba"),
                                              (2, "zginęły w nich 2 osoby"), (5, "zginęło w nich 5 osób")])
def test_the_verb_agrees_with_the_number_of_people_killed(killed, text) -> None:
    assert killed_in_them(killed) == text


def test_patrol_results_say_none_in_words_not_as_a_zero() -> None:
    table = pd.DataFrame({"legitymowani": [94], "pouczeni": [37], "mandaty": [1], "wnioski_o_ukaranie": [0],
                          "zatrzymani": [0]})
    assert patrol_results(table) == ("Efekty służb: 94 osoby wylegitymowane, 37 osób pouczonych i 1 mandat karny; "
                               "nie skierowano wniosków o ukaranie i nikogo nie zatrzymano.")
