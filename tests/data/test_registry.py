"""The powiat and its gminas come from powiat.toml, checked with messages an analyst can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.data.registry import read_powiat
from pipeline.errors import DataError

from ..conftest import INPUTS


def test_the_example_registry(powiat) -> None:
    assert powiat.code == "1007000"
    assert [g.nazwa for g in powiat.gminy] == ["Białaczów", "Drzewica", "Mniszków", "Opoczno", "Paradyż",
                                               "Poświętne", "Sławno", "Żarnów"]
    assert powiat.nazwa_dopelniacz == "powiatu opoczyńskiego"
    assert powiat.slug == "opoczynski"
    assert powiat.example_data is True


def test_a_gmina_has_a_file_name_and_is_addressed_by_who_heads_it(powiat) -> None:
    assert [g.slug for g in powiat.gminy] == ["bialaczow", "drzewica", "mniszkow", "opoczno", "paradyz",
                                              "poswietne", "slawno", "zarnow"]
    assert powiat.gmina("1007032").head_celownik == "wójtowi"  # Mniszków: a rural gmina
    assert powiat.gmina("1007043").head_celownik == "burmistrzowi"  # Opoczno: a town and its villages


def test_former_codes_map_to_todays_gmina(powiat) -> None:
    code, former = powiat.current_code("1007012")
    assert code == "1007013" and former is not None and former.until_year == 2023
    assert powiat.current_code("1007043") == ("1007043", None)
    assert powiat.current_code("1007999") == (None, None)


@pytest.mark.parametrize(("name", "code"), [
    ("Żarnów", "1007083"), ("zarnow", "1007083"), ("GMINA ŻARNÓW", "1007083"), ("Miasto i Gmina Opoczno", "1007043"),
    ("powiat", "1007000"), ("powiat opoczyński", "1007000"), ("Starostwo Powiatowe", "1007000"),
])
def test_names_are_matched_ignoring_case_and_polish_letters(powiat, name, code) -> None:
    assert powiat.code_for_name(name) == code


def test_a_near_miss_gets_a_suggestion(powiat) -> None:
    assert powiat.code_for_name("Poświetna") is None
    assert powiat.suggest_name("Poświetna") == "Poświętne"


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "powiat.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_every_problem_of_the_settings_is_reported_at_once(tmp_path) -> None:
    text = (INPUTS / "powiat.toml").read_text(encoding="utf-8")
    text = text.replace('teryt = "1007023"', 'teryt = "2007023"').replace('rodzaj = "wiejska"', 'rodzaj = "wiejski"', 1)
    text = text.replace('rada = "Rada Powiatu Opoczyńskiego"\n', "")
    with pytest.raises(DataError) as raised:
        read_powiat(_write(tmp_path, text))
    messages = " | ".join(p.message for p in raised.value.problems)
    assert "kod TERYT musi mieć 7 cyfr i zaczynać się od 1007" in messages
    assert "nieznany rodzaj gminy" in messages
    assert "brak tekstu w polu powiat.rada" in messages
    assert all(p.file == "powiat.toml" for p in raised.value.problems)


def test_a_missing_or_broken_settings_file(tmp_path) -> None:
    with pytest.raises(DataError, match="błędy: 1"):
        read_powiat(tmp_path)
    with pytest.raises(DataError) as raised:
        read_powiat(_write(tmp_path, "[powiat\nteryt = 1"))
    assert "błąd składni TOML" in raised.value.problems[0].message


def test_a_code_used_by_two_gminas_is_an_error(tmp_path) -> None:
    text = (INPUTS / "powiat.toml").read_text(encoding="utf-8").replace('"1007082"', '"1007012"')
    with pytest.raises(DataError) as raised:
        read_powiat(_write(tmp_path, text))
    assert any("występuje dwa razy" in p.message for p in raised.value.problems)


def test_offices_and_councils_by_the_gminas_kind(powiat) -> None:
    """A town's gmina has a Urząd Miejski and a Rada Miejska, a rural one a Urząd and a Rada Gminy;
    a sentence declines the head words, never the place ("Radzie Miejskiej w Drzewicy")."""
    drzewica, mniszkow, slawno = (powiat.gmina(code) for code in ("1007023", "1007032", "1007072"))
    assert (drzewica.urzad, drzewica.rada) == ("Urząd Miejski w Drzewicy", "Rada Miejska w Drzewicy")
    assert (drzewica.rada_celownik, drzewica.rada_dopelniacz) == ("Radzie Miejskiej w Drzewicy",
                                                                  "Rady Miejskiej w Drzewicy")
    assert (mniszkow.urzad, mniszkow.rada, mniszkow.rada_celownik) == ("Urząd Gminy Mniszków", "Rada Gminy Mniszków",
                                                                       "Radzie Gminy Mniszków")
    assert slawno.urzad == "Urząd Gminy w Sławnie"  # as its statute names it, not the usual form
    assert (mniszkow.head_dopelniacz, drzewica.head_dopelniacz) == ("wójta", "burmistrza")
    assert all(g.rada.startswith("Rada Miejska") == (g.rodzaj != "wiejska") for g in powiat.gminy)


def test_the_usual_names_when_the_settings_leave_them_out(tmp_path) -> None:
    text = (INPUTS / "powiat.toml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("urzad =", "rada = \"Rada M",
                                                                                 "rada = \"Rada G")))
    powiat = read_powiat(_write(tmp_path, text))
    assert powiat.gmina("1007043").urzad == "Urząd Miejski w Opocznie"
    assert powiat.gmina("1007072").urzad == "Urząd Gminy Sławno"
    assert powiat.gmina("1007083").rada == "Rada Miejska w Żarnowie"


@pytest.mark.parametrize(("old", "new", "message"), [
    ('rada = "Rada Gminy Mniszków"', 'rada = "Rada Miejska w Mniszkowie"',
     "gmina Mniszków: „Rada Miejska” to nazwa dla gminy z miastem, a ta gmina jest wiejska"),
    ('urzad = "Urząd Miejski w Drzewicy"', 'urzad = "Magistrat Drzewicy"',
     "gmina Drzewica: nazwa urzędu gminy powinna zaczynać się od jednego z: Urząd Miejski"),
    ('miejscownik = "Opocznie"\n', "", "gmina Opoczno: brak pola miejscownik"),
    ("data_uchwaly = 2021-12-20", 'data_uchwaly = "20 grudnia 2021"', "program.data_uchwaly musi być datą"),
])
def test_a_wrong_office_council_or_programme_is_an_error(tmp_path, old, new, message) -> None:
    text = (INPUTS / "powiat.toml").read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(DataError) as raised:
        read_powiat(_write(tmp_path, text.replace(old, new)))
    assert any(message in p.message for p in raised.value.problems), [p.message for p in raised.value.problems]


def test_the_programme_and_the_region(powiat) -> None:
    assert powiat.program is not None and powiat.program.uchwala == "XXXVIII/312/2021"
    assert powiat.program.nazwa.startswith("Powiatowy program zapobiegania przestępczości")
    assert powiat.wojewodztwo == "łódzkie"
