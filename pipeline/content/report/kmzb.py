"""The residents' reports on the Krajowa Mapa Zagrożeń Bezpieczeństwa and what came of them."""

from __future__ import annotations

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import fmt_int, fmt_number, fmt_percent
from ...data.schema import KMZB_CONFIRMED
from .. import blocks, charts
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import Area, as_int, caption_for, fmt_share, no_data, place, prev_year

__all__ = ["kmzb"]


TOP_KMZB_CATEGORIES = 10


def kmzb(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("kmzb", ds.year):
        return no_data(ds, "Krajowa Mapa Zagrożeń Bezpieczeństwa")
    summary = ind.kmzb_summary(ds, area, ds.year)
    before = ind.kmzb_summary(ds, area, ds.previous_year)
    categories = ind.kmzb_by_category(ds, area)
    count = as_int(summary["zgloszenia"])
    parts: list[Block] = [blocks.paragraphs(
        f"W {ds.year} r. mieszkańcy {'powiatu' if area is None else 'gminy'} nanieśli na Krajową Mapę Zagrożeń "
        f"Bezpieczeństwa {fmt_int(count)} {plural(count, 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')} "
        f"(w {prev_year(ds)} r.: {fmt_int(before['zgloszenia'])}). Policjanci potwierdzili "
        f"{fmt_share(summary['udzial_potwierdzonych'], count)} z nich, a spośród potwierdzonych "
        f"{fmt_share(summary['udzial_wyeliminowanych'], summary['potwierdzone'])} zostało wyeliminowanych.",
        css="intro")]
    if categories["razem"].sum() > 0:
        top = categories[categories["razem"] > 0].head(TOP_KMZB_CATEGORIES)
        pending = top["Nowe"] + top["Weryfikacja"]
        groups = {"potwierdzone": list(top["potwierdzone"]), "niepotwierdzone": list(top["Niepotwierdzone"]),
                  "w trakcie weryfikacji": list(pending)}
        alt = (f"Wykres słupkowy poziomy: najczęstsze kategorie zgłoszeń KMZB {place(ds, area)} w {ds.year} r. "
               + "; ".join(f"{c}: {fmt_int(t)} (potwierdzone {fmt_int(p)})"
                           for c, t, p in zip(top.index, top["razem"], top["potwierdzone"], strict=True)) + ".")
        caption = caption_for(ds, area, "Najczęstsze zgłoszenia na KMZB", f"{ds.year} r.")
        parts.append(blocks.figure(charts.stacked_hbars(list(top.index), groups, alt=alt, caption=caption)))
        rows = [Row([c, fmt_int(r["poprzedni"]), fmt_int(r["razem"]), fmt_int(r["potwierdzone"]),
                     fmt_int(r["Potwierdzone (wyeliminowane)"])]) for c, r in categories.iterrows()]
        parts.append(blocks.table(caption_for(ds, area, "Zgłoszenia na KMZB według kategorii"),
                                  [Column("kategoria", False), Column(f"{prev_year(ds)} r."), Column(f"{ds.year} r."),
                                   Column("potwierdzone"), Column("wyeliminowane")], rows, long=len(rows) > 12))
    if area is None:
        parts.append(_kmzb_gminas(ds))
    return blocks.join(parts)


def _kmzb_gminas(ds: Dataset) -> Block:
    table = ind.kmzb_by_gmina(ds)
    rows = [Row([r["gmina"], fmt_int(r["zgloszenia"]), fmt_number(r["na_10_tys"]),
                 fmt_percent(r["udzial_potwierdzonych"]), fmt_percent(r["udzial_wyeliminowanych"])])
            for _, r in table.iterrows()]
    return blocks.table(f"Zgłoszenia na KMZB w gminach, {ds.year} r.",
                        [Column("gmina", False), Column("zgłoszenia"), Column("na 10 tys. mieszkańców"),
                         Column("potwierdzone"), Column("wyeliminowane z potwierdzonych")], rows,
                        notes=[f"Potwierdzone: statusy {', '.join(KMZB_CONFIRMED)}."])
