"""Prevention: events by kind and target group, the register of events, the partners."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import fmt_day, fmt_int
from ...data.schema import EVENT_KINDS, TARGET_GROUPS
from .. import blocks, charts
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import Area, as_float, caption_for, no_data, place, prev_year

__all__ = ["cooperation", "events_list", "prevention"]


TOP_PARTNERS = 12


def prevention(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("dzialania", ds.year):
        return no_data(ds, "Działania profilaktyczne")
    kinds = ind.events_by(ds, "rodzaj", area)
    groups = ind.events_by(ds, "grupa_docelowa", area)
    total, people = int(kinds["wydarzenia"].sum()), int(kinds["uczestnicy"].sum())
    shown = kinds[(kinds["wydarzenia"] > 0) | (kinds["wydarzenia_poprzednio"].fillna(0) > 0)]
    rows = [Row([r["etykieta"], fmt_int(r["wydarzenia_poprzednio"]), fmt_int(r["wydarzenia"]),
                 fmt_int(r["uczestnicy"])]) for _, r in shown.iterrows()]
    rows.append(Row(["razem", fmt_int(kinds["wydarzenia_poprzednio"].sum(min_count=1)), fmt_int(total),
                     fmt_int(people)], css="total"))
    group_rows = [Row([r["etykieta"], fmt_int(r["wydarzenia"]), fmt_int(r["uczestnicy"])])
                  for _, r in groups.iterrows() if r["wydarzenia"] > 0]
    group_rows.append(Row(["razem", fmt_int(total), fmt_int(people)], css="total"))
    return blocks.join([
        blocks.paragraphs(
            f"W {ds.year} r. {place(ds, area)} przeprowadzono {fmt_int(total)} "
            f"{plural(total, 'działanie profilaktyczne', 'działania profilaktyczne', 'działań profilaktycznych')} "
            f"z udziałem {fmt_int(people)} {plural(people, 'osoby', 'osób', 'osób')}."
            + (" Liczba nie obejmuje wydarzeń ogólnopowiatowych, opisanych w rozdziale o powiecie."
               if area is not None else ""), css="intro"),
        blocks.table(caption_for(ds, area, "Działania profilaktyczne według rodzaju"),
                     [Column("rodzaj działania", False), Column(f"{prev_year(ds)} r."), Column(f"{ds.year} r."),
                      Column(f"uczestnicy {ds.year}")], rows),
        *([blocks.figure(_prevention_chart(ds, shown))] if area is None else []),
        blocks.table(caption_for(ds, area, "Działania profilaktyczne według grupy docelowej", f"{ds.year} r."),
                     [Column("grupa docelowa", False), Column("działania"), Column("uczestnicy")], group_rows,
                     ),
    ])


def _prevention_chart(ds: Dataset, kinds: pd.DataFrame) -> charts.Chart:
    alt = (f"Wykres słupkowy poziomy: liczba działań profilaktycznych według rodzaju {place(ds, None)}, "
           f"{prev_year(ds)} i {ds.year} r. " + "; ".join(
               f"{r['etykieta']}: {fmt_int(r['wydarzenia_poprzednio'])} i {fmt_int(r['wydarzenia'])}"
               for _, r in kinds.iterrows()) + ".")
    return charts.paired_hbars(list(kinds["etykieta"]), [float(v) for v in kinds["wydarzenia"]],
                               [as_float(v) for v in kinds["wydarzenia_poprzednio"]], current_label=f"{ds.year} r.",
                               previous_label=f"{prev_year(ds)} r.", alt=alt,
                               caption=caption_for(ds, None, "Działania profilaktyczne według rodzaju",
                                                f"{prev_year(ds)} i {ds.year} r."))


def events_list(ds: Dataset, area: Area) -> Block:
    """Every event of the year in the area, in date order."""
    if not ds.has("dzialania", ds.year):
        return no_data(ds, "Wykaz działań")
    events = ind.events(ds, area, ds.year)
    if events.empty:
        return blocks.paragraphs(f"W {ds.year} r. nie odnotowano działań profilaktycznych {place(ds, area)}.")
    rows = [Row([fmt_day(e["data"]), e["nazwa"], EVENT_KINDS[e["rodzaj"]], TARGET_GROUPS[e["grupa_docelowa"]],
                 fmt_int(e["uczestnicy"])]) for _, e in events.iterrows()]
    return blocks.table(caption_for(ds, area, "Wykaz działań profilaktycznych", f"{ds.year} r."),
                        [Column("data", False, "c-date"), Column("nazwa", False, "c-name"),
                         Column("rodzaj", False, "c-kind"), Column("grupa docelowa", False, "c-group"),
                         Column("uczestnicy", True, "c-count")], rows,
                        row_headers=False, css="fixed", long=True)


def cooperation(ds: Dataset) -> Block:
    """Partners of the prevention events and who paid for extra patrols."""
    if not ds.has("dzialania", ds.year):
        return no_data(ds, "Współpraca")
    events = ind.events(ds, None, ds.year)
    partners: Counter[str] = Counter()
    for text in events["partnerzy"].dropna():
        partners.update({p.strip() for p in str(text).split(";") if p.strip()})
    rows = [Row([name, fmt_int(count)]) for name, count in partners.most_common(TOP_PARTNERS)]
    with_partners = int(events["partnerzy"].notna().sum())
    parts = [blocks.paragraphs(
        f"W {ds.year} r. {fmt_int(with_partners)} z {fmt_int(len(events))} działań profilaktycznych "
        f"przygotowano razem z partnerami: samorządami gmin, szkołami, stacją ratownictwa medycznego, "
        f"strażami pożarnymi i innymi instytucjami. Łącznie współpracowało {fmt_int(len(partners))} "
        f"{plural(len(partners), 'partner', 'partnerów', 'partnerów')}.")]
    if rows:
        caption = caption_for(ds, None, "Najczęstsi partnerzy działań profilaktycznych", f"{ds.year} r.")
        parts.append(blocks.table(caption, [Column("partner", False), Column("wspólne działania")], rows))
    return blocks.join(parts)
