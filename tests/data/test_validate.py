"""Each check of the analyst's data, on a small fixture file named after its case.

A case asserts what the analyst would read: the severity, the Excel row, the column,
the value and the words of the message and of the hint.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.data.dataset import load_dataset
from pipeline.errors import DataError, Problem, Severity, format_problems

from ..conftest import FIXTURES

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def problems_of(make_inputs, fixture: str, table: str) -> list[Problem]:
    inputs = make_inputs({f"{table}.csv": FIXTURES / "validate" / f"{fixture}.csv"})
    try:
        problems = list(load_dataset(inputs, 2025).problems)
    except DataError as exc:
        problems = exc.problems
    return [p for p in problems if p.file == f"2025/{table}.csv"]


@dataclass(frozen=True)
class Case:
    fixture: str
    table: str
    severity: Severity
    row: int | None
    column: str | None
    value: str | None
    message: str
    hint: str = ""


CASES = [
    Case("missing_column", "przestepstwa", ERROR, None, None, None, "brak kolumny „wykryte”", "dodaj kolumnę"),
    Case("text_in_number", "przestepstwa", ERROR, 2, "stwierdzone", "sto", "to nie jest liczba", "wpisz"),
    Case("negative_count", "przestepstwa", ERROR, 3, "stwierdzone", "-2", "nie może być ujemna", "0 albo więcej"),
    Case("unknown_code", "przestepstwa", ERROR, 3, "teryt", "1007099", "nieznany kod TERYT", "1007023 Drzewica"),
    Case("unknown_gmina", "ludnosc", ERROR, 3, "gmina", "Drzewicka", "nieznana gmina",
         "czy chodziło o „Drzewica”"),
    Case("unknown_category", "przestepstwa", ERROR, 3, "kategoria", "kradziez_auta", "niedozwolona wartość",
         "kradziez_samochodu"),
    Case("duplicated_key", "przestepstwa", ERROR, 5, "teryt", None,
         "powtórzony wiersz (teryt=1007023 (Drzewica), kategoria=rozboj) w wierszach 3 i 5", "zostaw jeden"),
    Case("seven_over_total", "przestepstwa", ERROR, 2, "stwierdzone", "10",
         "suma 7 wybranych kategorii większa niż przestępstwa ogółem (10) w gminie Drzewica"),
    Case("category_over_total", "przestepstwa", ERROR, 3, "stwierdzone", "12",
         "więcej przestępstw w kategorii kryminalne niż ogółem"),
    Case("groups_over_total", "przestepstwa", WARNING, 2, "stwierdzone", "100",
         "przestępstwa kryminalne, gospodarcze i drogowe razem przekraczają ogółem (100) w gminie Drzewica"),
    Case("detected_over_reported", "przestepstwa", WARNING, 3, "wykryte", "3",
         "wykrytych (3) więcej niż stwierdzonych (2)", "z lat wcześniejszych"),
    Case("event_outside_year", "dzialania", ERROR, 3, "data", "30.12.2024",
         "wydarzenie z 30.12.2024 w danych za 2025 r.", "przenieś wiersz"),
    Case("year_column_mismatch", "ludnosc", ERROR, 3, "rok", "2024",
         "rok 2024 w wierszu, a plik leży w folderze roku 2025"),
    Case("empty_file", "ludnosc", ERROR, None, None, None, "plik jest pusty", "teryt, ludnosc"),
    Case("unreadable_file", "ludnosc", ERROR, None, None, None, "nie da się odczytać pliku", "CSV UTF-8"),
    Case("name_and_code_disagree", "ludnosc", ERROR, 3, "gmina", None,
         "kod TERYT wskazuje gminę Opoczno, a nazwa gminę Sławno"),
    Case("no_gmina", "ludnosc", ERROR, 3, "teryt", None, "nie wiadomo, której gminy dotyczy wiersz"),
    Case("powiat_row_not_allowed", "ludnosc", ERROR, 3, "teryt", "1007000", "dane gmin, nie całego powiatu"),
    Case("empty_required_cell", "dzialania", ERROR, 2, "nazwa", None, "pusta komórka", "nazwa wydarzenia"),
    Case("extra_column", "ludnosc", WARNING, None, "uwagi", None, "nieznana kolumna, pominięta"),
    Case("domestic_over_all", "interwencje", ERROR, 2, "interwencje_domowe", "120",
         "interwencji domowych (120) więcej niż wszystkich (100)"),
    Case("unquoted_decimal_comma", "sluzby_ponadnormatywne", ERROR, 2, None, None,
         "więcej wartości (5) niż kolumn w nagłówku (4)", "średnikiem"),
    Case("very_long_name", "dzialania", WARNING, 2, "nazwa", None, "bardzo długa nazwa (419 znaków)",
         "wklejono"),
    Case("bad_term", "plan", ERROR, 2, "termin", "na wiosnę", "nie rozpoznano terminu", "II kwartał"),
    Case("cele_unknown_miernik", "cele", ERROR, 3, "miernik", "wlamania", "niedozwolona wartość",
         "docs/dane.md"),
    Case("cele_unknown_direction", "cele", ERROR, 2, "kierunek", "mniej", "niedozwolona wartość",
         "dozwolone: spadek, wzrost"),
    Case("cele_target_not_a_number", "cele", ERROR, 2, "wartosc_docelowa", "tysiąc", "to nie jest liczba"),
    Case("cele_target_over_100_percent", "cele", ERROR, 2, "wartosc_docelowa", "150",
         "miernik wykrywalnosc to odsetek, a wartość docelowa 150 przekracza 100", "od 0 do 100"),
    Case("cele_target_a_fraction", "cele", WARNING, 2, "wartosc_docelowa", "0,75",
         "wygląda na ułamek z komórki procentowej Excela", "wpisz 75"),
    Case("cele_unknown_gmina", "cele", ERROR, 2, "teryt", "1007099", "nieznany kod TERYT"),
    Case("cele_duplicated_row", "cele", ERROR, 3, "cel", None, "powtórzony wiersz", "zostaw jeden"),
    Case("ankieta_unknown_answer", "ankieta", ERROR, 3, "odpowiedz", "nie_wiem", "niedozwolona wartość",
         "dozwolone: bardzo_bezpiecznie, raczej_bezpiecznie, trudno_powiedziec"),
    Case("ankieta_duplicated_row", "ankieta", ERROR, 4, "teryt", None, "powtórzony wiersz"),
    # Checks that know the domain.
    Case("accident_without_victims", "ruch_drogowy", ERROR, 3, "wypadki", "2",
         "wypadków 2, a zabitych i rannych razem 0 w gminie Paradyż", "to kolizja"),
    Case("event_entered_twice", "dzialania", WARNING, 3, "nazwa", None,
         "(gmina Białaczów) w dwóch kolejnych dniach: 15.06.2025 (wiersz 2, uczestnicy: 356) i 16.06.2025 "
         "(wiersz 3, uczestnicy: 352)", "usuń jeden z wierszy"),
    Case("check_as_prevention", "dzialania", WARNING, 2, "rodzaj", "akcja_brd",
         "to kontrola kierujących, a wpisano ją jako działanie profilaktyczne", "kontrola_drogowa"),
    Case("police_partner", "dzialania", WARNING, 2, "partnerzy", "Wydział Ruchu Drogowego KPP; SP nr 2",
         "partnerem jest jednostka Policji (Wydział Ruchu Drogowego KPP)", "usuń ją"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_each_check_names_file_row_column_value_and_fix(make_inputs, case: Case) -> None:
    problems = problems_of(make_inputs, case.fixture, case.table)
    matching = [p for p in problems if case.message in p.message]
    assert matching, f"no problem says {case.message!r}; got:\n{format_problems(problems)}"
    problem = matching[0]
    assert problem.severity is case.severity
    assert problem.row == case.row
    assert problem.column == case.column
    if case.value is not None:
        assert problem.value == case.value
    assert case.hint in problem.hint
    assert str(problem).startswith(f"{case.severity.value}  2025/{case.table}.csv")


def test_only_the_pair_that_looks_entered_twice_is_named(make_inputs) -> None:
    """The third picnic is a day later but in another gmina: no warning about it."""
    problems = [p for p in problems_of(make_inputs, "event_entered_twice", "dzialania") if "kolejnych" in p.message]
    assert len(problems) == 1


def _two_years(make_inputs, before: int, now: int):
    make_inputs({"przestepstwa.csv": f"teryt,kategoria,stwierdzone,wykryte\n1007023,ogolem,{before},0\n"}, year=2024)
    inputs = make_inputs({"przestepstwa.csv": f"teryt,kategoria,stwierdzone,wykryte\n1007023,ogolem,{now},0\n"})
    return [p for p in load_dataset(inputs, 2025).problems if "krotna" in p.message]


def test_a_figure_that_trebled_against_last_year_is_a_warning(make_inputs) -> None:
    (problem,) = _two_years(make_inputs, 40, 130)
    assert problem.severity is WARNING and problem.file == "2025/przestepstwa.csv"
    assert problem.row == 2 and problem.column == "stwierdzone"
    assert problem.message == "gmina Drzewica: stwierdzone (ogolem) 130 wobec 40 w 2024 r. – zmiana ponad 3-krotna"


@pytest.mark.parametrize(("before", "now", "warned"), [
    (4, 30, False),  # a base under 10: a handful of cases moves a lot
    (40, 120, False), (120, 40, False),  # exactly threefold either way
    (130, 40, True),  # a fall to less than a third
])
def test_the_threefold_rule_needs_ten_in_both_years_and_more_than_three_times(make_inputs, before, now,
                                                                               warned) -> None:
    assert bool(_two_years(make_inputs, before, now)) is warned


def test_all_problems_of_a_file_are_reported_at_once(make_inputs) -> None:
    bad = ("teryt,kategoria,stwierdzone,wykryte\n"
           "1007099,ogolem,10,5\n"  # unknown code
           "1007023,ogolem,dwa,5\n"  # text in a number
           "1007023,rozboj,-1,0\n"  # negative
           "1007023,kradziez_auta,1,1\n")  # unknown category
    with pytest.raises(DataError) as raised:
        load_dataset(make_inputs({"przestepstwa.csv": bad}), 2025)
    rows = sorted(p.row for p in raised.value.problems if p.is_error)
    assert rows == [2, 3, 4, 5]


def test_errors_in_several_files_are_reported_together(make_inputs) -> None:
    inputs = make_inputs({
        "ludnosc.csv": FIXTURES / "validate" / "unknown_gmina.csv",
        "dzialania.csv": FIXTURES / "validate" / "event_outside_year.csv",
    })
    with pytest.raises(DataError) as raised:
        load_dataset(inputs, 2025)
    files = {p.file for p in raised.value.problems if p.is_error}
    assert files == {"2025/ludnosc.csv", "2025/dzialania.csv"}


def test_warnings_alone_do_not_stop_the_report(make_inputs) -> None:
    dataset = load_dataset(make_inputs({"przestepstwa.csv": FIXTURES / "validate" / "detected_over_reported.csv"}))
    assert any("wykrytych" in p.message for p in dataset.problems)
    assert not any(p.is_error for p in dataset.problems)


def test_a_missing_file_is_a_warning_and_its_part_has_no_data(make_inputs) -> None:
    dataset = load_dataset(make_inputs({"ludnosc.csv": "teryt,ludnosc\n1007023,9700\n"}))
    assert not dataset.has("kmzb", 2025)
    assert any(p.file == "2025/kmzb.csv" and p.message == "brak pliku" for p in dataset.problems)
    # The optional file is not even worth a note.
    assert not any("interwencje" in p.file for p in dataset.problems)


def test_an_empty_cell_means_no_data_not_zero(make_inputs) -> None:
    dataset = load_dataset(make_inputs({"ruch_drogowy.csv": (
        "teryt,wypadki,zabici,ranni,kolizje,nietrzezwi_kierujacy\n1007023,3,,2,10,0\n")}))
    row = dataset.table("ruch_drogowy", 2025).iloc[0]
    assert row["zabici"] is __import__("pandas").NA
    assert row["nietrzezwi_kierujacy"] == 0


def test_a_workbook_and_a_csv_of_the_same_table_is_an_error(make_inputs, powiat, tmp_path) -> None:
    from pipeline.data.workbook import write_template

    inputs = make_inputs({"ludnosc.csv": "teryt,ludnosc\n1007023,9700\n"})
    write_template(powiat, 2025, inputs / "2025")
    with pytest.raises(DataError) as raised:
        load_dataset(inputs, 2025)
    assert any("jest i w tym pliku" in p.message for p in raised.value.problems)
