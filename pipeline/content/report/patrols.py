"""Extra patrols paid for by the gminas (służby ponadnormatywne) and their results."""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.formatting import fmt_int, fmt_list, fmt_money, fmt_number, money_digits
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import hours, plural
from .common import Area, caption_for, no_data

__all__ = ["patrols"]

# What the patrols did: column -> the noun in its three forms (1, 2-4, 5+) after a number, and
# what is said when there were none ("0 osób zatrzymanych" reads as a misprint).
RESULTS = {"legitymowani": ("osoba wylegitymowana", "osoby wylegitymowane", "osób wylegitymowanych",
                            "nikogo nie wylegitymowano"),
           "pouczeni": ("osoba pouczona", "osoby pouczone", "osób pouczonych", "nikogo nie pouczono"),
           "mandaty": ("mandat karny", "mandaty karne", "mandatów karnych", "nie nałożono mandatów"),
           "wnioski_o_ukaranie": ("wniosek o ukaranie", "wnioski o ukaranie", "wniosków o ukaranie",
                                  "nie skierowano wniosków o ukaranie"),
           "zatrzymani": ("osoba zatrzymana", "osoby zatrzymane", "osób zatrzymanych", "nikogo nie zatrzymano")}
WHAT = ("Służby ponadnormatywne pełnią policjanci w czasie wolnym od służby, a opłaca je samorząd na podstawie "
        "porozumienia z komendantem (art. 13 ust. 4a ustawy o Policji).")


def patrols(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("sluzby_ponadnormatywne", ds.year):
        return no_data(ds, "Służby ponadnormatywne")
    table = ind.patrols_table(ds, area, ds.year)
    if table.empty:
        who = "żaden samorząd nie finansował" if area is None else \
            f"gmina {ds.powiat.name_of(area)} nie finansowała"
        return blocks.paragraphs(f"W {ds.year} r. {who} dodatkowych służb policji.")
    return blocks.join([*_funding(ds, area, table), blocks.paragraphs(_results(table))])


def _results(table: pd.DataFrame) -> str:
    """ "Efekty służb: 415 osób wylegitymowanych, 175 osób pouczonych, 95 mandatów karnych…;
    nikogo nie zatrzymano." """
    counted, none = [], []
    for column, (one, few, many, nothing) in RESULTS.items():
        count = table[column].sum(min_count=1)
        if pd.isna(count):
            counted.append(f"{fmt_int(count)} {many}")
        elif count == 0:
            none.append(nothing)
        else:
            counted.append(f"{fmt_int(count)} {plural(int(count), one, few, many)}")
    return f"Efekty służb: {'; '.join(filter(None, [fmt_list(counted), fmt_list(none)]))}."


def _funding(ds: Dataset, area: Area, table: pd.DataFrame) -> list[Block]:
    """Who paid how much for how many services: a sentence for one payer, a table for several."""
    money = money_digits(table["kwota_zl"])
    if len(table) == 1:
        row = table.iloc[0]
        services = int(row["liczba_sluzb"])
        return [blocks.paragraphs(
            f"{WHAT} W {ds.year} r. {row['platnik']} przekazała na nie {fmt_money(row['kwota_zl'], money)}: "
            f"{fmt_int(services)} {plural(services, 'służba', 'służby', 'służb')}, "
            f"{hours(row['liczba_godzin'])}, {fmt_money(row['koszt_godziny'])} za godzinę.",
            css="intro")]
    rows = [Row([r["platnik"], fmt_money(r["kwota_zl"], money), fmt_int(r["liczba_sluzb"]),
                 fmt_number(r["liczba_godzin"], 0), fmt_money(r["koszt_godziny"])]) for _, r in table.iterrows()]
    rows.append(Row(["razem", fmt_money(table["kwota_zl"].sum(), money), fmt_int(table["liczba_sluzb"].sum()),
                     fmt_number(table["liczba_godzin"].sum(), 0),
                     fmt_money(table["kwota_zl"].sum() / table["liczba_godzin"].sum())], css="total"))
    return [blocks.paragraphs(WHAT, css="intro"),
            blocks.table(caption_for(ds, area, "Służby ponadnormatywne finansowane przez samorządy", f"{ds.year} r."),
                         [Column("finansujący", False), Column("kwota"), Column("służby"), Column("godziny"),
                          Column("koszt godziny")], rows)]
