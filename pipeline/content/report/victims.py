"""Who was killed or injured on the roads, and why (`wypadki.csv`, one accident per row).

The powiat's chapter has two small tables: the victims by their role (children among them)
and the accidents by their main cause; a gmina's chapter one sentence in counts (its numbers
are small: no percentages, see the small-base rule). Their totals are the road section's own:
the records are what `ruch_drogowy.csv` adds up to (`data.road_records`).
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from ...data.dataset import Dataset
from ...data.formatting import fmt_int, fmt_list
from ...data.road_records import aggregate
from ...data.schema import ROAD_CAUSES, VICTIM_ROLES
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import Area, caption_for
from .privacy import shown

__all__ = ["road_victims"]

WHAT = ("zabici", "ranni")
# A role in a sentence: one, a few, many ("1 pieszy", "2 pieszych", "5 pieszych").
ROLE_FORMS = {"pieszy": ("pieszy", "pieszych", "pieszych"), "rowerzysta": ("rowerzysta", "rowerzystów", "rowerzystów"),
              "kierujacy": ("kierujący", "kierujących", "kierujących"),
              "pasazer": ("pasażer", "pasażerów", "pasażerów")}


def road_victims(ds: Dataset, area: Area = None) -> Block:
    """The victims by role and the accidents by cause; nothing without this year's records."""
    if not ds.has("wypadki", ds.year) or ds.table("wypadki", ds.year).empty:
        return blocks.join([])
    records = ds.table("wypadki", ds.year)
    records = records if area is None else records[records["teryt"] == area]
    counts = aggregate(records).sum(min_count=1) if len(records) else pd.Series(dtype="Int64")
    if area is not None:
        return blocks.paragraphs(_gmina_sentence(ds, area, counts)) if len(records) else blocks.join([])
    roles = _roles_table(ds, counts, _alcohol_sentence(len(records), counts))
    return Block(Markup('<div class="table-pair">') + roles.html + _causes_table(ds, counts).html + Markup("</div>"))


def _count(counts: pd.Series, key: str) -> object:
    return counts.get(key, pd.NA)


def _roles_table(ds: Dataset, counts: pd.Series, note: str) -> Block:
    rows = [Row([label, *(fmt_int(_count(counts, f"{role}_{w}")) for w in WHAT),
                 fmt_int(sum(int(_count(counts, f"{role}_{w}")) for w in WHAT))])
            for role, label in VICTIM_ROLES.items()]
    rows.append(Row(["razem", *(fmt_int(_count(counts, w)) for w in WHAT),
                     fmt_int(int(_count(counts, "zabici")) + int(_count(counts, "ranni")))], css="total"))
    if not pd.isna(_count(counts, "dzieci_zabici")):
        children = [_count(counts, f"dzieci_{w}") for w in WHAT]
        total = sum(int(c) for c in children)
        rows.append(Row(["w tym dzieci do 14 lat", *(shown(ds, None, f"dzieci_{w}", ds.year, c)
                                                     for w, c in zip(WHAT, children, strict=True)),
                         shown(ds, None, "dzieci_ranni", ds.year, total)], css="sub"))
    return blocks.table(caption_for(ds, None, "Ofiary wypadków drogowych według roli", f"{ds.year} r."),
                        [Column("uczestnik ruchu", False), Column("zabici"), Column("ranni"), Column("razem")], rows,
                        notes=[note])


def _causes_table(ds: Dataset, counts: pd.Series) -> Block:
    rows = []
    # Most frequent first, "inna przyczyna" last whatever its count.
    for cause, label in sorted(ROAD_CAUSES.items(), key=lambda c: (c[0] == "inne",
                                                                    -int(_count(counts, f"przyczyna_{c[0]}")))):
        n = int(_count(counts, f"przyczyna_{cause}"))
        if n:
            rows.append(Row([label, fmt_int(n)]))
    rows.append(Row(["razem", fmt_int(_count(counts, "wypadki"))], css="total"))
    return blocks.table(caption_for(ds, None, "Wypadki drogowe według głównej przyczyny", f"{ds.year} r."),
                        [Column("przyczyna", False), Column("wypadki")], rows)


def _alcohol_sentence(accidents: int, counts: pd.Series) -> str:
    drunk = int(_count(counts, "alkohol_tak"))
    if not drunk:
        return "W żadnym wypadku drogowym uczestnik nie był pod wpływem alkoholu."
    return (f"W {fmt_int(drunk)} {plural(drunk, 'wypadku', 'wypadkach', 'wypadkach')} na {fmt_int(accidents)} "
            "uczestnik był pod wpływem alkoholu.")


def _gmina_sentence(ds: Dataset, area: str, counts: pd.Series) -> str:
    """ "Ofiary wypadków: 2 kierujących, 1 pieszy; przyczyny: nieustąpienie pierwszeństwa przejazdu (2)." """
    victims = []
    for role, forms in ROLE_FORMS.items():
        n = sum(int(_count(counts, f"{role}_{w}")) for w in WHAT)
        if n:
            victims.append(f"{fmt_int(n)} {plural(n, *forms)}")
    causes = [(label, int(_count(counts, f"przyczyna_{cause}"))) for cause, label in ROAD_CAUSES.items()]
    causes = sorted((c for c in causes if c[1]), key=lambda c: (c[0] == ROAD_CAUSES["inne"], -c[1]))
    text = f"Ofiary wypadków: {fmt_list(victims)}; przyczyny: " + fmt_list([f"{label} ({n})" for label, n in causes])
    children = sum(int(c) for c in (_count(counts, "dzieci_zabici"), _count(counts, "dzieci_ranni"))
                   if not pd.isna(c))
    if children:
        text += f"; wśród ofiar dzieci: {shown(ds, area, 'dzieci_ranni', ds.year, children)}"
    return text + "."
