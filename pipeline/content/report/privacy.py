"""Printing counts of people that could point at a person (the rule: `data.privacy`).

Every section that prints such a count goes through `shown`, and every change against last
year through `change_shown`, so the rule holds in each table and sentence of the report and
therefore in the extracts, the HTML edition and the open data, which reuse those tables.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import privacy
from ...data.formatting import NOT_APPLICABLE, fmt_change, fmt_int
from .common import comparing, fmt_dynamika

__all__ = ["COVERED", "SMALL", "change_shown", "comparison_cells", "dynamika_shown", "hidden", "shown"]

SMALL = f"mniej niż {privacy.FEW_PEOPLE}"  # a count of 1 or 2
COVERED = "ukryte"  # a larger count hidden so that the powiat's total does not reveal a small one
SENSITIVE_COLUMNS = frozenset(c for columns in privacy.SENSITIVE.values() for c in columns)


def _covered(ds: Dataset) -> frozenset[tuple[str, str, int]]:
    figures = ds.comparison.get(privacy.HIDDEN_KEY) if ds.gmina else None
    return frozenset(figures if figures is not None else privacy.complementary(ds))  # type: ignore[arg-type]


def hidden(ds: Dataset, code: str | None, column: str, year: int | None, value: object) -> str | None:
    """What prints instead of `value` (SMALL or COVERED), or None when it may be printed."""
    if column not in SENSITIVE_COLUMNS or year is None:
        return None
    if privacy.is_small(value):
        return SMALL
    if code is not None and (code, column, year) in _covered(ds):
        return COVERED
    return None


def shown(ds: Dataset, code: str | None, column: str, year: int | None, value: object,
          fmt: Callable[[object], str] = fmt_int) -> str:
    """The cell of a count: the number, or the words that stand for it."""
    return hidden(ds, code, column, year, value) or fmt(value)


def change_shown(ds: Dataset, code: str | None, column: str, row: pd.Series) -> str:
    """The change against last year, unless either year's count is hidden (it would tell it)."""
    if _either_hidden(ds, code, column, row):
        return NOT_APPLICABLE
    return fmt_change(row["zmiana"])


def dynamika_shown(ds: Dataset, code: str | None, column: str, row: pd.Series) -> str:
    if _either_hidden(ds, code, column, row):
        return NOT_APPLICABLE
    return fmt_dynamika(row["dynamika"], row["poprzedni"])


def _either_hidden(ds: Dataset, code: str | None, column: str, row: pd.Series) -> bool:
    return bool(hidden(ds, code, column, ds.year, row["biezacy"]) or
                hidden(ds, code, column, ds.previous_year, row["poprzedni"]))


def comparison_cells(ds: Dataset, code: str | None, column: str, row: pd.Series) -> list[str]:
    """A row of a this-year-against-last table (`common.comparison_columns`), the rule applied."""
    now = shown(ds, code, column, ds.year, row["biezacy"])
    if not comparing(ds):
        return [row["wskaznik"], now]
    return [row["wskaznik"], shown(ds, code, column, ds.previous_year, row["poprzedni"]), now,
            dynamika_shown(ds, code, column, row), change_shown(ds, code, column, row)]
