"""Road safety: accidents, their victims, collisions and drunk drivers."""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.formatting import MISSING_TEXT, fmt_int, fmt_number, rounded
from ...data.schema import CONTROLLED
from .. import blocks
from ..blocks import Block, Row
from ..narrative import plural
from .common import (
    Area,
    caption_for,
    comparing,
    comparison_cells,
    comparison_columns,
    no_data,
    place,
    without_zero_rows,
)

__all__ = ["road_safety"]

# The rows of the road table as "W obu latach nie było …" names them.
_NONE_OF = {"wypadki": "wypadków drogowych", "zabici": "zabitych", "ranni": "rannych", "kolizje": "kolizji",
            "nietrzezwi_kierujacy": "nietrzeźwych kierujących"}


def road_safety(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("ruch_drogowy", ds.year):
        return no_data(ds, "Ruch drogowy")
    table = ind.roads_table(ds, area)
    shown, notes = without_zero_rows(table, _NONE_OF, "nie było")
    rows = [Row(comparison_cells(r["wskaznik"], r, compare=comparing(ds))) for _, r in shown.iterrows()]
    return blocks.join([
        blocks.paragraphs(_road_sentence(ds, area, table), css="intro"),
        blocks.table(caption_for(ds, area, "Bezpieczeństwo w ruchu drogowym"), comparison_columns(ds, "zdarzenia"),
                     rows, notes=notes),
    ])


def _people(count: object, one: str, few: str, many: str, none: str) -> str:
    """ "zginęła 1 osoba", "zginęły 2 osoby", "zginęło 5 osób"; the verb agrees with the number."""
    if pd.isna(count):
        return f"{many} {MISSING_TEXT}"
    if count == 0:
        return none
    n = fmt_int(count)
    return plural(int(count), f"{one} {n} osoba", f"{few} {n} osoby", f"{many} {n} osób")


def _road_sentence(ds: Dataset, area: Area, table: pd.DataFrame) -> str:
    accidents, killed, injured = (table.at[c, "biezacy"] for c in ("wypadki", "zabici", "ranni"))
    if pd.isna(accidents):
        return f"Liczba wypadków drogowych {place(ds, area)}: {MISSING_TEXT} za {ds.year} r."
    if accidents == 0:
        return f"W {ds.year} r. {place(ds, area)} nie odnotowano wypadków drogowych." + _checks(ds, area, table)
    n = fmt_int(accidents)
    nobody_killed = "nikt w nim nie zginął" if accidents == 1 else "nikt w nich nie zginął"
    text = (f"W {ds.year} r. {place(ds, area)} doszło do "
            f"{plural(int(accidents), f'{n} wypadku drogowego', f'{n} wypadków drogowych', f'{n} wypadków drogowych')}"
            f"; {_people(killed, 'zginęła', 'zginęły', 'zginęło', nobody_killed)}, "
            f"{_people(injured, 'została ranna', 'zostały ranne', 'zostało rannych', 'nikt nie został ranny')}.")
    if accidents >= ind.FEW_CASES:  # a rate per 100 accidents means little for a handful of them
        text += _per_100(ind.road_severity(ds, area))
    return text + _checks(ds, area, table)


def _per_100(severity: dict[str, object]) -> str:
    """ " Na 100 wypadków: 8 zabitych i 113 rannych." – whole people in a sentence (the table and
    the annex keep the decimals); a rate of 0 is already said ("nikt w nich nie zginął")."""
    parts = [f"{fmt_number(rate, 0)} {plural(int(rounded(rate, 0)), one, many, many)}"
             for rate, one, many in ((severity["zabici_na_100"], "zabity", "zabitych"),
                                     (severity["ranni_na_100"], "ranny", "rannych"))
             if not pd.isna(rate) and rounded(rate, 0) > 0]
    return f" Na 100 wypadków: {' i '.join(parts)}." if parts else ""


def _checks(ds: Dataset, area: Area, table: pd.DataFrame) -> str:
    """The drunk drivers caught, always with the road checks that find most of them."""
    checks, drivers = ind.events_total(ds, ds.year, area, controls=True)
    drunk = table.at["nietrzezwi_kierujacy", "biezacy"]
    if pd.isna(checks) or not checks or pd.isna(drunk):
        return ""
    drunk_drivers = "nietrzeźwego kierującego" if int(drunk) == 1 else "nietrzeźwych kierujących"
    return (f" Policjanci przeprowadzili {fmt_int(checks)} "
            f"{plural(int(checks), 'kontrolę drogową', 'kontrole drogowe', 'kontroli drogowych')} "
            f"({CONTROLLED}: {fmt_int(drivers)}) i zatrzymali {fmt_int(drunk)} {drunk_drivers}.")
