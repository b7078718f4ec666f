"""The goals of the cooperation (`cele.csv`) and whether they were met.

Each goal is measured by one or more figures (`miernik`), for the whole powiat or for one
gmina, with the direction that is good (`spadek` or `wzrost`) and, optionally, a target:

- with a target, a measure is met when this year's value reaches it (at most the target
  for `spadek`, at least for `wzrost`);
- without one, when the value moved the good way against last year (for `spadek`, staying
  at 0 counts too: there is nothing left to reduce);
- a value that is missing (no file, no rows, no answers) gives "brak danych", not an error.

Shares in % are compared as the report prints them (1 decimal) and their change is in
percentage points. A goal is met when every one of its measures is; it is missed when any
measure is missed; otherwise its data is incomplete. The values come from the indicators
the rest of the report prints: one source of truth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import indicators as ind
from .dataset import Dataset
from .formatting import rounded
from .schema import MEASURES, SEVEN_CATEGORIES, Measure
from .survey import sense_of_safety

__all__ = ["MET", "MISSED", "NO_DATA", "Goal", "MeasureResult", "goal_rows", "goals", "goals_set_last_year",
           "measure_value", "status"]

MET, MISSED, NO_DATA = "osiągnięty", "nieosiągnięty", "brak danych"

Area = str | None


@dataclass(frozen=True)
class MeasureResult:
    """One row of `cele.csv`, judged."""

    key: str  # miernik
    area: str  # TERYT of the gmina or of the powiat
    direction: str  # spadek | wzrost
    target: object  # NA when none was set
    current: object
    previous: object
    status: str

    @property
    def measure(self) -> Measure:
        return MEASURES[self.key]

    @property
    def change(self) -> object:
        """This year against last, in percentage points for a share (as printed)."""
        if pd.isna(self.current) or pd.isna(self.previous):
            return pd.NA
        if self.measure.percent:  # in decimals, so that 75,5 − 73,1 is 2,4 and not 2,4000000000000057
            return float(rounded(self.current, 1) - rounded(self.previous, 1))
        return float(self.current - self.previous)


@dataclass(frozen=True)
class Goal:
    name: str
    results: tuple[MeasureResult, ...]

    @property
    def status(self) -> str:
        statuses = {r.status for r in self.results}
        return MISSED if MISSED in statuses else NO_DATA if NO_DATA in statuses else MET


def goals(ds: Dataset) -> list[Goal] | None:
    """This year's goals in the order of their file; None when there are none (see `goal_rows`)."""
    rows = goal_rows(ds)
    if rows is None:
        return None
    rows = rows.sort_values("wiersz", kind="stable")
    names = list(dict.fromkeys(rows["cel"]))
    return [Goal(name, tuple(_judge(ds, r) for _, r in rows[rows["cel"] == name].iterrows())) for name in names]


def goal_rows(ds: Dataset) -> pd.DataFrame | None:
    """The year's goals: its own `cele.csv`, or else the goals set a year before together with the
    plan (`plan_cele.csv` in last year's folder); None when neither exists."""
    if ds.has("cele", ds.year):
        return ds.table("cele", ds.year)
    if goals_set_last_year(ds):
        return ds.table("plan_cele", ds.previous_year)
    return None


def goals_set_last_year(ds: Dataset) -> bool:
    """Whether this year's goals are the ones last year's plan set (no `cele.csv` of this year's own)."""
    return (not ds.has("cele", ds.year) and ds.has("plan_cele", ds.previous_year)
            and not ds.table("plan_cele", ds.previous_year).empty)


def _judge(ds: Dataset, row: pd.Series) -> MeasureResult:
    key, area, direction = row["miernik"], row["teryt"], row["kierunek"]
    current = measure_value(ds, key, area, ds.year)
    previous = measure_value(ds, key, area, ds.previous_year)
    target = row["wartosc_docelowa"]
    return MeasureResult(key, area, direction, target, current, previous,
                         status(current, previous, target, direction, MEASURES[key]))


def status(current: object, previous: object, target: object, direction: str, measure: Measure) -> str:
    """Met, missed or no data: see the module's docstring."""
    if pd.isna(current):
        return NO_DATA
    now = _printed(current, measure)
    if not pd.isna(target):
        reached = now <= float(target) if direction == "spadek" else now >= float(target)
        return MET if reached else MISSED
    if pd.isna(previous):
        return NO_DATA
    before = _printed(previous, measure)
    if direction == "spadek":
        return MET if now < before or now == before == 0 else MISSED
    return MET if now > before else MISSED


def _printed(value: object, measure: Measure) -> float:
    return float(rounded(value, 1)) if measure.percent else float(value)


def measure_value(ds: Dataset, key: str, teryt: str, year: int | None) -> object:
    """The value of measure `key` for a gmina (or the powiat, by its code) in `year`."""
    area = None if teryt == ds.powiat.code else teryt
    return _MEASURES[key](ds, area, year)


def _crimes(category: str) -> Callable[[Dataset, Area, int | None], object]:
    return lambda ds, area, year: ind.total(ds, "przestepstwa", "stwierdzone", year, area, kategoria=category)


def _road(column: str) -> Callable[[Dataset, Area, int | None], object]:
    return lambda ds, area, year: ind.total(ds, "ruch_drogowy", column, year, area)


def _kmzb(figure: str) -> Callable[[Dataset, Area, int | None], object]:
    return lambda ds, area, year: ind.kmzb_summary(ds, area, year)[figure]


def _detection(ds: Dataset, area: Area, year: int | None) -> object:
    return ind.wykrywalnosc(ind.total(ds, "przestepstwa", "wykryte", year, area, kategoria="ogolem"),
                            ind.total(ds, "przestepstwa", "stwierdzone", year, area, kategoria="ogolem"))


_MEASURES: dict[str, Callable[[Dataset, Area, int | None], object]] = {
    "przestepstwa_ogolem": _crimes("ogolem"),
    "wykrywalnosc": _detection,
    **{code: _crimes(code) for code in SEVEN_CATEGORIES},
    **{column: _road(column) for column in ("wypadki", "zabici", "ranni", "kolizje", "nietrzezwi_kierujacy")},
    "kmzb_zgloszenia": _kmzb("zgloszenia"),
    "kmzb_potwierdzone": _kmzb("udzial_potwierdzonych"),
    "kmzb_wyeliminowane": _kmzb("udzial_wyeliminowanych"),
    "dzialania": lambda ds, area, year: ind.events_total(ds, year, area)[0],
    "uczestnicy": lambda ds, area, year: ind.events_total(ds, year, area)[1],
    "godziny_sluzb": lambda ds, area, year: ind.total(ds, "sluzby_ponadnormatywne", "liczba_godzin", year, area),
    "poczucie_bezpieczenstwa": lambda ds, area, year: sense_of_safety(ds, area, year).share,
}
assert _MEASURES.keys() == MEASURES.keys(), "every measure the contract names has its figure"
