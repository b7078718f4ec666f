"""Police interventions, domestic violence (Niebieska Karta) included."""

from __future__ import annotations

import datetime as dt

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import fmt_int
from .. import blocks
from ..blocks import Block, Row
from ..narrative import plural
from .common import (
    Area,
    as_int,
    caption_for,
    comparing,
    comparison_cells,
    comparison_columns,
    no_data,
    place,
    prev_year,
)

__all__ = ["interventions"]


# The law on domestic violence changed the forms and the terms that year.
DOMESTIC_VIOLENCE_LAW = dt.date(2023, 6, 22)


def interventions(ds: Dataset, area: Area = None) -> Block:
    table = ind.interventions_table(ds, area)
    if table is None:
        return no_data(ds, "Interwencje")
    total = table.loc["interwencje"]
    rows = [Row(comparison_cells(table.at[c, "wskaznik"], table.loc[c], compare=comparing(ds))) for c in table.index]
    notes = []
    if prev_year(ds) <= DOMESTIC_VIOLENCE_LAW.year:
        notes.append("Od 22 czerwca 2023 r. przepisy posługują się pojęciem przemocy domowej, a nowe formularze "
                     "Niebieskiej Karty obowiązują od 28 września 2023 r.; porównanie z wcześniejszymi latami "
                     "trzeba czytać z tym zastrzeżeniem.")
    return blocks.join([
        blocks.paragraphs(f"W {ds.year} r. policjanci {place(ds, area)} podjęli {fmt_int(total['biezacy'])} "
                          f"{plural(as_int(total['biezacy']), 'interwencję', 'interwencje', 'interwencji')}"
                          + (f" (w {prev_year(ds)} r.: {fmt_int(total['poprzedni'])})" if comparing(ds) else "")
                          + ".", css="intro"),
        blocks.table(caption_for(ds, area, "Interwencje policji"), comparison_columns(ds, "rodzaj"), rows,
                     notes=notes),
    ])
