"""Crime: the groups of offences, the 7 categories, the gminas compared per 10,000 residents."""

from __future__ import annotations

import pandas as pd

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import MISSING_TEXT, fmt_int, fmt_list, fmt_number
from ...data.indicators import KeyFigure
from ...data.schema import CRIME_GROUPS, SEVEN_CATEGORIES
from .. import blocks, charts
from ..blocks import Block, Column, Row
from ..narrative import more_or_less, plural, seven_categories_sentence
from .common import (
    Area,
    as_float,
    as_int,
    caption_for,
    comparing,
    comparison_cells,
    comparison_columns,
    fmt_share,
    has_trend,
    no_data,
    place,
    prev_year,
    relation,
    without_zero_rows,
    years_span,
)

__all__ = ["crime", "gmina_vs_powiat", "gminas_compared", "seven_categories"]


def crime(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("przestepstwa", ds.year):
        return no_data(ds, "Przestępczość")
    table = ind.crime_table(ds, area)
    total = table.loc["ogolem"]
    rows = [Row(comparison_cells("przestępstwa " + label, table.loc[code], compare=comparing(ds))
                + [fmt_share(table.at[code, "wykrywalnosc"], table.at[code, "biezacy"])])
            for code, label in CRIME_GROUPS.items()]
    return blocks.join([
        blocks.paragraphs(_crime_sentence(ds, area, total), css="intro"),
        blocks.table(caption_for(ds, area, "Przestępstwa stwierdzone"),
                     [*comparison_columns(ds, "kategoria"), Column(f"wykrywalność {ds.year}")], rows),
        *([blocks.figure(_crime_chart(ds, area))] if has_trend(ds) else []),
    ])


def _crime_sentence(ds: Dataset, area: Area, total: pd.Series) -> str:
    count = total["biezacy"]
    if pd.isna(count):
        return f"Liczba przestępstw stwierdzonych {place(ds, area)}: {MISSING_TEXT} za {ds.year} r."
    text = (f"W {ds.year} r. {place(ds, area)} stwierdzono {fmt_int(count)} "
            f"{plural(as_int(count), 'przestępstwo', 'przestępstwa', 'przestępstw')}")
    if not pd.isna(total["poprzedni"]):
        figure = KeyFigure("przestepstwa", "", count, total["poprzedni"])
        text += f", {more_or_less(figure)} w {prev_year(ds)} r. ({fmt_int(total['poprzedni'])})"
    return text + f". Wykrywalność sprawców wyniosła {fmt_share(total['wykrywalnosc'], count)}."


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
    changes = [(c, table.at[c, "zmiana"]) for c in SEVEN_CATEGORIES]
    shown, notes = without_zero_rows(table)
    sentence = seven_categories_sentence(changes) if comparing(ds) else _most_frequent(table)
    rows = [Row(comparison_cells(r["wskaznik"], r, compare=comparing(ds))
                + [fmt_share(r["wykrywalnosc"], r["biezacy"])]) for _, r in shown.iterrows()]
    return blocks.join([
        blocks.paragraphs(sentence, css="intro"),
        blocks.table(caption_for(ds, area, "Przestępstwa w 7 kategoriach"),
                     [*comparison_columns(ds, "kategoria"), Column(f"wykrywalność {ds.year}")], rows, notes=notes),
    ])


def _most_frequent(table: pd.DataFrame) -> str:
    """A first year has nothing to compare with: which of the 7 categories were the most frequent."""
    known = table[table["biezacy"].notna() & (table["biezacy"] > 0)].sort_values("biezacy", ascending=False)
    if known.empty:
        return "W 7 kategoriach przestępstw najbardziej dokuczliwych społecznie nie stwierdzono przestępstw."
    top = fmt_list([f"{r['wskaznik']} ({fmt_int(r['biezacy'])})" for _, r in known.head(3).iterrows()])
    return f"Najczęstsze wśród 7 kategorii przestępstw najbardziej dokuczliwych społecznie: {top}."


def gminas_compared(ds: Dataset) -> Block:
    """The gminas ranked by crimes per 10,000 residents: a chart, whose text alternative and
    labels carry every number (a table beside it would repeat them)."""
    if not ds.has("przestepstwa", ds.year) or not ds.has("ludnosc", ds.year):
        return no_data(ds, "Porównanie gmin")
    rates = ind.gmina_rates(ds)
    average = ind.gminas_rate(ds)
    alt = (f"Wykres słupkowy poziomy: przestępstwa stwierdzone na 10 tys. mieszkańców w gminach w {ds.year} r., "
           f"od najwyższego: " + "; ".join(f"{g} {fmt_number(v)} ({fmt_int(n)} przestępstw)" for g, v, n in
                                            zip(rates["gmina"], rates["na_10_tys"], rates["wartosc"], strict=True))
           + f". Średnia gmin powiatu: {fmt_number(average)}.")
    labels = [f"{g} ({fmt_int(n)})" for g, n in zip(rates["gmina"], rates["wartosc"], strict=True)]
    chart = charts.ranked_hbars(labels, [as_float(v) for v in rates["na_10_tys"]],
                                reference=as_float(average), reference_label=f"średnia gmin ({fmt_number(average)})",
                                flagged=list(rates["malo_przypadkow"]),
                                flag_label=f"mniej niż {ind.FEW_CASES} przestępstw", alt=alt,
                                caption=caption_for(ds, None, "Przestępstwa na 10 tys. mieszkańców (w nawiasie: "
                                                    "liczba przestępstw) w gminach", f"{ds.year} r."))
    if not rates["malo_przypadkow"].any():
        return blocks.figure(chart)
    few = (f"W małych gminach kilka zdarzeń więcej lub mniej wyraźnie zmienia wskaźnik: szare słupki oznaczają "
           f"mniej niż {ind.FEW_CASES} przestępstw.")
    return blocks.join([blocks.paragraphs(few), blocks.figure(chart)])


def gmina_vs_powiat(ds: Dataset, teryt: str) -> Block:
    """The gmina's rates per 10,000 residents beside the average of all gminas."""
    rows = []
    for comparison in ind.COMPARISONS:
        rates = comparison.rates(ds)
        value, rate = rates.at[teryt, "wartosc"], rates.at[teryt, "na_10_tys"]
        average = comparison.average(ds)
        few = not pd.isna(value) and value < ind.FEW_CASES
        rows.append(Row([comparison.label, fmt_int(value), fmt_number(rate), fmt_number(average),
                         relation(rate, average, few)]))
    name = ds.powiat.name_of(teryt)
    return blocks.table(f"Gmina {name} na tle średniej gmin powiatu, {ds.year} r.",
                        [Column("wskaźnik", False), Column("liczba"), Column("gmina na 10 tys."),
                         Column("średnia gmin na 10 tys."), Column("gmina wobec średniej", False)], rows)
