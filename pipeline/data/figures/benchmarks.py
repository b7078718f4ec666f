"""The powiat against its region and the country (`porownanie.csv`), in rates per 10,000
residents, so that areas of very different size can stand side by side.

Each area's rate is its own count ÷ its own population × 10 000 (detection: wykryte ÷
stwierdzone × 100 for the powiat, as given for the others); the powiat's counts are the
report's own (`indicators`). A year without the file, or an area without its population,
gives NA, never an invented figure.
"""

from __future__ import annotations

import pandas as pd

from ..dataset import Dataset
from ..schema import BENCHMARK_AREAS, BENCHMARKS, CRIME_GROUPS
from . import indicators as ind
from . import order

__all__ = ["AREAS", "RATES", "area_label", "benchmark_table", "sources"]

TABLE = "porownanie"
RATES = [key for key in BENCHMARKS if key != "ludnosc"]  # what the table compares, in the contract's order
AREAS = ("powiat", *BENCHMARK_AREAS)


def area_label(ds: Dataset, area: str) -> str:
    """ "powiat opoczyński", "województwo łódzkie", "Polska"."""
    if area == "powiat":
        return ds.powiat.nazwa
    if area == "wojewodztwo" and ds.powiat.wojewodztwo:
        return f"województwo {ds.powiat.wojewodztwo}"
    return BENCHMARK_AREAS[area]


def benchmark_table(ds: Dataset) -> pd.DataFrame | None:
    """Rows: the compared figures; columns `<area>` (this year) and `<area>_poprzednio` for every
    area, plus `<area>_liczba` (the count the rate rests on); None without this year's file."""
    if not order.has_figures(ds, TABLE, ["wartosc"]):
        return None
    rows = []
    for key in RATES:
        row: dict[str, object] = {"wskaznik": key}
        for year, suffix in ((ds.year, ""), (ds.previous_year, "_poprzednio")):
            for area in AREAS:
                count, rate = _figure(ds, key, area, year)
                row[f"{area}{suffix}"] = rate
                if not suffix:
                    row[f"{area}_liczba"] = count
        rows.append(row)
    return pd.DataFrame(rows).set_index("wskaznik")


def sources(ds: Dataset) -> list[str]:
    """Where this year's reference figures come from, each named once."""
    return list(dict.fromkeys(ds.table(TABLE, ds.year)["zrodlo"].dropna())) if ds.has(TABLE, ds.year) else []


def _figure(ds: Dataset, key: str, area: str, year: int | None) -> tuple[object, object]:
    """(the count, the rate per 10,000 or the share in %) of one figure for one area and year."""
    if area == "powiat":
        count, people = _powiat_count(ds, key, year), ind.population(ds, year)
    else:
        count, people = _given(ds, area, key, year), _given(ds, area, "ludnosc", year)
    if key == "wykrywalnosc":
        return pd.NA, count
    return count, ind.rate_per_10k(count, people)


def _powiat_count(ds: Dataset, key: str, year: int | None) -> object:
    if key == "wykrywalnosc":
        return ind.wykrywalnosc(ind.total(ds, "przestepstwa", "wykryte", year, kategoria="ogolem"),
                                ind.total(ds, "przestepstwa", "stwierdzone", year, kategoria="ogolem"))
    if key == "przestepstwa_ogolem" or key in CRIME_GROUPS:
        category = "ogolem" if key == "przestepstwa_ogolem" else key
        return ind.total(ds, "przestepstwa", "stwierdzone", year, kategoria=category)
    return ind.total(ds, "ruch_drogowy", key, year)


def _given(ds: Dataset, area: str, key: str, year: int | None) -> object:
    if not ds.has(TABLE, year):
        return pd.NA
    rows = ds.table(TABLE, year)
    value = rows.loc[(rows["obszar"] == area) & (rows["wskaznik"] == key), "wartosc"]
    return value.iloc[0] if len(value) else pd.NA
