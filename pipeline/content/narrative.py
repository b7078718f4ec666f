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

from ..data.formatting import MISSING_TEXT, fmt_change, fmt_int, fmt_list, fmt_money, fmt_number, fmt_percent
from ..data.indicators import FEW_CASES, KeyFigure
from ..data.schema import SEVEN_CATEGORIES

__all__ = ["SUBJECTS", "Subject", "change_sentence", "plural", "seven_categories_sentence"]

_PL = Locale.parse("pl_PL")


def plural(number: int, one: str, few: str, many: str) -> str:
    """The noun form CLDR prescribes for `number`: 1 wydarzenie, 2 wydarzenia, 5 wydarzeń."""
    form = _PL.plural_form(abs(int(number)))
    return {"one": one, "few": few}.get(form, many)


@dataclass(frozen=True)
class Subject:
    """A key figure as the subject of a sentence."""

    text: str  # "liczba przestępstw stwierdzonych"
    feminine: bool = True

    def verb(self, direction: int) -> str:
        if direction > 0:
            return "wzrosła" if self.feminine else "wzrósł"
        if direction < 0:
            return "spadła" if self.feminine else "spadł"
        return "nie zmieniła się" if self.feminine else "nie zmienił się"

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
    "bojka_pobicie": "bójek i pobić",
    "uszkodzenie_rzeczy": "uszkodzeń rzeczy",
    "kradziez_samochodu": "kradzieży samochodów",
}
assert SEVEN_GENITIVE.keys() == SEVEN_CATEGORIES.keys()


def _value(figure: KeyFigure, value: object) -> str:
    match figure.kind:
        case "percent":
            return fmt_percent(value)
        case "money":
            return fmt_money(value)
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
    direction = int(now > before) - int(now < before)
    span = f"z {_value(figure, before)} w {previous_year} r. do {_value(figure, now)} w {year} r."
    if direction == 0 and now == 0:
        return f"{start} {subject.was} {_value(figure, now)}, tak jak w {previous_year} r."
    if direction == 0:
        return f"{start} {subject.verb(0)} ({_value(figure, now)} w {year} r.)."
    if figure.kind == "percent":
        by = f" o {fmt_number(abs(figure.change))} pkt proc."
    elif pd.isna(figure.dynamika) or before < FEW_CASES or now == 0:  # "o 200%" on 1 -> 3, "o 100%" to 0
        by = ""
    else:
        by = f" o {fmt_percent(abs(figure.dynamika - 100))}"
    return f"{start} {subject.verb(direction)}{by} – {span}"


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
        parts.append("bez zmian pozostała liczba " + fmt_list(same))
    if not parts:
        return f"Dla 7 kategorii przestępstw najbardziej dokuczliwych społecznie {MISSING_TEXT} do porównania."
    return "Wśród 7 kategorii przestępstw najbardziej dokuczliwych społecznie " + "; ".join(parts) + "."
