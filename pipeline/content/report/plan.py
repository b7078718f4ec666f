"""The plan: last year's plan for this year against what was done, and the plan for next year."""

from __future__ import annotations

import pandas as pd

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import fmt_int, fmt_list, fmt_percent, fmt_term
from ...data.schema import EVENT_KINDS, TARGET_GROUPS
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import Area, caption_for, no_data, place, prev_year

__all__ = ["plan_done", "plan_next_year"]


PLAN_NOTE = ("Pozycja planu to rodzaj działania zaplanowany w gminie albo w całym powiecie; jest zrealizowana, "
             "jeśli odbyło się co najmniej jedno takie działanie. Realizacja nie przekracza 100%: działania ponad "
             "plan się w niej nie liczą.")


def plan_done(ds: Dataset, area: Area = None, heading: int = 0) -> Block:
    """Last year's plan for this year against what was done; with its own heading of
    level `heading` (the year is in it), if given."""
    table = ind.plan_vs_done(ds, area)
    if table is None:
        return no_data(ds, f"Plan działań na {ds.year} r.", prev_year(ds))
    done = int((table["zrealizowane"] > 0).sum())
    share = table["zrealizowane"].clip(upper=table["zaplanowane"]).sum() / table["zaplanowane"].sum() * 100
    rows = [Row(([r["obszar"]] if area is None else [])
                + [r["rodzaj_etykieta"], fmt_int(r["zaplanowane"]), fmt_int(r["zrealizowane"]),
                   fmt_percent(r["realizacja"])])
            for _, r in table.iterrows()]
    columns = ([Column("obszar", False)] if area is None else []) + [
        Column("rodzaj działania", False), Column("zaplanowane"), Column("zrealizowane"), Column("realizacja")]
    return blocks.join([
        *([blocks.heading(heading, f"Realizacja planu na {ds.year} r.")] if heading else []),
        blocks.paragraphs(f"Z planu na {ds.year} r., przyjętego rok wcześniej, zrealizowano {done} z {len(table)} "
                          f"pozycji; łączna realizacja planu wyniosła {fmt_percent(share)}.", css="intro"),
        blocks.table(caption_for(ds, area, f"Realizacja planu działań na {ds.year} r."), columns, rows,
                     long=len(rows) > 15, row_headers=area is None, notes=[PLAN_NOTE]),
    ])


def plan_next_year(ds: Dataset, area: Area = None, heading: int = 0) -> Block:
    """This year's plan for the next year; with its own heading of level `heading`, if given."""
    plan = ind.plan_next(ds, area)
    if plan is None:
        return no_data(ds, f"Plan działań na {ds.year + 1} r.")
    if plan.empty:
        return blocks.paragraphs(f"Na {ds.year + 1} r. nie zaplanowano działań {place(ds, area)}.")
    rows = [Row([fmt_term(p["termin"])] + ([p["obszar"]] if area is None else []) +
                [p["nazwa"], EVENT_KINDS[p["rodzaj"]], TARGET_GROUPS[p["grupa_docelowa"]],
                 "" if pd.isna(p["partnerzy"]) else p["partnerzy"]]) for _, p in plan.iterrows()]
    columns = [Column("termin", False, "c-term"), *([Column("obszar", False, "c-area")] if area is None else []),
               Column("działanie", False, "c-name"), Column("rodzaj", False, "c-kind"),
               Column("grupa docelowa", False, "c-group"), Column("partnerzy", False, "c-partners")]
    kinds = plan["rodzaj"].value_counts()
    summary = fmt_list([f"{EVENT_KINDS[k]} ({n})" for k, n in kinds.items()])
    return blocks.join([
        *([blocks.heading(heading, f"Działania zaplanowane na {ds.year + 1} r.")] if heading else []),
        blocks.paragraphs(f"Na {ds.year + 1} r. zaplanowano {fmt_int(len(plan))} "
                          f"{plural(len(plan), 'działanie', 'działania', 'działań')} {place(ds, area)}: {summary}.",
                          css="intro"),
        blocks.table(caption_for(ds, area, f"Plan działań na {ds.year + 1} r."), columns, rows,
                     row_headers=False, css="fixed", long=True),
    ])
