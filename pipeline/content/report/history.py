"""This year against the previous years for the key series: a control-chart view.

For each series, the previous years' mean and range and the c-chart's limits around the mean
(`stats.control_limits`: exact Poisson limits at the probabilities of ±3σ). This year is
"powyżej granic" or "poniżej granic" only outside them; "najwięcej od 5 lat" is said only when
it is literally more than in every year shown. Why a c-chart and not the range alone: with four
previous years, a new year falls outside their range by chance two times in five.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.figures import stats
from ...data.formatting import fmt_int, fmt_list, fmt_number, fmt_years
from .. import blocks
from ..blocks import Block, Column, Row
from .common import caption_for

__all__ = ["past_years"]

MIN_PAST = 2  # previous years a series needs for its limits

Series = Callable[[Dataset, int], object]


def _crimes(category: str) -> Series:
    return lambda ds, year: ind.total(ds, "przestepstwa", "stwierdzone", year, kategoria=category)


def _residual(ds: Dataset, year: int) -> object:
    parts = [_crimes(c)(ds, year) for c in ("ogolem", "kryminalne", "gospodarcze", "drogowe")]
    if any(pd.isna(p) for p in parts) or parts[0] < sum(parts[1:]):
        return pd.NA
    return parts[0] - sum(parts[1:])


def _column(table: str, column: str) -> Series:
    return lambda ds, year: ind.total(ds, table, column, year)


SERIES: tuple[tuple[str, Series], ...] = (
    ("przestępstwa ogółem", _crimes("ogolem")),
    ("przestępstwa kryminalne", _crimes("kryminalne")),
    ("przestępstwa gospodarcze", _crimes("gospodarcze")),
    ("przestępstwa drogowe", _crimes("drogowe")),
    ("przestępstwa pozostałe", _residual),
    ("wypadki drogowe", _column("ruch_drogowy", "wypadki")),
    ("ranni", _column("ruch_drogowy", "ranni")),
    ("zabici", _column("ruch_drogowy", "zabici")),
    ("nietrzeźwi kierujący", _column("ruch_drogowy", "nietrzezwi_kierujacy")),
    ("zgłoszenia na KMZB", _column("kmzb", "liczba")),
    ("interwencje ogółem", _column("interwencje", "interwencje")),
    ("interwencje domowe", _column("interwencje", "interwencje_domowe")),
)


def past_years(ds: Dataset) -> Block:
    """A table of the key series under a heading of its own (it closes the chapter's part on what
    happened, before what was done): the previous years' mean, range and limits, and this year."""
    past = [y for y in ds.years if y < ds.year]
    if len(past) < MIN_PAST:
        return blocks.join([])
    span = fmt_years(past[0], past[-1])
    rows, left_out = [], []
    for label, series in SERIES:
        history = [series(ds, y) for y in past]
        now = series(ds, ds.year)
        if pd.isna(now) or any(pd.isna(v) for v in history):
            left_out.append(label)
            continue
        limits = stats.control_limits([float(v) for v in history])
        rows.append(Row([label, fmt_number(limits.mean, 0), f"{fmt_int(limits.lowest)}–{fmt_int(limits.highest)}",
                         f"{fmt_int(limits.lower)}–{fmt_int(limits.upper)}", fmt_int(now),
                         _verdict(limits, float(now), len(past) + 1)]))
    if not rows:
        return blocks.join([])
    note = (f"Granice wahań: karta kontrolna c (średnia lat {span} ± 3 odchylenia); wynik w granicach nie świadczy "
            "o trendzie.")
    if left_out:
        note += f" Bez danych za wszystkie te lata: {fmt_list(left_out)}."
    return blocks.join([
        blocks.heading(3, f"Rok {ds.year} na tle lat {span}"),
        blocks.table(caption_for(ds, None, f"Przestępstwa, ruch drogowy i zgłoszenia KMZB w {ds.year} r. na tle lat "
                                 f"{span}"),
                     [Column("zdarzenia", False), Column(f"średnia {span}"), Column(f"zakres {span}"),
                      Column("granice wahań", True, "nowrap"), Column(f"{ds.year} r."),
                      Column(f"{ds.year} r. na tle lat poprzednich", False)], rows, notes=[note])])


def _verdict(limits: stats.ControlLimits, now: float, years: int) -> str:
    """ "▲ powyżej granic; najwięcej od 5 lat", "≈ w granicach" """
    text = {1: "▲ powyżej granic", -1: "▼ poniżej granic", 0: "≈ w granicach"}[limits.position(now)]
    if now > limits.highest:
        text += f"; najwięcej od {years} lat"
    elif now < limits.lowest:
        text += f"; najmniej od {years} lat"
    return text
