"""Rebuild only what changed: content keys, the one-gmina view, and what a rerun does.

A damaged cache is a miss, never a dead end: every file under `.cache/` cut in half,
overwritten with junk, emptied or replaced by a folder, and the next run (without --force)
makes the byte-identical report, saying in one quiet line what it could not read. Each way
of damage meets every kind of entry (checked years, chapters, parts, extracts, the build's
record) in one run: the ways are dealt out in turn within each folder of the cache. How
each way is read is tested entry by entry in tests/data/test_store.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from pipeline import cli
from pipeline.data.dataset import load_dataset
from pipeline.data.fingerprint import code_version
from pipeline.document.assemble import document_title
from pipeline.document.pdfcheck import check_pdf
from pipeline.making.cache import chapter_key, view_of
from pipeline.making.chain import build_report
from pipeline.making.tasks import chapter_list

from ..conftest import INPUTS
from ..data.test_store import DAMAGE, _damage
from .test_staging import copy_report

ZARNOW = "1007083"


def _bump_participants(inputs, teryt: str, value: int) -> None:
    """Change the participants of one event of one gmina, the way an analyst fixes a typo."""
    path = inputs / "2025" / "dzialania.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[frame["teryt"] == teryt][0]
    frame.loc[row, "uczestnicy"] = str(value)
    frame.to_csv(path, index=False)


@pytest.fixture
def copied_inputs(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    return inputs


def test_a_gmina_chapter_sees_only_its_own_rows_and_the_averages() -> None:
    ds = load_dataset(INPUTS, 2025)
    chapter = next(c for c in chapter_list(ds, INPUTS) if c.parameters.get("teryt") == ZARNOW)
    view = view_of(ds, chapter)
    for name, frame in view.tables.items():
        assert set(frame["teryt"]) <= {ZARNOW}, name
    assert set(view.comparison) == {"przestepstwa", "kryminalne", "wypadki", "kolizje", "kmzb", "dzialania",
                                    "ukryte"}  # counts hidden because of another gmina's (data.privacy)
    assert view.problems == () and view.sources == ()


def test_changing_one_gmina_changes_only_its_key_and_the_powiat_key(copied_inputs) -> None:
    before = load_dataset(copied_inputs, 2025)
    _bump_participants(copied_inputs, ZARNOW, 999)
    after = load_dataset(copied_inputs, 2025)
    code = code_version()
    changed = [c.key for c in chapter_list(after, copied_inputs)
               if chapter_key(code, c, before) != chapter_key(code, c, after)]
    assert sorted(changed) == ["gmina-1007083", "powiat"]


@pytest.mark.e2e
def test_rerun_nothing_changed_one_gmina_changed_and_force(copied_inputs, tmp_path) -> None:
    out = tmp_path / "reports"
    first = build_report(copied_inputs, 2025, out, jobs=2)
    assert len(first.executed) == 9
    pdf_before = first.pdf.read_bytes()

    again = build_report(copied_inputs, 2025, out, jobs=2)
    assert again.up_to_date and again.executed == [] and again.pdf.read_bytes() == pdf_before

    _bump_participants(copied_inputs, ZARNOW, 999)
    changed = build_report(copied_inputs, 2025, out, jobs=2)
    assert sorted(changed.executed) == ["gmina-1007083", "powiat"]
    assert changed.rendered < 8  # the other gminas' parts came from the cache
    text = " ".join(page.extract_text() for page in PdfReader(changed.pdf).pages)
    assert "999" in text
    # the changed file is the one the PDF carries, though no page number moved
    evidence = [f for f in check_pdf(changed.pdf, changed.dataset.sources, document_title(changed.dataset))
                if "SHA-256" in f.claim]
    assert evidence and all(f.ok for f in evidence), evidence

    forced = build_report(copied_inputs, 2025, out, jobs=2, force=True)
    assert len(forced.executed) == 9
    assert forced.pdf.read_bytes() == changed.pdf.read_bytes()  # the cache never changes the result


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and ".cache" not in p.parts}


@pytest.mark.e2e
def test_a_damaged_cache_gives_the_identical_report(example_report, tmp_path, capsys) -> None:
    folder = copy_report(example_report, tmp_path / "reports")
    expected = _outputs(folder)
    cache = folder / ".cache"
    damaged = [p for p in cache.rglob("*") if p.is_file()]
    assert len(damaged) > 40 and {p.parent.name for p in damaged} == {".cache", "validated", "chapters", "parts",
                                                                       "extracts"}
    for kind in {p.parent for p in damaged}:
        files = sorted(p for p in damaged if p.parent == kind)
        for number, path in enumerate(files):
            _damage(path, DAMAGE[number % len(DAMAGE)])

    code = cli.main(["report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(tmp_path / "reports"),
                     "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert _outputs(folder) == expected  # the PDF, every extract, the HTML edition, the data, the notebooks
    assert "Pamięć podręczna: " in err and "nie dało się odczytać – utworzono je od nowa." in err
    assert "Traceback" not in err and [p.name for p in folder.iterdir() if p.name.startswith(".")] == [".cache"]


@pytest.mark.e2e
def test_force_reads_nothing_from_the_cache(example_report, tmp_path, capsys) -> None:
    folder = copy_report(example_report, tmp_path / "reports")
    expected = _outputs(folder)
    for path in [p for p in (folder / ".cache").rglob("*") if p.is_file()]:
        _damage(path, "junk")
    code = cli.main(["report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(tmp_path / "reports"),
                     "--jobs", "2", "--force"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert _outputs(folder) == expected
    assert "Pamięć podręczna" not in err  # nothing was read, so nothing was found damaged
