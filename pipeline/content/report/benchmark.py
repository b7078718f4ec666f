""""Powiat na tle województwa i kraju" (`porownanie.csv`): the powiat's crime and road figures
per 10,000 residents beside its region's and the country's, and how each moved since last
year; a line of it on the findings page. Present only with the year's file.

A powiat rate resting on fewer than 10 cases carries "*" and no percentage change (the
small-base rule of the other tables); the region's and country's rest on thousands.
"""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import benchmarks as bench
from ...data.figures import indicators as ind
from ...data.formatting import NOT_APPLICABLE, fmt_change, fmt_list, fmt_number, fmt_percent, rounded
from ...data.schema import BENCHMARKS
from .. import blocks
from ..blocks import Block, Column, Row
from .common import FEW_MARK, caption_for, comparing, prev_year

__all__ = ["TITLE", "benchmark", "benchmark_line"]

TITLE = "Powiat na tle województwa i kraju"
PERCENT = "wykrywalnosc"
LINE = ("przestepstwa_ogolem", "wypadki", "wykrywalnosc")  # what the findings page says


def benchmark(ds: Dataset) -> Block:
    """The section, with its heading; nothing without this year's `porownanie.csv`."""
    table = bench.benchmark_table(ds)
    if table is None:
        return blocks.join([])
    compare = comparing(ds)
    short = ("powiat", "województwo", "Polska")
    columns = [Column("na 10 tys. mieszkańców", False, "c-what"), *(Column(name) for name in short)]
    if compare:
        columns += [Column(f"zmiana: {name}") for name in short]
    rows = [Row([_label(key), *(_cell(table, key, a) for a in bench.AREAS),
                 *((_change(table, key, a) for a in bench.AREAS) if compare else ())]) for key in bench.RATES]
    sources = bench.sources(ds)
    region = f"; województwo {ds.powiat.wojewodztwo}" if ds.powiat.wojewodztwo else ""
    notes = [f"Wykrywalność w % (zmiana w pkt proc.){region}. Źródła: {fmt_list(sources) or 'b.d.'}."]
    period = f"{ds.year} r. i zmiana wobec {prev_year(ds)} r." if compare else f"{ds.year} r."
    return blocks.join([
        blocks.heading(2, TITLE),
        blocks.paragraphs(_intro(ds, table), css="intro"),
        blocks.table(caption_for(ds, None, f"Powiat na tle {_region_genitive(ds)} i kraju", period), columns, rows,
                     notes=notes, css="fixed benchmark"),
    ])


def benchmark_line(ds: Dataset) -> str | None:
    """The findings page's line: "Na tle województwa i kraju (na 10 tys. mieszkańców): przestępstwa
    stwierdzone 256,7 (województwo 222,2, Polska 218,7); …"; None without the file."""
    table = bench.benchmark_table(ds)
    if table is None:
        return None
    parts = []
    for number, key in enumerate(LINE):
        here, region, country = (_cell(table, key, a) for a in bench.AREAS)
        others = f"województwo {region}, Polska {country}" if number == 0 else f"{region}; {country}"
        parts.append(f"{BENCHMARKS[key]} {here} ({others})")
    return f"Na tle województwa i kraju (na 10 tys. mieszkańców, wykrywalność w %): {'; '.join(parts)}."


def _intro(ds: Dataset, table: pd.DataFrame) -> str:
    """Which way the powiat differs from its region, in words (within ±10%: about the same)."""
    region = bench.area_label(ds, "wojewodztwo")
    said = []
    for number, (key, what) in enumerate((("przestepstwa_ogolem", "przestępstw"), ("wypadki", "wypadków drogowych"))):
        here, there = table.at[key, "powiat"], table.at[key, "wojewodztwo"]
        if pd.isna(here) or pd.isna(there) or not there:
            continue
        ratio = here / there
        figures = f"({fmt_number(here)} wobec {fmt_number(there)})"
        than = f" niż {region}" if number == 0 or not said else ""
        if 0.9 <= ratio <= 1.1:
            said.append(f"podobnie wiele {what} jak {region} {figures}")
        else:
            said.append(f"{'więcej' if ratio > 1 else 'mniej'} {what}{than} {figures}")
    if not said:
        return ""
    return f"Na 10 tys. mieszkańców {ds.powiat.nazwa} miał w {ds.year} r. {fmt_list(said)}."


def _region_genitive(ds: Dataset) -> str:
    """ "województwa łódzkiego" (the usual -kie/-skie adjective), or "województwa"."""
    name = ds.powiat.wojewodztwo
    return f"województwa {name[:-1]}ego" if name.endswith("kie") else "województwa"


def _label(key: str) -> str:
    label = BENCHMARKS[key]
    return f"{label} (%)" if key == PERCENT else label


def _cell(table: pd.DataFrame, key: str, area: str) -> str:
    value = table.at[key, area]
    if key == PERCENT:
        return fmt_percent(value)
    count = table.at[key, "powiat_liczba"]
    few = area == "powiat" and not pd.isna(count) and count < ind.FEW_CASES
    return fmt_number(value) + (f" {FEW_MARK}" if few else "")


def _change(table: pd.DataFrame, key: str, area: str) -> str:
    now, before = table.at[key, area], table.at[key, f"{area}_poprzednio"]
    if pd.isna(now) or pd.isna(before):
        return fmt_change(pd.NA)
    if key == PERCENT:
        return fmt_change(float(rounded(now, 1) - rounded(before, 1)), 1) + " pkt proc."
    if area == "powiat" and table.at[key, "powiat_liczba"] < ind.FEW_CASES:
        return NOT_APPLICABLE  # a handful of cases: the rate's change would mislead
    return fmt_change(float(rounded((now / before - 1) * 100, 1)), 1) + "%" if before else NOT_APPLICABLE
