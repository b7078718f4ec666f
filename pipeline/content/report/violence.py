"""Domestic violence per gmina (`interwencje.csv`): domestic interventions and Niebieska Karta
procedures, this year against last; the powiat's chapter sets the gminas side by side and
notes, once, the 2023 change of the law. Present only when the year's file is."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import order
from ...data.formatting import fmt_number
from ...data.schema import PUBLIC_ORDER
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import Area, as_int, caption_for, comparing, comparison_columns, place, prev_year
from .privacy import comparison_cells, shown

__all__ = ["DOMESTIC_VIOLENCE_LAW", "TITLE", "domestic_violence"]

TITLE = "Przemoc domowa"
# The law on domestic violence changed its terms that day, and the Niebieska Karta forms on 28 Sep 2023.
DOMESTIC_VIOLENCE_LAW = dt.date(2023, 6, 22)
HOME_CALLS = ("interwencję domową", "interwencje domowe", "interwencji domowych")
LAW_NOTE = ("Od 22.06.2023 r. przepisy mówią o przemocy domowej (wcześniej: w rodzinie); nowe formularze "
            "„Niebieskiej Karty” – od 28.09.2023 r.")


def domestic_violence(ds: Dataset, area: Area = None) -> Block:
    """The section, when there is no `porzadek.csv` (with it, domestic violence joins that section's table)."""
    table = order.comparison(ds, "interwencje", order.DOMESTIC, area)
    if table is None or order.has_figures(ds, "porzadek", list(PUBLIC_ORDER)):
        return blocks.join([])
    if area is None:  # the interventions' sentence just before it gives the powiat's totals
        return blocks.join([blocks.heading(2, TITLE), _by_gmina(ds)])
    rows = [Row(comparison_cells(ds, area, code, r)) for code, r in table.iterrows()]
    return blocks.join([blocks.heading(2, TITLE), blocks.paragraphs(_sentence(ds, area, table), css="intro"),
                        blocks.table(caption_for(ds, area, "Przemoc domowa"), comparison_columns(ds, "zdarzenia"),
                                     rows)])


def _sentence(ds: Dataset, area: Area, table: pd.DataFrame) -> str:
    calls, cards = table.loc["interwencje_domowe"], table.loc["niebieskie_karty"]
    text = (f"W {ds.year} r. policjanci {place(ds, area)} podjęli "
            f"{_count(ds, area, 'interwencje_domowe', ds.year, calls['biezacy'], HOME_CALLS)} i wszczęli "
            f"{_count(ds, area, 'niebieskie_karty', ds.year, cards['biezacy'], ('procedurę', 'procedury', 'procedur'))}"
            " „Niebieskie Karty”")
    if comparing(ds):
        text += (f" (w {prev_year(ds)} r.: {shown(ds, area, 'interwencje_domowe', prev_year(ds), calls['poprzedni'])}"
                 f" i {shown(ds, area, 'niebieskie_karty', prev_year(ds), cards['poprzedni'])})")
    return text + "."


def _count(ds: Dataset, area: Area, column: str, year: int, value: object, forms: tuple[str, str, str]) -> str:
    """ "517 interwencji", "mniej niż 3 procedury": the noun agrees with what is printed."""
    printed = shown(ds, area, column, year, value)
    if not printed[0].isdigit():
        return f"{printed} {forms[1]}"
    return f"{printed} {plural(as_int(value), *forms)}"


def _by_gmina(ds: Dataset) -> Block:
    figures = order.violence_by_gmina(ds)
    compare = comparing(ds)
    rows = []
    for code, v in figures.iterrows():
        area = None if code == ds.powiat.code else str(code)
        name = "powiat" if area is None else ds.powiat.name_of(str(code))
        cells = [name]
        for column in order.DOMESTIC:
            if compare:
                cells.append(shown(ds, area, column, ds.previous_year, v[f"{column}_poprzednio"]))
            cells.append(shown(ds, area, column, ds.year, v[column]))
        cells.append(fmt_number(v["karty_na_10_tys"]))
        rows.append(Row(cells, css="total" if area is None else ""))
    columns = [Column("gmina", False, "c-gmina")]
    for label in ("interwencje domowe", "„Niebieskie Karty”"):
        columns += [*([Column(f"{label} {prev_year(ds)} r.")] if compare else []), Column(f"{label} {ds.year} r.")]
    columns.append(Column("karty na 10 tys. mieszkańców"))
    notes = [LAW_NOTE + (" Porównanie z latami sprzed tej zmiany czytaj z tym zastrzeżeniem."
                         if prev_year(ds) <= DOMESTIC_VIOLENCE_LAW.year else "")]
    return blocks.table(caption_for(ds, None, "Przemoc domowa w gminach"), columns, rows, notes=notes,
                        css="fixed by-gmina")

