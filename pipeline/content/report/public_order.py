"""Public order (`porzadek.csv`) and domestic violence (`interwencje.csv`) in one section:
misdemeanours and how they ended, detentions, sobering-up, missing persons, domestic
interventions and Niebieska Karta procedures. The powiat's chapter sets its gminas side by
side (the powiat's two years below them), a gmina's chapter its two years and the change;
the figures the table leaves out are in the sentence above it. The 2023 change of the law on
domestic violence is noted once, under the powiat's table. Present only with the year's
`porzadek.csv` (without it, domestic violence stands alone: `violence`).
"""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.figures import order
from ...data.formatting import fmt_int
from ...data.schema import PUBLIC_ORDER
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import Area, as_int, caption_for, comparing, place, prev_year
from .privacy import SMALL, change_shown, shown
from .violence import DOMESTIC_VIOLENCE_LAW, LAW_NOTE

__all__ = ["TITLE", "public_order"]

TITLE = "Porządek publiczny"
WITH_VIOLENCE = "Porządek publiczny i przemoc domowa"
# The table's columns, with headers short enough for the page's width; the rest goes into words.
PANEL = {"wykroczenia": "wykroczenia", "mandaty": "mandaty", "wnioski_o_ukaranie": "wnioski o ukaranie",
         "zatrzymani": "zatrzymani", "doprowadzeni_do_wytrzezwienia": "do wytrzeźwienia", "zaginieni": "zaginieni"}
VIOLENCE = {"interwencje_domowe": "interwencje domowe", "niebieskie_karty": "„Niebieskie Karty”"}


def public_order(ds: Dataset, area: Area = None) -> Block:
    table = order.comparison(ds, "porzadek", PUBLIC_ORDER, area)
    if table is None:
        return blocks.join([])
    violence = order.comparison(ds, "interwencje", order.DOMESTIC, area)
    columns = {**PANEL, **(VIOLENCE if violence is not None else {})}
    if violence is not None:
        table = pd.concat([table, violence])
    title = WITH_VIOLENCE if violence is not None else TITLE
    intro = blocks.paragraphs(_sentence(ds, area, table), css="intro")
    grid = _by_gmina(ds, columns, title) if area is None else _by_year(ds, area, table, columns, title)
    return blocks.join([blocks.heading(2, title), intro, grid])


def _sentence(ds: Dataset, area: Area, table: pd.DataFrame) -> str:
    """The offences, and what the table leaves out: warnings, mass events, persons found."""
    now = table["biezacy"]
    text = (f"W {ds.year} r. policjanci {place(ds, area)} ujawnili {fmt_int(now['wykroczenia'])} "
            f"{plural(as_int(now['wykroczenia']), 'wykroczenie', 'wykroczenia', 'wykroczeń')}")
    if comparing(ds):
        text += f" (w {prev_year(ds)} r.: {fmt_int(table.at['wykroczenia', 'poprzedni'])})"
    text += (f" i udzielili {fmt_int(now['pouczenia'])} "
             f"{plural(as_int(now['pouczenia']), 'pouczenia', 'pouczeń', 'pouczeń')}")
    if not pd.isna(now["imprezy_masowe"]) and now["imprezy_masowe"] > 0:
        text += (f"; zabezpieczyli {fmt_int(now['imprezy_masowe'])} "
                 f"{plural(as_int(now['imprezy_masowe']), 'imprezę masową', 'imprezy masowe', 'imprez masowych')}")
    found = shown(ds, area, "odnalezieni", ds.year, now["odnalezieni"])
    if found != "0" and not pd.isna(now["odnalezieni"]):
        forms = ("osobę zaginioną", "osoby zaginione", "osób zaginionych")
        people = forms[1] if found == SMALL else plural(as_int(now["odnalezieni"]), *forms)
        text += f"; odnaleźli {found} {people}"
    return text + "."


def _by_gmina(ds: Dataset, columns: dict[str, str], title: str) -> Block:
    """The gminas side by side, the powiat's two years below them."""
    rows = []
    for code in ds.powiat.codes:
        rows.append(Row([ds.powiat.name_of(code), *(shown(ds, code, c, ds.year, _value(ds, c, ds.year, code))
                                                    for c in columns)]))
    for year in (ds.previous_year, ds.year) if comparing(ds) else (ds.year,):
        rows.append(Row([f"powiat {year} r.", *(shown(ds, None, c, year, _value(ds, c, year, None)) for c in columns)],
                        css="total"))
    caveat = " Porównanie z latami sprzed tej zmiany czytaj z tym zastrzeżeniem." \
        if prev_year(ds) <= DOMESTIC_VIOLENCE_LAW.year else ""
    notes = [LAW_NOTE + caveat] if "niebieskie_karty" in columns else []
    return blocks.table(caption_for(ds, None, f"{title} w gminach", f"{ds.year} r."),
                        [Column("gmina", False, "c-gmina"), *(Column(label) for label in columns.values())], rows,
                        notes=notes, css="fixed by-gmina")


def _value(ds: Dataset, column: str, year: int | None, code: str | None) -> object:
    table = "interwencje" if column in VIOLENCE else "porzadek"
    return ind.total(ds, table, column, year, code)


def _by_year(ds: Dataset, area: str, table: pd.DataFrame, columns: dict[str, str], title: str) -> Block:
    """A gmina's two years, a row each, and the change below them."""
    rows = []
    for year, column in ((ds.previous_year, "poprzedni"), (ds.year, "biezacy")) if comparing(ds) else \
            ((ds.year, "biezacy"),):
        rows.append(Row([f"{year} r.", *(shown(ds, area, c, year, table.at[c, column]) for c in columns)]))
    if comparing(ds):
        rows.append(Row(["zmiana", *(change_shown(ds, area, c, table.loc[c]) for c in columns)], css="total"))
    period = f"{prev_year(ds)} i {ds.year} r." if comparing(ds) else f"{ds.year} r."
    return blocks.table(caption_for(ds, area, title, period),
                        [Column("rok", False, "c-year"), *(Column(label) for label in columns.values())], rows,
                        css="fixed by-year")
