"""The same inputs and code give the same bytes; dates come from settings, never the clock."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pipeline.data.dataset import load_dataset
from pipeline.document.provenance import document_identifier, report_date
from pipeline.making.chain import build_report

from .conftest import INPUTS


@pytest.mark.e2e
def test_two_runs_give_byte_identical_outputs(example_report, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = build_report(INPUTS, 2025, tmp_path / "elsewhere", jobs=1)  # another folder, one worker
    assert again.pdf.read_bytes() == example_report.pdf.read_bytes()
    extracts = sorted((example_report.pdf.parent / "gminy").glob("*.pdf"))
    assert len(extracts) == 8
    for extract in extracts:
        assert (again.pdf.parent / "gminy" / extract.name).read_bytes() == extract.read_bytes(), extract.name
    for folder in ("html", "dane"):  # the HTML edition and the open data, file by file
        first = sorted(p.relative_to(example_report.pdf.parent) for p in (example_report.pdf.parent / folder).rglob("*")
                       if p.is_file())
        assert first == sorted(p.relative_to(again.pdf.parent) for p in (again.pdf.parent / folder).rglob("*")
                               if p.is_file())
        for name in first:
            assert (again.pdf.parent / name).read_bytes() == (example_report.pdf.parent / name).read_bytes(), name
    first = example_report.pdf.parent / "notebooks"
    for notebook in sorted(first.glob("*.ipynb")):
        assert (again.pdf.parent / "notebooks" / notebook.name).read_bytes() == notebook.read_bytes(), notebook.name


def test_the_date_comes_from_the_settings() -> None:
    ds = load_dataset(INPUTS, 2025)
    assert report_date(ds) == dt.date(2026, 3, 16)


def test_without_a_date_in_the_settings_source_date_epoch_is_used(monkeypatch) -> None:
    ds = load_dataset(INPUTS, 2025)
    undated = dataclasses.replace(ds, powiat=dataclasses.replace(ds.powiat, report_dates={}))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773878400")  # 2026-03-19 00:00 UTC
    assert report_date(undated) == dt.date(2026, 3, 19)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert report_date(undated) is None  # and the cover goes without a date, never today's


def test_a_missing_date_is_worth_a_warning(make_inputs, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    inputs = make_inputs({"ludnosc.csv": "teryt,ludnosc\n1007023,9700\n"}, year=2030)
    warnings = [p for p in load_dataset(inputs, 2030).problems if p.file == "powiat.toml"]
    assert [w.message for w in warnings] == ["brak daty opracowania raportu za 2030 r.; okładka będzie bez daty"]


def test_the_document_identifier_depends_on_the_inputs_only() -> None:
    ds = load_dataset(INPUTS, 2025)
    assert document_identifier(ds) == document_identifier(load_dataset(INPUTS, 2025))
    assert document_identifier(ds) != document_identifier(load_dataset(INPUTS, 2024))
