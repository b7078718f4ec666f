"""An analyst's first year: only this year's data in inputs/. The report compares nothing it
cannot compare: no empty last-year columns, no one-bar "trend" charts, and it says so once."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader

from pipeline.making.chain import build_report

from .conftest import INPUTS
from .pdf_reading import chapter_pages, plain, tables

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def first_year(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("first") / "inputs"
    inputs.mkdir()
    shutil.copy(INPUTS / "powiat.toml", inputs)
    shutil.copytree(INPUTS / "2025", inputs / "2025")
    return build_report(inputs, 2025, tmp_path_factory.mktemp("out"), jobs=2).pdf


def test_no_comparison_columns_and_no_trend_charts(first_year) -> None:
    read = tables(first_year)
    assert read, "the report still has its tables"
    for table in read:
        assert "2024 r." not in table.columns and "dynamika" not in table.columns and "zmiana" not in table.columns, \
            table.caption
    text = " ".join(plain(page.extract_text()) for page in PdfReader(first_year).pages)
    assert "Wykres" in text  # charts that need no earlier year stay (gminas compared, KMZB, survey)
    assert "2021–2025" not in text and "2024–2025" not in text and "w 2024 r.:" not in text


def test_the_first_page_says_once_why_nothing_is_compared(first_year) -> None:
    pages = [plain(page.extract_text()) for page in PdfReader(first_year).pages]
    first, _ = chapter_pages(first_year, "Najważniejsze wnioski")
    assert "To pierwszy rok w danych raportu" in pages[first - 1]
    assert sum("To pierwszy rok w danych raportu" in page for page in pages) == 1


def test_the_html_edition_and_the_extracts_compare_nothing_either(first_year) -> None:
    folder = first_year.parent
    index = (folder / "html" / "index.html").read_text(encoding="utf-8")
    assert "To pierwszy rok w danych raportu" in index.replace("\N{NO-BREAK SPACE}", " ").replace("&nbsp;", " ")
    for page in (folder / "html").glob("*.html"):
        assert ">2024 r.<" not in page.read_text(encoding="utf-8"), page.name  # no last-year column heads
    extracts = sorted((folder / "gminy").glob("*.pdf"))
    assert len(extracts) == 8
    text = " ".join(plain(page.extract_text()) for page in PdfReader(extracts[0]).pages)
    assert "To pierwszy rok w danych raportu" in text
    for table in tables(extracts[0]):
        assert "2024 r." not in table.columns and "dynamika" not in table.columns, table.caption
