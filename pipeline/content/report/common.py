"""What every section shares: the place's name, captions, the comparison columns, "no data"."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import stats
from ...data.figures.indicators import FEW_CASES
from ...data.formatting import (
    MISSING,
    MISSING_TEXT,
    NOT_APPLICABLE,
    fmt_change,
    fmt_int,
    fmt_none,
    fmt_percent,
    fmt_years,
)
from .. import blocks
from ..blocks import Annotated, Block, Column
from ..narrative import share_text, small_base

__all__ = ["FEW_MARK", "SMALL_BASE", "Area", "area_name", "as_float", "as_int", "caption_for", "comparing",
           "comparison_cells", "comparison_columns", "fmt_dynamika", "fmt_share", "has_trend", "no_data", "place",
           "prev_year", "previous_cell", "previous_column", "relation", "share_cell", "share_text",
           "without_zero_rows", "years_span"]

FEW_MARK = "*"  # a figure resting on fewer than FEW_CASES cases ("Jak czytać raport" explains it)
SMALL_BASE = f"mniej niż {FEW_CASES} zdarzeń: bez odsetka"  # why a cell holds no percentage

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


def comparing(ds: Dataset) -> bool:
    """Whether last year's data is there to compare with: in a first year of use it is not,
    and the report shows this year's figures without empty comparison columns."""
    return ds.previous_year is not None


def has_trend(ds: Dataset) -> bool:
    """Whether there is more than one year to draw over time (no one-bar "trend" charts)."""
    return len(ds.years) > 1


def comparison_columns(ds: Dataset, first: str) -> list[Column]:
    if not comparing(ds):
        return [Column(first, numeric=False), Column(f"{ds.year} r.")]
    return [Column(first, numeric=False), Column(f"{prev_year(ds)} r."), Column(f"{ds.year} r."),
            Column("dynamika"), Column("zmiana")]


def comparison_cells(label: str, row: pd.Series, fmt=fmt_int, compare: bool = True) -> list[str]:
    if not compare:
        return [label, fmt(row["biezacy"])]
    return [label, fmt(row["poprzedni"]), fmt(row["biezacy"]), fmt_dynamika(row["dynamika"], row["poprzedni"]),
            fmt_change(row["zmiana"])]


def previous_column(ds: Dataset) -> list[Column]:
    """Last year's column of a table, when there is a last year."""
    return [Column(f"{prev_year(ds)} r.")] if comparing(ds) else []


def previous_cell(ds: Dataset, value: object) -> list[str]:
    return [fmt_int(value)] if comparing(ds) else []


def without_zero_rows(table: pd.DataFrame, genitive: Mapping[str, str], verb: str) -> tuple[pd.DataFrame, list[str]]:
    """A comparison table without the rows that are 0 in both years, and a sentence naming them
    (nothing is lost, and a column of zeros does not hide the rows that matter): "W obu latach
    nie stwierdzono kradzieży samochodów ani bójek lub pobić." – `genitive` names each row's
    code as a negated verb needs it, `verb` is the negated verb."""
    zero = (table["poprzedni"].fillna(-1) == 0) & (table["biezacy"].fillna(-1) == 0)
    names = [genitive[code] for code in table.index[zero]]
    return table[~zero], [f"W obu latach {verb} {fmt_none(names)}."] if names else []


def fmt_dynamika(value: object, base: object) -> str | Annotated:
    """Dynamika only on a base of at least FEW_CASES: 1 -> 5 is "+4" in the change column, not
    "500,0%"; a dash otherwise ("Jak czytać raport" says why, the open data too)."""
    if not pd.isna(base) and base < FEW_CASES:
        return Annotated(NOT_APPLICABLE, f"mniej niż {FEW_CASES} zdarzeń w poprzednim roku: bez dynamiki")
    return fmt_share(value, base)


def share_cell(part: object, whole: object, value: object = None) -> str | Annotated:
    """A share in a table: a percentage, or on a base under FEW_CASES the counts with the reason."""
    text = share_text(part, whole, value)
    return Annotated(text, SMALL_BASE) if small_base(part, whole) else text


def relation(count: object, people: object, average: object, few: bool = False) -> str:
    """A gmina against the average of all gminas, in a symbol and a word (never colour alone):
    "▲ wyżej" or "▼ niżej" only outside the 99,8% funnel limits for a gmina of its population
    (`stats.funnel_position`), "≈ w granicach" otherwise, whatever the gap to the average."""
    if any(pd.isna(v) for v in (count, people, average)) or average == 0 or people == 0:
        return MISSING
    position = stats.funnel_position(float(count), float(people), float(average) / 10_000)
    if count == 0 and position == 0:
        return "brak zdarzeń"
    text = {1: "▲ wyżej", -1: "▼ niżej", 0: "≈ w granicach"}[position]
    return text + (f" {FEW_MARK}" if few else "")


def fmt_share(value: object, base: object) -> str:
    """A percentage of 0 (wykrywalność with 0 crimes, dynamika after a year with 0) cannot
    exist: a dash, not "b.d."."""
    if pd.isna(value) and not pd.isna(base) and base == 0:
        return NOT_APPLICABLE
    return fmt_percent(value)


def as_int(value: object) -> int:
    return 0 if pd.isna(value) else int(value)
