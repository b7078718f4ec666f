"""The dataset a notebook works on: the build's shared one, or the files, loaded once per kernel."""

from __future__ import annotations

import functools
from pathlib import Path

from ...data.dataset import Dataset
from ...data.figures import indicators as ind
from ...data.sharing import load_shared_dataset

__all__ = ["load"]


def load(inputs: str | Path, rok: int, teryt: str | None = None) -> Dataset:
    """The validated dataset; with `teryt`, only that gmina's view of it (see Dataset.restricted_to).

    Loaded once per kernel for the same files (see `_fingerprint`).
    """
    inputs = Path(inputs).resolve()
    ds = _load_cached(inputs, rok, _fingerprint(inputs))
    return ds if teryt is None else ds.restricted_to(teryt, ind.comparison_figures(ds))


@functools.lru_cache(maxsize=4)
def _load_cached(inputs: Path, rok: int, fingerprint: tuple[tuple[str, int, int], ...]) -> Dataset:
    return load_shared_dataset(inputs, rok)


def _fingerprint(inputs: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every input file: a changed file is a new key."""
    files = sorted(p for p in inputs.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
