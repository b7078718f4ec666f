"""Police interventions, domestic violence (Niebieska Karta) included."""

from __future__ import annotations

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import fmt_int
from .. import blocks
from ..blocks import Block
from ..narrative import plural
from .common import (
    Area,
    as_int,
    comparing,
    no_data,
    place,
    prev_year,
)
from .privacy import shown

__all__ = ["interventions"]


def interventions(ds: Dataset, area: Area = None) -> Block:
    """How many interventions, and how many of them at home; the domestic ones and the Niebieska Karta
    procedures stand gmina by gmina in the next section (`violence`), with the 2023 change of the law."""
    table = ind.interventions_table(ds, area)
    if table is None:
        return no_data(ds, "Interwencje")
    total, home = table.loc["interwencje"], table.loc["interwencje_domowe"]
    text = (f"W {ds.year} r. policjanci {place(ds, area)} podjęli {fmt_int(total['biezacy'])} "
            f"{plural(as_int(total['biezacy']), 'interwencję', 'interwencje', 'interwencji')}"
            + (f" (w {prev_year(ds)} r.: {fmt_int(total['poprzedni'])})" if comparing(ds) else "")
            + f", w tym {shown(ds, area, 'interwencje_domowe', ds.year, home['biezacy'])} domowych"
            + (f" (w {prev_year(ds)} r.: {shown(ds, area, 'interwencje_domowe', prev_year(ds), home['poprzedni'])})"
               if comparing(ds) else "") + ".")
    return blocks.paragraphs(text, css="intro")
