"""What a gmina's extract holds and where its contents and bookmarks point."""

from __future__ import annotations

import re

import pytest

from pipeline.data.dataset import load_dataset
from pipeline.document.assemble import gmina_chapter, powiat_chapters, sections_of
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
        Bookmark("Gmina Żarnów w 2025 r.", 1), Bookmark("Spis treści", 2), Bookmark("Najważniejsze wnioski", 3),
        Bookmark("Gmina Żarnów", 4, (Bookmark("Przestępczość", 4), Bookmark("Plan działań", 7))),
        Bookmark("Aneks", 8, (Bookmark("Źródła danych", 9),)))
    # The gmina's page, then the chapters; only the gmina's chapter lists its sections.
    assert re.findall(r'data-page="(\d+)"', layout.front) == ["2", "4", "5", "5", "8", "9"]
    front = layout.front.replace("\u00a0", " ")
    assert "Informacja przekazywana burmistrzowi i Radzie Miejskiej w Żarnowie" in front
    assert front.index("<h1") < front.index('id="contents"')  # the gmina's page comes before the contents
    assert "Gmina Żarnów w 2025 r." in front and "rozdział „Gmina Żarnów”, s. 5." in front
    assert layout.numbering.count('class="page"') == 10 - 1  # 3 front pages + 7 re-used, the cover unnumbered
    # the numbers are shared by extracts of as many pages; the footer is the gmina's own
    assert "Żarnów" not in layout.numbering
    footers = re.findall(r'data-footer="([^"]*)"', layout.footers)
    assert footers[layout.footer_page] == "Wyciąg dla Rady Miejskiej w Żarnowie – bezpieczeństwo w gminie Żarnów " \
                                          "w 2025 r." and len(footers) == len(ds.powiat.gminy)


def test_the_contents_give_the_full_reports_page_of_every_chapter_the_extract_lacks(ds) -> None:
    docs = _docs(ds)
    gmina = ds.powiat.gmina("1007083")
    chosen = extract_chapters(docs, gmina)
    parts = {i: Rendered(b"P", 1, {e.anchor: 0 for e in sections_of(docs[i])}) for i in chosen}
    report_pages = {doc.toc[0].anchor: 3 + number for number, doc in enumerate(docs)}
    layout = extract_layout(ds, gmina, docs, parts, report_pages=report_pages, report_name="raport.pdf")
    note = re.search(r'<p class="elsewhere">(.*?)</p>', layout.front.replace("\u00a0", " "), re.S).group(1)
    assert note.startswith("Pozostałe rozdziały pełnego raportu (plik raport.pdf)")
    assert note.endswith(": „Powiat” – s. 4; rozdziały pozostałych gmin: Białaczów – s. 5, Drzewica – s. 6, "
                         "Mniszków – s. 7, Opoczno – s. 8, Paradyż – s. 9, Poświętne – s. 10 i Sławno – s. 11; "
                         "„Plan na kolejny rok” – s. 13.")  # in the report's order, Żarnów's own left out
    assert "Najważniejsze wnioski" not in note  # the extract holds it
