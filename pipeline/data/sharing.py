"""How a build hands the dataset it validated to the kernels, so none reads the files again.

The build pickles the dataset into its private folder (mode 0700, in the system's temporary
folder, never under `reports/`: a pickle is code, and only this user may write there; see
`making.staging`) and tells each kernel where through an environment variable set when the
kernel starts; `report.load()` in a notebook picks it up if it was made from the same
inputs and year. A kernel started by hand in Jupyter has no such variable and loads the
files itself, with the same result.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["SHARED_DATASET", "SHARED_FILE", "load_shared", "load_shared_dataset", "share", "shared_env"]

SHARED_DATASET = "RAPORT_DATASET"
SHARED_FILE = "dataset.pickle"  # in the build's private folder


def shared_env(path: Path, inputs: Path, year: int) -> dict[str, str]:
    """The environment that tells a kernel where the build will share its dataset."""
    return {SHARED_DATASET: f"{path}::{Path(inputs).resolve()}::{year}"}


def share(ds: Dataset, path: Path) -> None:
    """Hand `ds` to the kernels (again, for a process that builds many times)."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps(ds, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(path)


def load_shared(inputs: Path, year: int) -> Dataset | None:
    """The shared dataset, if this kernel was given one for these inputs and year."""
    path, _, expected = os.environ.get(SHARED_DATASET, "").partition("::")
    if path and expected == f"{Path(inputs).resolve()}::{year}" and Path(path).is_file():
        return pickle.loads(Path(path).read_bytes())
    return None


def load_shared_dataset(inputs: Path, year: int) -> Dataset:
    """The dataset the build shared with this kernel, or else the files, loaded and checked."""
    from .dataset import load_dataset  # pandas: not for the build's light start-up, which imports this module

    return load_shared(inputs, year) or load_dataset(inputs, year)
