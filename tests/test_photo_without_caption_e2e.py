"""Issue 18.1's crash, end to end: a photo with its alt text and no caption, pasted into Word
(no "Legenda" paragraph) or written in Markdown as ![opis](zdjecia/a.jpg), gives the whole
report: the PDF, each gmina's extract, the HTML edition and the open data. In the PDF it is a
Figure with its alt text and no "Zdjęcie N." (only captioned photos are numbered); in the HTML
edition a figure with the alt text and no caption at all."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.shared import Inches
from PIL import Image
from pypdf import PdfReader

from pipeline.data.example_data import generate, write_synthetic_powiat
from pipeline.making.chain import build_report

from .pdf_reading import figure_alts

pytestmark = pytest.mark.e2e

ALT = "Uczniowie na boisku podczas turnieju halowego"


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "navy").save(buffer, "JPEG")
    return buffer.getvalue()


def _inputs(root):
    """A powiat of two gminas, two years of generated data."""
    inputs = root / "inputs"
    write_synthetic_powiat(inputs, 2)
    generate(inputs, years=(2024, 2025), events_per_year=(20, 30))
    return inputs


@pytest.fixture(scope="module", params=["word", "markdown"])
def report(request, tmp_path_factory):
    inputs = _inputs(tmp_path_factory.mktemp(request.param))
    year = inputs / "2025"
    if request.param == "word":
        document = Document()
        document.add_heading("Przykładowa 1", level=1)
        document.add_paragraph("Turniej halowy zgromadził uczniów wszystkich szkół gminy.")
        document.add_picture(io.BytesIO(_jpeg()), width=Inches(3))
        document.inline_shapes[0]._inline.docPr.set("descr", ALT)  # "Edytuj tekst alternatywny", no Legenda
        document.add_paragraph("Dalszy tekst po zdjęciu.")
        document.save(str(year / "komentarz.docx"))
    else:
        (year / "zdjecia").mkdir()
        (year / "zdjecia" / "a.jpg").write_bytes(_jpeg())
        (year / "komentarz.md").write_text("# Przykładowa 1\n\nTurniej halowy zgromadził uczniów wszystkich szkół "
                                           f"gminy.\n\n![{ALT}](zdjecia/a.jpg)\n\nDalszy tekst po zdjęciu.\n",
                                           encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = build_report(inputs, 2025, out, jobs=2)
    return result, out / "2025"


def test_every_copy_of_the_report_is_made(report) -> None:
    result, folder = report
    assert result.pdf.is_file()
    assert sorted(p.name for p in (folder / "gminy").glob("*.pdf")) == [
        "raport_przykladowy_2025_przykladowa-1.pdf", "raport_przykladowy_2025_przykladowa-2.pdf"]
    assert (folder / "html" / "index.html").is_file() and (folder / "html" / "gmina-przykladowa-1.html").is_file()
    assert (folder / "dane" / "opis.txt").is_file() and list((folder / "dane").glob("*.csv"))


def test_the_pdf_and_the_extract_show_the_photo_described_and_unnumbered(report) -> None:
    result, folder = report
    for pdf in (result.pdf, folder / "gminy" / "raport_przykladowy_2025_przykladowa-1.pdf"):
        assert ALT in figure_alts(pdf), pdf.name
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "Dalszy tekst po zdjęciu." in text and not re.search(r"Zdjęcie \d+\.", text), pdf.name


def test_the_html_figure_has_the_alt_text_and_no_caption(report) -> None:
    _, folder = report
    page = BeautifulSoup((folder / "html" / "gmina-przykladowa-1.html").read_text(encoding="utf-8"), "html.parser")
    figure, = page.find_all("figure", class_="photo")
    assert figure.img["alt"] == ALT and figure.find("figcaption") is None
    assert (folder / "html" / figure.img["src"]).read_bytes().startswith(b"\xff\xd8")

