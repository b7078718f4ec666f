"""The dataset a build hands its kernels: a kernel kept for many builds (the live preview)
loads each build's, never the one before, even when the files look the same to it."""

from __future__ import annotations

import dataclasses

from pipeline.content.report import loading
from pipeline.data.dataset import load_dataset
from pipeline.data.sharing import SHARED_DATASET, share, shared_env, shared_stamp
from pipeline.errors import Problem, Severity

from ..conftest import INPUTS


def test_each_build_s_dataset_is_loaded_though_the_files_did_not_change(tmp_path, monkeypatch) -> None:
    shared = tmp_path / "dataset.pickle"
    monkeypatch.setenv(SHARED_DATASET, shared_env(shared, INPUTS, 2025)[SHARED_DATASET])
    loading._load_cached.cache_clear()
    first = load_dataset(INPUTS, 2025)
    share(first, shared)
    stamp = shared_stamp(INPUTS, 2025)
    assert loading.load(INPUTS, 2025).year == 2025

    # The next build validated the files as they were when it started (a save during the
    # build before: the files on disk are the same for both kernels' loads).
    marker = Problem(Severity.WARNING, "2025/dzialania.csv", "zapisany w trakcie budowania", "-")
    second = dataclasses.replace(first, problems=(marker,))
    share(second, shared)
    assert shared_stamp(INPUTS, 2025) != stamp
    assert loading.load(INPUTS, 2025).problems == (marker,)
    loading._load_cached.cache_clear()


def test_no_stamp_for_other_inputs_or_years(tmp_path, monkeypatch) -> None:
    shared = tmp_path / "dataset.pickle"
    monkeypatch.setenv(SHARED_DATASET, shared_env(shared, INPUTS, 2025)[SHARED_DATASET])
    assert shared_stamp(INPUTS, 2025) is None  # nothing shared yet
    share(load_dataset(INPUTS, 2024), shared)
    assert shared_stamp(INPUTS, 2024) is None and shared_stamp(tmp_path, 2025) is None
    assert shared_stamp(INPUTS, 2025) is not None
