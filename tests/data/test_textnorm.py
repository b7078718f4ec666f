"""Matching what people type, and the examples hints give: this powiat's gminas, the one
closest to what was typed first."""

from __future__ import annotations

import dataclasses

from pipeline.data.commentary.places import Places
from pipeline.data.commentary.reading import read_commentary
from pipeline.data.dataset import load_dataset
from pipeline.data.registry import Gmina, read_powiat
from pipeline.data.textnorm import closest, fold, suggest
from pipeline.errors import DataError

from ..conftest import INPUTS

NAMES = ["Gmina Białaczów", "Gmina Drzewica", "Gmina Żarnów"]


def test_fold_and_suggest() -> None:
    assert fold("  Gmina  Żarnów ") == "gmina_zarnow"
    assert suggest("gmina zarnow", NAMES) == "Gmina Żarnów"
    assert suggest("Słowo wstępne", NAMES) is None


def test_closest_is_the_likeliest_name_or_else_the_first() -> None:
    assert closest("Gmina Zarnowo", NAMES) == "Gmina Żarnów"
    assert closest("Drzewicka", NAMES) == "Gmina Drzewica"
    assert closest("Wstęp do raportu", NAMES) == "Gmina Białaczów"


def _another_powiat():
    """The example powiat with other gminas: no Drzewica, no Opoczno."""
    powiat = read_powiat(INPUTS)
    gminas = (Gmina("1007013", "Aleksandrów", "wiejska", 100.0), Gmina("1007023", "Kowala", "wiejska", 90.0))
    return dataclasses.replace(powiat, gminy=gminas)


def test_an_unknown_commentary_heading_is_shown_this_powiats_gmina(tmp_path) -> None:
    (tmp_path / "komentarz.md").write_text("# Rozdział o Kowalach\n\nTekst.\n", encoding="utf-8")
    _, problems = read_commentary(tmp_path, "2025", Places(_another_powiat(), 2025))
    assert len(problems) == 1 and "„Gmina Kowala”" in problems[0].hint
    assert "Drzewica" not in problems[0].hint


def test_a_wrong_teryt_code_is_shown_a_code_of_this_powiat(make_inputs) -> None:
    inputs = make_inputs({"ludnosc.csv": "teryt,ludnosc\n100702,9700\n"})
    try:
        load_dataset(inputs, 2025)
    except DataError as error:
        hints = [p.hint for p in error.problems if p.message == "kod TERYT musi mieć 7 cyfr"]
    assert hints == ["wpisz kod gminy, np. 1007023 (Drzewica), albo powiatu: 1007000; możesz też zamiast kolumny "
                     "teryt użyć kolumny gmina z nazwą"]
