"""Reading one cell the way an analyst typed it: Polish numbers, dates, months, codes.

Every parser takes what the file holds (text from a CSV; text, a number or a date from
Excel) and returns the value, or raises `CellError` with a Polish message and a hint.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import get_month_names
from babel.numbers import NumberFormatError, parse_decimal

from .textnorm import fold, suggest

__all__ = [
    "CellError",
    "Term",
    "is_blank",
    "parse_amount",
    "parse_choice",
    "parse_code",
    "parse_count",
    "parse_date",
    "parse_target",
    "parse_term",
    "parse_text",
    "parse_year",
]

LOCALE = "pl_PL"
# Spaces people (and Excel) put between thousands: space, no-break, narrow no-break, thin.
_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_CURRENCY = re.compile(r"(zł|zl|pln)\.?$", re.IGNORECASE)
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y.%m.%d", "%d.%m.%y")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class CellError(ValueError):
    """A cell that cannot be read: what is wrong and how to fix it, in Polish."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def is_blank(value: Any) -> bool:
    """An empty cell means "no data", never 0."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from pandas
        return True
    return isinstance(value, str) and not value.strip()


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError("to nie jest liczba", "wpisz liczbę, np. 12")
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = _GROUP_SPACES.sub("", str(value).strip())
    text = _CURRENCY.sub("", text).replace("\u2212", "-")
    # "1.234,56" and "1,234.56": both separators present, the last one is the decimal one.
    locale = LOCALE
    if "." in text and "," in text:
        locale = "de_DE" if text.rfind(",") > text.rfind(".") else "en_US"
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation):
        raise CellError("to nie jest liczba", "wpisz samą liczbę, np. 1234 albo 12,5") from None


def parse_count(value: Any) -> int:
    """A whole number >= 0: "1 234", "1234", 1234.0 from Excel."""
    number = _number(value)
    if number != number.to_integral_value():
        hint = "wpisz liczbę całkowitą"
        text = str(value).strip()
        if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
            hint += f"; jeśli chodziło o {re.sub('[.,]', '', text)}, usuń separator tysięcy"
        raise CellError("to nie jest liczba całkowita", hint)
    if number < 0:
        raise CellError("liczba nie może być ujemna", "wpisz 0 albo więcej; brak danych = pusta komórka")
    return int(number)


def parse_amount(value: Any) -> float:
    """A number >= 0 with at most 2 decimals: "12 240,00 zł", "12240.5"."""
    number = _number(value)
    if number < 0:
        raise CellError("wartość nie może być ujemna", "wpisz 0 albo więcej; brak danych = pusta komórka")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise CellError("więcej niż 2 miejsca po przecinku",
                        "wpisz kwotę z przecinkiem dziesiętnym, np. 12 240,50; tysiące oddziel spacją")
    return float(number)


def parse_target(value: Any) -> float:
    """A goal's target: a number >= 0, a percentage sign after it allowed ("75", "75,5%")."""
    text = str(value).strip()
    number = _number(text[:-1] if text.endswith("%") else value)
    if number < 0:
        raise CellError("wartość docelowa nie może być ujemna", "wpisz liczbę, np. 1600, albo odsetek, np. 75%")
    return float(number)


def parse_date(value: Any) -> dt.date:
    """A day: 14.03.2025, 2025-03-14 or an Excel date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError("to nie jest data", "wpisz datę jako dzień.miesiąc.rok, np. 14.03.2025")


def parse_year(value: Any) -> int:
    try:
        year = parse_count(value)
    except CellError:
        year = 0
    if not 2000 <= year <= 2100:
        raise CellError("to nie jest rok", "wpisz rok czterema cyframi, np. 2025")
    return year


@dataclass(frozen=True, order=True)
class Term:
    """When a planned action should happen: a month, a quarter or the whole year."""

    first_month: int
    last_month: int

    @property
    def is_month(self) -> bool:
        return self.first_month == self.last_month

    @property
    def quarter(self) -> int | None:
        if self.last_month - self.first_month == 2 and self.first_month % 3 == 1:
            return self.last_month // 3
        return None


def _month_names() -> dict[str, int]:
    names = {}
    for context in ("stand-alone", "format"):
        for number, name in get_month_names("wide", context=context, locale=LOCALE).items():
            names[fold(name)] = number
    return names


_MONTHS = _month_names()
_WHOLE_YEAR = {"caly_rok", "rok", "w_ciagu_roku", "caloroczny", "caloroczne"}


def parse_term(value: Any) -> Term:
    """ "marzec", "03", "2026-03", "II kwartał", "Q2", "cały rok", or an Excel date (its month)."""
    if isinstance(value, dt.date):
        return Term(value.month, value.month)
    key = fold(str(value))
    if key in _WHOLE_YEAR:
        return Term(1, 12)
    if (name := re.sub(r"_\d{4}$", "", key)) in _MONTHS:
        month = _MONTHS[name]
        return Term(month, month)
    if match := re.fullmatch(r"(?:\d{4}_)?(\d{1,2})(?:_\d{4})?", key):
        month = int(match[1])
        if 1 <= month <= 12:
            return Term(month, month)
    if match := re.fullmatch(r"(?:q_?([1-4])|([1-4]|i{1,3}|iv)_?(?:kwartal|kw))(?:_\d{4})?", key):
        quarter = int(match[1]) if match[1] else _ROMAN.get(match[2]) or int(match[2])
        return Term(3 * quarter - 2, 3 * quarter)
    raise CellError("nie rozpoznano terminu",
                    "wpisz miesiąc (np. marzec albo 03), kwartał (np. II kwartał) albo „cały rok”")


def parse_text(value: Any) -> str:
    """Text with the stray spaces trimmed, letters composed ("a" + ogonek -> "ą", as some
    programs save them apart); numbers from Excel become their digits."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def parse_choice(value: Any, choices: tuple[str, ...]) -> str:
    """One of `choices`, matched ignoring case, Polish letters and spacing."""
    key = fold(str(value))
    for choice in choices:
        if fold(choice) == key:
            return choice
    guess = suggest(str(value), choices)
    hint = f"czy chodziło o „{guess}”? " if guess else ""
    if len(choices) <= 12:
        hint += "dozwolone: " + ", ".join(choices)
    else:
        hint += "wybierz wartość z listy w szablonie (make szablon) albo z docs/dane.md"
    raise CellError("niedozwolona wartość", hint)


def parse_code(value: Any) -> str:
    """A TERYT code as 7 digits, whether typed as text or stored by Excel as a number."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s+", "", str(value))
    if not re.fullmatch(r"\d{7}", text):
        raise CellError("kod TERYT musi mieć 7 cyfr",
                        "wpisz kod gminy albo powiatu (kod powiatu i 000); "
                        "możesz też zamiast kolumny teryt użyć kolumny gmina z nazwą")
    return text
