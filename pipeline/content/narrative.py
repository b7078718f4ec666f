"""Short generated sentences in Polish: what rose, what fell, by how much.

Grammar that depends on a number (1 przestępstwo, 3 przestępstwa, 5 przestępstw) comes
from babel's CLDR plural rules; phrases that depend on the subject's gender are stored
with the subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from babel import Locale

from ..data.formatting import (
    MISSING_TEXT,
    fmt_change,
    fmt_int,
    fmt_list,
    fmt_money,
    fmt_number,
    fmt_percent,
    money_digits,
    rounded,
)
from ..data.indicators import FEW_CASES, KeyFigure
from ..data.schema import SEVEN_CATEGORIES

__all__ = ["SUBJECTS", "Subject", "change_by", "change_sentence", "hours", "killed_in_them", "more_or_less", "plural",
           "seven_categories_sentence"]

_PL = Locale.parse("pl_PL")


def plural(number: int, one: str, few: str, many: str) -> str:
    """The noun form CLDR prescribes for `number`: 1 wydarzenie, 2 wydarzenia, 5 wydarzeń."""
    form = _PL.plural_form(abs(int(number)))
    return {"one": one, "few": few}.get(form, many)


def hours(value: object) -> str:
    """ "184 godziny", "728 godzin": hours are printed whole, and the noun agrees with what is printed."""
    return f"{fmt_number(value, 0)} {plural(int(rounded(value, 0)), 'godzina', 'godziny', 'godzin')}"


def killed_in_them(killed: int) -> str:
    """ "zginęły w nich 2 osoby", "zginęło w nich 5 osób", "nikt w nich nie zginął": the verb agrees too."""
    if killed == 0:
        return "nikt w nich nie zginął"
    return f"{plural(killed, 'zginęła', 'zginęły', 'zginęło')} w nich {fmt_int(killed)} " \
           f"{plural(killed, 'osoba', 'osoby', 'osób')}"


@dataclass(frozen=True)
class Subject:
    """A key figure as the subject of a sentence."""

    text: str  # "liczba przestępstw stwierdzonych"
    feminine: bool = True

    def verb(self, direction: int) -> str:
        if direction > 0:
            return "wzrosła" if self.feminine else "wzrósł"
        return "spadła" if self.feminine else "spadł"

    @property
    def was(self) -> str:
        return "wyniosła" if self.feminine else "wyniósł"


SUBJECTS: dict[str, Subject] = {
    "przestepstwa": Subject("liczba przestępstw stwierdzonych"),
    "wykrywalnosc": Subject("wykrywalność sprawców przestępstw"),
    "wypadki": Subject("liczba wypadków drogowych"),
    "zabici": Subject("liczba ofiar śmiertelnych wypadków"),
    "kmzb": Subject("liczba zgłoszeń na Krajowej Mapie Zagrożeń Bezpieczeństwa"),
    "kmzb_potwierdzone": Subject("udział zgłoszeń KMZB potwierdzonych przez policjantów", feminine=False),
    "dzialania": Subject("liczba działań profilaktycznych"),
    "uczestnicy": Subject("liczba ich uczestników"),
    "godziny": Subject("liczba godzin służb ponadnormatywnych"),
    "kwota": Subject("kwota przekazana przez samorządy na służby ponadnormatywne"),
}

# Genitive plural of the 7 categories, as they follow "liczba".
SEVEN_GENITIVE: dict[str, str] = {
    "kradziez_cudzej_rzeczy": "kradzieży cudzej rzeczy",
    "kradziez_z_wlamaniem": "kradzieży z włamaniem",
    "rozboj": "przestępstw rozbójniczych",  # rozbój, kradzież i wymuszenie rozbójnicze
    "uszczerbek_na_zdrowiu": "przestępstw z uszczerbkiem na zdrowiu",
    "bojka_pobicie": "bójek lub pobić",  # "i" would clash with the list's own "i"
    "uszkodzenie_rzeczy": "uszkodzeń rzeczy",
    "kradziez_samochodu": "kradzieży samochodów",
}
assert SEVEN_GENITIVE.keys() == SEVEN_CATEGORIES.keys()


def _value(figure: KeyFigure, value: object) -> str:
    match figure.kind:
        case "percent":
            return fmt_percent(value)
        case "money":
            return fmt_money(value, money_digits([figure.current, figure.previous]))
        case "number":
            return fmt_number(value, 0)
        case _:
            return fmt_int(value)


def change_sentence(figure: KeyFigure, year: int, previous_year: int) -> str:
    """ "Liczba przestępstw stwierdzonych spadła o 3,9% – z 1 601 w 2024 r. do 1 538 w 2025 r." """
    subject = SUBJECTS[figure.code]
    now, before = figure.current, figure.previous
    start = subject.text[0].upper() + subject.text[1:]
    if pd.isna(now):
        return f"{start}: {MISSING_TEXT} za {year} r."
    if pd.isna(before):
        return f"{start} {subject.was} {_value(figure, now)} ({MISSING_TEXT} za {previous_year} r. do porównania)."
    if now == before:
        return f"{start} bez zmian: {_value(figure, now)} w {previous_year} i {year} r."
    span = f"z {_value(figure, before)} w {previous_year} r. do {_value(figure, now)} w {year} r."
    return f"{start} {subject.verb(1 if now > before else -1)} {change_by(figure)} – {span}"


def change_by(figure: KeyFigure) -> str:
    """How much a figure changed, as a sentence says it: "o 3,9%", "o 4" on a base under 10
    (a percentage of a handful of cases misleads: 1 -> 5 is not "o 400%"), "o 0,3 pkt proc."."""
    if figure.kind == "percent":
        return f"o {fmt_number(abs(figure.change))} pkt proc."
    if figure.kind == "money":
        return f"o {fmt_money(abs(figure.change), money_digits([figure.current, figure.previous]))}"
    if pd.isna(figure.dynamika) or figure.previous < FEW_CASES or figure.current == 0:
        return f"o {fmt_number(abs(figure.change), 0)}"
    return f"o {fmt_percent(abs(figure.dynamika - 100))}"


def more_or_less(figure: KeyFigure) -> str:
    """ "o 3,9% mniej niż", "o 4 więcej niż" (a base under 10 in numbers), "tyle samo co"."""
    if figure.current == figure.previous:
        return "tyle samo co"
    return f"{change_by(figure)} {'więcej' if figure.current > figure.previous else 'mniej'} niż"


def seven_categories_sentence(changes: Sequence[tuple[str, object]]) -> str:
    """What rose, what fell and what stayed among the 7 categories: (code, absolute change)."""
    rose = [f"{SEVEN_GENITIVE[c]} ({fmt_change(d)})" for c, d in changes if not pd.isna(d) and d > 0]
    fell = [f"{SEVEN_GENITIVE[c]} ({fmt_change(d)})" for c, d in changes if not pd.isna(d) and d < 0]
    same = [SEVEN_GENITIVE[c] for c, d in changes if not pd.isna(d) and d == 0]
    parts = []
    if rose:
        parts.append("wzrosła liczba " + fmt_list(rose))
    if fell:
        parts.append("spadła liczba " + fmt_list(fell))
    if same:
        parts.append("bez zmian: liczba " + fmt_list(same))
    if not parts:
        return f"Dla 7 kategorii przestępstw najbardziej dokuczliwych społecznie {MISSING_TEXT} do porównania."
    return "Wśród 7 kategorii przestępstw najbardziej dokuczliwych społecznie " + "; ".join(parts) + "."
