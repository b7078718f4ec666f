""""Siły i środki Policji" (`zasoby.csv`): the komenda's posts, vacancies, cars and mean response
times, and the dzielnicowi of each gmina with the residents each of them serves. A gmina's
chapter names its unit and its dzielnicowi among its facts. Present only with the year's file."""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.figures import order
from ...data.formatting import fmt_int, fmt_list, fmt_number, fmt_percent
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import caption_for, comparing, prev_year

__all__ = ["TITLE", "police_facts", "police_resources"]

TITLE = "Siły i środki Policji"


def police_resources(ds: Dataset) -> Block:
    table = order.comparison(ds, "zasoby", order.RESOURCES)
    if table is None:
        return blocks.join([])
    return blocks.join([blocks.heading(2, TITLE), blocks.paragraphs(_sentence(ds, table), css="intro"),
                        _resources_table(ds, table), _beats_table(ds)])


def _staffed(posts: object, vacant: object) -> object:
    """The share of posts filled, in %."""
    return pd.NA if pd.isna(posts) or pd.isna(vacant) or posts == 0 else (posts - vacant) / posts * 100


def _sentence(ds: Dataset, table: pd.DataFrame) -> str:
    posts, vacant = table.at["etaty", "biezacy"], table.at["wakaty", "biezacy"]
    times = order.response_times(ds, ds.year)
    forms = ("etat policyjny", "etaty policyjne", "etatów policyjnych")
    text = (f"Na koniec {ds.year} r. {ds.powiat.policja} z podległymi jednostkami miała {fmt_int(posts)} "
            f"{plural(int(posts) if not pd.isna(posts) else 0, *forms)}, z czego {fmt_int(vacant)} nieobsadzonych "
            f"(obsada {fmt_percent(_staffed(posts, vacant))})")
    if not any(pd.isna(v) for v in times.values()):
        town, country = (_minutes(times[c]) for c in order.RESPONSE)
        text += f"; średni czas reakcji na zdarzenia pilne: {town} w mieście, {country} poza nim"
    return text + f". {_units(ds)}"


def _units(ds: Dataset) -> str:
    """ "Jednostki: Komenda Powiatowa Policji w Opocznie, komisariaty w …, posterunki w …." """
    units = [u for u in dict.fromkeys(order.beats(ds)["jednostka"].dropna()) if u != ds.powiat.policja]
    if not units:
        return ""
    grouped: dict[str, list[str]] = {}
    for unit in units:
        kind, _, where = unit.partition(" Policji w ")
        grouped.setdefault(kind if where else unit, []).append(where)
    parts = []
    for kind, places in grouped.items():
        if kind.startswith(("Komisariat", "Posterunek")):
            plural_kind = {"Komisariat": ("komisariat", "komisariaty"), "Posterunek": ("posterunek", "posterunki")}
            one, many = plural_kind[kind.split()[0]]
            parts.append(f"{one if len(places) == 1 else many} w {fmt_list(places)}")
        else:
            parts.append(kind if not places[0] else f"{kind} Policji w {places[0]}")
    return f"Podległe jednostki: {fmt_list(parts)}."


def _minutes(value: object) -> str:
    return f"{fmt_number(value)} min"


def _resources_table(ds: Dataset, table: pd.DataFrame) -> Block:
    """The komenda's figures, a year per row (two short rows read better than seven long ones)."""
    rows = []
    for year, column in ((ds.previous_year, "poprzedni"), (ds.year, "biezacy")) if comparing(ds) else \
            ((ds.year, "biezacy"),):
        times = order.response_times(ds, year)
        values = table[column]
        rows.append(Row([f"{year} r.", fmt_int(values["etaty"]), fmt_int(values["wakaty"]),
                         fmt_percent(_staffed(values["etaty"], values["wakaty"])), fmt_int(values["radiowozy"]),
                         fmt_int(values["dzielnicowi"]), *(fmt_number(times[c]) for c in order.RESPONSE)]))
    columns = [Column("rok", False, "c-year"), Column("etaty"), Column("wakaty"), Column("obsada etatów"),
               Column("radiowozy"), Column("dzielnicowi"),
               *(Column(f"czas reakcji {where} (min)") for where in order.RESPONSE.values())]
    return blocks.table(caption_for(ds, None, "Siły i środki Policji", years_label(ds)), columns, rows,
                        css="fixed resources")


def years_label(ds: Dataset) -> str:
    return f"{prev_year(ds)} i {ds.year} r." if comparing(ds) else f"{ds.year} r."


def _beats_table(ds: Dataset) -> Block:
    """Dzielnicowi and residents per dzielnicowy, a gmina per column (a short table for 8 gminas)."""
    beats = order.beats(ds)
    total = ind.total(ds, "zasoby", "dzielnicowi", ds.year)
    people = ind.population(ds, ds.year)
    per = people / total if not pd.isna(total) and total and not pd.isna(people) else pd.NA
    rows = [Row(["dzielnicowi", *(fmt_int(v) for v in beats["dzielnicowi"]), fmt_int(total)]),
            Row(["mieszkańców na 1 dzielnicowego", *(fmt_int(v) for v in beats["na_dzielnicowego"]), fmt_int(per)])]
    return blocks.table(caption_for(ds, None, "Dzielnicowi w gminach", f"{ds.year} r."),
                        [Column("wskaźnik", False, "c-what"), *(Column(g) for g in beats["gmina"]), Column("powiat")],
                        rows,
                        css="fixed beats")


def police_facts(ds: Dataset, teryt: str) -> list[tuple[str, str]]:
    """A gmina's facts about its police: the unit that serves it and its dzielnicowi."""
    if not order.has_figures(ds, "zasoby", ["jednostka", "dzielnicowi"]):
        return []
    beat = order.beats(ds).loc[teryt]
    facts = []
    if not pd.isna(beat["jednostka"]):
        facts.append(("Jednostka Policji", str(beat["jednostka"])))
    if not pd.isna(beat["dzielnicowi"]):
        per = "" if pd.isna(beat["na_dzielnicowego"]) else f" (1 na {fmt_int(beat['na_dzielnicowego'])} mieszkańców)"
        facts.append(("Dzielnicowi", f"{fmt_int(beat['dzielnicowi'])}{per}"))
    return facts
