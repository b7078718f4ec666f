"""The benchmark's edits are edits an analyst could make: each leaves data `validate` accepts
(a stricter check once made the bench's "one accident more" stop the build it was timing)."""

from __future__ import annotations

import shutil
import sys

import pytest

from pipeline.cli import main

from .conftest import INPUTS, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench_preview  # noqa: E402  (a script, not a package)


@pytest.mark.parametrize("scenario", sorted(bench_preview.SCENARIOS))
def test_each_edit_of_the_bench_leaves_valid_data(scenario, tmp_path, capsys) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    edit = bench_preview.SCENARIOS[scenario][2]
    files = {p: p.read_bytes() for p in (inputs / "2025").iterdir() if p.is_file()}
    edit(inputs / "2025", 1)
    assert any(p.read_bytes() != data for p, data in files.items()), "the edit changed nothing"
    assert main(["validate", "--inputs", str(inputs), "--rok", "2025"]) == 0, capsys.readouterr().out
