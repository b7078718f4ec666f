"""What the notebooks display: one function per section of the report.

Notebooks narrate, this module computes. Every function takes the dataset and an *area*
(a gmina's TERYT code, or None for the whole powiat) and returns a `Block` of HTML with
its tables, charts and generated sentences, so the powiat chapter and a gmina chapter
are built by the same tested code at two scales.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from pathlib import Path

import pandas as pd

from . import blocks, charts
from . import indicators as ind
from .blocks import GMINA_CHAPTERS_MARKER, Block, Column, Row
from .dataset import Dataset, load_shared_dataset
from .formatting import (
    MISSING,
    MISSING_TEXT,
    NOT_APPLICABLE,
    fmt_change,
    fmt_day,
    fmt_int,
    fmt_list,
    fmt_money,
    fmt_number,
    fmt_percent,
    fmt_term,
    fmt_years,
)
from .narrative import change_sentence, plural, seven_categories_sentence
from .schema import CRIME_GROUPS, EVENT_KINDS, KMZB_CONFIRMED, SEVEN_CATEGORIES, TABLES, TARGET_GROUPS

__all__ = [
    "cooperation",
    "crime",
    "data_quality",
    "data_sources",
    "events_list",
    "gmina_chapters_here",
    "gmina_heading",
    "gmina_vs_powiat",
    "gminas_compared",
    "interventions",
    "key_findings",
    "kmzb",
    "load",
    "patrols",
    "plan_done",
    "plan_next_year",
    "powiat_heading",
    "prevention",
    "road_safety",
    "seven_categories",
]

Area = str | None
TOP_KMZB_CATEGORIES = 10
# The law on domestic violence changed the forms and the terms that year.
DOMESTIC_VIOLENCE_LAW = dt.date(2023, 6, 22)
TOP_PARTNERS = 12


# ------------------------------------------------------------------ loading


def load(inputs: str | Path, rok: int, teryt: str | None = None) -> Dataset:
    """The validated dataset; with `teryt`, only that gmina's view of it (see Dataset.restricted_to).

    Loaded once per kernel for the same files (see `_fingerprint`).
    """
    inputs = Path(inputs).resolve()
    ds = _load_cached(inputs, rok, _fingerprint(inputs))
    return ds if teryt is None else ds.restricted_to(teryt, ind.comparison_figures(ds))


@functools.lru_cache(maxsize=4)
def _load_cached(inputs: Path, rok: int, fingerprint: tuple[tuple[str, int, int], ...]) -> Dataset:
    return load_shared_dataset(inputs, rok)


def _fingerprint(inputs: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every input file: a changed file is a new key."""
    files = sorted(p for p in inputs.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


# ------------------------------------------------------------------ small helpers


def _place(ds: Dataset, area: Area) -> str:
    """ "w powiecie opoczyńskim" or "w gminie Drzewica"."""
    return f"w {ds.powiat.nazwa_miejscownik}" if area is None else f"w gminie {ds.powiat.name_of(area)}"


def _area_name(ds: Dataset, area: Area) -> str:
    return ds.powiat.label_of(area or ds.powiat.code)


def _caption(ds: Dataset, area: Area, what: str, period: str = "") -> str:
    """ "Wypadki drogowe – gmina Drzewica, 2021–2025": every table and chart names its area."""
    return f"{what} – {_area_name(ds, area)}" + (f", {period}" if period else "")


def _no_data(ds: Dataset, what: str, year: int | None = None) -> Block:
    return blocks.paragraphs(f"{what}: {MISSING_TEXT} za {year or ds.year} r.", css="no-data")


def _years(ds: Dataset) -> str:
    return fmt_years(ds.years[0], ds.years[-1])


def _prev(ds: Dataset) -> int:
    return ds.year - 1


def _value(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


def _comparison_columns(ds: Dataset, first: str) -> list[Column]:
    return [Column(first, numeric=False), Column(f"{_prev(ds)} r."), Column(f"{ds.year} r."),
            Column("dynamika"), Column("zmiana")]


def _comparison_cells(label: str, row: pd.Series, fmt=fmt_int) -> list[str]:
    return [label, fmt(row["poprzedni"]), fmt(row["biezacy"]), _fmt_share(row["dynamika"], row["poprzedni"]),
            fmt_change(row["zmiana"])]


def _fmt_share(value: object, base: object) -> str:
    """A percentage of 0 (wykrywalność with 0 crimes, dynamika after a year with 0) cannot
    exist: a dash, not "b.d."."""
    if pd.isna(value) and not pd.isna(base) and base == 0:
        return NOT_APPLICABLE
    return fmt_percent(value)


# ------------------------------------------------------------------ headings


def powiat_heading(ds: Dataset) -> Block:
    people = ind.population(ds, ds.year)
    area = sum(g.powierzchnia_km2 for g in ds.powiat.gminy)
    title = ds.powiat.nazwa[0].upper() + ds.powiat.nazwa[1:]
    return blocks.join([
        blocks.heading(1, f"{title} w {ds.year} r."),
        blocks.facts([
            ("Gminy", fmt_int(len(ds.powiat.gminy))),
            ("Ludność (31 grudnia)", fmt_int(people)),
            ("Powierzchnia", f"{fmt_int(area)} km²"),
            ("Lata w porównaniach", _years(ds)),
        ]),
    ])


def gmina_heading(ds: Dataset, teryt: str) -> Block:
    gmina = ds.powiat.gmina(teryt)
    people = ind.population(ds, ds.year, teryt)
    return blocks.join([
        blocks.heading(1, gmina.title),
        blocks.facts([
            ("Rodzaj gminy", gmina.rodzaj),
            ("Kod TERYT", gmina.teryt + (f" (do {gmina.former_codes[0].until_year} r.: "
                                         f"{gmina.former_codes[0].teryt})" if gmina.former_codes else "")),
            ("Ludność (31 grudnia)", fmt_int(people)),
            ("Powierzchnia", f"{fmt_number(gmina.powierzchnia_km2)} km²"),
            ("Gęstość zaludnienia", f"{fmt_int(people / gmina.powierzchnia_km2)} os./km²"
             if not pd.isna(people) else MISSING),
        ]),
    ])


def gmina_chapters_here() -> Block:
    """Where the assembled document places the gmina chapters."""
    return blocks.marker(GMINA_CHAPTERS_MARKER)


# ------------------------------------------------------------------ key findings


def key_findings(ds: Dataset, area: Area = None) -> Block:
    figures = ind.key_figures(ds, area)
    by_code = {f.code: f for f in figures}
    sentences = [change_sentence(by_code[c], ds.year, _prev(ds))
                 for c in ("przestepstwa", "wykrywalnosc", "wypadki", "zabici", "kmzb", "dzialania", "godziny")]
    seven = seven_categories_sentence([(c, by_code[c].change) for c in SEVEN_CATEGORIES])
    rows = [Row([f.label, _fmt_figure(f, f.previous), _fmt_figure(f, f.current),
                 NOT_APPLICABLE if f.kind == "percent" else _fmt_share(f.dynamika, f.previous), _fmt_change(f)],
                css="sub" if f.code in SEVEN_CATEGORIES else "")
            for f in figures]
    return blocks.join([
        blocks.paragraphs(f"Najważniejsze dane {_place(ds, area)} w {ds.year} r. w porównaniu z {_prev(ds)} r.",
                          css="lead intro"),
        blocks.table(_caption(ds, area, "Najważniejsze dane", f"{ds.year} r. na tle {_prev(ds)} r."),
                     _comparison_columns(ds, "wskaźnik"), rows, css="key-figures",
                     notes=["Dynamika: wartość w danym roku ÷ wartość z poprzedniego roku × 100; „–” – nie "
                            "dotyczy (wskaźnik w procentach albo w poprzednim roku 0). Zmiana wskaźników w procentach "
                            "podana jest w punktach procentowych (pkt proc.)."]),
        blocks.bullets([*sentences, seven], css="findings"),
    ])


def _fmt_figure(figure: ind.KeyFigure, value: object) -> str:
    return {"percent": fmt_percent, "money": fmt_money}.get(figure.kind, fmt_int)(value)


def _fmt_change(figure: ind.KeyFigure) -> str:
    if figure.kind == "percent":
        return fmt_change(figure.change, 1) + (" pkt proc." if not pd.isna(figure.change) else "")
    if figure.kind == "money":
        return fmt_change(figure.change, 2) + (" zł" if not pd.isna(figure.change) else "")
    return fmt_change(figure.change)


# ------------------------------------------------------------------ crime


def crime(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("przestepstwa", ds.year):
        return _no_data(ds, "Przestępczość")
    table = ind.crime_table(ds, area)
    total = table.loc["ogolem"]
    rows = [Row(_comparison_cells("przestępstwa " + label, table.loc[code])
                + [_fmt_share(table.at[code, "wykrywalnosc"], table.at[code, "biezacy"])])
            for code, label in CRIME_GROUPS.items()]
    return blocks.join([
        blocks.paragraphs(
            f"W {ds.year} r. {_place(ds, area)} stwierdzono {fmt_int(total['biezacy'])} "
            f"{plural(_int(total['biezacy']), 'przestępstwo', 'przestępstwa', 'przestępstw')} "
            f"(dynamika {_fmt_share(total['dynamika'], total['poprzedni'])} wobec {_prev(ds)} r.). "
            f"Wykrywalność sprawców wyniosła {_fmt_share(total['wykrywalnosc'], total['biezacy'])}.", css="intro"),
        blocks.table(_caption(ds, area, "Przestępstwa stwierdzone"),
                     [*_comparison_columns(ds, "kategoria"), Column(f"wykrywalność {ds.year}")], rows),
        blocks.figure(_crime_chart(ds, area)),
    ])


def _crime_chart(ds: Dataset, area: Area) -> charts.Chart:
    trend = ind.crime_trend(ds, area)
    reported = [_value(v) for v in trend["stwierdzone"]]
    detected = [_value(v) for v in trend["wykryte"]]
    alt = (f"Wykres słupkowy: przestępstwa stwierdzone i wykryte {_place(ds, area)} w latach {_years(ds)}. "
           + "; ".join(f"{y}: {fmt_int(r)} stwierdzonych, {fmt_int(d)} wykrytych"
                       for y, r, d in zip(trend.index, reported, detected, strict=True)) + ".")
    return charts.grouped_bars([str(y) for y in trend.index], {"stwierdzone": reported, "wykryte": detected},
                               alt=alt, caption=_caption(ds, area, "Przestępstwa stwierdzone i wykryte", _years(ds)))


def _int(value: object) -> int:
    return 0 if pd.isna(value) else int(value)


def seven_categories(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("przestepstwa", ds.year):
        return _no_data(ds, "Przestępstwa w 7 kategoriach")
    table = ind.crime_table(ds, area).loc[list(SEVEN_CATEGORIES)]
    rows = [Row(_comparison_cells(table.at[c, "wskaznik"], table.loc[c])
                + [_fmt_share(table.at[c, "wykrywalnosc"], table.at[c, "biezacy"])]) for c in SEVEN_CATEGORIES]
    changes = [(c, table.at[c, "zmiana"]) for c in SEVEN_CATEGORIES]
    parts = [
        blocks.paragraphs(seven_categories_sentence(changes)),
        blocks.table(_caption(ds, area, "Przestępstwa w 7 kategoriach"),
                     [*_comparison_columns(ds, "kategoria"), Column(f"wykrywalność {ds.year}")], rows),
    ]
    if area is None:  # in a gmina the counts are small: the table says it better than bars
        parts.append(blocks.figure(_seven_chart(ds, table)))
    return blocks.join(parts)


def _seven_chart(ds: Dataset, table: pd.DataFrame) -> charts.Chart:
    labels = [table.at[c, "wskaznik"] for c in SEVEN_CATEGORIES]
    alt = (f"Wykres słupkowy poziomy: przestępstwa w 7 kategoriach {_place(ds, None)}, {_prev(ds)} i {ds.year} r. "
           + "; ".join(f"{table.at[c, 'wskaznik']}: {fmt_int(table.at[c, 'poprzedni'])} i "
                       f"{fmt_int(table.at[c, 'biezacy'])}" for c in SEVEN_CATEGORIES) + ".")
    return charts.paired_hbars(labels, [_value(v) for v in table["biezacy"]],
                               [_value(v) for v in table["poprzedni"]], current_label=f"{ds.year} r.",
                               previous_label=f"{_prev(ds)} r.", alt=alt,
                               caption=_caption(ds, None, "Przestępstwa w 7 kategoriach",
                                                f"{_prev(ds)} i {ds.year} r."))



def gminas_compared(ds: Dataset) -> Block:
    if not ds.has("przestepstwa", ds.year) or not ds.has("ludnosc", ds.year):
        return _no_data(ds, "Porównanie gmin")
    rates = ind.gmina_rates(ds)
    average = ind.gminas_rate(ds)
    few = [g for g, flag in zip(rates["gmina"], rates["malo_przypadkow"], strict=True) if flag]
    alt = (f"Wykres słupkowy poziomy: przestępstwa stwierdzone na 10 tys. mieszkańców w gminach w {ds.year} r., "
           f"od najwyższego: " + "; ".join(f"{g} {fmt_number(v)}" for g, v in zip(rates["gmina"], rates["na_10_tys"],
                                                                                strict=True))
           + f". Średnia gmin powiatu: {fmt_number(average)}.")
    chart = charts.ranked_hbars(list(rates["gmina"]), [_value(v) for v in rates["na_10_tys"]],
                                reference=_value(average), reference_label=f"średnia gmin ({fmt_number(average)})",
                                flagged=list(rates["malo_przypadkow"]),
                                flag_label=f"mniej niż {ind.FEW_CASES} przestępstw", alt=alt,
                                caption=_caption(ds, None, "Przestępstwa na 10 tys. mieszkańców w gminach",
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


# ------------------------------------------------------------------ roads, interventions


def road_safety(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("ruch_drogowy", ds.year):
        return _no_data(ds, "Ruch drogowy")
    table = ind.roads_table(ds, area)
    rows = [Row(_comparison_cells(table.at[c, "wskaznik"], table.loc[c])) for c in table.index]
    return blocks.join([
        blocks.paragraphs(_road_sentence(ds, area, table), css="intro"),
        blocks.table(_caption(ds, area, "Bezpieczeństwo w ruchu drogowym"), _comparison_columns(ds, "zdarzenia"),
                     rows),
        *([blocks.figure(_road_chart(ds))] if area is None else []),
    ])


def _people(count: object, one: str, few: str, many: str, none: str) -> str:
    """ "zginęła 1 osoba", "zginęły 2 osoby", "zginęło 5 osób"; the verb agrees with the number."""
    if pd.isna(count):
        return f"{many} {MISSING_TEXT}"
    if count == 0:
        return none
    n = fmt_int(count)
    return plural(int(count), f"{one} {n} osoba", f"{few} {n} osoby", f"{many} {n} osób")


def _road_sentence(ds: Dataset, area: Area, table: pd.DataFrame) -> str:
    accidents, killed, injured = (table.at[c, "biezacy"] for c in ("wypadki", "zabici", "ranni"))
    if pd.isna(accidents):
        return f"Liczba wypadków drogowych {_place(ds, area)}: {MISSING_TEXT} za {ds.year} r."
    if accidents == 0:
        return f"W {ds.year} r. {_place(ds, area)} nie odnotowano wypadków drogowych."
    n = fmt_int(accidents)
    nobody_killed = "nikt w nim nie zginął" if accidents == 1 else "nikt w nich nie zginął"
    text = (f"W {ds.year} r. {_place(ds, area)} doszło do "
            f"{plural(int(accidents), f'{n} wypadku drogowego', f'{n} wypadków drogowych', f'{n} wypadków drogowych')}"
            f"; {_people(killed, 'zginęła', 'zginęły', 'zginęło', nobody_killed)}, "
            f"{_people(injured, 'została ranna', 'zostały ranne', 'zostało rannych', 'nikt nie został ranny')}.")
    if accidents >= ind.FEW_CASES:  # a rate per 100 accidents means little for a handful of them
        severity = ind.road_severity(ds, area)
        text += (f" Na 100 wypadków przypadało {fmt_number(severity['zabici_na_100'])} zabitych i "
                 f"{fmt_number(severity['ranni_na_100'])} rannych.")
    return text


def _road_chart(ds: Dataset) -> charts.Chart:
    years = list(ds.years)
    series = {label: [_value(ind._value(ds, "ruch_drogowy", column, y, None)) for y in years]
              for column, label in (("wypadki", "wypadki"), ("ranni", "ranni"), ("zabici", "zabici"))}
    alt = (f"Wykres liniowy: wypadki, ranni i zabici {_place(ds, None)} w latach {_years(ds)}. "
           + "; ".join(f"{y}: wypadki {fmt_int(series['wypadki'][i])}, ranni {fmt_int(series['ranni'][i])}, "
                       f"zabici {fmt_int(series['zabici'][i])}" for i, y in enumerate(years)) + ".")
    return charts.trend_lines(years, series, alt=alt,
                              caption=_caption(ds, None, "Wypadki drogowe i ich ofiary", _years(ds)))



def interventions(ds: Dataset, area: Area = None) -> Block:
    table = ind.interventions_table(ds, area)
    if table is None:
        return _no_data(ds, "Interwencje")
    total = table.loc["interwencje"]
    rows = [Row(_comparison_cells(table.at[c, "wskaznik"], table.loc[c])) for c in table.index]
    notes = []
    if _prev(ds) <= DOMESTIC_VIOLENCE_LAW.year:
        notes.append("Od 22 czerwca 2023 r. przepisy posługują się pojęciem przemocy domowej, a nowe formularze "
                     "Niebieskiej Karty obowiązują od 28 września 2023 r.; porównanie z wcześniejszymi latami "
                     "trzeba czytać z tym zastrzeżeniem.")
    return blocks.join([
        blocks.paragraphs(f"W {ds.year} r. policjanci {_place(ds, area)} podjęli {fmt_int(total['biezacy'])} "
                          f"{plural(_int(total['biezacy']), 'interwencję', 'interwencje', 'interwencji')} "
                          f"(w {_prev(ds)} r.: {fmt_int(total['poprzedni'])}).", css="intro"),
        blocks.table(_caption(ds, area, "Interwencje policji"), _comparison_columns(ds, "rodzaj"), rows,
                     notes=notes),
    ])


# ------------------------------------------------------------------ KMZB


def kmzb(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("kmzb", ds.year):
        return _no_data(ds, "Krajowa Mapa Zagrożeń Bezpieczeństwa")
    summary = ind.kmzb_summary(ds, area, ds.year)
    before = ind.kmzb_summary(ds, area, ds.previous_year)
    categories = ind.kmzb_by_category(ds, area)
    count = _int(summary["zgloszenia"])
    parts: list[Block] = [blocks.paragraphs(
        f"W {ds.year} r. mieszkańcy {'powiatu' if area is None else 'gminy'} nanieśli na Krajową Mapę Zagrożeń "
        f"Bezpieczeństwa {fmt_int(count)} {plural(count, 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')} "
        f"(w {_prev(ds)} r.: {fmt_int(before['zgloszenia'])}). Policjanci potwierdzili "
        f"{_fmt_share(summary['udzial_potwierdzonych'], count)} z nich, a spośród potwierdzonych "
        f"{_fmt_share(summary['udzial_wyeliminowanych'], summary['potwierdzone'])} zostało wyeliminowanych.",
        css="intro")]
    if categories["razem"].sum() > 0:
        top = categories[categories["razem"] > 0].head(TOP_KMZB_CATEGORIES)
        pending = top["Nowe"] + top["Weryfikacja"]
        groups = {"potwierdzone": list(top["potwierdzone"]), "niepotwierdzone": list(top["Niepotwierdzone"]),
                  "w trakcie weryfikacji": list(pending)}
        alt = (f"Wykres słupkowy poziomy: najczęstsze kategorie zgłoszeń KMZB {_place(ds, area)} w {ds.year} r. "
               + "; ".join(f"{c}: {fmt_int(t)} (potwierdzone {fmt_int(p)})"
                           for c, t, p in zip(top.index, top["razem"], top["potwierdzone"], strict=True)) + ".")
        caption = _caption(ds, area, "Najczęstsze zgłoszenia na KMZB", f"{ds.year} r.")
        parts.append(blocks.figure(charts.stacked_hbars(list(top.index), groups, alt=alt, caption=caption)))
        rows = [Row([c, fmt_int(r["poprzedni"]), fmt_int(r["razem"]), fmt_int(r["potwierdzone"]),
                     fmt_int(r["Potwierdzone (wyeliminowane)"])]) for c, r in categories.iterrows()]
        parts.append(blocks.table(_caption(ds, area, "Zgłoszenia na KMZB według kategorii"),
                                  [Column("kategoria", False), Column(f"{_prev(ds)} r."), Column(f"{ds.year} r."),
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


# ------------------------------------------------------------------ prevention


def prevention(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("dzialania", ds.year):
        return _no_data(ds, "Działania profilaktyczne")
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
            f"W {ds.year} r. {_place(ds, area)} przeprowadzono {fmt_int(total)} "
            f"{plural(total, 'działanie profilaktyczne', 'działania profilaktyczne', 'działań profilaktycznych')} "
            f"z udziałem {fmt_int(people)} {plural(people, 'osoby', 'osób', 'osób')}."
            + (" Liczba nie obejmuje wydarzeń ogólnopowiatowych, opisanych w rozdziale o powiecie."
               if area is not None else ""), css="intro"),
        blocks.table(_caption(ds, area, "Działania profilaktyczne według rodzaju"),
                     [Column("rodzaj działania", False), Column(f"{_prev(ds)} r."), Column(f"{ds.year} r."),
                      Column(f"uczestnicy {ds.year}")], rows),
        *([blocks.figure(_prevention_chart(ds, shown))] if area is None else []),
        blocks.table(_caption(ds, area, "Działania profilaktyczne według grupy docelowej", f"{ds.year} r."),
                     [Column("grupa docelowa", False), Column("działania"), Column("uczestnicy")], group_rows,
                     ),
    ])


def _prevention_chart(ds: Dataset, kinds: pd.DataFrame) -> charts.Chart:
    alt = (f"Wykres słupkowy poziomy: liczba działań profilaktycznych według rodzaju {_place(ds, None)}, "
           f"{_prev(ds)} i {ds.year} r. " + "; ".join(
               f"{r['etykieta']}: {fmt_int(r['wydarzenia_poprzednio'])} i {fmt_int(r['wydarzenia'])}"
               for _, r in kinds.iterrows()) + ".")
    return charts.paired_hbars(list(kinds["etykieta"]), [float(v) for v in kinds["wydarzenia"]],
                               [_value(v) for v in kinds["wydarzenia_poprzednio"]], current_label=f"{ds.year} r.",
                               previous_label=f"{_prev(ds)} r.", alt=alt,
                               caption=_caption(ds, None, "Działania profilaktyczne według rodzaju",
                                                f"{_prev(ds)} i {ds.year} r."))


def events_list(ds: Dataset, area: Area) -> Block:
    """Every event of the year in the area, in date order."""
    if not ds.has("dzialania", ds.year):
        return _no_data(ds, "Wykaz działań")
    events = ind.events(ds, area, ds.year)
    if events.empty:
        return blocks.paragraphs(f"W {ds.year} r. nie odnotowano działań profilaktycznych {_place(ds, area)}.")
    rows = [Row([fmt_day(e["data"]), e["nazwa"], EVENT_KINDS[e["rodzaj"]], TARGET_GROUPS[e["grupa_docelowa"]],
                 fmt_int(e["uczestnicy"])]) for _, e in events.iterrows()]
    return blocks.table(_caption(ds, area, "Wykaz działań profilaktycznych", f"{ds.year} r."),
                        [Column("data", False, "c-date"), Column("nazwa", False, "c-name"),
                         Column("rodzaj", False, "c-kind"), Column("grupa docelowa", False, "c-group"),
                         Column("uczestnicy", True, "c-count")], rows,
                        row_headers=False, css="fixed", long=True)


def cooperation(ds: Dataset) -> Block:
    """Partners of the prevention events and who paid for extra patrols."""
    if not ds.has("dzialania", ds.year):
        return _no_data(ds, "Współpraca")
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
        parts.append(blocks.table(_caption(ds, None, "Najczęstsi partnerzy działań profilaktycznych", f"{ds.year} r."),
                                  [Column("partner", False), Column("wspólne działania")], rows))
    return blocks.join(parts)


# ------------------------------------------------------------------ extra patrols


def patrols(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("sluzby_ponadnormatywne", ds.year):
        return _no_data(ds, "Służby ponadnormatywne")
    table = ind.patrols_table(ds, area, ds.year)
    if table.empty:
        who = "żaden samorząd nie finansował" if area is None else \
            f"gmina {ds.powiat.name_of(area)} nie finansowała"
        return blocks.paragraphs(f"W {ds.year} r. {who} dodatkowych służb policji.")
    rows = [Row([r["platnik"], fmt_money(r["kwota_zl"]), fmt_int(r["liczba_sluzb"]), fmt_number(r["liczba_godzin"], 0),
                 fmt_money(r["koszt_godziny"])]) for _, r in table.iterrows()]
    if area is None and len(table) > 1:
        rows.append(Row(["razem", fmt_money(table["kwota_zl"].sum()), fmt_int(table["liczba_sluzb"].sum()),
                         fmt_number(table["liczba_godzin"].sum(), 0),
                         fmt_money(table["kwota_zl"].sum() / table["liczba_godzin"].sum())], css="total"))
    results = [(label, table[column].sum(min_count=1)) for column, label in (
        ("legitymowani", "osoby wylegitymowane"), ("pouczeni", "osoby pouczone"), ("mandaty", "mandaty karne"),
        ("wnioski_o_ukaranie", "wnioski o ukaranie"), ("zatrzymani", "osoby zatrzymane"))]
    return blocks.join([
        blocks.paragraphs("Służby ponadnormatywne pełnią policjanci w czasie wolnym od służby, a opłaca je samorząd "
                          "na podstawie porozumienia z komendantem (art. 13 ust. 4a ustawy o Policji)."),
        blocks.table(_caption(ds, area, "Służby ponadnormatywne finansowane przez samorządy", f"{ds.year} r."),
                     [Column("finansujący", False), Column("kwota"), Column("służby"), Column("godziny"),
                      Column("koszt godziny")], rows),
        blocks.table(_caption(ds, area, "Efekty służb ponadnormatywnych", f"{ds.year} r."),
                     [Column("efekt", False), Column("liczba")], [[label, fmt_int(v)] for label, v in results],
                     ),
    ])


# ------------------------------------------------------------------ plan


PLAN_NOTE = ("Pozycja planu to rodzaj działania zaplanowany w gminie albo w całym powiecie; jest zrealizowana, "
             "jeśli odbyło się co najmniej jedno takie działanie. Realizacja nie przekracza 100%: działania ponad "
             "plan się w niej nie liczą.")


def plan_done(ds: Dataset, area: Area = None, heading: int = 0) -> Block:
    """Last year's plan for this year against what was done; with its own heading of
    level `heading` (the year is in it), if given."""
    table = ind.plan_vs_done(ds, area)
    if table is None:
        return _no_data(ds, f"Plan działań na {ds.year} r.", _prev(ds))
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
        blocks.table(_caption(ds, area, f"Realizacja planu działań na {ds.year} r."), columns, rows,
                     long=len(rows) > 15, row_headers=area is None, notes=[PLAN_NOTE]),
    ])


def plan_next_year(ds: Dataset, area: Area = None, heading: int = 0) -> Block:
    """This year's plan for the next year; with its own heading of level `heading`, if given."""
    plan = ind.plan_next(ds, area)
    if plan is None:
        return _no_data(ds, f"Plan działań na {ds.year + 1} r.")
    if plan.empty:
        return blocks.paragraphs(f"Na {ds.year + 1} r. nie zaplanowano działań {_place(ds, area)}.")
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
                          f"{plural(len(plan), 'działanie', 'działania', 'działań')} {_place(ds, area)}: {summary}.",
                          css="intro"),
        blocks.table(_caption(ds, area, f"Plan działań na {ds.year + 1} r."), columns, rows,
                     row_headers=False, css="fixed", long=True),
    ])


# ------------------------------------------------------------------ annex


def data_sources(ds: Dataset) -> Block:
    rows = [Row([s.label, fmt_int(s.rows), s.sha256[:16] + "…"]) for s in ds.sources]
    return blocks.join([
        blocks.paragraphs(
            f"Raport przygotowano z danych {ds.powiat.policja_skrot.replace('KPP', 'Komendy Powiatowej Policji')} "
            f"i gmin {ds.powiat.nazwa_dopelniacz} za lata {_years(ds)}. Poniższe pliki są dołączone do "
            "dokumentu PDF; skrót SHA-256 pozwala sprawdzić, że nie zostały zmienione."),
        blocks.table("Pliki źródłowe raportu", [Column("plik", False), Column("wiersze"), Column("SHA-256", False)],
                     rows, css="sources", long=True),
    ])


def data_quality(ds: Dataset) -> Block:
    missing = sorted(ds.missing)
    notes = [f"{y} r.: brak pliku {t}.csv" for y, t in missing if y == ds.year or t != "interwencje"]
    warnings = [f"{p.where()}: {p.message}" for p in ds.problems if not p.is_error and p.message != "brak pliku"]
    empty = _empty_cells(ds)
    parts = [blocks.paragraphs(
        "Puste komórki w danych oznaczają brak danych, a nie zero; w tabelach oznaczono je skrótem „b.d.” "
        "(brak danych). Wartości dla powiatu są sumą gmin i danych przypisanych całemu powiatowi; "
        "jeśli dane gminy są niepełne, suma jest niepełna.")]
    if empty:
        parts.append(blocks.table("Brakujące wartości w danych", [Column("tabela", False), Column("rok"),
                                                                   Column("puste komórki")], empty))
    if notes or warnings:
        parts.append(blocks.paragraphs("Uwagi z kontroli danych:"))
        parts.append(blocks.bullets([*notes, *warnings], css="quality"))
    else:
        parts.append(blocks.paragraphs("Kontrola danych nie zgłosiła uwag: wszystkie pliki są kompletne."))
    return blocks.join(parts)


def _empty_cells(ds: Dataset) -> list[Row]:
    rows = []
    for name, frame in ds.tables.items():
        required = [f.name for f in TABLES[name].fields if f.required and not f.not_empty]
        for year, part in frame.groupby("rok"):
            count = int(part[required].isna().sum().sum()) if len(part) else 0
            if count:
                rows.append(Row([f"{name}.csv", str(year), fmt_int(count)]))
    return rows


