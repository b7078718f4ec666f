"""Rebuild only what changed: content keys for chapters and parts, and the store that keeps them.

A chapter's key covers everything its executed notebook depends on: the code, the notebook,
its parameters and the data it can see. A gmina chapter sees only its own rows and the
averages it compares with (Dataset.restricted_to), so a change in one gmina's data leaves
the other gminas' keys as they were. A part's key is its HTML. The store lives in
`<out>/<rok>/.cache/`; files are written atomically and named by key.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..data.dataset import Dataset
from ..data.fingerprint import digest
from ..data.indicators import comparison_figures

if TYPE_CHECKING:
    from .execute import Chapter

__all__ = ["Store", "chapter_key", "dataset_digest", "view_of"]


def view_of(ds: Dataset, chapter: Chapter) -> Dataset:
    """The data a chapter's notebook can see."""
    teryt = chapter.parameters.get("teryt")
    return ds.powiat_view() if teryt is None else ds.restricted_to(str(teryt), comparison_figures(ds))


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


def chapter_key(code: str, chapter: Chapter, ds: Dataset) -> str:
    return digest(code, chapter.notebook.read_bytes(), json.dumps(chapter.parameters, sort_keys=True),
                  dataset_digest(view_of(ds, chapter)))


class Store:
    """Files named by content key: `<kind>/<key><suffix>`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[Path] = set()

    def path(self, kind: str, key: str, suffix: str) -> Path:
        path = self.folder / kind / f"{key}{suffix}"
        self.used.add(path)
        return path

    def read(self, kind: str, key: str, suffix: str) -> bytes | None:
        path = self.path(kind, key, suffix)
        return path.read_bytes() if path.is_file() else None

    def write(self, kind: str, key: str, suffix: str, data: bytes) -> Path:
        path = self.path(kind, key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        Path(temporary).replace(path)
        return path

    def prune(self, since: float) -> None:
        """Forget everything this build did not use: the cache holds one report's worth.
        Checked year folders (written by `dataset.load_dataset`) count as used when they
        were read or written after `since`."""
        for kind in ("chapters", "parts", "extracts", "validated"):
            for path in (self.folder / kind).glob("*"):
                stale = path.stat().st_mtime < since if kind == "validated" else path not in self.used
                if path.is_file() and stale:
                    path.unlink()
