"""The report's first page and the opening of each chapter.

`conclusions` is page 3, "Najważniejsze wnioski": the findings (see `content.findings`),
the gminas at a glance against the average of all gminas, and what is planned next.
`powiat_heading` / `gmina_heading` open a chapter with the place's facts, and
`key_figures` gives its main figures this year against last year.
"""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.figures.keyfigures import KeyFigure
from ...data.figures.keyfigures import key_figures as figures_of
from ...data.formatting import (
    MISSING,
    NOT_APPLICABLE,
    fmt_change,
    fmt_int,
    fmt_list,
    fmt_money,
    fmt_number,
    fmt_percent,
    money_digits,
)
from ...data.schema import EVENT_KINDS, SEVEN_CATEGORIES
from .. import blocks
from ..blocks import GMINA_CHAPTERS_MARKER, Annotated, Block, Column, Row
from ..findings import findings
from ..narrative import plural
from .benchmark import benchmark_line
from .common import (
    SMALL_BASE,
    Area,
    caption_for,
    comparing,
    comparison_columns,
    fmt_dynamika,
    prev_year,
    relation,
    share_cell,
    years_span,
)
from .goals import goals_line
from .resources import police_facts

__all__ = ["conclusions", "gmina_chapters_here", "gmina_heading", "key_figures", "powiat_heading"]

# The rates per 10,000 residents on which the first page sets each gmina against the others.
AT_A_GLANCE = ("przestepstwa", "wypadki", "kmzb", "dzialania")


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
            ("Lata w porównaniach", years_span(ds)),
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
            ("Urząd", gmina.urzad), ("Rada", gmina.rada), *police_facts(ds, teryt),
        ]),
    ])


def gmina_chapters_here() -> Block:
    """Where the assembled document places the gmina chapters."""
    return blocks.marker(GMINA_CHAPTERS_MARKER)


# ------------------------------------------------------------------ the first page


def conclusions(ds: Dataset) -> Block:
    """Page 3: what the year says, the gminas at a glance, and what comes next."""
    items = [(f.headline, f.text) for f in findings(ds)]
    lead = (f"Rok {ds.year} w {ds.powiat.nazwa_miejscownik} na tle {prev_year(ds)} r.:" if comparing(ds) else
            f"Rok {ds.year} w {ds.powiat.nazwa_miejscownik}. To pierwszy rok w danych raportu: porównania "
            "z poprzednimi latami i trendy pojawią się, gdy w folderze danych znajdą się wcześniejsze lata.")
    parts = [blocks.paragraphs(lead, css="lead intro"), blocks.led_items(items, css="findings")]
    if ds.has("ludnosc", ds.year):
        parts.append(_at_a_glance(ds))
    closing = [line for line in (benchmark_line(ds), goals_line(ds), _plan_line(ds)) if line is not None]
    if closing:
        parts.append(blocks.paragraphs(*closing, css="next-year"))
    return blocks.join(parts)


def _at_a_glance(ds: Dataset) -> Block:
    """Each gmina's rates against the average of all gminas, judged by the funnel's limits for
    a gmina of its population (as in each gmina's "na tle powiatu")."""
    comparisons = [c for c in ind.COMPARISONS if c.key in AT_A_GLANCE]
    rates = {c.key: c.rates(ds) for c in comparisons}
    averages = {c.key: c.average(ds) for c in comparisons}
    rows = []
    for gmina in ds.powiat.gminy:
        cells = [gmina.nazwa]
        for c in comparisons:
            rate, value, people = (rates[c.key].at[gmina.teryt, k] for k in ("na_10_tys", "wartosc", "ludnosc"))
            cells.append(_glance_cell(rate, value, people, averages[c.key]))
        rows.append(Row(cells))
    rows.append(Row(["średnia gmin", *(fmt_number(averages[c.key]) for c in comparisons)], css="total"))
    return blocks.table(caption_for(ds, None, "Gminy na tle średniej gmin, na 10 tys. mieszkańców", f"{ds.year} r."),
                        [Column("gmina", False), *(Column(c.label) for c in comparisons)], rows, css="glance")


