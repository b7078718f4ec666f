"""The plan: last year's plan for this year against what was done, and the plan for next year.

Each gmina's part of the plan stands in its own chapter, once; the powiat's plan chapter
sums the gminas up by area and details only what is planned for the whole powiat.
Realisation counts kinds of action: a kind planned for an area is done when at least one
event of that kind took place there ("rodzaje zaplanowane 5, zrealizowane 4 (80%),
wydarzeń 21"), so 14 events of one kind never make up for another kind not held at all.
"""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.formatting import fmt_int, fmt_list, fmt_percent, fmt_term
from ...data.schema import EVENT_KINDS, TARGET_GROUPS
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural, small_base
from .common import Area, caption_for, no_data, place, prev_year, share_cell

__all__ = ["plan_done", "plan_next_year", "realisation"]

DONE, NOT_DONE = "✓ tak", "nie"


def plan_done(ds: Dataset, area: Area = None, heading: int = 0) -> Block:
    """Last year's plan for this year against what was done: by kind in a gmina, by area for
    the powiat (with the powiat-wide kinds in detail); under a heading of level `heading`, if given."""
    table = ind.plan_vs_done(ds, area)
    # The section's heading stands whatever the data: the analyst's words for it close it.
    title = [blocks.heading(heading, f"Realizacja planu na {ds.year} r.")] if heading else []
    if table is None:
        return blocks.join([*title, no_data(ds, f"Plan działań na {ds.year} r.", prev_year(ds))])
    if table.empty:
        return blocks.join([*title, blocks.paragraphs(f"Plan na {ds.year} r. nie przewidywał działań "
                                                      f"{place(ds, area)}.")])
    # A gmina's plan is told in one paragraph: what was planned and done, kind by kind.
    detail = f" {_done_and_not(table)}" if area is not None else ""
    parts = [*title,
             blocks.paragraphs(f"Plan na {ds.year} r., przyjęty rok wcześniej, {place(ds, area)}: "
                               f"{realisation(table)}.{detail}", css="intro")]
    if area is None:
        parts.append(_done_by_area(ds, table))
        county = table[table["teryt"] == ds.powiat.code]
        if not county.empty:
            parts.append(_done_by_kind(ds, ds.powiat.code, county, "Realizacja planu ogólnopowiatowego"))
    return blocks.join(parts)


def _done_and_not(table: pd.DataFrame) -> str:
    """ "Zrealizowane: debata społeczna (2 wydarzenia), akcja BRD (14); niezrealizowane: turniej sportowy." """
    done = [f"{r['rodzaj_etykieta']} ({fmt_int(r['zrealizowane'])} "
            f"{plural(int(r['zrealizowane']), 'wydarzenie', 'wydarzenia', 'wydarzeń')})"
            for _, r in table.iterrows() if r["zrealizowane"] > 0]
    missed = [str(r["rodzaj_etykieta"]) for _, r in table.iterrows() if r["zrealizowane"] == 0]
    parts = ([f"Zrealizowane: {fmt_list(done)}"] if done else []) + (
        [f"niezrealizowane: {fmt_list(missed)}"] if missed else [])
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def realisation(table: pd.DataFrame) -> str:
    """ "rodzaje zaplanowane 12, zrealizowane 10 (83,3%), wydarzeń 21"; under 10 kinds planned,
    "zrealizowane 4 z 5" (no percentage of a handful)."""
    planned, done = len(table), int((table["zrealizowane"] > 0).sum())
    share = f"{fmt_int(done)} z {fmt_int(planned)}" if small_base(done, planned) else \
        f"{fmt_int(done)} ({fmt_percent(done / planned * 100)})"
    return (f"rodzaje działań zaplanowane {fmt_int(planned)}, zrealizowane {share}, wydarzeń tych rodzajów "
            f"{fmt_int(table['zrealizowane'].sum())}")


def _done_by_kind(ds: Dataset, area: Area, table: pd.DataFrame, what: str) -> Block:
    rows = [Row([r["rodzaj_etykieta"], fmt_int(r["zaplanowane"]), fmt_int(r["zrealizowane"]),
                 DONE if r["zrealizowane"] > 0 else NOT_DONE]) for _, r in table.iterrows()]
    return blocks.table(caption_for(ds, area, what, f"{ds.year} r."),
                        [Column("rodzaj działania", False), Column("działania w planie"),
                         Column("wydarzenia"), Column("zrealizowany", False)], rows)


