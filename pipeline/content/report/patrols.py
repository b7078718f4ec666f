"""Extra patrols paid for by the gminas (służby ponadnormatywne) and their results."""

from __future__ import annotations

from ...data import indicators as ind
from ...data.dataset import Dataset
from ...data.formatting import fmt_int, fmt_money, fmt_number
from .. import blocks
from ..blocks import Block, Column, Row
from .common import Area, caption_for, no_data

__all__ = ["patrols"]


def patrols(ds: Dataset, area: Area = None) -> Block:
    if not ds.has("sluzby_ponadnormatywne", ds.year):
        return no_data(ds, "Służby ponadnormatywne")
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
        blocks.table(caption_for(ds, area, "Służby ponadnormatywne finansowane przez samorządy", f"{ds.year} r."),
                     [Column("finansujący", False), Column("kwota"), Column("służby"), Column("godziny"),
                      Column("koszt godziny")], rows),
        blocks.table(caption_for(ds, area, "Efekty służb ponadnormatywnych", f"{ds.year} r."),
                     [Column("efekt", False), Column("liczba")], [[label, fmt_int(v)] for label, v in results],
                     ),
    ])
