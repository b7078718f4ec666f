"""Prevention: events by kind and target group, the notable events, the partners."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.formatting import fmt_day, fmt_int, fmt_list
from ...data.schema import CONTROLLED, EVENT_KINDS
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import Area, caption_for, no_data, place, previous_cell, previous_column

__all__ = ["REGISTER_NOTE", "cooperation", "prevention"]

TOP_PARTNERS = 8
BIGGEST_EVENTS = 3
# Under the tables of events: where the full register is (the HTML edition links it there).
REGISTER_NOTE = ("Wykaz wszystkich działań z datami, grupami docelowymi i partnerami zawiera plik źródłowy dołączony "
                 "do raportu (zob. aneks „Źródła danych”).")


def prevention(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("dzialania", ds.year):
        return no_data(ds, "Działania profilaktyczne")
    kinds = ind.events_by(ds, "rodzaj", area)
    groups = ind.events_by(ds, "grupa_docelowa", area)
    total, people = int(kinds["wydarzenia"].sum()), int(kinds["uczestnicy"].sum())
    shown = kinds[(kinds["wydarzenia"] > 0) | (kinds["wydarzenia_poprzednio"].fillna(0) > 0)]
    rows = [Row([r["etykieta"], *previous_cell(ds, r["wydarzenia_poprzednio"]), fmt_int(r["wydarzenia"]),
                 fmt_int(r["uczestnicy"])]) for _, r in shown.iterrows()]
    rows.append(Row(["razem", *previous_cell(ds, kinds["wydarzenia_poprzednio"].sum(min_count=1)), fmt_int(total),
                     fmt_int(people)], css="total"))
    return blocks.join([
        blocks.paragraphs(_prevention_sentence(ds, area, total, people), css="intro"),
        blocks.table(caption_for(ds, area, "Działania profilaktyczne według rodzaju"),
                     [Column("rodzaj działania", False), *previous_column(ds), Column(f"{ds.year} r."),
                      Column(f"uczestnicy {ds.year}")], rows, notes=_controls_note(ds, area)),
        _target_groups(ds, area, groups, total, people),
        _notable_events(ds, area),
    ])


def _controls_note(ds: Dataset, area: Area) -> list[str]:
    """Road checks stand apart: they are no prevention, and the drivers they stop no participants."""
    checks, drivers = ind.events_total(ds, ds.year, area, controls=True)
    before, _ = ind.events_total(ds, ds.previous_year, area, controls=True)
    if (pd.isna(checks) or not checks) and (pd.isna(before) or not before):
        return []
    was = f"; w {ds.year - 1} r.: {fmt_int(before)}" if not pd.isna(before) else ""
    return [f"Bez kontroli drogowych ({fmt_int(checks)}{was}; {CONTROLLED}: {fmt_int(drivers)}): to nie są działania "
            "profilaktyczne."]


def _target_groups(ds: Dataset, area: Area, groups: pd.DataFrame, total: int, people: int) -> Block:
    """Who the events reached: a table for the powiat, a sentence for a gmina's few events."""
    reached = groups[groups["wydarzenia"] > 0].sort_values("uczestnicy", ascending=False)
    if area is not None:
        if reached.empty:
            return blocks.join([])
        named = fmt_list([f"{r['etykieta']} ({fmt_int(r['uczestnicy'])})" for _, r in reached.iterrows()])
        return blocks.paragraphs(f"Uczestnicy według grupy docelowej (liczba osób): {named}.")
    rows = [Row([r["etykieta"], fmt_int(r["wydarzenia"]), fmt_int(r["uczestnicy"])]) for _, r in reached.iterrows()]
    rows.append(Row(["razem", fmt_int(total), fmt_int(people)], css="total"))
    return blocks.table(caption_for(ds, area, "Działania profilaktyczne według grupy docelowej", f"{ds.year} r."),
                        [Column("grupa docelowa", False), Column("działania"), Column("uczestnicy")], rows)


def _prevention_sentence(ds: Dataset, area: Area, total: int, people: int) -> str:
    text = (f"W {ds.year} r. {place(ds, area)} przeprowadzono {fmt_int(total)} "
            f"{plural(total, 'działanie profilaktyczne', 'działania profilaktyczne', 'działań profilaktycznych')} "
            f"z udziałem {fmt_int(people)} {plural(people, 'osoby', 'osób', 'osób')}.")
    if area is not None:
        text += " Liczby nie obejmują wydarzeń ogólnopowiatowych, wymienionych w rozdziale o powiecie."
    return text


def _notable_events(ds: Dataset, area: Area) -> Block:
    """The powiat's own events (the gmina chapters refer to them), or a gmina's biggest ones.
    The full register of events is a source file attached to the PDF (annex "Źródła danych")."""
    events = ind.events(ds, area, ds.year)
    if area is None:
        events = events[events["teryt"] == ds.powiat.code]
        what = "Wydarzenia ogólnopowiatowe"
    else:
        events = events.nlargest(BIGGEST_EVENTS, "uczestnicy", keep="first").sort_values(["data", "nazwa"])
        what = "Największe działania profilaktyczne"
    if events.empty:
        return blocks.join([])
    rows = [Row([fmt_day(e["data"]), e["nazwa"], EVENT_KINDS[e["rodzaj"]], fmt_int(e["uczestnicy"])])
            for _, e in events.iterrows()]
    return blocks.table(caption_for(ds, area, what, f"{ds.year} r."),
                        [Column("data", False, "c-date"), Column("nazwa", False, "c-name"),
                         Column("rodzaj", False, "c-kind"), Column("uczestnicy", True, "c-count")], rows,
                        row_headers=False, css="fixed", notes=[REGISTER_NOTE])


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
