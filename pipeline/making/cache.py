"""Rebuild only what changed: the content keys of chapters (and what a chapter can see).

A chapter's key covers everything its executed notebook depends on: the code, the notebook,
its parameters and the data it can see. A gmina chapter sees only its own rows and the
averages it compares with (Dataset.restricted_to), so a change in one gmina's data leaves
the other gminas' keys as they were. A part's key is its HTML. The store
(`data.store.Store`) lives in `<out>/<rok>/.cache/`; entries are written atomically, named
by key, and checked against it when read back.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..data.dataset import Dataset
from ..data.figures.indicators import comparison_figures
from ..data.fingerprint import digest

if TYPE_CHECKING:
    from .execute import Chapter

__all__ = ["chapter_key", "dataset_digest", "view_of"]


def view_of(ds: Dataset, chapter: Chapter) -> Dataset:
    """The data a chapter's notebook can see."""
    teryt = chapter.parameters.get("teryt")
    return ds.powiat_view() if teryt is None else ds.restricted_to(str(teryt), comparison_figures(ds))


def dataset_digest(ds: Dataset) -> str:
    """Every value a notebook could read from `ds`, in a stable order."""
    tables = [part for name in sorted(ds.tables) for part in (name, ds.tables[name].to_csv(index=False))]
    return digest(repr(ds.year), repr(ds.years), repr(sorted(ds.missing)), repr(ds.gmina),
                  json.dumps({k: None if v != v else v for k, v in ds.comparison.items()}, default=str,
                             sort_keys=True),
                  repr([(p.severity.value, p.file, p.row, p.column, p.message) for p in ds.problems]),
                  repr([(s.label, s.sha256, s.rows) for s in ds.sources]),
                  repr(ds.commentary.pieces if ds.commentary else ()),
                  ds.powiat.source.read_bytes(), *tables)


def chapter_key(code: str, chapter: Chapter, ds: Dataset) -> str:
    return digest(code, chapter.notebook.read_bytes(), json.dumps(chapter.parameters, sort_keys=True),
                  dataset_digest(view_of(ds, chapter)))
