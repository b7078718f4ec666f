"""The goals of the cooperation (`cele.csv`) and whether they were met.

Each goal is measured by one or more figures (`miernik`), for the whole powiat or for one
gmina, with the direction that is good (`spadek` or `wzrost`) and, optionally, a target:

- with a target, a measure is met when this year's value reaches it (at most the target
  for `spadek`, at least for `wzrost`);
- without one, when the value moved the good way against last year (for `spadek`, staying
  at 0 counts too: there is nothing left to reduce);
- a value that is missing (no file, no rows, no answers) gives "brak danych", not an error.

Shares in % are compared as the report prints them (1 decimal) and their change is in
percentage points. Shares from complete counts (detection, KMZB) are compared directly; a
share from a sample (the survey, SAMPLES) carries its 95% Wilson interval and is met only when
the interval clears the target, missed when it lies wholly on the wrong side, and otherwise
"nierozstrzygnięty (w granicach błędu)"; without a target, its change must be more than
chance (Fisher's exact test) to count either way.

A goal with several measures: missed when any measure is missed; otherwise undecided when
any is undecided; otherwise "brak danych" when any has no data; otherwise met. The values
come from the indicators the rest of the report prints: one source of truth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..dataset import Dataset
from ..formatting import rounded
from ..schema import MEASURES, SEVEN_CATEGORIES, Measure
from . import indicators as ind
from . import stats
from .survey import sense_of_safety

__all__ = ["MET", "MISSED", "NO_DATA", "SAMPLES", "UNDECIDED", "Goal", "MeasureResult", "goal_rows", "goals",
           "goals_set_last_year", "measure_counts", "measure_value", "sample_status", "status"]

MET, MISSED, NO_DATA, UNDECIDED = "osiągnięty", "nieosiągnięty", "brak danych", "nierozstrzygnięty"
SAMPLES = frozenset({"poczucie_bezpieczenstwa"})  # measures read from a sample, not from complete counts

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
    counts: tuple[object, object] = (pd.NA, pd.NA)  # of a share: this year's part and whole...
    counts_before: tuple[object, object] = (pd.NA, pd.NA)  # ...and last year's
    interval: tuple[float, float] | None = None  # of a sample's share: its 95% Wilson interval, in %

    @property
    def measure(self) -> Measure:
        return MEASURES[self.key]

    @property
    def small_base(self) -> bool:
        """A share resting on fewer than FEW_CASES this year or last: shown as counts, no change."""
        return self.measure.percent and any(not pd.isna(c[1]) and c[1] < ind.FEW_CASES
                                            for c in (self.counts, self.counts_before))

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
        return next((s for s in (MISSED, UNDECIDED, NO_DATA) if s in statuses), MET)


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
    counts, before = measure_counts(ds, key, area, ds.year), measure_counts(ds, key, area, ds.previous_year)
    target = row["wartosc_docelowa"]
    if key not in SAMPLES or pd.isna(current) or pd.isna(counts[1]) or not counts[1]:
        return MeasureResult(key, area, direction, target, current, previous,
                             status(current, previous, target, direction, MEASURES[key]), counts, before)
    interval = stats.wilson(int(counts[0]), int(counts[1]))
    change = stats.share_change(int(before[0]), int(before[1]), *map(int, counts)) \
        if not pd.isna(before[1]) and before[1] else None
    return MeasureResult(key, area, direction, target, current, previous,
                         sample_status(interval, change, target, direction), counts, before, interval)


def status(current: object, previous: object, target: object, direction: str, measure: Measure) -> str:
    """Met, missed or no data, for a figure from complete counts: see the module's docstring."""
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


def sample_status(interval: tuple[float, float], change: stats.Change | None, target: object, direction: str) -> str:
    """A sample's share: met when its interval clears the target (or, without one, when its change
    is beyond chance and goes the good way), missed when it lies wholly on the wrong side (or the
    change beyond chance goes the wrong way), otherwise undecided."""
    if not pd.isna(target):
        low, high = interval
        met, missed = (low >= float(target), high < float(target)) if direction == "wzrost" else \
            (high <= float(target), low > float(target))
        return MET if met else MISSED if missed else UNDECIDED
    if change is None:
        return NO_DATA
    if not change.significant:
        return UNDECIDED
    return MET if change.direction == (1 if direction == "wzrost" else -1) else MISSED


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


def measure_counts(ds: Dataset, key: str, teryt: str, year: int | None) -> tuple[object, object]:
    """The part and the whole a share-measure is computed from (NA for a count measure)."""
    area = None if teryt == ds.powiat.code else teryt
    return _COUNTS[key](ds, area, year) if key in _COUNTS else (pd.NA, pd.NA)


def _kmzb_counts(part: str, whole: str) -> Callable[[Dataset, Area, int | None], tuple[object, object]]:
    def counts(ds: Dataset, area: Area, year: int | None) -> tuple[object, object]:
        summary = ind.kmzb_summary(ds, area, year)
        return summary[part], summary[whole]
    return counts


def _survey_counts(ds: Dataset, area: Area, year: int | None) -> tuple[object, object]:
    sense = sense_of_safety(ds, area, year)
    return (sense.safe, sense.answers) if sense.answers else (pd.NA, pd.NA)


def _crimes_of(ds: Dataset, area: Area, year: int | None, column: str = "stwierdzone") -> object:
    return ind.total(ds, "przestepstwa", column, year, area, kategoria="ogolem")


_COUNTS: dict[str, Callable[[Dataset, Area, int | None], tuple[object, object]]] = {
    "wykrywalnosc": lambda ds, area, year: (_crimes_of(ds, area, year, "wykryte"), _crimes_of(ds, area, year)),
    "kmzb_potwierdzone": _kmzb_counts("potwierdzone", "zgloszenia"),
    "kmzb_wyeliminowane": _kmzb_counts("wyeliminowane", "potwierdzone"),
    "poczucie_bezpieczenstwa": _survey_counts,
}
assert {k for k, m in MEASURES.items() if m.percent} == _COUNTS.keys(), "every share knows its counts"
