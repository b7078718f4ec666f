"""Crime: the groups of offences, the 7 categories, the gminas compared per 10,000 residents.

Every table of crimes by kind sums to its total: the groups with "pozostałe" to all crimes,
the 7 categories with "pozostałe przestępstwa kryminalne" to the criminal ones. A change is
called a rise or a fall only when the exact test says it is more than chance (`data.figures.stats`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.figures import stats
from ...data.figures.indicators import RESIDUAL, SEVEN_RESIDUAL
from ...data.figures.keyfigures import KeyFigure
from ...data.formatting import MISSING_TEXT, NOT_APPLICABLE, fmt_int, fmt_list, fmt_number
from ...data.schema import CRIME_GROUPS, SEVEN_CATEGORIES
from .. import blocks, charts
from ..blocks import Annotated, Block, Column, Row
from ..narrative import SEVEN_GENITIVE, chance_words, more_or_less, plural, seven_categories_sentence
from .common import (
    Area,
    as_float,
    as_int,
    caption_for,
    comparing,
    comparison_cells,
    comparison_columns,
    has_trend,
    no_data,
    place,
    prev_year,
    relation,
    share_cell,
    share_text,
    without_zero_rows,
    years_span,
)

__all__ = ["crime", "gmina_vs_powiat", "gminas_compared", "seven_categories"]

GROUP_LABELS = {code: "przestępstwa " + label for code, label in CRIME_GROUPS.items()} | {
    RESIDUAL: "przestępstwa pozostałe"}
OVERLAP = ("Grupy przestępstw (kryminalne, gospodarcze, drogowe) razem przekraczają ogółem – częściowo się "
           "pokrywają, więc wiersza „pozostałe” nie da się policzyć.")


def crime(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("przestepstwa", ds.year):
        return no_data(ds, "Przestępczość")
    table = ind.crime_table(ds, area)
    total = table.loc["ogolem"]
    codes = [*CRIME_GROUPS, RESIDUAL]
    rows = [_row(ds, GROUP_LABELS[code], table.loc[code]) for code in codes
            if code != RESIDUAL or not table.at[RESIDUAL, "ujemne"]]
    notes = [OVERLAP] if table.at[RESIDUAL, "ujemne"] else []
    return blocks.join([
        blocks.paragraphs(_crime_sentence(ds, area, total), css="intro"),
        blocks.table(caption_for(ds, area, "Przestępstwa stwierdzone"),
                     [*comparison_columns(ds, "kategoria"), Column(f"wykrywalność {ds.year}")], rows, notes=notes),
        *([blocks.figure(_crime_chart(ds, area))] if has_trend(ds) else []),
    ])


def _row(ds: Dataset, label: str, row: pd.Series, css: str = "") -> Row:
    return Row([*comparison_cells(label, row, compare=comparing(ds)), _detection(row)], css=css)


def _detection(row: pd.Series) -> str | Annotated:
    """Wykrywalność; none for a residual whose detected cannot be told (the groups' detected are
    counted apart, cases from earlier years among them: the difference may be negative or exceed
    the reported), rather than "b.d." or a share over 100%."""
    reported, detected = row["biezacy"], row["wykryte"]
    if row.name in (RESIDUAL, SEVEN_RESIDUAL) and not pd.isna(reported) and reported > 0 and \
            (pd.isna(detected) or detected > reported):
        return Annotated(NOT_APPLICABLE, "wykrytych spoza grup nie da się policzyć: bez wykrywalności")
    return share_cell(detected, reported, row["wykrywalnosc"])


def _crime_sentence(ds: Dataset, area: Area, total: pd.Series) -> str:
    count = total["biezacy"]
    if pd.isna(count):
        return f"Liczba przestępstw stwierdzonych {place(ds, area)}: {MISSING_TEXT} za {ds.year} r."
    text = (f"W {ds.year} r. {place(ds, area)} stwierdzono {fmt_int(count)} "
            f"{plural(as_int(count), 'przestępstwo', 'przestępstwa', 'przestępstw')}")
    if not pd.isna(total["poprzedni"]):
        figure = KeyFigure("przestepstwa", "", count, total["poprzedni"])
        text += (f", {more_or_less(figure)} w {prev_year(ds)} r. ({fmt_int(total['poprzedni'])})"
                 f"{chance_words(figure.test())}")
    detected = share_text(total["wykryte"], count, total["wykrywalnosc"])
    return text + f". Wykrywalność sprawców wyniosła {detected}."


REPORTED = ("przestępstwo stwierdzone", "przestępstwa stwierdzone", "przestępstw stwierdzonych")


def _count(value: float | None, one: str, few: str, many: str) -> str:
    """ "64 przestępstwa", "65 przestępstw", "brak danych": a number and its noun, agreeing."""
    if value is None or pd.isna(value):
        return MISSING_TEXT
    return f"{fmt_int(value)} {plural(int(value), one, few, many)}"


def _crime_chart(ds: Dataset, area: Area) -> charts.Chart:
    trend = ind.crime_trend(ds, area)
    reported = [as_float(v) for v in trend["stwierdzone"]]
    detected = [as_float(v) for v in trend["wykryte"]]
    alt = (f"Wykres słupkowy: przestępstwa stwierdzone i wykryte {place(ds, area)} w latach {years_span(ds)}. "
           + "; ".join(f"{y}: {_count(r, *REPORTED)}, {_count(d, 'wykryte', 'wykryte', 'wykrytych')}"
                       for y, r, d in zip(trend.index, reported, detected, strict=True)) + ".")
    return charts.grouped_bars([str(y) for y in trend.index], {"stwierdzone": reported, "wykryte": detected},
                               alt=alt, height_in=1.8,
                               caption=caption_for(ds, area, "Przestępstwa stwierdzone i wykryte", years_span(ds)))


def seven_categories(ds: Dataset, area: Area = None) -> Block:
    """The 7 categories, then the criminal offences outside them and all criminal offences, so
    that the table sums to its total."""
    if not ds.has("przestepstwa", ds.year):
        return no_data(ds, "Przestępstwa w 7 kategoriach")
    full = ind.crime_table(ds, area)
    table = full.loc[list(SEVEN_CATEGORIES)]
    tests = {c: KeyFigure(c, "", table.at[c, "biezacy"], table.at[c, "poprzedni"]).test() for c in SEVEN_CATEGORIES}
    shown, notes = without_zero_rows(table, SEVEN_GENITIVE, "nie stwierdzono")
    sentence = seven_categories_sentence(tests) if comparing(ds) else _most_frequent(table)
    rows = [_row(ds, r["wskaznik"], r) for _, r in shown.iterrows()]
    if full.at[SEVEN_RESIDUAL, "ujemne"]:
        notes.append("7 kategorii razem przekracza liczbę przestępstw kryminalnych: kategorie obejmują też "
                     "przestępstwa spoza tej grupy, więc wiersza z pozostałymi nie da się policzyć.")
    else:
        rows.append(_row(ds, full.at[SEVEN_RESIDUAL, "wskaznik"], full.loc[SEVEN_RESIDUAL]))
    rows.append(_row(ds, "przestępstwa o charakterze kryminalnym razem", full.loc["kryminalne"], "total"))
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


# ------------------------------------------------------------------ gminas against the powiat


def gminas_compared(ds: Dataset) -> Block:
    """The gminas' crimes per 10,000 residents against their population, with the funnel's
    limits around the average of all gminas: a chart whose text alternative names every gmina's
    rate and who lies outside the limits."""
    if not ds.has("przestepstwa", ds.year) or not ds.has("ludnosc", ds.year):
        return no_data(ds, "Porównanie gmin")
    rates = ind.gmina_rates(ds)
    rates = rates[rates["wartosc"].notna() & rates["ludnosc"].notna() & (rates["ludnosc"] > 0)]
    average = ind.gminas_rate(ds)
    if rates.empty or pd.isna(average):
        return no_data(ds, "Porównanie gmin")
    rate = float(average) / 10_000
    positions = [stats.funnel_position(float(n), float(p), rate) for n, p in zip(rates["wartosc"], rates["ludnosc"],
                                                                               strict=True)]
    outside = _outside(list(rates["gmina"]), positions)
    alt = (f"Wykres lejkowy: przestępstwa stwierdzone na 10 tys. mieszkańców w gminach w {ds.year} r. wobec liczby "
           f"mieszkańców, z granicami zwykłych wahań 95% i 99,8% wokół średniej gmin ({fmt_number(average)}). "
           + "; ".join(f"{g}: {fmt_number(v)} ({_count(n, 'przestępstwo', 'przestępstwa', 'przestępstw')}, "
                       f"{_count(p, 'mieszkaniec', 'mieszkańców', 'mieszkańców')})"
                       for g, v, n, p in zip(rates["gmina"], rates["na_10_tys"], rates["wartosc"], rates["ludnosc"],
                                             strict=True)) + f". {outside}")
    chart = charts.funnel(list(rates["gmina"]), [float(p) for p in rates["ludnosc"]],
                          [float(v) for v in rates["na_10_tys"]], positions, average=float(average),
                          bands=_bands(rate, rates["ludnosc"]), average_label=f"średnia gmin ({fmt_number(average)})",
                          ylabel="na 10 tys. mieszkańców",
                          alt=alt, caption=caption_for(ds, None, "Przestępstwa na 10 tys. mieszkańców a liczba "
                                                       "mieszkańców gmin", f"{ds.year} r."))
    return blocks.join([blocks.figure(chart), blocks.paragraphs(_funnel_note(rates, rate, outside), css="chart-note")])


def _bands(rate: float, people: pd.Series) -> dict[str, tuple[list[float], list[float], list[float]]]:
    grid = np.geomspace(float(people.min()) / 1.15, float(people.max()) * 1.15, 80)
    bands = {}
    for level, label in zip(stats.FUNNEL_LEVELS, ("granice 95%", "granice 99,8%"), strict=True):
        low, high = stats.funnel_limits(rate, grid, level)
        bands[label] = (list(grid), list(low / grid * 10_000), list(high / grid * 10_000))
    return bands


def _outside(names: list[str], positions: list[int]) -> str:
    above = [n for n, p in zip(names, positions, strict=True) if p > 0]
    below = [n for n, p in zip(names, positions, strict=True) if p < 0]
    if not above and not below:
        return "Poza granicami 99,8%: żadna gmina."
    parts = ([f"powyżej – {fmt_list(above)}"] if above else []) + ([f"poniżej – {fmt_list(below)}"] if below else [])
    return f"Poza granicami 99,8%: {'; '.join(parts)}."


def _funnel_note(rates: pd.DataFrame, rate: float, outside: str) -> str:
    """Who is outside the funnel, and whether the gminas differ more than chance alone ("Jak czytać
    raport" says why a small gmina's limits are wide)."""
    text = outside
    phi = stats.overdispersion(rates["wartosc"], rates["ludnosc"], rate)
    if stats.overdispersed(phi, len(rates)):
        text += (" Gminy różnią się między sobą bardziej, niż wynikałoby z przypadku (np. miasto i wieś): "
                 "różnica poza granicami jest rzeczywista, ale nie mówi, z czego wynika.")
    return text


def gmina_vs_powiat(ds: Dataset, teryt: str) -> Block:
    """The gmina's rates per 10,000 residents beside the average of all gminas, judged by the
    funnel's 99,8% limits for a gmina of its population."""
    rows = []
    for comparison in ind.COMPARISONS:
        rates = comparison.rates(ds)
        value, rate, people = (rates.at[teryt, c] for c in ("wartosc", "na_10_tys", "ludnosc"))
        average = comparison.average(ds)
        few = not pd.isna(value) and value < ind.FEW_CASES
        rows.append(Row([comparison.label, fmt_int(value), fmt_number(rate), fmt_number(average),
                         relation(value, people, average, few)]))
    name = ds.powiat.name_of(teryt)
    return blocks.table(f"Gmina {name} na tle średniej gmin powiatu, {ds.year} r.",
                        [Column("wskaźnik", False), Column("liczba"), Column("gmina na 10 tys."),
                         Column("średnia gmin na 10 tys."), Column("gmina wobec średniej", False)], rows)
