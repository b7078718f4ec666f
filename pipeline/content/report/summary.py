"""The opening of each chapter: its heading with the place's facts, and the key figures."""

from __future__ import annotations

import pandas as pd

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import MISSING, NOT_APPLICABLE, fmt_change, fmt_int, fmt_money, fmt_number, fmt_percent
from ...data.schema import SEVEN_CATEGORIES
from .. import blocks
from ..blocks import GMINA_CHAPTERS_MARKER, Block, Row
from ..narrative import change_sentence, seven_categories_sentence
from .common import Area, caption_for, comparison_columns, fmt_share, place, prev_year, years_span

__all__ = ["gmina_chapters_here", "gmina_heading", "key_findings", "powiat_heading"]


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
        ]),
    ])


def gmina_chapters_here() -> Block:
    """Where the assembled document places the gmina chapters."""
    return blocks.marker(GMINA_CHAPTERS_MARKER)


# ------------------------------------------------------------------ key findings


def key_findings(ds: Dataset, area: Area = None) -> Block:
    figures = ind.key_figures(ds, area)
    by_code = {f.code: f for f in figures}
    sentences = [change_sentence(by_code[c], ds.year, prev_year(ds))
                 for c in ("przestepstwa", "wykrywalnosc", "wypadki", "zabici", "kmzb", "dzialania", "godziny")]
    seven = seven_categories_sentence([(c, by_code[c].change) for c in SEVEN_CATEGORIES])
    rows = [Row([f.label, _fmt_figure(f, f.previous), _fmt_figure(f, f.current),
                 NOT_APPLICABLE if f.kind == "percent" else fmt_share(f.dynamika, f.previous), _fmt_change(f)],
                css="sub" if f.code in SEVEN_CATEGORIES else "")
            for f in figures]
    return blocks.join([
        blocks.paragraphs(f"Najważniejsze dane {place(ds, area)} w {ds.year} r. w porównaniu z {prev_year(ds)} r.",
                          css="lead intro"),
        blocks.table(caption_for(ds, area, "Najważniejsze dane", f"{ds.year} r. na tle {prev_year(ds)} r."),
                     comparison_columns(ds, "wskaźnik"), rows, css="key-figures",
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
