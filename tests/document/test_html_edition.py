"""What the HTML edition says about a file to download, and how it shows the analyst's photos."""

from __future__ import annotations

import base64
import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from pipeline.data.dataset import Dataset
from pipeline.data.registry import read_powiat
from pipeline.document.assemble import gmina_chapter, powiat_chapters
from pipeline.document.html_edition import Download, Downloads, html_index, html_pages

from ..conftest import INPUTS


@pytest.mark.parametrize(("download", "details"), [
    (Download("Pełny raport", "pliki/r.pdf", "PDF", 1_458_870, 45), "PDF, 45 stron, 1,5 MB"),
    (Download("Gmina Żarnów", "pliki/g.pdf", "PDF", 467_722, 9), "PDF, 9 stron, 468 kB"),
    (Download("Gmina Żarnów", "pliki/g.pdf", "PDF", 467_722, 22), "PDF, 22 strony, 468 kB"),
    (Download("Opis", "pliki/opis.txt", "TXT", 300), "TXT, 1 kB"),
    (Download("Gmina Żarnów", "pliki/g.pdf"), "PDF"),  # not made yet: no size
])
def test_a_download_says_its_format_pages_and_size(download, details) -> None:
    assert download.details.replace("\u00a0", " ") == details


# ---------------------------------------------------------------- the analyst's photos


def _edition(figures: str) -> dict[str, bytes]:
    """The edition of a two-chapter report: the findings, and a gmina's chapter with `figures`."""
    powiat = read_powiat(INPUTS)
    ds = Dataset(powiat, 2025, (2025,), {}, frozenset(), (), ())
    before, _ = powiat_chapters(ds, "<h1>Najważniejsze wnioski</h1><p>Wnioski.</p>")
    gmina = powiat.gminy[0]
    docs = [*before, gmina_chapter(gmina, f"<h1>{gmina.title}</h1>{figures}")]
    downloads = Downloads(Download("Pełny raport", "pliki/r.pdf"),
                          {g.teryt: Download(g.title, f"pliki/{g.slug}.pdf") for g in powiat.gminy}, [], {})
    return {**html_pages(ds, docs, downloads), **html_index(ds, docs, downloads)}


def _photo(caption: str = "") -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "navy").save(buffer, "JPEG")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="photo"><img src="data:image/jpeg;base64,{data}" alt="Boisko halowe">{figcaption}</figure>'


def test_a_photo_without_a_caption_has_its_alt_text_and_no_caption() -> None:
    files = _edition(_photo() + _photo("Turniej, luty") + _photo())
    page, = [html for name, html in files.items() if name.startswith("gmina-")]
    figures = BeautifulSoup(page, "html.parser").find_all("figure", class_="photo")
    assert [f.img["alt"] for f in figures] == ["Boisko halowe"] * 3
    assert [f.figcaption.get_text(" ", strip=True) if f.figcaption else None for f in figures] == [
        None, "Zdjęcie 1. Turniej, luty", None]  # only a captioned photo is numbered: nothing refers to the rest
    images = sorted(name for name in files if name.startswith("obrazy/"))
    assert len(images) == 3 and all(files[name].startswith(b"\xff\xd8") for name in images)
