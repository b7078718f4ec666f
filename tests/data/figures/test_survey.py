"""The residents' sense of safety: bardzo + raczej bezpiecznie among all answers."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.data.dataset import load_dataset
from pipeline.data.figures.survey import SMALL_SAMPLE, by_gmina, sense_of_safety

from ...conftest import INPUTS


@pytest.fixture(scope="module")
def example():
    return load_dataset(INPUTS, 2025)


def _from_the_file(teryt: str | None) -> float:
    rows = pd.read_csv(INPUTS / "2025" / "ankieta.csv", dtype={"teryt": str})
    if teryt is not None:
        rows = rows[rows["teryt"] == teryt]
    safe = rows[rows["odpowiedz"].isin(["bardzo_bezpiecznie", "raczej_bezpiecznie"])]["liczba"].sum()
    return safe / rows["liczba"].sum() * 100


def test_the_share_feeling_safe_for_a_gmina_and_for_the_powiat(example) -> None:
    assert sense_of_safety(example, "1007043", 2025).share == pytest.approx(_from_the_file("1007043"))
    whole = sense_of_safety(example, None, 2025)
    assert whole.share == pytest.approx(_from_the_file(None))  # answers not assigned to a gmina count too
    assert whole.answers == pd.read_csv(INPUTS / "2025" / "ankieta.csv")["liczba"].sum()


def test_a_gmina_without_answers_has_no_figure_and_few_answers_are_a_small_sample(example) -> None:
    assert pd.isna(sense_of_safety(example, "1007062", 2025).share)  # Poświętne: no questionnaire
    table = by_gmina(example)
    assert "1007062" not in set(table["teryt"])
    small = table[table["odpowiedzi"] < SMALL_SAMPLE]
    assert len(small) >= 1 and all(sense_of_safety(example, t, 2025).small_sample for t in small["teryt"])
    assert list(table["poczucie"]) == sorted(table["poczucie"], reverse=True)
    shares = table[["bardzo_bezpiecznie", "raczej_bezpiecznie", "trudno_powiedziec", "raczej_niebezpiecznie",
                    "bardzo_niebezpiecznie"]].sum(axis=1)
    assert shares.round(6).eq(100).all()
