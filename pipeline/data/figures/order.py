"""The figures of public order (`porzadek.csv`), domestic violence (`interwencje.csv`) and the
police's own resources (`zasoby.csv`), computed from a validated `Dataset`.

Same conventions as `indicators`: an area is a gmina's TERYT code or None for the whole powiat
(the gminas plus the rows about the whole powiat), a value that cannot be computed is NA.
"""

from __future__ import annotations

import pandas as pd

from ..dataset import Dataset
from . import indicators as ind

__all__ = ["DOMESTIC", "RESOURCES", "beats", "by_gmina", "comparison", "has_figures", "response_times",
           "violence_by_gmina"]

Area = str | None

# `interwencje.csv`: what the domestic-violence section shows, in its order.
DOMESTIC: dict[str, str] = {"interwencje_domowe": "interwencje domowe",
                            "niebieskie_karty": "procedury „Niebieskie Karty”"}
# `zasoby.csv`: the komenda's resources, summed over its rows (gminas' and its own).
RESOURCES: dict[str, str] = {"etaty": "etaty policyjne", "wakaty": "wakaty (etaty nieobsadzone)",
                             "radiowozy": "radiowozy", "dzielnicowi": "dzielnicowi"}
RESPONSE = {"czas_reakcji_pilne_miasto": "w mieście", "czas_reakcji_pilne_wies": "poza miastem"}


def has_figures(ds: Dataset, table: str, columns: list[str], year: int | None = None) -> bool:
    """Whether the year's file is there with at least one figure (a template's sheet with the
    gminas written in and nothing else is no data)."""
    year = ds.year if year is None else year
    return ds.has(table, year) and bool(ds.table(table, year)[columns].notna().any().any())


def comparison(ds: Dataset, table: str, labels: dict[str, str], area: Area = None) -> pd.DataFrame | None:
    """This year against last for each column of `labels` (rows: the columns); None without this year's figures."""
    if not has_figures(ds, table, list(labels)):
        return None
    rows = []
    for column, label in labels.items():
        now = ind.total(ds, table, column, ds.year, area)
        before = ind.total(ds, table, column, ds.previous_year, area)
        rows.append({"kod": column, "wskaznik": label, "poprzedni": before, "biezacy": now,
                     "dynamika": ind.dynamika(now, before), "zmiana": ind.change(now, before)})
    return pd.DataFrame(rows).set_index("kod")


def by_gmina(ds: Dataset, table: str, columns: list[str]) -> pd.DataFrame:
    """This year's `columns` per gmina (registry order) and, last, the powiat's total (code `<teryt>000`)."""
    rows = [{"teryt": code, **{c: ind.total(ds, table, c, ds.year, code) for c in columns}}
            for code in ds.powiat.codes]
    rows.append({"teryt": ds.powiat.code, **{c: ind.total(ds, table, c, ds.year) for c in columns}})
    return pd.DataFrame(rows).set_index("teryt")


def violence_by_gmina(ds: Dataset) -> pd.DataFrame:
    """Domestic interventions and Niebieska Karta procedures per gmina, this year and last, and the
    procedures per 10,000 residents."""
    now = by_gmina(ds, "interwencje", list(DOMESTIC))
    for column in DOMESTIC:
        now[f"{column}_poprzednio"] = [ind.total(ds, "interwencje", column, ds.previous_year,
                                                 None if code == ds.powiat.code else code) for code in now.index]
    people = [ind.population(ds, ds.year, None if code == ds.powiat.code else code) for code in now.index]
    now["karty_na_10_tys"] = [ind.rate_per_10k(v, p) for v, p in zip(now["niebieskie_karty"], people, strict=True)]
    return now


def beats(ds: Dataset) -> pd.DataFrame:
    """Per gmina: the unit that serves it, its dzielnicowi and residents per dzielnicowy."""
    rows = []
    for gmina in ds.powiat.gminy:
        part = ds.table("zasoby", ds.year)
        unit = part.loc[part["teryt"] == gmina.teryt, "jednostka"].dropna()
        officers = ind.total(ds, "zasoby", "dzielnicowi", ds.year, gmina.teryt)
        people = ind.population(ds, ds.year, gmina.teryt)
        per_officer = pd.NA if pd.isna(officers) or officers == 0 or pd.isna(people) else people / officers
        rows.append({"teryt": gmina.teryt, "gmina": gmina.nazwa, "jednostka": unit.iloc[0] if len(unit) else pd.NA,
                     "dzielnicowi": officers, "ludnosc": people, "na_dzielnicowego": per_officer})
    return pd.DataFrame(rows).set_index("teryt")


def response_times(ds: Dataset, year: int | None) -> dict[str, object]:
    """The komenda's mean response times to urgent calls (minutes), from the powiat's row."""
    if not ds.has("zasoby", year):
        return dict.fromkeys(RESPONSE, pd.NA)
    rows = ds.table("zasoby", year)
    rows = rows[rows["teryt"] == ds.powiat.code]
    return {c: rows[c].dropna().iloc[0] if rows[c].notna().any() else pd.NA for c in RESPONSE}

