"""Police interventions, domestic violence (Niebieska Karta) included."""

from __future__ import annotations

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.figures import order
from ...data.formatting import fmt_int
from ...data.schema import PUBLIC_ORDER
from .. import blocks
from ..blocks import Block, Row
from ..narrative import plural
from .common import (
    Area,
    as_int,
    caption_for,
    comparing,
    comparison_columns,
    no_data,
    place,
    prev_year,
)
from .privacy import comparison_cells, shown

__all__ = ["interventions"]


def interventions(ds: Dataset, area: Area = None) -> Block:
    """How many interventions, and how many of them at home. With `porzadek.csv` the domestic ones and
    the Niebieska Karta procedures stand gmina by gmina in the next section's table (`public_order`),
    so this section says them in one sentence; without it, its own table stays as it always was."""
    table = ind.interventions_table(ds, area)
    if table is None:
        return no_data(ds, "Interwencje")
    total, home = table.loc["interwencje"], table.loc["interwencje_domowe"]
    text = (f"W {ds.year} r. policjanci {place(ds, area)} podjęli {fmt_int(total['biezacy'])} "
            f"{plural(as_int(total['biezacy']), 'interwencję', 'interwencje', 'interwencji')}"
            + (f" (w {prev_year(ds)} r.: {fmt_int(total['poprzedni'])})" if comparing(ds) else ""))
    if not order.has_figures(ds, "porzadek", list(PUBLIC_ORDER)):
        rows = [Row(comparison_cells(ds, area, c, table.loc[c])) for c in table.index]
        return blocks.join([blocks.paragraphs(text + ".", css="intro"),
                            blocks.table(caption_for(ds, area, "Interwencje policji"),
                                         comparison_columns(ds, "rodzaj"), rows)])
    text += (f", w tym {shown(ds, area, 'interwencje_domowe', ds.year, home['biezacy'])} domowych"
             + (f" (w {prev_year(ds)} r.: {shown(ds, area, 'interwencje_domowe', prev_year(ds), home['poprzedni'])})"
                if comparing(ds) else ""))
    return blocks.paragraphs(text + ".", css="intro")
