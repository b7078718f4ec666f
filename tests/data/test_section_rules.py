"""The newer files (zasoby, porzadek, wypadki, porownanie, plan_cele), each with its bad-input
fixtures: a missing column, a letter in a number, an unknown code (or area), an unknown
choice (cause, figure, measure), a negative count, and the rules about their rows. Every
problem names the file, the Excel row, the column and the value, in Polish, with a fix."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.data.dataset import load_dataset
from pipeline.errors import DataError, Severity, format_problems

from .test_validate import Case, problems_of

ERROR, WARNING = Severity.ERROR, Severity.WARNING

CASES = [
    # zasoby.csv: no closed list in it, so no unknown choice
    Case("zasoby_missing_column", "zasoby", ERROR, None, None, None, "brak kolumny „teryt”", "kolumnę „gmina”"),
    Case("zasoby_text_in_number", "zasoby", ERROR, 2, "dzielnicowi", "trzech", "to nie jest liczba", "wpisz"),
    Case("zasoby_unknown_code", "zasoby", ERROR, 3, "teryt", "1007099", "nieznany kod TERYT", "1007023 Drzewica"),
    Case("zasoby_negative_count", "zasoby", ERROR, 3, "etaty", "-5", "nie może być ujemna", "0 albo więcej"),
    Case("zasoby_vacancies_over_posts", "zasoby", ERROR, 2, "wakaty", "160", "wakatów (160) więcej niż etatów (150)"),
    Case("zasoby_response_time_in_gmina_row", "zasoby", ERROR, 2, "czas_reakcji_pilne_miasto", "8.5",
         "czas reakcji w wierszu gminy Drzewica", "całego powiatu"),
    Case("zasoby_response_time_in_seconds", "zasoby", WARNING, 2, "czas_reakcji_pilne_wies", "780",
         "średni czas reakcji ponad 60 minut", "nie w sekundach"),
    # porzadek.csv: no closed list either
    Case("porzadek_missing_column", "porzadek", ERROR, None, None, None, "brak kolumny „zaginieni”",
         "zgłoszenia osób zaginionych"),
    Case("porzadek_text_in_number", "porzadek", ERROR, 2, "wykroczenia", "pięćset", "to nie jest liczba"),
    Case("porzadek_unknown_code", "porzadek", ERROR, 3, "teryt", "1007099", "nieznany kod TERYT"),
    Case("porzadek_negative_count", "porzadek", ERROR, 2, "zatrzymani", "-3", "nie może być ujemna"),
    Case("porzadek_found_over_missing", "porzadek", WARNING, 2, "odnalezieni", "5",
         "odnalezionych (5) więcej niż zaginionych (2)", "w poprzednich latach"),
    # wypadki.csv
    Case("wypadki_missing_column", "wypadki", ERROR, None, None, None, "brak kolumny „przyczyna”",
         "główna przyczyna wypadku"),
    Case("wypadki_text_in_number", "wypadki", ERROR, 2, "pieszy_ranni", "jeden", "to nie jest liczba"),
    Case("wypadki_unknown_code", "wypadki", ERROR, 3, "teryt", "1007099", "nieznany kod TERYT"),
    Case("wypadki_unknown_cause", "wypadki", ERROR, 3, "przyczyna", "brawura", "niedozwolona wartość",
         "predkosc, pierwszenstwo"),
    Case("wypadki_negative_count", "wypadki", ERROR, 2, "kierujacy_ranni", "-1", "nie może być ujemna"),
    Case("wypadki_no_victims", "wypadki", ERROR, 2, "pieszy_zabici", None,
         "wypadek bez zabitych i rannych: według definicji policyjnej to kolizja", "kolizji nie wpisuje się"),
    Case("wypadki_children_over_victims", "wypadki", ERROR, 2, "dzieci_ranni", "2",
         "dzieci (ranni: 2) więcej niż wszystkich (ranni: 1)"),
    Case("wypadki_powiat_row", "wypadki", ERROR, 2, "teryt", "1007000", "potrzebne są dane gmin"),
    Case("wypadki_outside_year", "wypadki", ERROR, 2, "data", "30.12.2024", "wypadek z 30.12.2024 w danych za 2025 r."),
    # porownanie.csv: no teryt; its area and its figure are the closed lists
    Case("porownanie_missing_column", "porownanie", ERROR, None, None, None, "brak kolumny „zrodlo”",
         "skąd pochodzi liczba"),
    Case("porownanie_text_in_number", "porownanie", ERROR, 2, "wartosc", "dużo", "to nie jest liczba"),
    Case("porownanie_unknown_area", "porownanie", ERROR, 3, "obszar", "powiat", "niedozwolona wartość",
         "wojewodztwo, kraj"),
    Case("porownanie_unknown_indicator", "porownanie", ERROR, 3, "wskaznik", "kradzieze", "niedozwolona wartość"),
    Case("porownanie_negative_value", "porownanie", ERROR, 2, "wartosc", "-21500", "wartość nie może być ujemna"),
    Case("porownanie_detection_over_100", "porownanie", ERROR, 2, "wartosc", "734",
         "wykrywalność 734% przekracza 100% (Polska)"),
    Case("porownanie_no_source", "porownanie", ERROR, 2, "zrodlo", None, "pusta komórka", "skąd pochodzi liczba"),
    # plan_cele.csv: next year's goals, as cele.csv
    Case("plan_cele_missing_column", "plan_cele", ERROR, None, None, None, "brak kolumny „kierunek”"),
    Case("plan_cele_unknown_miernik", "plan_cele", ERROR, 3, "miernik", "kradzieze", "niedozwolona wartość"),
    Case("plan_cele_unknown_gmina", "plan_cele", ERROR, 2, "teryt", "1007099", "nieznany kod TERYT"),
    Case("plan_cele_text_in_number", "plan_cele", ERROR, 2, "wartosc_docelowa", "dwadzieścia",
         "to nie jest liczba"),
    Case("plan_cele_negative_target", "plan_cele", ERROR, 2, "wartosc_docelowa", "-5",
         "wartość docelowa nie może być ujemna"),
    Case("plan_cele_target_over_100_percent", "plan_cele", ERROR, 2, "wartosc_docelowa", "150",
         "miernik wykrywalnosc to odsetek, a wartość docelowa 150 przekracza 100"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_each_check_names_file_row_column_value_and_fix(make_inputs, case: Case) -> None:
    problems = problems_of(make_inputs, case.fixture, case.table)
    matching = [p for p in problems if case.message in p.message]
    assert matching, f"no problem says {case.message!r}; got:\n{format_problems(problems)}"
    problem = matching[0]
    assert (problem.severity, problem.row, problem.column) == (case.severity, case.row, case.column)
    if case.value is not None:
        assert problem.value == case.value
    assert case.hint in problem.hint
    assert str(problem).startswith(f"{case.severity.value}  2025/{case.table}.csv")


@pytest.mark.parametrize("table", ["zasoby", "porzadek", "wypadki", "porownanie", "plan_cele"])
def test_every_newer_file_has_the_five_bad_inputs(table: str) -> None:
    """Each file: a missing column, a letter in a number, a negative count, an unknown code and an
    unknown choice, where the file has a code or a closed list."""
    cases = {c.fixture.removeprefix(f"{table}_") for c in CASES if c.table == table}
    assert {"missing_column", "text_in_number"} <= cases
    assert cases & {"negative_count", "negative_value", "negative_target"}
    assert cases & {"unknown_code", "unknown_gmina", "unknown_area"}
    if table in ("wypadki", "porownanie", "plan_cele"):
        assert cases & {"unknown_cause", "unknown_indicator", "unknown_miernik"}


def test_road_figures_that_disagree_with_the_accidents_one_by_one(make_inputs) -> None:
    records = ("data,teryt,przyczyna,alkohol,pieszy_zabici,pieszy_ranni,rowerzysta_zabici,rowerzysta_ranni,"
               "kierujacy_zabici,kierujacy_ranni,pasazer_zabici,pasazer_ranni\n"
               "12.03.2025,1007023,predkosc,nie,0,0,0,0,1,1,0,0\n"
               "02.05.2025,1007023,pierwszenstwo,tak,0,0,0,0,0,2,0,0\n")
    roads = ("teryt,wypadki,zabici,ranni,kolizje,nietrzezwi_kierujacy\n"
             "1007023,2,1,4,10,3\n"  # injured: 3 in the records
             "1007043,,,,50,20\n"  # no accidents in the records: 0, filled in
             "1007000,1,,,,\n")  # an accident of the whole powiat: the records give each one a gmina
    with pytest.raises(DataError) as raised:
        load_dataset(make_inputs({"wypadki.csv": records, "ruch_drogowy.csv": roads}), 2025)
    errors = [p for p in raised.value.problems if p.is_error]
    assert [(p.file, p.row, p.column, p.value) for p in errors] == [
        ("2025/ruch_drogowy.csv", 4, "wypadki", None), ("2025/ruch_drogowy.csv", 2, "ranni", "4")]
    assert "ranni: 4 w gminie Drzewica, a w pliku 2025/wypadki.csv 3" in errors[1].message
    assert "zostaw komórkę pustą" in errors[1].hint


def test_road_figures_filled_in_from_the_accidents(make_inputs) -> None:
    records = ("data,teryt,przyczyna,alkohol,pieszy_zabici,pieszy_ranni,rowerzysta_zabici,rowerzysta_ranni,"
               "kierujacy_zabici,kierujacy_ranni,pasazer_zabici,pasazer_ranni\n"
               "12.03.2025,1007023,predkosc,nie,0,0,0,0,1,1,0,0\n")
    roads = "teryt,wypadki,zabici,ranni,kolizje,nietrzezwi_kierujacy\n1007023,,,,10,3\n"
    dataset = load_dataset(make_inputs({"wypadki.csv": records, "ruch_drogowy.csv": roads}), 2025)
    table = dataset.table("ruch_drogowy", 2025).set_index("teryt")
    assert table.loc["1007023", ["wypadki", "zabici", "ranni", "kolizje"]].tolist() == [1, 1, 1, 10]
    assert table.loc["1007043", ["wypadki", "zabici", "ranni"]].tolist() == [0, 0, 0]  # no accident there
    assert pd.isna(table.loc["1007043", "kolizje"])  # the records say nothing of collisions

