"""Polish numbers, percentages, money and dates, as the report prints them (babel, pl_PL).

Every number in the report goes through here, so that "12 345", "12,5%", "12 240,00 zł"
and "26 listopada 2026 r." look the same on every page. Missing values print as "b.d."
(brak danych), never as 0 or "nan".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd
from babel.dates import format_date as _babel_date
from babel.dates import get_month_names
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from .cells import Term

__all__ = [
    "MISSING",
    "MISSING_TEXT",
    "NOT_APPLICABLE",
    "fmt_change",
    "fmt_date",
    "fmt_day",
    "fmt_int",
    "fmt_money",
    "fmt_none",
    "money_digits",
    "fmt_number",
    "fmt_percent",
    "fmt_term",
    "fmt_years",
    "is_missing",
    "rounded",
]

LOCALE = "pl_PL"
MISSING = "b.d."  # in tables; the annex explains it
MISSING_TEXT = "brak danych"  # in sentences
NOT_APPLICABLE = "\u2013"  # a value that cannot exist (dynamika against 0), not a missing one
MINUS = "\u2212"  # a real minus sign, not a hyphen
NBSP = "\u00a0"


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _signed(text: str) -> str:
    return text.replace("-", MINUS)


def rounded(value: Any, digits: int) -> Decimal:
    """Half up, as people round (babel alone would round half to even: 74,25 -> 74,2)."""
    return Decimal(str(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def fmt_int(value: Any) -> str:
    """12345 -> "12 345" with a no-break space, so a number never breaks across lines."""
    return fmt_number(value, 0)


def fmt_number(value: Any, digits: int = 1) -> str:
    """12.46 -> "12,5"."""
    if is_missing(value) or math.isinf(float(value)):
        return MISSING
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return _signed(format_decimal(rounded(value, digits), format=pattern, locale=LOCALE))


def fmt_percent(value: Any, digits: int = 1) -> str:
    """A value already in percent: 74.25 -> "74,3%"."""
    if is_missing(value) or math.isinf(float(value)):
        return MISSING
    return f"{fmt_number(value, digits)}%"


def fmt_change(value: Any, digits: int = 0) -> str:
    """An absolute change with its sign: +12, −5, 0."""
    if is_missing(value):
        return MISSING
    text = fmt_number(abs(float(value)), digits)
    if round(float(value), digits) == 0:
        return fmt_number(0, digits)
    return ("+" if float(value) > 0 else MINUS) + text


def fmt_money(value: Any, digits: int = 2) -> str:
    """12240 -> "12 240,00 zł"; with `digits=0` (see `money_digits`) "12 240 zł"."""
    if is_missing(value) or math.isinf(float(value)):
        return MISSING
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + NBSP + "¤"
    return _signed(format_currency(float(rounded(value, digits)), "PLN", format=pattern, locale=LOCALE,
                                   currency_digits=False))


def money_digits(values: Iterable[Any]) -> int:
    """0 when every amount is whole (no ",00 zł" on every line of a column), otherwise 2."""
    known = [float(v) for v in values if not is_missing(v)]
    return 0 if all(float(rounded(v, 2)).is_integer() for v in known) else 2


def fmt_date(day: dt.date) -> str:
    """ "26 listopada 2026 r." """
    return f"{_babel_date(day, 'd MMMM y', locale=LOCALE)}{NBSP}r."


def fmt_day(day: Any) -> str:
    """A date in a table: "14.03.2025"."""
    if is_missing(day):
        return MISSING
    return f"{pd.Timestamp(day):%d.%m.%Y}"


def fmt_list(items: list[str]) -> str:
    """ "a, b i c": the last two joined the Polish way (CLDR list patterns)."""
    return format_list(items, locale=LOCALE)


def fmt_none(items: list[str]) -> str:
    """What there was none of, after a negated verb: "a, b ani c" ("nie stwierdzono kradzieży ani
    rozbojów"), so a name that holds an "i" of its own never meets a second one."""
    return ", ".join(items[:-1]) + " ani " + items[-1] if len(items) > 1 else "".join(items)


def fmt_years(first: int, last: int) -> str:
    """ "2021–2025" with an en dash."""
    return str(first) if first == last else f"{first}\u2013{last}"


_ROMAN = ("I", "II", "III", "IV")


def fmt_term(term: Term) -> str:
    """ "marzec", "II kwartał", "cały rok" or "marzec–maj"."""
    months = get_month_names("wide", context="stand-alone", locale=LOCALE)
    if term.is_month:
        return months[term.first_month]
    if term.quarter:
        return f"{_ROMAN[term.quarter - 1]} kwartał"
    if (term.first_month, term.last_month) == (1, 12):
        return "cały rok"
    return f"{months[term.first_month]}\u2013{months[term.last_month]}"
