"""Reading single cells: Polish numbers, dates, terms, codes and choices."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.data import cells
from pipeline.data.cells import CellError, Term


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("1 234", 1234), ("1\u00a0234", 1234), ("1\u202f234", 1234), (" 7 ", 7),
    (12.0, 12), ("12 240 zł", 12240),
])
def test_counts(text, value) -> None:
    assert cells.parse_count(text) == value


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("abc", "to nie jest liczba", "wpisz"),
    ("-3", "ujemna", "pusta komórka"),
    ("12,5", "całkowita", "całkowitą"),
    ("1.234", "całkowita", "jeśli chodziło o 1234"),
    ("3,999", "całkowita", "jeśli chodziło o 3999"),
    (True, "to nie jest liczba", ""),
])
def test_counts_that_are_wrong_say_why(text, message, hint) -> None:
    with pytest.raises(CellError) as raised:
        cells.parse_count(text)
    assert message in raised.value.message and hint in raised.value.hint


@pytest.mark.parametrize(("text", "value"), [
    ("12,5", 12.5), ("12 240,00 zł", 12240.0), ("1.234,56", 1234.56), ("1,234.56", 1234.56),
    ("1234.5", 1234.5), ("4 800,00 PLN", 4800.0), ("\u2212 0", 0.0),
])
def test_amounts(text, value) -> None:
    assert cells.parse_amount(text) == value


def test_an_amount_with_three_decimals_is_a_misplaced_separator() -> None:
    with pytest.raises(CellError, match="więcej niż 2 miejsca"):
        cells.parse_amount("1.234")


@pytest.mark.parametrize("text", ["14.03.2025", "2025-03-14", "14-03-2025", "14/03/2025",
                                  dt.datetime(2025, 3, 14, 10, 30), dt.date(2025, 3, 14)])
def test_dates(text) -> None:
    assert cells.parse_date(text) == dt.date(2025, 3, 14)


@pytest.mark.parametrize("text", ["30.02.2025", "marzec", "2025"])
def test_impossible_dates(text) -> None:
    with pytest.raises(CellError, match="to nie jest data"):
        cells.parse_date(text)


@pytest.mark.parametrize(("text", "term"), [
    ("marzec", Term(3, 3)), ("Marca", Term(3, 3)), ("03", Term(3, 3)), ("2026-03", Term(3, 3)),
    ("wrzesień 2026", Term(9, 9)), ("II kwartał", Term(4, 6)), ("Q3", Term(7, 9)),
    ("IV kw.", Term(10, 12)), ("1 kwartał", Term(1, 3)), ("cały rok", Term(1, 12)),
    (dt.datetime(2026, 5, 1), Term(5, 5)),
])
def test_terms(text, term) -> None:
    assert cells.parse_term(text) == term


def test_term_knows_quarters_and_months() -> None:
    assert Term(4, 6).quarter == 2 and not Term(4, 6).is_month
    assert Term(5, 5).is_month and Term(5, 5).quarter is None
    assert Term(1, 12).quarter is None


@pytest.mark.parametrize(("text", "code"), [("1007023", "1007023"), (1007023, "1007023"),
                                            (1007023.0, "1007023"), (" 1007 023 ", "1007023")])
def test_codes(text, code) -> None:
    assert cells.parse_code(text) == code


def test_choices_ignore_case_and_polish_letters_and_suggest_on_a_typo() -> None:
    statuses = ("Potwierdzone", "Potwierdzone (przekazane poza Policję)")
    assert cells.parse_choice("potwierdzone (przekazane poza policje)", statuses) == statuses[1]
    with pytest.raises(CellError) as raised:
        cells.parse_choice("Potwierdzne", statuses)
    assert "czy chodziło o „Potwierdzone”" in raised.value.hint


def test_text_is_trimmed_and_inner_spaces_collapsed() -> None:
    assert cells.parse_text("  Debata   społeczna ") == "Debata społeczna"
    assert cells.parse_text(2025.0) == "2025"
