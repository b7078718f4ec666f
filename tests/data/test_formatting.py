"""Polish numbers, percentages, money and dates exactly as the council reads them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.data import formatting as f

NBSP = "\u00a0"


@pytest.mark.parametrize(("value", "text"), [
    (12345, f"12{NBSP}345"), (1234, f"1{NBSP}234"), (1234567, f"1{NBSP}234{NBSP}567"), (0, "0"), (-5, "\u22125"),
    (None, "b.d."), (pd.NA, "b.d."), (float("nan"), "b.d."),
])
def test_integers(value, text) -> None:
    assert f.fmt_int(value) == text


def test_decimals_percent_and_money() -> None:
    assert f.fmt_number(12.46) == "12,5"
    assert f.fmt_percent(74.25) == "74,3%"  # half up, as people round
    assert f.fmt_percent(100) == "100,0%"
    assert f.fmt_money(12240) == f"12{NBSP}240,00{NBSP}zł"
    assert f.fmt_money(pd.NA) == "b.d."
    assert f.fmt_money(float("inf")) == "b.d."  # 0 zł for 0 hours: no cost of an hour


def test_changes_carry_a_sign_and_a_real_minus() -> None:
    assert f.fmt_change(12) == "+12"
    assert f.fmt_change(-5) == "\u22125"
    assert f.fmt_change(0) == "0"
    assert f.fmt_change(pd.NA) == "b.d."


def test_dates_and_year_ranges() -> None:
    assert f.fmt_date(dt.date(2026, 11, 26)) == f"26 listopada 2026{NBSP}r."
    assert f.fmt_day(pd.Timestamp("2025-03-04")) == "04.03.2025"
    assert f.fmt_years(2021, 2025) == "2021\u20132025"


def test_terms_of_the_plan() -> None:
    from pipeline.data.cells import Term

    assert f.fmt_term(Term(3, 3)) == "marzec"
    assert f.fmt_term(Term(4, 6)) == "II kwartał"
    assert f.fmt_term(Term(1, 12)) == "cały rok"


def test_lists_end_with_i() -> None:
    assert f.fmt_list(["bójek i pobić"]) == "bójek i pobić"
    assert f.fmt_list(["piknik (9)", "akcja BRD (6)", "debata społeczna (5)"]) == (
        "piknik (9), akcja BRD (6) i debata społeczna (5)")


def test_money_without_grosze_when_every_amount_is_whole() -> None:
    amounts = [8000, 5460.0, None]
    digits = f.money_digits(amounts)
    assert digits == 0 and f.fmt_money(8000, digits).replace(NBSP, " ") == "8 000 zł"
    assert f.money_digits([52.5, 8000]) == 2
    assert f.fmt_money(52.083, 2).replace(NBSP, " ") == "52,08 zł"
