"""What a gmina's extract holds and where its contents and bookmarks point."""

from __future__ import annotations

import re

import pytest

from pipeline.data.dataset import load_dataset
from pipeline.document.assemble import gmina_chapter, powiat_chapters
from pipeline.document.extracts import extract_chapters, extract_layout
from pipeline.document.merge import Bookmark
from pipeline.document.pdfdata import Rendered
from pipeline.errors import RenderError

from ..conftest import INPUTS

POWIAT = ('<h1>Najważniejsze wnioski</h1><p>…</p><h1>Powiat</h1><h2>Przestępczość</h2>'
          '<div class="gmina-chapters"></div><h1>Plan na kolejny rok</h1><h1>Aneks</h1><h2>Źródła danych</h2>')


@pytest.fixture(scope="module")
def ds():
    return load_dataset(INPUTS, 2025)


def _docs(ds, powiat: str = POWIAT):
    before, after = powiat_chapters(ds, powiat)
    gminas = [gmina_chapter(g, f"<h1>{g.title}</h1><h2>Przestępczość</h2><h2>Plan działań</h2>")
              for g in ds.powiat.gminy]
    return [*before, *gminas, *after]


def test_the_extract_takes_the_findings_its_gmina_and_the_annex(ds) -> None:
    docs = _docs(ds)
    zarnow = ds.powiat.gmina("1007083")
    assert [docs[i].id for i in extract_chapters(docs, zarnow)] == ["najwazniejsze-wnioski", "gmina-1007083", "aneks"]


def test_the_extract_takes_the_goals_when_the_report_has_them(ds) -> None:
    docs = _docs(ds, POWIAT.replace("<h1>Powiat</h1>", "<h1>Cele współpracy i ich realizacja</h1><h1>Powiat</h1>"))
    zarnow = ds.powiat.gmina("1007083")
    assert [docs[i].id for i in extract_chapters(docs, zarnow)] == \
        ["najwazniejsze-wnioski", "cele-wspolpracy-i-ich-realizacja", "gmina-1007083", "aneks"]


def test_a_renamed_chapter_stops_the_extract_with_a_reason(ds) -> None:
    docs = _docs(ds, POWIAT.replace("Aneks", "Załączniki"))
    with pytest.raises(RenderError, match="brak rozdziałów aneks"):
        extract_chapters(docs, ds.powiat.gminy[0])


def test_contents_bookmarks_and_numbers_follow_the_reused_parts(ds) -> None:
    docs = _docs(ds)
    gmina = ds.powiat.gmina("1007083")
    findings, chapter, annex = extract_chapters(docs, gmina)
    parts = {findings: Rendered(b"F", 1, {"najwazniejsze-wnioski--tytul": 0}),
             chapter: Rendered(b"G", 4, {"gmina-1007083--tytul": 0, "gmina-1007083--przestepczosc": 0,
                                         "gmina-1007083--plan-dzialan": 3}),
             annex: Rendered(b"A", 2, {"aneks--tytul": 0, "aneks--zrodla-danych": 1})}
    layout = extract_layout(ds, gmina, docs, parts)
    assert layout.parts == (b"F", b"G", b"A")  # the report's own parts, in the extract's order
    assert layout.bookmarks == (
        Bookmark("Spis treści", 1), Bookmark("Najważniejsze wnioski", 2),
        Bookmark("Gmina Żarnów", 3, (Bookmark("Przestępczość", 3), Bookmark("Plan działań", 6))),
        Bookmark("Aneks", 7, (Bookmark("Źródła danych", 8),)))
    assert re.findall(r'data-page="(\d+)"', layout.front) == ["3", "4", "4", "7", "8", "9"]
    assert "Informacja przekazywana burmistrzowi i Radzie Miejskiej w Żarnowie" in layout.front.replace("\u00a0", " ")
    assert layout.numbering.count('class="page"') == 9 - 1  # 2 front pages + 7 re-used, the cover unnumbered
