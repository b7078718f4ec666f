"""Crime: the groups of offences, the 7 categories, the gminas compared per 10,000 residents."""

from __future__ import annotations

import pandas as pd

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import MISSING, fmt_int, fmt_number, fmt_percent
from ...data.schema import CRIME_GROUPS, SEVEN_CATEGORIES
from .. import blocks, charts
from ..blocks import Block, Column, Row
from ..narrative import plural, seven_categories_sentence
from .common import (
    Area,
    as_float,
    as_int,
    caption_for,
    comparison_cells,
    comparison_columns,
    fmt_share,
    no_data,
    place,
    prev_year,
    years_span,
)

__all__ = ["crime", "gmina_vs_powiat", "gminas_compared", "seven_categories"]


def crime(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("przestepstwa", ds.year):
        return no_data(ds, "Przestępczość")
    table = ind.crime_table(ds, area)
    total = table.loc["ogolem"]
    rows = [Row(comparison_cells("przestępstwa " + label, table.loc[code])
                + [fmt_share(table.at[code, "wykrywalnosc"], table.at[code, "biezacy"])])
            for code, label in CRIME_GROUPS.items()]
    return blocks.join([
        blocks.paragraphs(
            f"W {ds.year} r. {place(ds, area)} stwierdzono {fmt_int(total['biezacy'])} "
            f"{plural(as_int(total['biezacy']), 'przestępstwo', 'przestępstwa', 'przestępstw')} "
            f"(dynamika {fmt_share(total['dynamika'], total['poprzedni'])} wobec {prev_year(ds)} r.). "
            f"Wykrywalność sprawców wyniosła {fmt_share(total['wykrywalnosc'], total['biezacy'])}.", css="intro"),
        blocks.table(caption_for(ds, area, "Przestępstwa stwierdzone"),
                     [*comparison_columns(ds, "kategoria"), Column(f"wykrywalność {ds.year}")], rows),
        blocks.figure(_crime_chart(ds, area)),
    ])


def _crime_chart(ds: Dataset, area: Area) -> charts.Chart:
    trend = ind.crime_trend(ds, area)
    reported = [as_float(v) for v in trend["stwierdzone"]]
    detected = [as_float(v) for v in trend["wykryte"]]
    alt = (f"Wykres słupkowy: przestępstwa stwierdzone i wykryte {place(ds, area)} w latach {years_span(ds)}. "
           + "; ".join(f"{y}: {fmt_int(r)} stwierdzonych, {fmt_int(d)} wykrytych"
                       for y, r, d in zip(trend.index, reported, detected, strict=True)) + ".")
    return charts.grouped_bars([str(y) for y in trend.index], {"stwierdzone": reported, "wykryte": detected},
                               alt=alt,
                               caption=caption_for(ds, area, "Przestępstwa stwierdzone i wykryte", years_span(ds)))


def seven_categories(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("przestepstwa", ds.year):
        return no_data(ds, "Przestępstwa w 7 kategoriach")
    table = ind.crime_table(ds, area).loc[list(SEVEN_CATEGORIES)]
    rows = [Row(comparison_cells(table.at[c, "wskaznik"], table.loc[c])
                + [fmt_share(table.at[c, "wykrywalnosc"], table.at[c, "biezacy"])]) for c in SEVEN_CATEGORIES]
    changes = [(c, table.at[c, "zmiana"]) for c in SEVEN_CATEGORIES]
    parts = [
        blocks.paragraphs(seven_categories_sentence(changes)),
        blocks.table(caption_for(ds, area, "Przestępstwa w 7 kategoriach"),
                     [*comparison_columns(ds, "kategoria"), Column(f"wykrywalność {ds.year}")], rows),
    ]
    if area is None:  # in a gmina the counts are small: the table says it better than bars
        parts.append(blocks.figure(_seven_chart(ds, table)))
    return blocks.join(parts)


def _seven_chart(ds: Dataset, table: pd.DataFrame) -> charts.Chart:
    labels = [table.at[c, "wskaznik"] for c in SEVEN_CATEGORIES]
    alt = (f"Wykres słupkowy poziomy: przestępstwa w 7 kategoriach {place(ds, None)}, {prev_year(ds)} i {ds.year} r. "
           + "; ".join(f"{table.at[c, 'wskaznik']}: {fmt_int(table.at[c, 'poprzedni'])} i "
                       f"{fmt_int(table.at[c, 'biezacy'])}" for c in SEVEN_CATEGORIES) + ".")
    return charts.paired_hbars(labels, [as_float(v) for v in table["biezacy"]],
                               [as_float(v) for v in table["poprzedni"]], current_label=f"{ds.year} r.",
                               previous_label=f"{prev_year(ds)} r.", alt=alt,
                               caption=caption_for(ds, None, "Przestępstwa w 7 kategoriach",
                                                f"{prev_year(ds)} i {ds.year} r."))



def gminas_compared(ds: Dataset) -> Block:
    if not ds.has("przestepstwa", ds.year) or not ds.has("ludnosc", ds.year):
        return no_data(ds, "Porównanie gmin")
    rates = ind.gmina_rates(ds)
    average = ind.gminas_rate(ds)
    few = [g for g, flag in zip(rates["gmina"], rates["malo_przypadkow"], strict=True) if flag]
    alt = (f"Wykres słupkowy poziomy: przestępstwa stwierdzone na 10 tys. mieszkańców w gminach w {ds.year} r., "
           f"od najwyższego: " + "; ".join(f"{g} {fmt_number(v)}" for g, v in zip(rates["gmina"], rates["na_10_tys"],
                                                                                strict=True))
           + f". Średnia gmin powiatu: {fmt_number(average)}.")
    chart = charts.ranked_hbars(list(rates["gmina"]), [as_float(v) for v in rates["na_10_tys"]],
                                reference=as_float(average), reference_label=f"średnia gmin ({fmt_number(average)})",
                                flagged=list(rates["malo_przypadkow"]),
                                flag_label=f"mniej niż {ind.FEW_CASES} przestępstw", alt=alt,
                                caption=caption_for(ds, None, "Przestępstwa na 10 tys. mieszkańców w gminach",
                                                 f"{ds.year} r."))
    rows = [Row([g, fmt_int(p), fmt_int(v), fmt_number(r) + (" *" if f else "")])
            for g, p, v, r, f in zip(rates["gmina"], rates["ludnosc"], rates["wartosc"], rates["na_10_tys"],
                                     rates["malo_przypadkow"], strict=True)]
    notes = [f"Średnia gmin powiatu: {fmt_number(average)} na 10 tys. mieszkańców. Przestępstwa przypisane całemu "
             "powiatowi, a nie gminie, nie wchodzą do porównania gmin."]
    if few:
        notes.append(f"* Wskaźnik oparty na mniej niż {ind.FEW_CASES} przestępstwach ({', '.join(few)}) "
                     "jest niestabilny – nie należy na jego podstawie szeregować gmin.")
    return blocks.join([
        blocks.figure(chart),
        blocks.table(f"Wskaźnik zagrożenia przestępczością w gminach, {ds.year} r.",
                     [Column("gmina", False), Column("ludność"), Column("przestępstwa"),
                      Column("na 10 tys. mieszkańców")], rows, notes=notes),
    ])


def gmina_vs_powiat(ds: Dataset, teryt: str) -> Block:
    """The gmina's rates per 10,000 residents beside the average of all gminas."""
    rows, flagged = [], False
    for comparison in ind.COMPARISONS:
        rates = comparison.rates(ds)
        value, rate = rates.at[teryt, "wartosc"], rates.at[teryt, "na_10_tys"]
        average = comparison.average(ds)
        few = not pd.isna(value) and value < ind.FEW_CASES
        flagged |= few
        rows.append(Row([comparison.label, fmt_int(value), fmt_number(rate), fmt_number(average),
                         _relation(rate, average) + (" *" if few else "")]))
    name = ds.powiat.name_of(teryt)
    notes = ["Średnia gmin: wszystkie zdarzenia w gminach powiatu na 10 tys. ich mieszkańców (bez zdarzeń "
             "przypisanych całemu powiatowi, np. wydarzeń ogólnopowiatowych)."]
    if flagged:
        notes.append(f"* Mniej niż {ind.FEW_CASES} zdarzeń: różnica wobec średniej może być przypadkowa.")
    return blocks.join([
        blocks.paragraphs(f"Wskaźniki na 10 tys. mieszkańców pozwalają porównać gminę {name} ze średnią gmin "
                          f"{ds.powiat.nazwa_dopelniacz}, mimo różnej liczby mieszkańców.", css="intro"),
        blocks.table(f"Gmina {name} na tle średniej gmin powiatu, {ds.year} r.",
                     [Column("wskaźnik", False), Column("liczba"), Column("gmina na 10 tys."),
                      Column("średnia na 10 tys."), Column("gmina wobec średniej", False)], rows, notes=notes),
    ])


def _relation(local: object, average: object) -> str:
    if pd.isna(local) or pd.isna(average) or average == 0:
        return MISSING
    if local == 0:
        return "brak zdarzeń"  # not "niżej (0% średniej)"
    ratio = float(local) / float(average) * 100
    if 90 <= ratio <= 110:
        return "na poziomie średniej"
    return f"{'wyżej' if ratio > 110 else 'niżej'} ({fmt_percent(ratio, 0)} średniej)"
