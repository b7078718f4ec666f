"""The residents' reports on the Krajowa Mapa Zagrożeń Bezpieczeństwa and what came of them.

The powiat shows its categories as a chart (which threats dominate, and how many were
confirmed and eliminated) and its gminas as a table; a gmina, with a handful of reports
per category, shows them as a table. Chart and table use the same statuses: eliminated,
confirmed but not eliminated, not confirmed, still being checked.
"""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.formatting import fmt_int, fmt_list, fmt_number
from ...data.schema import KMZB_ELIMINATED
from .. import blocks, charts
from ..blocks import Block, Column, Row
from ..narrative import plural, small_base
from .common import (
    Area,
    as_int,
    caption_for,
    comparing,
    no_data,
    place,
    prev_year,
    previous_cell,
    previous_column,
    share_cell,
    share_text,
)

__all__ = ["kmzb"]

PENDING = ("Nowe", "Weryfikacja")
TOP_CATEGORIES = 10


def kmzb(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("kmzb", ds.year):
        return no_data(ds, "Krajowa Mapa Zagrożeń Bezpieczeństwa")
    summary = ind.kmzb_summary(ds, area, ds.year)
    before = ind.kmzb_summary(ds, area, ds.previous_year)
    categories = ind.kmzb_by_category(ds, area)
    count = as_int(summary["zgloszenia"])
    text = (f"W {ds.year} r. mieszkańcy {'powiatu' if area is None else 'gminy'} nanieśli na Krajową Mapę Zagrożeń "
            f"Bezpieczeństwa {fmt_int(count)} {plural(count, 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')}"
            + (f" (w {prev_year(ds)} r.: {fmt_int(before['zgloszenia'])})" if comparing(ds) else "") + ".")
    if count:
        confirmed = share_text(summary["potwierdzone"], count, summary["udzial_potwierdzonych"])
        eliminated = share_text(summary["wyeliminowane"], summary["potwierdzone"], summary["udzial_wyeliminowanych"])
        of_them = "" if small_base(summary["potwierdzone"], count) else " z nich"
        text += f" Policjanci potwierdzili {confirmed}{of_them}, a spośród potwierdzonych wyeliminowano {eliminated}."
    parts: list[Block] = [blocks.paragraphs(text, css="intro")]
    if area is None:  # where the reports came from, then what they were about
        parts.append(_kmzb_gminas(ds))
    if categories["razem"].sum() > 0:
        parts.append(_categories_chart(ds, categories) if area is None else _categories_table(ds, area, categories))
    return blocks.join(parts)


def _statuses(categories: pd.DataFrame) -> dict[str, list[int]]:
    """Each category's reports split the way chart and table show them; empty parts left out."""
    eliminated = categories[KMZB_ELIMINATED]
    parts = {"wyeliminowane": eliminated,
             "potwierdzone, niewyeliminowane": categories["potwierdzone"] - eliminated,
             "niepotwierdzone": categories["Niepotwierdzone"],
             "w trakcie weryfikacji": categories[list(PENDING)].sum(axis=1)}
    return {name: [int(v) for v in values] for name, values in parts.items() if values.sum() > 0}


def _categories_chart(ds: Dataset, categories: pd.DataFrame) -> Block:
    """The most reported categories (at most TOP_CATEGORIES, each with more than one report);
    every other category with its count in a line under the chart."""
    reported = categories[categories["razem"] > 0]
    top = reported[reported["razem"] > 1].head(TOP_CATEGORIES)
    rest = reported.drop(top.index)
    alt = (f"Wykres słupkowy poziomy: najczęstsze kategorie zgłoszeń KMZB {place(ds, None)} w {ds.year} r. "
           + "; ".join(f"{c}: {fmt_int(r['razem'])} (potwierdzone {fmt_int(r['potwierdzone'])}, wyeliminowane "
                       f"{fmt_int(r[KMZB_ELIMINATED])})" for c, r in top.iterrows()) + ".")
    caption = caption_for(ds, None, f"{len(top)} najczęstszych kategorii zgłoszeń na KMZB i wynik ich sprawdzenia",
                          f"{ds.year} r.")
    parts = [blocks.figure(charts.stacked_hbars(list(top.index), _statuses(top), alt=alt, caption=caption))]
    if not rest.empty:
        parts.append(blocks.paragraphs(
            f"Pozostałe kategorie ({fmt_int(rest['razem'].sum())} zgłoszeń): "
            + fmt_list([f"{str(c).lower()} ({fmt_int(n)})" for c, n in rest["razem"].items()]) + ".",
            css="chart-note"))
    return blocks.join(parts)


def _categories_table(ds: Dataset, area: Area, categories: pd.DataFrame) -> Block:
    """The categories reported this year; those reported only last year summed in one row."""
    now = categories[categories["razem"] > 0]
    rows = [Row([c, *previous_cell(ds, r["poprzedni"]), fmt_int(r["razem"]), fmt_int(r["potwierdzone"]),
                 fmt_int(r[KMZB_ELIMINATED])]) for c, r in now.iterrows()]
    earlier = categories[(categories["razem"] == 0) & (categories["poprzedni"].fillna(0) > 0)]
    if not earlier.empty:
        rows.append(Row([f"pozostałe kategorie (zgłoszenia tylko w {prev_year(ds)} r.)",
                         fmt_int(earlier["poprzedni"].sum()), "0", "0", "0"]))
    rows.append(Row(["razem", *previous_cell(ds, categories["poprzedni"].sum(min_count=1)),
                     fmt_int(categories["razem"].sum()), fmt_int(categories["potwierdzone"].sum()),
                     fmt_int(categories[KMZB_ELIMINATED].sum())], css="total"))
    return blocks.table(caption_for(ds, area, "Zgłoszenia na KMZB według kategorii"),
                        [Column("kategoria", False), *previous_column(ds), Column(f"{ds.year} r."),
                         Column("potwierdzone"), Column("wyeliminowane")], rows)


def _kmzb_gminas(ds: Dataset) -> Block:
    table = ind.kmzb_by_gmina(ds)
    rows = [Row([r["gmina"], fmt_int(r["zgloszenia"]), fmt_number(r["na_10_tys"]),
                 share_cell(r["potwierdzone"], r["zgloszenia"], r["udzial_potwierdzonych"]),
                 share_cell(r["wyeliminowane"], r["potwierdzone"], r["udzial_wyeliminowanych"])])
            for _, r in table.iterrows()]
    return blocks.table(f"Zgłoszenia na KMZB w gminach, {ds.year} r.",
                        [Column("gmina", False), Column("zgłoszenia"), Column("na 10 tys. mieszkańców"),
                         Column("potwierdzone"), Column("wyeliminowane z potwierdzonych")], rows,
                        notes=["Potwierdzone: wszystkie zgłoszenia potwierdzone przez policjantów, także te "
                               "wyeliminowane i przekazane poza Policję."])
