"""Short generated sentences in Polish: what rose, what fell, by how much.

Grammar that depends on a number (1 przestępstwo, 3 przestępstwa, 5 przestępstw) comes
from babel's CLDR plural rules; phrases that depend on the subject's gender are stored
with the subject.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from babel import Locale

from ..data.figures.indicators import FEW_CASES
from ..data.figures.keyfigures import KeyFigure
from ..data.figures.stats import Change
from ..data.formatting import (
    MISSING_TEXT,
    NOT_APPLICABLE,
    fmt_change,
    fmt_int,
    fmt_list,
    fmt_money,
    fmt_number,
    fmt_percent,
    money_digits,
    rounded,
)
from ..data.schema import EVENT_KINDS, SEVEN_CATEGORIES

__all__ = ["CHANCE", "KIND_GENITIVE", "SEVEN_GENITIVE", "SUBJECTS", "Subject", "chance_words", "change_by",
           "change_sentence", "hours", "killed_in_them", "more_or_less", "plural", "seven_categories_sentence",
           "share_text", "small_base"]

CHANCE = "w granicach zwykłych wahań"  # a change the exact test cannot tell from chance

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

# Genitive plural of the kinds of action, as they follow "więcej" or "mniej".
KIND_GENITIVE: dict[str, str] = {
    "debata_spoleczna": "debat społecznych",
    "punkt_przyjec": "dyżurów w punktach przyjęć interesantów",
    "turniej_sportowy": "turniejów sportowych",
    "akcja_edukacyjna": "akcji edukacyjnych",
    "pierwsza_pomoc": "zajęć z pierwszej pomocy",
    "rajd_rowerowy": "rajdów rowerowych",
    "piknik": "pikników",
    "spotkanie_z_gosciem": "spotkań z ciekawymi gośćmi",
    "akcja_brd": "akcji BRD",
    "kontrola_drogowa": "kontroli drogowych",
    "inne": "innych działań",
}
assert KIND_GENITIVE.keys() == EVENT_KINDS.keys()


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


def small_base(part: object, whole: object) -> bool:
    """A share of a whole under FEW_CASES: shown as its counts, never as a percentage."""
    return not pd.isna(whole) and 0 < whole < FEW_CASES and not pd.isna(part)


def share_text(part: object, whole: object, value: object = None) -> str:
    """A share as the report says it: "75,5%", or on a base under FEW_CASES the counts, "1 z 1"."""
    if small_base(part, whole):
        return f"{fmt_int(part)} z {fmt_int(whole)}"
    if value is None:
        value = pd.NA if pd.isna(part) or pd.isna(whole) or whole == 0 else float(part) / float(whole) * 100
    if pd.isna(value) and not pd.isna(whole) and whole == 0:
        return NOT_APPLICABLE  # a share of nothing cannot exist
    return fmt_percent(value)


def chance_words(change: Change | None) -> str:
    """What the exact test says, to end a sentence about a change: " – w granicach zwykłych
    wahań", " – wzrost większy niż zwykłe wahania"; nothing without a test or a change."""
    if change is None or change.direction == 0:
        return ""
    if not change.significant:
        return f" – {CHANCE}"
    return f" – {'wzrost' if change.direction > 0 else 'spadek'} większy niż zwykłe wahania"


def seven_categories_sentence(tests: dict[str, Change | None]) -> str:
    """What changed among the 7 categories, told apart by the exact test: the changes beyond
    chance first, then those within the usual year-to-year swings, then those without change."""
    def change(code: str, test: Change) -> str:
        return f"{SEVEN_GENITIVE[code]} ({fmt_change(test.current - test.previous)})"

    known = {c: t for c, t in tests.items() if t is not None}
    if not known:
        return f"Dla 7 kategorii przestępstw najbardziej dokuczliwych społecznie {MISSING_TEXT} do porównania."
    rose = [change(c, t) for c, t in known.items() if t.significant and t.direction > 0]
    fell = [change(c, t) for c, t in known.items() if t.significant and t.direction < 0]
    chance = [change(c, t) for c, t in known.items() if not t.significant and t.direction != 0]
    same = [SEVEN_GENITIVE[c] for c, t in known.items() if t.direction == 0]
    parts = [f"{verb} liczba {fmt_list(items)}" for verb, items in (("wzrosła", rose), ("spadła", fell)) if items]
    start = "Wśród 7 kategorii przestępstw najbardziej dokuczliwych społecznie "
    text = start + ("ponad zwykłe wahania " + " i ".join(parts) if parts else "")
    if chance:
        text += ("; zmiany liczby " if parts else "wszystkie zmiany mieszczą się w granicach zwykłych wahań: "
                 ) + fmt_list(chance) + (" mieszczą się w granicach zwykłych wahań" if parts else "")
    if same:
        text += ("; " if parts or chance else "") + "bez zmian: liczba " + fmt_list(same)
    return text + "."
