"""Rebuild only what changed: the content keys of chapters (and what a chapter can see).

A chapter's key covers everything its executed notebook depends on: the code, the notebook,
its parameters and the data it can see. A gmina chapter sees only its own rows and the
averages it compares with (Dataset.restricted_to), so a change in one gmina's data leaves
the other gminas' keys as they were. The powiat chapter sees every row, but shows no gmina's
event by its name (only the powiat's own events are listed; the gminas' are counted, and
their names only set the order in which events are read): its key takes those names by the
order they give, so renaming one gmina's event makes that gmina's chapter alone again
(`tests/making/test_cache.py` holds the powiat chapter to this). A part's key is its HTML; a front's (the cover and
contents of the report or of an extract) its HTML and how many files it carries, which are
put in at merge time (`document.attachments`). The store (`data.store.Store`) lives in
`<out>/<rok>/.cache/`; entries are written atomically, named by key, and checked against it
when read back.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ..data.dataset import Dataset
from ..data.figures.indicators import comparison_figures
from ..data.fingerprint import digest
from ..data.store import Store
from ..document.pdfdata import Rendered

if TYPE_CHECKING:
    from .execute import Chapter

__all__ = ["chapter_key", "chapter_keys", "dataset_digest", "key_view", "read_rendered", "view_of", "write_rendered"]

RENDERED = "parts"  # the store's folder of rendered PDFs: parts, fronts, page numbers, the files' carrier


EVENTS, ORDER = "dzialania", ["data", "nazwa"]  # how the report reads events: `indicators.events`


def view_of(ds: Dataset, chapter: Chapter, comparison: Mapping[str, object] | None = None) -> Dataset:
    """The data a chapter's notebook can see (`comparison`: the dataset's comparison figures,
    when they are worked out already)."""
    teryt = chapter.parameters.get("teryt")
    if teryt is None:
        return ds.powiat_view()
    return ds.restricted_to(str(teryt), comparison_figures(ds) if comparison is None else comparison)


def key_view(ds: Dataset, chapter: Chapter, comparison: Mapping[str, object] | None = None) -> Dataset:
    """What a chapter's key covers: the data it can see, the gminas' event names in the
    powiat chapter by the order they put the events in (ties kept)."""
    view = view_of(ds, chapter, comparison)
    if chapter.parameters.get("teryt") is not None or EVENTS not in view.tables or view.tables[EVENTS].empty:
        return view
    events = view.tables[EVENTS]
    order = events.groupby(ORDER, sort=True, dropna=False).ngroup()  # dense: equal names on a day stay equal
    gminas = events["teryt"] != ds.powiat.code
    names = events["nazwa"].astype(object).where(~gminas, "#" + order.astype(str))
    return dataclasses.replace(view, tables={**view.tables, EVENTS: events.assign(nazwa=pd.Series(names))})


def _plain(value: object) -> object:
    """A figure as JSON: a missing one (NaN, or pandas' NA, whose truth is ambiguous) as null."""
    try:
        return None if value != value else value
    except TypeError:
        return None


def dataset_digest(ds: Dataset) -> str:
    """Every value a notebook could read from `ds`, in a stable order."""
    tables = [part for name in sorted(ds.tables) for part in (name, ds.tables[name].to_csv(index=False))]
    return digest(repr(ds.year), repr(ds.years), repr(sorted(ds.missing)), repr(ds.gmina),
                  json.dumps({k: _plain(v) for k, v in ds.comparison.items()}, default=str, sort_keys=True),
                  repr([(p.severity.value, p.file, p.row, p.column, p.message) for p in ds.problems]),
                  repr([(s.label, s.sha256, s.rows) for s in ds.sources]),
                  repr(ds.commentary.pieces if ds.commentary else ()),
                  ds.powiat.source.read_bytes(), *tables)


def chapter_key(code: str, chapter: Chapter, ds: Dataset, comparison: Mapping[str, object] | None = None) -> str:
    return digest(code, chapter.notebook.read_bytes(), json.dumps(chapter.parameters, sort_keys=True),
                  dataset_digest(key_view(ds, chapter, comparison)))


def chapter_keys(code: str, chapters: Sequence[Chapter], ds: Dataset) -> dict[str, str]:
    """Every chapter's key (Chapter.key -> content key), the comparison figures worked out once."""
    comparison = comparison_figures(ds)
    return {chapter.key: chapter_key(code, chapter, ds, comparison) for chapter in chapters}


def read_rendered(store: Store, key: str) -> Rendered | None:
    """A rendered PDF with its pages and anchors, or None (a damaged entry is forgotten)."""
    data = store.read(RENDERED, key, ".pdf")
    info = store.read_json(RENDERED, key)
    if data is None or info is None:
        return None
    try:
        return Rendered(data, int(info["pages"]), {str(k): int(v) for k, v in info["anchors"].items()})
    except (KeyError, TypeError, ValueError, AttributeError):
        store.forget(RENDERED, key, ".json")
        return None


def write_rendered(store: Store, key: str, rendered: Rendered) -> None:
    store.write(RENDERED, key, ".pdf", rendered.data)
    store.write_json(RENDERED, key, {"pages": rendered.pages, "anchors": rendered.anchors})
