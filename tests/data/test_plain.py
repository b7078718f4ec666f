"""Checked data kept as plain JSON comes back exactly; what would not is never stored."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from pipeline.data.cells import Term
from pipeline.data.dataset import load_dataset
from pipeline.data.plain import (
    NotPlain,
    commentary_from_plain,
    commentary_to_plain,
    frame_from_plain,
    frame_to_plain,
    problems_from_plain,
    problems_to_plain,
)
from pipeline.data.store import Store
from pipeline.errors import Problem, Severity

from ..conftest import INPUTS


def _through_json(value):
    return json.loads(json.dumps(value, ensure_ascii=False))


def test_every_table_of_the_example_comes_back_exactly() -> None:
    ds = load_dataset(INPUTS, 2025)
    for name, frame in ds.tables.items():
        back = frame_from_plain(_through_json(frame_to_plain(frame)))
        assert back.equals(frame) and list(back.dtypes) == list(frame.dtypes), name
        assert [type(v) for v in back["termin"]] == [type(v) for v in frame["termin"]] if name == "plan" else True


def test_values_the_checks_produce_come_back_as_themselves() -> None:
    frame = pd.DataFrame({
        "termin": pd.array([Term(1, 3), None, Term(5, 5)], dtype=object),
        "tekst": pd.array(["„cudzysłów”", None, "<b>"], dtype=object),
        "liczba": pd.array([1, None, 3], dtype="Int64"),
        "kwota": pd.array([1.5, None, 0.1], dtype="Float64"),
        "data": pd.to_datetime(["2025-03-14", None, "2025-12-31"]).astype("datetime64[s]").array,
        "dzien": pd.array([dt.date(2025, 1, 2), None, None], dtype=object),
    }, index=pd.Index([2, 2, 5], name="wiersz"))
    back = frame_from_plain(_through_json(frame_to_plain(frame)))
    assert back.equals(frame) and list(back.dtypes) == list(frame.dtypes)
    assert back.index.name == "wiersz" and back.loc[5, "termin"] == Term(5, 5) and back.iloc[1]["termin"] is None


def test_a_value_it_does_not_know_is_refused_not_stored_wrong() -> None:
    class Unknown:
        pass

    with pytest.raises(NotPlain):
        frame_to_plain(pd.DataFrame({"x": pd.Series([Unknown()], dtype=object)}))
    with pytest.raises(NotPlain):  # categories in an order of their own would come back sorted
        frame_to_plain(pd.DataFrame({"x": pd.Categorical(["b", "a"], categories=["b", "a"])}))


def test_problems_and_the_commentary_come_back() -> None:
    problems = [Problem(Severity.WARNING, "2025/kmzb.csv", "uwaga", "popraw", 3, "liczba", "x", None)]
    assert problems_from_plain(_through_json(problems_to_plain(problems))) == problems
    commentary = load_dataset(INPUTS, 2025).commentary
    assert commentary_from_plain(_through_json(commentary_to_plain(commentary))) == commentary


def test_the_dataset_from_the_cache_is_the_dataset_without_it(tmp_path) -> None:
    fresh = load_dataset(INPUTS, 2025)
    load_dataset(INPUTS, 2025, cache=Store(tmp_path))
    stored = sorted(p.name for p in (tmp_path / "validated").iterdir())
    assert len(stored) == 6 and all(name.endswith(".json") for name in stored)  # 5 years and the commentary
    cached = load_dataset(INPUTS, 2025, cache=Store(tmp_path))
    for name, frame in fresh.tables.items():
        assert cached.tables[name].equals(frame) and list(cached.tables[name].dtypes) == list(frame.dtypes), name
    assert (cached.missing, cached.problems, cached.sources, cached.commentary) == (
        fresh.missing, fresh.problems, fresh.sources, fresh.commentary)
