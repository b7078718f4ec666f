"""What every section shares: the place's name, captions, the comparison columns, "no data"."""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.formatting import MISSING_TEXT, NOT_APPLICABLE, fmt_change, fmt_int, fmt_percent, fmt_years
from .. import blocks
from ..blocks import Block, Column

__all__ = ["Area", "area_name", "as_float", "as_int", "caption_for", "comparison_cells", "comparison_columns",
           "fmt_share", "no_data", "place", "prev_year", "years_span"]

Area = str | None  # a gmina's TERYT code, or None for the whole powiat


def place(ds: Dataset, area: Area) -> str:
    """ "w powiecie opoczyńskim" or "w gminie Drzewica"."""
    return f"w {ds.powiat.nazwa_miejscownik}" if area is None else f"w gminie {ds.powiat.name_of(area)}"


def area_name(ds: Dataset, area: Area) -> str:
    return ds.powiat.label_of(area or ds.powiat.code)


def caption_for(ds: Dataset, area: Area, what: str, period: str = "") -> str:
    """ "Wypadki drogowe – gmina Drzewica, 2021–2025": every table and chart names its area."""
    return f"{what} – {area_name(ds, area)}" + (f", {period}" if period else "")


def no_data(ds: Dataset, what: str, year: int | None = None) -> Block:
    return blocks.paragraphs(f"{what}: {MISSING_TEXT} za {year or ds.year} r.", css="no-data")


def years_span(ds: Dataset) -> str:
    return fmt_years(ds.years[0], ds.years[-1])


def prev_year(ds: Dataset) -> int:
    return ds.year - 1


def as_float(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


def comparison_columns(ds: Dataset, first: str) -> list[Column]:
    return [Column(first, numeric=False), Column(f"{prev_year(ds)} r."), Column(f"{ds.year} r."),
            Column("dynamika"), Column("zmiana")]


def comparison_cells(label: str, row: pd.Series, fmt=fmt_int) -> list[str]:
    return [label, fmt(row["poprzedni"]), fmt(row["biezacy"]), fmt_share(row["dynamika"], row["poprzedni"]),
            fmt_change(row["zmiana"])]


def fmt_share(value: object, base: object) -> str:
    """A percentage of 0 (wykrywalność with 0 crimes, dynamika after a year with 0) cannot
    exist: a dash, not "b.d."."""
    if pd.isna(value) and not pd.isna(base) and base == 0:
        return NOT_APPLICABLE
    return fmt_percent(value)


def as_int(value: object) -> int:
    return 0 if pd.isna(value) else int(value)
