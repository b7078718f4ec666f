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

__all__ = ["patrol_results", "patrols"]

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
    return blocks.join([*_funding(ds, area, table), blocks.paragraphs(patrol_results(table))])


def patrol_results(table: pd.DataFrame) -> str:
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
        return [blocks.paragraphs(f"{WHAT} W {ds.year} r. {_paid(table.iloc[0], money)}.", css="intro")]
    rows = [Row([r["platnik"], fmt_money(r["kwota_zl"], money), fmt_int(r["liczba_sluzb"]),
                 fmt_number(r["liczba_godzin"], 0), fmt_money(r["koszt_godziny"])]) for _, r in table.iterrows()]
    amount, total_hours = table["kwota_zl"].sum(min_count=1), table["liczba_godzin"].sum(min_count=1)
    rows.append(Row(["razem", fmt_money(amount, money), fmt_int(table["liczba_sluzb"].sum(min_count=1)),
                     fmt_number(total_hours, 0), fmt_money(_per_hour(amount, total_hours))], css="total"))
    return [blocks.paragraphs(WHAT, css="intro"),
            blocks.table(caption_for(ds, area, "Służby ponadnormatywne finansowane przez samorządy", f"{ds.year} r."),
                         [Column("finansujący", False), Column("kwota"), Column("służby"), Column("godziny"),
                          Column("koszt godziny")], rows)]


def _paid(row: pd.Series, money: int) -> str:
    """ "gmina Drzewica przekazała na nie 12 240 zł: 34 służby, 136 godzin, 90,00 zł za godzinę";
    a figure left empty in the file is left out of the sentence (an hour's cost needs both)."""
    services, worked, cost = row["liczba_sluzb"], row["liczba_godzin"], row["koszt_godziny"]
    details = []
    if not pd.isna(services):
        details.append(f"{fmt_int(services)} {plural(int(services), 'służba', 'służby', 'służb')}")
    if not pd.isna(worked):
        details.append(hours(worked))
    if not pd.isna(cost):
        details.append(f"{fmt_money(cost)} za godzinę")
    paid = "finansowała je" if pd.isna(row["kwota_zl"]) else f"przekazała na nie {fmt_money(row['kwota_zl'], money)}"
    return f"{row['platnik']} {paid}" + (f": {', '.join(details)}" if details else "")


def _per_hour(amount: object, total_hours: object) -> object:
    """What an hour cost; unknown without both figures or without any hours."""
    return pd.NA if pd.isna(amount) or pd.isna(total_hours) or not total_hours else float(amount) / float(total_hours)
