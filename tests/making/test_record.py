"""A run with nothing changed stops at once, unless an output is gone or other outputs are asked for;
it imports nothing heavy, and still removes what killed runs left behind."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time

import pytest

from pipeline.making.record import build_key, up_to_date, write_record
from pipeline.making.tasks import NOTEBOOKS

from ..conftest import INPUTS, ROOT
from .test_staging import copy_report


def _built(out) -> None:
    folder = out / "2025"
    (folder / "gminy").mkdir(parents=True)
    (folder / "gminy" / "raport_opoczynski_2025_zarnow.pdf").write_bytes(b"%PDF extract")
    (folder / "raport_opoczynski_2025.pdf").write_bytes(b"%PDF report")
    write_record(folder, {"key": build_key(INPUTS, 2025, NOTEBOOKS), "rok": 2025, "pdf": "raport_opoczynski_2025.pdf",
                          "pdf_sha256": hashlib.sha256(b"%PDF report").hexdigest(),
                          "outputs": ["gminy/raport_opoczynski_2025_zarnow.pdf"]})


def test_nothing_changed_and_everything_there(tmp_path) -> None:
    _built(tmp_path)
    assert up_to_date(INPUTS, 2025, tmp_path, NOTEBOOKS) is not None


def test_a_deleted_extract_makes_the_next_run_build_again(tmp_path) -> None:
    _built(tmp_path)
    (tmp_path / "2025" / "gminy" / "raport_opoczynski_2025_zarnow.pdf").unlink()
    assert up_to_date(INPUTS, 2025, tmp_path, NOTEBOOKS) is None


def test_the_report_alone_is_not_the_report_with_its_copies(tmp_path) -> None:
    _built(tmp_path)
    assert up_to_date(INPUTS, 2025, tmp_path, NOTEBOOKS, readers=False) is None


@pytest.mark.e2e
def test_nothing_changed_answers_without_pandas_and_still_cleans_up(example_report, tmp_path) -> None:
    folder = copy_report(example_report, tmp_path / "reports")
    stale = folder / ".budowa-stara-wersja"  # a killed run's staging folder, from before owner files
    (stale / "executed").mkdir(parents=True)
    os.utime(stale, (time.time() - 7200,) * 2)
    args = ["report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(tmp_path / "reports")]
    script = (f"import sys; from pipeline.cli import main; code = main({args!r}); "
              "print(code, sorted(m for m in ('pandas', 'weasyprint', 'papermill', 'pikepdf') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr
    assert "Raport jest aktualny" in done.stdout
    assert not stale.exists()
