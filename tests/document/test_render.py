"""WeasyPrint is given nothing it may fetch from outside, and its complaints are errors."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pikepdf
import pytest

from pipeline.content.theme import FONT_FILES
from pipeline.document import TEMPLATES
from pipeline.document.assemble import _font_faces
from pipeline.document.render import AssetFetcher, EmbeddedFile, render, render_pdf
from pipeline.errors import RenderError

from ..conftest import recording_server


def page(body: str, extra_css: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="pl-PL"><head><meta charset="utf-8"><title>Test</title>'
            f"<style>{_font_faces()} html {{ font-family: 'Source Sans Pro'; }} {extra_css}</style></head>"
            f"<body>{body}</body></html>")


@pytest.fixture
def server():
    with recording_server() as running:
        yield running


def test_a_plain_polish_page_renders(tmp_path) -> None:
    target = tmp_path / "ok.pdf"
    render_pdf(page("<h1>Zażółć gęślą jaźń</h1><p>„Cytat” – 12\u00a0345,6%</p>"), target)
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/x.png"])
def test_the_fetcher_refuses_anything_outside_the_assets(url: str) -> None:
    fetcher = AssetFetcher()
    with pytest.raises(BaseException, match="spoza projektu"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_the_stylesheet_fonts_and_data_urls() -> None:
    fetcher = AssetFetcher()
    for url in ((TEMPLATES / "report.css").as_uri(), FONT_FILES[(400, "normal")].as_uri(), "data:text/plain,ok"):
        response = fetcher.fetch(url)
        assert response.read()
        response.close()


@pytest.mark.parametrize("markup", ['<img src="{base}/x.png" alt="x">', '<link rel="stylesheet" href="{base}/s.css">',
                                    '<p style="background: url({base}/b.png)">x</p>'])
def test_a_remote_resource_stops_the_render_and_nothing_is_fetched(tmp_path, server, markup: str) -> None:
    base, requests = server
    with pytest.raises(RenderError, match="spoza projektu"):
        render_pdf(page(markup.format(base=base)), tmp_path / "x.pdf")
    assert requests == []
    assert not (tmp_path / "x.pdf").exists() or (tmp_path / "x.pdf").stat().st_size == 0


def test_a_local_file_outside_the_assets_stops_the_render(tmp_path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    with pytest.raises(RenderError, match="spoza projektu"):
        render_pdf(page(f'<img src="{secret.as_uri()}" alt="x">'), tmp_path / "x.pdf")


def test_unsupported_css_is_an_error_not_a_warning(tmp_path) -> None:
    with pytest.raises(RenderError, match="unknown property"):
        render_pdf(page("<p>x</p>", "p { text-shadow-blur: 3px; }"), tmp_path / "x.pdf")


def test_a_character_the_font_lacks_is_an_error(tmp_path) -> None:
    # U+2010 HYPHEN is not in Source Sans Pro; the system would silently use another font.
    with pytest.raises(RenderError, match="czcionki spoza projektu"):
        render_pdf(page("<p>pół\u2010żartem</p>"), tmp_path / "x.pdf")


def test_greek_and_cyrillic_come_from_the_supplement_only_when_needed() -> None:
    families = "html { font-family: 'Source Sans Pro', 'Source Sans Pro Cyrillic'; }"
    latin = render(page("<p>Zażółć gęślą jaźń</p>", families))
    both = render(page("<p>Fundacja „Олександр Ґанок” – Ελλάδα <b>Щука</b> <i>Їжак</i></p>", families))
    with pikepdf.open(io.BytesIO(latin.data)) as pdf:
        assert not any("Cyrillic" in str(font.BaseFont) for font in _fonts(pdf))
    with pikepdf.open(io.BytesIO(both.data)) as pdf:
        assert {"Source-Sans-Pro-Cyrillic", "Source-Sans-Pro-Cyrillic-Bold"} <= {
            str(font.BaseFont).split("+", 1)[1] for font in _fonts(pdf)}
    with pdfplumber.open(io.BytesIO(both.data)) as pdf:
        text = pdf.pages[0].extract_text()
    assert text.replace(" ", "") == "Fundacja„ОлександрҐанок”–ΕλλάδαЩукаЇжак"  # each glyph maps back to its letter


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [font for page in pdf.pages for font in page.Resources.Font.values()]


def test_embedded_files_are_stamped_with_the_given_date_not_the_clock(tmp_path) -> None:
    target = tmp_path / "x.pdf"
    render_pdf(page("<p>x</p>"), target, embedded=[EmbeddedFile("a.csv", b"teryt\n1007023\n", "plik")],
               date=dt.date(2026, 3, 16), identifier=b"0123456789abcdef")
    with pikepdf.open(target) as pdf:
        stream = pdf.attachments["a.csv"].get_file()
        assert stream.read_bytes() == b"teryt\n1007023\n"
        assert str(stream.obj.Params.ModDate).startswith("D:20260316")
        assert bytes(pdf.trailer.ID[0]) == b"0123456789abcdef"
