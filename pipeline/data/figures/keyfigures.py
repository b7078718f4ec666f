"""A chapter's key figures, this year against last, and what the exact tests say of each change.

Outcomes (OUTCOMES) happen to the powiat: crimes, accidents, reports, the residents' sense of
safety. Their change may be chance, and `KeyFigure.test` gives the exact test (`stats`). The
rest are outputs the police and the gminas decide (events, participants, paid patrols): their
change is a fact, with no test. A share keeps its counts (`parts` of `bases`), so a share on
a base under FEW_CASES can be shown as "1 z 1" rather than as a percentage.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..dataset import Dataset
from ..formatting import NBSP, rounded
from ..schema import CRIME_GROUPS, SEVEN_CATEGORIES
from . import stats
from .indicators import (
    FEW_CASES,
    RESIDUAL,
    Area,
    change,
    crime_table,
    dynamika,
    events_total,
    kmzb_summary,
    roads_table,
    total,
)
from .survey import sense_of_safety

__all__ = ["OUTCOMES", "KeyFigure", "key_figures"]

# Every figure that is an outcome, by the code a KeyFigure carries: crimes (all, by group, the
# residual, the 7 categories, detection), roads, KMZB, interventions and the survey.
OUTCOMES = frozenset({"przestepstwa", *CRIME_GROUPS, RESIDUAL, *SEVEN_CATEGORIES, "wykrywalnosc", "wypadki", "zabici",
                      "ranni", "kolizje", "nietrzezwi_kierujacy", "kmzb", "kmzb_potwierdzone", "interwencje",
                      "interwencje_domowe", "niebieskie_karty", "poczucie_bezpieczenstwa"})
_NONE = (pd.NA, pd.NA)


@dataclass(frozen=True)
class KeyFigure:
    """One figure of the summary page, with last year's value for comparison."""

    code: str  # names the figure for the sentences (narrative.SUBJECTS) or a crime category
    label: str
    current: object
    previous: object
    kind: str = "int"  # int | percent | money | number
    parts: tuple[object, object] = _NONE  # of a share: its counts this year and last...
    bases: tuple[object, object] = _NONE  # ...out of these

    @property
    def dynamika(self) -> object:
        return dynamika(self.current, self.previous)

    @property
    def change(self) -> object:
        """For a percentage, the change in points between the values as printed (1 decimal),
        so that 74,5% -> 74,8% reads +0,3 and not +0,4 from unrounded shares."""
        if self.kind == "percent" and not (pd.isna(self.current) or pd.isna(self.previous)):
            return float(rounded(self.current, 1) - rounded(self.previous, 1))
        return change(self.current, self.previous)

    @property
    def outcome(self) -> bool:
        return self.code in OUTCOMES

    def small_base(self, which: int = 0) -> bool:
        """A share resting on fewer than FEW_CASES (0: this year, 1: last year)."""
        base = self.bases[which]
        return self.kind == "percent" and not pd.isna(base) and base < FEW_CASES

    def test(self) -> stats.Change | None:
        """The exact test of this year against last: none for an output or a missing value."""
        if not self.outcome or pd.isna(self.current) or pd.isna(self.previous):
            return None
        if self.kind != "percent":
            return stats.count_change(int(self.previous), int(self.current))
        if any(pd.isna(v) for v in (*self.parts, *self.bases)) or min(self.bases) < 1 \
                or any(p > b for p, b in zip(self.parts, self.bases, strict=True)):
            return None  # e.g. more detected than reported: no share to test
        (now, before), (base_now, base_before) = self.parts, self.bases
        return stats.share_change(int(before), int(base_before), int(now), int(base_now))


def key_figures(ds: Dataset, area: Area = None) -> list[KeyFigure]:
    crimes = crime_table(ds, area)
    roads = roads_table(ds, area)
    kmzb_now = kmzb_summary(ds, area, ds.year)
    kmzb_before = kmzb_summary(ds, area, ds.previous_year)
    events_now, people_now = events_total(ds, ds.year, area)
    events_before, people_before = events_total(ds, ds.previous_year, area)

    def patrol(column: str, year: int | None) -> object:
        return total(ds, "sluzby_ponadnormatywne", column, year, area)

    def crimes_at(code: str, column: str = "biezacy", before: str = "poprzedni") -> tuple[object, object]:
        return crimes.at[code, column], crimes.at[code, before]

    return [
        KeyFigure("przestepstwa", "przestępstwa stwierdzone", *crimes_at("ogolem")),
        *[KeyFigure(c, crimes.at[c, "wskaznik"], *crimes_at(c)) for c in SEVEN_CATEGORIES],
        KeyFigure("wykrywalnosc", "wykrywalność sprawców",
                  *crimes_at("ogolem", "wykrywalnosc", "wykrywalnosc_poprzednia"), "percent",
                  crimes_at("ogolem", "wykryte", "wykryte_poprzednio"), crimes_at("ogolem")),
        KeyFigure("wypadki", "wypadki drogowe", roads.at["wypadki", "biezacy"], roads.at["wypadki", "poprzedni"]),
        KeyFigure("zabici", "zabici w wypadkach", roads.at["zabici", "biezacy"], roads.at["zabici", "poprzedni"]),
        KeyFigure("kmzb", "zgłoszenia na KMZB", kmzb_now["zgloszenia"], kmzb_before["zgloszenia"]),
        KeyFigure("kmzb_potwierdzone", "zgłoszenia KMZB potwierdzone", kmzb_now["udzial_potwierdzonych"],
                  kmzb_before["udzial_potwierdzonych"], "percent",
                  (kmzb_now["potwierdzone"], kmzb_before["potwierdzone"]),
                  (kmzb_now["zgloszenia"], kmzb_before["zgloszenia"])),
        KeyFigure("dzialania", "działania profilaktyczne", events_now, events_before),
        KeyFigure("uczestnicy", "uczestnicy działań profilaktycznych", people_now, people_before),
        KeyFigure("godziny", "godziny służb ponadnormatywnych", patrol("liczba_godzin", ds.year),
                  patrol("liczba_godzin", ds.previous_year), "number"),
        KeyFigure("kwota", "środki samorządów na służby", patrol("kwota_zl", ds.year),
                  patrol("kwota_zl", ds.previous_year), "money"),
        *_sense_of_safety(ds, area),
    ]


def _sense_of_safety(ds: Dataset, area: Area) -> list[KeyFigure]:
    """The residents' sense of safety, when a survey was made this year or last (see `survey`):
    a place asked last year but not this year shows last year's figure beside "b.d."."""
    now, before = sense_of_safety(ds, area, ds.year), sense_of_safety(ds, area, ds.previous_year)
    if not now.answers and not before.answers:
        return []
    if now.answers:
        sample = f"ankieta: {now.answers} odp." + (f" – mała{NBSP}próba" if now.small_sample else "")
    else:
        sample = f"w {ds.year} r. bez ankiety"
    return [KeyFigure("poczucie_bezpieczenstwa", f"poczucie bezpieczeństwa mieszkańców ({sample})",
                      now.share if now.answers else float("nan"), before.share, "percent",
                      (now.safe if now.answers else pd.NA, before.safe if before.answers else pd.NA),
                      (now.answers or pd.NA, before.answers or pd.NA))]
