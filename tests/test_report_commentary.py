"""The analyst's commentary in the real PDF: every heading's text in its chapter (by the
bookmarks' page ranges), the foreword on its own page, photos described and without any
metadata; Word and the template round trip; one gmina's edit remakes that gmina only."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from pypdf import PdfReader

from pipeline.data.commentary.template import write_commentary_template
from pipeline.data.registry import read_powiat
from pipeline.making.chain import build_report

from .conftest import INPUTS
from .pdf_reading import chapters, figure_alts, plain

pytestmark = pytest.mark.e2e


def _chapter_text(pdf: Path, title: str) -> str:
    pages = [plain(page.extract_text()) for page in PdfReader(pdf).pages]
    (_, first, last), = [c for c in chapters(pdf) if c[0] == title]
    return " ".join(pages[first - 1:last])


def test_each_heading_s_text_lands_in_its_chapter(example_report) -> None:
    pdf = example_report.pdf
    titles = [title for title, _, _ in chapters(pdf)]
    assert titles[:3] == ["Spis treści", "Słowo wstępne", "Najważniejsze wnioski"]  # its own page, bookmarked
    assert "Słowo wstępne" in plain(PdfReader(pdf).pages[1].extract_text())  # and in the contents
    foreword = _chapter_text(pdf, "Słowo wstępne")
    assert "przedstawiam Radzie Powiatu Opoczyńskiego" in foreword and "Jak czytać raport" in foreword  # box below
    assert "oszustw internetowych" in _chapter_text(pdf, "Najważniejsze wnioski")
    drzewica = _chapter_text(pdf, "Gmina Drzewica")
    series = drzewica.index("seria czterech włamań do domków")  # at the end of its section, under the table it explains
    assert drzewica.index("Przestępstwa w 7 kategoriach – gmina") < series < drzewica.index("Gmina na tle powiatu")
    assert re.search(r"Tabela \d+\. Seria włamań do domków letniskowych w 2025 r\.", drzewica)  # numbered, captioned
    assert "powiatowego rajdu rowerowego" in _chapter_text(pdf, "Gmina Opoczno")
    powiat = _chapter_text(pdf, "Powiat opoczyński w 2025 r.")
    assert "Najwięcej uczestników wśród turniejów miał Halowy Turniej" in powiat
    assert powiat.index("Najwięcej uczestników wśród") > powiat.index("Działania profilaktyczne według rodzaju")
    assert "utrzymanie finansowania służb" in _chapter_text(pdf, "Plan na kolejny rok")
    assert "KOMENTARZ" in powiat  # visibly the police's own words


def test_photos_are_figures_with_their_alt_text_and_caption(example_report) -> None:
    alts = figure_alts(example_report.pdf)
    assert "Ilustracja: boisko halowe z dwiema bramkami i piłką na środku" in alts
    assert "Ilustracja: rower na krętej trasie rajdu wśród pól, z flagą na mecie" in alts
    assert "Ilustracja: biały krzyż pierwszej pomocy na zielonym tle" in alts  # never the Red Cross emblem
    text = _chapter_text(example_report.pdf, "Gmina Opoczno")
    assert re.search(r"Ilustracja 3\. Powiatowy rajd rowerowy", text)  # a drawing, labelled as one


def test_no_photo_in_the_pdf_carries_exif_or_a_gps_position(example_report) -> None:
    with pikepdf.open(example_report.pdf) as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        streams = [image.read_raw_bytes() for image in images]
        published = pdf.attachments["2025-komentarz.html"].get_file().read_bytes()
    photos = [s for s in streams if s.startswith(b"\xff\xd8")]
    assert len(photos) == 3
    assert not any(b"Exif" in s or b"GPS" in s or b"Przykladowy Telefon" in s for s in streams)
    copies = [base64.b64decode(m) for m in re.findall(rb"base64,([A-Za-z0-9+/=]+)", published)]
    assert len(copies) == 3 and not any(b"Exif" in c for c in copies)  # the embedded copy is clean too


def test_the_commentary_is_embedded_with_the_original_s_sha256(example_report) -> None:
    with pikepdf.open(example_report.pdf) as pdf:
        manifest = json.loads(pdf.attachments["manifest.json"].get_file().read_bytes())
    entry, = [f for f in manifest["pliki"] if f["plik"] == "2025/komentarz.md"]
    assert entry["zalacznik"] == "2025-komentarz.html"
    assert entry["sha256_oryginalu"] == hashlib.sha256((INPUTS / "2025" / "komentarz.md").read_bytes()).hexdigest()
    assert "2025/komentarz.md dołączono jako 2025-komentarz.html" in _chapter_text(example_report.pdf, "Aneks")


@pytest.fixture(scope="module")
def from_the_template(tmp_path_factory):
    """The Word template, filled in with python-docx as an analyst would in Word."""
    inputs = tmp_path_factory.mktemp("word") / "inputs"
    shutil.copytree(INPUTS, inputs)
    (inputs / "2025" / "komentarz.md").unlink()
    shutil.rmtree(inputs / "2025" / "zdjecia")
    template = write_commentary_template(read_powiat(inputs), 2025, inputs.parent)
    document = Document(str(template))
    _write_under(document, "Gmina Sławno", "Tekst wpisany w szablonie pod gminą Sławno.")
    _write_under(document, "Służby ponadnormatywne", "Tekst wpisany w szablonie w sekcji służb powiatu.")
    document.save(str(inputs / "2025" / "komentarz.docx"))
    out = tmp_path_factory.mktemp("out")
    return inputs, out, build_report(inputs, 2025, out, jobs=2)


def _write_under(document, heading: str, text: str) -> None:
    """Type `text` under the first `heading`, below its grey hint, in the normal style."""
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == heading)
    hint = paragraphs[index + 1]
    following = paragraphs[index + 2]
    following.insert_paragraph_before(text, style="Normal")
    assert hint.style.name == "Wskazówka"


def test_a_filled_in_template_renders_in_the_right_chapters(from_the_template) -> None:
    _, _, result = from_the_template
    assert "Tekst wpisany w szablonie pod gminą Sławno." in _chapter_text(result.pdf, "Gmina Sławno")
    powiat = _chapter_text(result.pdf, "Powiat opoczyński w 2025 r.")
    assert "Tekst wpisany w szablonie w sekcji służb powiatu." in powiat
    everything = " ".join(plain(p.extract_text()) for p in PdfReader(result.pdf).pages)
    assert "szare wskazówki" not in everything and "Ocena policji do tej części" not in everything
    assert "Słowo wstępne" not in [title for title, _, _ in chapters(result.pdf)]  # left empty: no chapter


def test_editing_one_gmina_s_commentary_remakes_that_gmina_only(from_the_template) -> None:
    inputs, out, _ = from_the_template
    path = inputs / "2025" / "komentarz.docx"
    document = Document(str(path))
    _write_under(document, "Gmina Drzewica", "Dopisany później komentarz o Drzewicy.")
    document.save(str(path))
    again = build_report(inputs, 2025, out, jobs=2)
    assert again.executed == ["gmina-1007023"]
    assert "Dopisany później komentarz o Drzewicy." in _chapter_text(again.pdf, "Gmina Drzewica")
