"""The analyst's documentation states the contract that `schema` enforces: no column,
category or status exists in code without being written down in docs/dane.md."""

from __future__ import annotations

import pytest

from pipeline.data.schema import CRIME_CATEGORIES, EVENT_KINDS, KMZB_CATEGORIES, KMZB_STATUSES, TABLES, TARGET_GROUPS

from .conftest import ROOT

DOC = (ROOT / "docs" / "dane.md").read_text(encoding="utf-8")
WORDS = [*(t.filename for t in TABLES.values()), *(f"`{f.name}`" for t in TABLES.values() for f in t.fields),
         *(f"`{c}`" for c in (*CRIME_CATEGORIES, *EVENT_KINDS, *TARGET_GROUPS))]


@pytest.mark.parametrize("word", WORDS)
def test_every_file_column_and_code_is_documented(word: str) -> None:
    assert word in DOC


@pytest.mark.parametrize("name", [*KMZB_CATEGORIES, *KMZB_STATUSES])
def test_every_kmzb_category_and_status_is_documented(name: str) -> None:
    assert name in " ".join(DOC.split())
