"""The residents' sense of safety: their answers to "Czy czuje się Pan/Pani bezpiecznie w swojej
okolicy?" (`ankieta.csv`), collected at the social debates and in schools.

poczucie_bezpieczenstwa = (bardzo + raczej bezpiecznie) ÷ all answers × 100, for a gmina or
for the powiat (every answer, those not assigned to a gmina included). A figure resting on
fewer than SMALL_SAMPLE answers is a small sample ("mała próba"), as rates on few cases are.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..dataset import Dataset
from ..schema import SAFE_ANSWERS, SURVEY_ANSWERS

__all__ = ["SMALL_SAMPLE", "Sense", "answers", "by_gmina", "sense_of_safety"]

SMALL_SAMPLE = 30  # answers


@dataclass(frozen=True)
class Sense:
    """The share of residents who feel safe, and how many answered."""

    share: object  # % feeling safe; NA without answers
    answers: int
    safe: int = 0  # answers "bardzo" or "raczej bezpiecznie"

    @property
    def small_sample(self) -> bool:
        return 0 < self.answers < SMALL_SAMPLE


def answers(ds: Dataset, area: str | None, year: int | None) -> pd.Series | None:
    """Answers by kind, in the question's order; None when there is no survey that year."""
    if not ds.has("ankieta", year):
        return None
    rows = ds.table("ankieta", year)
    if area is not None:
        rows = rows[rows["teryt"] == area]
    counts = rows.groupby("odpowiedz")["liczba"].sum()
    return counts.reindex(list(SURVEY_ANSWERS), fill_value=0).astype(int)


def sense_of_safety(ds: Dataset, area: str | None, year: int | None) -> Sense:
    counts = answers(ds, area, year)
    total = 0 if counts is None else int(counts.sum())
    safe = int(counts[list(SAFE_ANSWERS)].sum()) if total else 0
    return Sense(safe / total * 100 if total else pd.NA, total, safe)


def by_gmina(ds: Dataset) -> pd.DataFrame:
    """Every gmina with answers this year: the share of each answer (%), their number and the
    share feeling safe; the safest first."""
    rows = []
    for gmina in ds.powiat.gminy:
        counts = answers(ds, gmina.teryt, ds.year)
        if counts is None or counts.sum() == 0:
            continue
        shares = counts / counts.sum() * 100
        rows.append({"teryt": gmina.teryt, "gmina": gmina.nazwa, "odpowiedzi": int(counts.sum()),
                     "poczucie": sense_of_safety(ds, gmina.teryt, ds.year).share, **shares.to_dict()})
    columns = ["teryt", "gmina", "odpowiedzi", "poczucie", *SURVEY_ANSWERS]
    return pd.DataFrame(rows, columns=columns).sort_values("poczucie", ascending=False, kind="stable")
