"""Counts of people that could point at a person, and which of them the report must not print.

The rule (docs/dane.md, "Jak czytać raport"): a count of people in a sensitive matter —
missing persons and those found, people detained or taken to sober up, domestic
interventions and Niebieska Karta procedures, children killed or injured on the roads — of
1 or 2 is printed as "mniej niż 3", for a gmina and for the powiat, in every table and
sentence (so in the extracts, the HTML edition and the open data, which are read from the
report's tables). 0 is printed: it points at nobody. Where only one gmina of a column is
hidden in a year, the powiat's total minus the other gminas would give it away, so another
gmina's count of that column is hidden too ("ukryte"): the smallest one above 3, so that the
two hidden counts cannot be told apart from their sum. That second choice needs every
gmina's figures, so it is made here, once, and handed to each gmina's chapter with the
figures it compares with (`indicators.comparison_figures`).
"""

from __future__ import annotations

import pandas as pd

from ..dataset import Dataset

__all__ = ["FEW_PEOPLE", "HIDDEN_KEY", "SENSITIVE", "complementary", "is_small"]

FEW_PEOPLE = 3
HIDDEN_KEY = "ukryte"  # the key of the second choice in `Dataset.comparison`
# table -> its columns that count people in a sensitive matter
SENSITIVE: dict[str, tuple[str, ...]] = {
    "porzadek": ("zatrzymani", "doprowadzeni_do_wytrzezwienia", "zaginieni", "odnalezieni"),
    "interwencje": ("interwencje_domowe", "niebieskie_karty"),
    "wypadki": ("dzieci_zabici", "dzieci_ranni"),
}


def is_small(value: object) -> bool:
    """1 or 2: a count the report does not print."""
    return not pd.isna(value) and 0 < value < FEW_PEOPLE


def complementary(ds: Dataset) -> tuple[tuple[str, str, int], ...]:
    """(TERYT, column, year) of the gminas hidden only so that a single small count cannot be worked
    out from the powiat's total: in a column and year with exactly one small gmina, the gmina with
    the smallest count above FEW_PEOPLE. Sorted, so that the same data give the same bytes."""
    hidden = []
    for table, columns in SENSITIVE.items():
        for year in (ds.previous_year, ds.year):
            if not ds.has(table, year):
                continue
            rows = ds.table(table, year)
            rows = rows[rows["teryt"].isin(ds.powiat.codes)]
            for column in columns:
                counts = rows.groupby("teryt")[column].sum(min_count=1).reindex(list(ds.powiat.codes))
                if table == "wypadki":  # a gmina without accidents had no child victims
                    counts = counts.fillna(0) if rows[column].notna().any() else counts
                small = [code for code, n in counts.items() if is_small(n)]
                # At least FEW_PEOPLE + 1: with 3, a small 1 would still follow from the total (1 + 3 = 4,
                # and 2 + 2 is ruled out because 2 would have been shown as small).
                others = counts.drop(small).dropna()
                others = others[others > FEW_PEOPLE]
                if len(small) == 1 and len(others):
                    hidden.append((str(others.sort_values(kind="stable").index[0]), column, int(year)))
    return tuple(sorted(hidden))
