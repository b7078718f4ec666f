"""Next year's goals (`plan_cele.csv`), set together with the plan: each measure with this
year's value and the target, in the plan chapter (all of them) and in a gmina's plan (its
own). Next year's report judges them in its goals chapter when its own `cele.csv` is missing
(`data.goals.goal_rows`)."""

from __future__ import annotations

import pandas as pd

from ...data.dataset import Dataset
from ...data.figures.goals import measure_value
from ...data.formatting import fmt_int, fmt_number, fmt_percent
from ...data.schema import MEASURES
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import Area, caption_for

__all__ = ["next_year_targets"]


def next_year_targets(ds: Dataset, area: Area = None, heading: int = 0) -> Block:
    """The goals for next year with their measures; under a heading of level `heading`, if given."""
    if not ds.has("plan_cele", ds.year):
        return blocks.join([])
    rows = ds.table("plan_cele", ds.year).sort_values("wiersz", kind="stable")
    if area is not None:
        rows = rows[rows["teryt"] == area]
    if rows.empty:
        return blocks.join([])
    goals = list(dict.fromkeys(rows["cel"]))
    nxt = ds.year + 1
    columns = [Column("cel", False, "c-goal"), Column("miernik", False, "c-measure"),
               *([Column("obszar", False, "c-area")] if area is None else []),
               Column(f"{ds.year} r.", True, "c-value"), Column(f"cel na {nxt} r.", False)]
    table = [Row([r["cel"], MEASURES[r["miernik"]].label,
                  *([ds.powiat.label_of(r["teryt"])] if area is None else []),
                  _value(r["miernik"], measure_value(ds, r["miernik"], r["teryt"], ds.year)), _aim(ds, r)],
                 ) for _, r in rows.iterrows()]
    if area is not None:  # a gmina's few goals: in words, under its plan
        return blocks.paragraphs(f"Cele na {nxt} r.: " + "; ".join(
            f"{r['cel']} – {MEASURES[r['miernik']].label}: {_aim(ds, r)} (w {ds.year} r.: "
            f"{_value(r['miernik'], measure_value(ds, r['miernik'], r['teryt'], ds.year))})"
            for _, r in rows.iterrows()) + ".")
    parts = [*([blocks.heading(heading, f"Cele na {nxt} r.")] if heading else [])]
    if area is None:
        parts.append(blocks.paragraphs(
            f"Razem z planem działań wyznaczono na {nxt} r. {fmt_int(len(goals))} "
            f"{plural(len(goals), 'cel', 'cele', 'celów')} z {fmt_int(len(rows))} "
            f"{plural(len(rows), 'miernikiem', 'miernikami', 'miernikami')}; za rok raport oceni, czy zostały "
            "osiągnięte.", css="intro"))
    parts.append(blocks.table(caption_for(ds, area, f"Cele na {nxt} r. z miernikami"), columns, table,
                              css="fixed targets"))
    return blocks.join(parts)


def _value(key: str, value: object) -> str:
    if MEASURES[key].percent:
        return fmt_percent(value)
    return fmt_number(value, 0) if key == "godziny_sluzb" else fmt_int(value)


def _aim(ds: Dataset, row: pd.Series) -> str:
    """ "najwyżej 1 700", "co najmniej 75,0%", "mniej niż w 2025 r."."""
    target, down = row["wartosc_docelowa"], row["kierunek"] == "spadek"
    if pd.isna(target):
        return f"{'mniej' if down else 'więcej'} niż w {ds.year} r."
    return f"{'najwyżej' if down else 'co najmniej'} {_value(row['miernik'], target)}"
