"""The places of the report the analyst's commentary can name: chapters and their sections,
as the report prints them, with the short forms people type.

The notebooks print these headings; `tests/test_notebooks.py` checks that each notebook's
section headings are exactly the ones listed here, so the two cannot drift apart. A
heading in the commentary is matched ignoring case, Polish letters and spacing, and an
unknown one gets the closest known name suggested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..registry import Powiat
from ..textnorm import closest, fold, suggest

__all__ = ["FOREWORD", "GOALS", "Place", "Places", "Section"]

FOREWORD = "slowo_wstepne"
GOALS = "cele"


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # as printed; {rok} is the report's year, {nastepny} the next one
    aliases: tuple[str, ...] = ()

    def names(self, year: int) -> list[str]:
        return [name.format(rok=year, nastepny=year + 1) for name in (self.title, *self.aliases)]


def _s(key: str, title: str, *aliases: str) -> Section:
    return Section(key, title, aliases)


CRIME = _s("przestepczosc", "Przestępczość")
SEVEN = _s("siedem_kategorii", "Przestępstwa w 7 kategoriach najbardziej dokuczliwych społecznie",
           "Przestępstwa w 7 kategoriach", "7 kategorii")
ROADS = _s("ruch_drogowy", "Bezpieczeństwo w ruchu drogowym", "Ruch drogowy")
KMZB = _s("kmzb", "Krajowa Mapa Zagrożeń Bezpieczeństwa", "KMZB")
PREVENTION = _s("profilaktyka", "Działania profilaktyczne", "Profilaktyka")
PATROLS = _s("sluzby", "Służby ponadnormatywne")

POWIAT_SECTIONS = (CRIME, SEVEN, _s("gminy", "Gminy w porównaniu"), ROADS, KMZB, PREVENTION, PATROLS,
                   _s("wspolpraca", "Współpraca z samorządami i partnerami", "Współpraca"),
                   _s("interwencje", "Interwencje"))
GMINA_SECTIONS = (CRIME, SEVEN, _s("na_tle_powiatu", "Gmina na tle powiatu"), ROADS, KMZB, PREVENTION, PATROLS,
                  _s("plan", "Plan działań"))
PLAN_SECTIONS = (_s("realizacja", "Realizacja planu na {rok} r.", "Realizacja planu"),
                 _s("zaplanowane", "Działania zaplanowane na {nastepny} r.", "Działania zaplanowane",
                    "Plan na {nastepny} r."))
ANNEX_SECTIONS = (_s("definicje", "Definicje i wzory"), _s("zrodla", "Źródła danych"),
                  _s("jakosc", "Jakość danych"))
SURVEY_SECTION = _s("poczucie", "Poczucie bezpieczeństwa mieszkańców")


@dataclass(frozen=True)
class Place:
    """A chapter of the report that commentary can go into."""

    key: str  # "slowo_wstepne", "wnioski", "cele", "powiat", "plan", "aneks" or a gmina's TERYT
    title: str  # as printed
    aliases: tuple[str, ...]
    sections: tuple[Section, ...]


class Places:
    """Every chapter of one year's report, for matching the commentary's headings."""

    def __init__(self, powiat: Powiat, year: int, goal_names: Iterable[str] = (), goals_printed: bool = True) -> None:
        self.year = year
        self.goals_printed = goals_printed  # the goals chapter needs cele.csv or ankieta.csv
        self.gmina_titles = [g.title for g in powiat.gminy]
        name = powiat.nazwa[0].upper() + powiat.nazwa[1:]
        goals = tuple(_s(f"cel_{i}", goal) for i, goal in enumerate(goal_names, start=1)) + (SURVEY_SECTION,)
        self.chapters = [
            Place(FOREWORD, "Słowo wstępne", ("Wstęp", "Przedmowa"), ()),
            Place("wnioski", "Najważniejsze wnioski", ("Wnioski",), ()),
            Place(GOALS, "Cele współpracy i ich realizacja", ("Cele współpracy", "Cele"), goals),
            Place("powiat", f"{name} w {year} r.", ("Powiat", name), POWIAT_SECTIONS),
            *(Place(g.teryt, g.title, (g.nazwa, f"Gmina {g.nazwa}"), GMINA_SECTIONS) for g in powiat.gminy),
            Place("plan", "Plan na kolejny rok", ("Plan",), PLAN_SECTIONS),
            Place("aneks", "Aneks", (), ANNEX_SECTIONS),
        ]

    def chapter(self, heading: str) -> Place | None:
        key = fold(heading)
        return next((c for c in self.chapters if key in {fold(n) for n in (c.title, *c.aliases)}), None)

    def section(self, chapter: Place, heading: str) -> Section | None:
        key = fold(heading)
        return next((s for s in chapter.sections if key in {fold(n) for n in s.names(self.year)}), None)

    def suggest_chapter(self, heading: str) -> str | None:
        return suggest(heading, [n for c in self.chapters for n in (c.title, *c.aliases)])

    def example_gmina(self, heading: str) -> str:
        """A gmina chapter's heading for a hint: this powiat's gmina closest to `heading`."""
        return closest(heading, self.gmina_titles)

    def suggest_section(self, chapter: Place, heading: str) -> str | None:
        return suggest(heading, [s.names(self.year)[0] for s in chapter.sections])

    def place(self, key: str) -> Place:
        return next(c for c in self.chapters if c.key == key)