def _glance_cell(rate: object, value: object, people: object, average: object) -> str:
    """ "230,2 ≈ w granicach", "326,1 ▲ wyżej", "7,4 ≈ w granicach *" (fewer than 10 cases), "brak zdarzeń"."""
    if pd.isna(rate):
        return MISSING
    if rate == 0:
        return "brak zdarzeń"
    return f"{fmt_number(rate)} {relation(value, people, average, few=value < ind.FEW_CASES)}"


def _plan_line(ds: Dataset) -> str | None:
    plan = ind.plan_next(ds)
    if plan is None or plan.empty:
        return None
    county = int((plan["teryt"] == ds.powiat.code).sum())
    kinds = plan["rodzaj"].value_counts().head(3)
    most = fmt_list([f"{EVENT_KINDS[k]} ({n})" for k, n in kinds.items()])
    total = len(plan)
    return (f"Na {ds.year + 1} r. policja i samorządy zaplanowały {fmt_int(total)} "
            f"{plural(total, 'działanie', 'działania', 'działań')} – {fmt_int(total - county)} w gminach i "
            f"{fmt_int(county)} w całym powiecie; najwięcej: {most}. Szczegóły: rozdział „Plan na kolejny rok” "
            "i rozdziały gmin.")


# ------------------------------------------------------------------ a chapter's key figures


def key_figures(ds: Dataset, area: Area = None) -> Block:
    """The chapter's main figures, this year against last; rows that are 0 in both years are left
    out. The last column says whether a change of an outcome is more than chance."""
    figures = [f for f in figures_of(ds, area) if f.code not in SEVEN_CATEGORIES
               and not (_zero(f.current) and _zero(f.previous))]
    if not comparing(ds):
        rows = [Row([f.label, _fmt_figure(f, 0)]) for f in figures]
        return blocks.table(caption_for(ds, area, "Najważniejsze wskaźniki", f"{ds.year} r."),
                            comparison_columns(ds, "wskaźnik"), rows, css="key-figures")
    rows = [Row([f.label, _fmt_figure(f, 1), _fmt_figure(f, 0),
                 NOT_APPLICABLE if f.kind == "percent" else fmt_dynamika(f.dynamika, f.previous), _fmt_change(f),
                 _verdict(f)]) for f in figures]
    return blocks.table(caption_for(ds, area, "Najważniejsze wskaźniki", f"{ds.year} r. na tle {prev_year(ds)} r."),
                        [*comparison_columns(ds, "wskaźnik"), Column("ocena zmiany", False, "nowrap")], rows,
                        css="key-figures")


def _zero(value: object) -> bool:
    return not pd.isna(value) and value == 0


def _fmt_figure(figure: KeyFigure, which: int) -> str | Annotated:
    """This year's (0) or last year's (1) value; a share on a base under 10 as its counts. (The
    survey's interval stands in the goals chapter; here its verdict says whether it moved.)"""
    value = (figure.current, figure.previous)[which]
    if figure.kind == "money":
        return fmt_money(value, money_digits([figure.current, figure.previous]))
    if figure.kind != "percent":
        return fmt_int(value)
    part, base = figure.parts[which], figure.bases[which]
    return share_cell(part, base, value) if not pd.isna(base) else fmt_percent(value)


def _fmt_change(figure: KeyFigure) -> str | Annotated:
    if pd.isna(figure.change):
        return fmt_change(figure.change)
    if figure.kind == "percent":
        if figure.small_base(0) or figure.small_base(1):
            return Annotated(NOT_APPLICABLE, SMALL_BASE)
        return fmt_change(figure.change, 1) + " pkt proc."
    if figure.kind == "money":
        return fmt_change(figure.change, money_digits([figure.current, figure.previous])) + " zł"
    return fmt_change(figure.change)


def _verdict(figure: KeyFigure) -> str:
    """ "▲ wzrost", "▼ spadek" (more than chance), "≈ w granicach" (of the usual swings); an
    output's change is a fact and gets no verdict."""
    test = figure.test()
    if test is None or test.direction == 0:
        return ""
    if not test.significant:
        return "≈ w granicach"
    return "▲ wzrost" if test.direction > 0 else "▼ spadek"
