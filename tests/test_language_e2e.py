"""End to end: Polish an editor would sign, in everything the example build prints — the PDF,
each gmina's extract and the HTML edition with its text alternatives (tests/language.py lists
the forms that must never appear, and why)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from .language import wrong_forms
from .pdf_reading import plain

pytestmark = pytest.mark.e2e


def _pdf_text(path: Path) -> str:
    return plain(" ".join(page.extract_text() for page in PdfReader(path).pages))


def _page_text(path: Path) -> str:
    """The page's own content (not the site's navigation), with its pictures' text alternatives."""
    main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("main")
    return plain(main.get_text(" ") + " " + " ".join(image.get("alt", "") for image in main.find_all("img")))


def test_the_report_and_every_extract_read_as_an_editor_would_sign(example_report) -> None:
    pdfs = [example_report.pdf, *sorted(example_report.pdf.parent.glob("gminy/*.pdf"))]
    assert len(pdfs) == 1 + len(example_report.dataset.powiat.gminy)
    marked = [f"{pdf.name}: {wrong}" for pdf in pdfs for wrong in wrong_forms(_pdf_text(pdf))]
    assert not marked, "\n".join(marked)


def test_the_html_edition_and_its_text_alternatives_read_as_an_editor_would_sign(example_report) -> None:
    pages = sorted((example_report.pdf.parent / "html").glob("*.html"))
    assert len(pages) > 10
    marked = [f"{page.name}: {wrong}" for page in pages for wrong in wrong_forms(_page_text(page))]
    assert not marked, "\n".join(marked)


def test_the_example_pictures_are_labelled_as_illustrations(example_report) -> None:
    text = _pdf_text(example_report.pdf)
    assert "Ilustracja 1. " in text and "Ilustracja 3. " in text
    assert "Zdjęcie 1" not in text  # the example has drawings only