def _done_by_area(ds: Dataset, table: pd.DataFrame) -> Block:
    rows = []
    for teryt, part in _by_area(ds, table):
        planned, done = len(part), int((part["zrealizowane"] > 0).sum())
        rows.append(Row([ds.powiat.label_of(str(teryt)), fmt_int(planned), fmt_int(done),
                         share_cell(done, planned), fmt_int(part["zrealizowane"].sum())]))
    planned, done = len(table), int((table["zrealizowane"] > 0).sum())
    rows.append(Row(["razem", fmt_int(planned), fmt_int(done), share_cell(done, planned),
                     fmt_int(table["zrealizowane"].sum())], css="total"))
    return blocks.table(caption_for(ds, None, "Realizacja planu działań według obszaru", f"{ds.year} r."),
                        [Column("obszar", False), Column("rodzaje zaplanowane"), Column("zrealizowane"),
                         Column("realizacja"), Column("wydarzenia")], rows)


def plan_next_year(ds: Dataset, area: Area = None, heading: int = 0) -> Block:
    """This year's plan for the next year: a gmina's actions in its chapter; for the powiat, the
    count per area and the powiat-wide actions; under a heading of level `heading`, if given."""
    plan = ind.plan_next(ds, area)
    title = [blocks.heading(heading, f"Działania zaplanowane na {ds.year + 1} r.")] if heading else []
    if plan is None:
        return blocks.join([*title, no_data(ds, f"Plan działań na {ds.year + 1} r.")])
    if plan.empty:
        return blocks.join([*title, blocks.paragraphs(f"Na {ds.year + 1} r. nie zaplanowano działań "
                                                      f"{place(ds, area)}.")])
    kinds = plan["rodzaj"].value_counts()
    summary = fmt_list([f"{EVENT_KINDS[k]} ({n})" for k, n in kinds.items()])
    parts = [*title,
             blocks.paragraphs(f"Na {ds.year + 1} r. zaplanowano {fmt_int(len(plan))} "
                               f"{plural(len(plan), 'działanie', 'działania', 'działań')} {place(ds, area)}: "
                               f"{summary}.", css="intro")]
    if area is None:
        parts.append(_next_by_area(ds, plan))
        county = plan[plan["teryt"] == ds.powiat.code]
        if not county.empty:
            parts.append(_actions(ds, ds.powiat.code, county, "Plan działań ogólnopowiatowych"))
    else:
        parts.append(_actions(ds, area, plan, "Plan działań"))
    return blocks.join(parts)


def _next_by_area(ds: Dataset, plan: pd.DataFrame) -> Block:
    rows = [Row([ds.powiat.label_of(str(teryt)), fmt_int(len(part)),
                 fmt_list(sorted({EVENT_KINDS[k] for k in part["rodzaj"]}))])
            for teryt, part in _by_area(ds, plan)]
    rows.append(Row(["razem", fmt_int(len(plan)), ""], css="total"))
    return blocks.table(caption_for(ds, None, f"Działania zaplanowane na {ds.year + 1} r. według obszaru"),
                        [Column("obszar", False, "nowrap"), Column("działania"), Column("rodzaje działań", False)],
                        rows, notes=["Działania zaplanowane w gminie wymienia rozdział tej gminy."])


def _by_area(ds: Dataset, table: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The gminas in the registry's order, then the whole powiat."""
    order = [g.teryt for g in ds.powiat.gminy] + [ds.powiat.code]
    groups = dict(tuple(table.groupby("teryt")))
    return [(teryt, groups[teryt]) for teryt in order if teryt in groups]


def _actions(ds: Dataset, area: Area, plan: pd.DataFrame, what: str) -> Block:
    rows = [Row([fmt_term(p["termin"]), p["nazwa"], EVENT_KINDS[p["rodzaj"]], TARGET_GROUPS[p["grupa_docelowa"]],
                 "" if pd.isna(p["partnerzy"]) else p["partnerzy"]]) for _, p in plan.iterrows()]
    return blocks.table(caption_for(ds, area, f"{what} na {ds.year + 1} r."),
                        [Column("termin", False, "c-term"), Column("działanie", False, "c-name"),
                         Column("rodzaj", False, "c-kind"), Column("grupa docelowa", False, "c-group"),
                         Column("partnerzy", False, "c-partners")], rows, row_headers=False, css="fixed")
