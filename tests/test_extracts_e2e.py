"""End to end: each gmina's extract, read back from the real files the example build wrote.

A wójt forwards the extract: it must hold that gmina's chapter and no other, be titled for
the gmina, count its own pages, carry the same evidence as the report and pass every check
the report passes; its chapter pages must be the report's own pages, not a new layout. Its
second page is the gmina's own ("Gmina X w 2025 r."), every page's footer names the gmina and
its council, and where it refers to the full report it gives the page the heading is on there.
"""

from __future__ import annotations

import re

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from pipeline.content.findings import GMINA_FINDINGS, findings
from pipeline.document.assemble import extract_footer, extract_title
from pipeline.document.pdfcheck import check_pdf
from pipeline.making.outputs import ReportPaths

from .pdf_reading import chapters, plain

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def paths(example_report) -> ReportPaths:
    return ReportPaths.of(example_report.pdf.parents[1], example_report.dataset)


@pytest.fixture(scope="module")
def gminy(example_report):
    return example_report.dataset.powiat.gminy


def _pages(path) -> list[str]:
    return [plain(page.extract_text()) for page in PdfReader(path).pages]


def _without_page_number(text: str) -> str:
    """A page without what the merge lays over it: its number and its running footer."""
    text = re.sub(r"strona \d+ z \d+", "", text)
    return re.sub(r"(Wyciąg dla .*? w 2025 r\.|Bezpieczeństwo w powiecie opoczyńskim – 2025 r\.)", "", text).strip()


def test_every_gmina_has_its_extract_where_the_readme_says(paths, gminy) -> None:
    found = sorted(p.name for p in paths.extracts.glob("*.pdf"))
    assert found == sorted(f"raport_opoczynski_2025_{g.slug}.pdf" for g in gminy)
    assert len(found) == 8


def test_each_extract_holds_its_gmina_and_no_other(paths, gminy) -> None:
    for gmina in gminy:
        titles = [title for title, _, _ in chapters(paths.extract(gmina))]
        assert titles == [f"Gmina {gmina.nazwa} w 2025 r.", "Spis treści", "Najważniejsze wnioski",
                          "Cele współpracy i ich realizacja", f"Gmina {gmina.nazwa}", "Aneks"], gmina.nazwa
        sections = [item.title for item in _children(paths.extract(gmina), f"Gmina {gmina.nazwa}")]
        assert sections[-1] == "Plan działań", sections  # its part of the plan for the next year


def _children(path, title: str) -> list:
    outline = PdfReader(path).outline
    index = next(i for i, item in enumerate(outline) if not isinstance(item, list) and item.title == title)
    return outline[index + 1] if index + 1 < len(outline) and isinstance(outline[index + 1], list) else []


def test_the_cover_and_the_title_name_the_gmina(paths, gminy, example_report) -> None:
    for gmina in gminy:
        path = paths.extract(gmina)
        title = extract_title(example_report.dataset, gmina)
        assert title == f"Informacja o stanie bezpieczeństwa i działaniach profilaktycznych w gminie {gmina.nazwa} " \
                        "w 2025 r."
        with pikepdf.open(path) as pdf:
            assert str(pdf.docinfo["/Title"]) == title
        cover = _pages(path)[0]
        assert title in cover
        head = "wójtowi" if gmina.rodzaj == "wiejska" else "burmistrzowi"
        assert f"Informacja przekazywana {head} i {gmina.rada_celownik}" in cover  # "Radzie Miejskiej w Żarnowie"
        assert f"podsumowanie roku w gminie {gmina.nazwa} na jednej stronie, najważniejsze wnioski dla całego " \
               f"powiatu, cele współpracy i ich realizacja, rozdział gminy {gmina.nazwa} z planem działań na " \
               "2026 r. i aneks." in cover
        assert "odesłania do rozdziałów, których wyciąg nie zawiera" in cover  # e.g. the findings' "Szczegóły: …"


def test_page_numbers_count_the_extracts_own_pages(paths, gminy) -> None:
    for gmina in gminy:
        pages = _pages(paths.extract(gmina))
        assert 6 <= len(pages) < 20
        for number, page in enumerate(pages[1:], start=2):
            assert f"strona {number} z {len(pages)}" in page, (gmina.nazwa, number)


def test_the_gmina_pages_are_the_reports_own_pages(paths, gminy, example_report) -> None:
    report = _pages(example_report.pdf)
    spans = {title: (first, last) for title, first, last in chapters(example_report.pdf)}
    for gmina in (gminy[0], gminy[-1]):
        extract = _pages(paths.extract(gmina))
        spans_here = {title: (first, last) for title, first, last in chapters(paths.extract(gmina))}
        for title in (f"Gmina {gmina.nazwa}", "Najważniejsze wnioski", "Cele współpracy i ich realizacja", "Aneks"):
            first, last = spans[title]
            mine = spans_here[title]
            assert [_without_page_number(p) for p in extract[mine[0] - 1:mine[1]]] == \
                   [_without_page_number(p) for p in report[first - 1:last]], (gmina.nazwa, title)


def test_the_contents_print_the_pages_their_links_lead_to(paths, gminy) -> None:
    reader = PdfReader(paths.extract(gminy[3]))
    destinations = {name: reader.get_destination_page_number(d) + 1 for name, d in reader.named_destinations.items()}
    targets = []
    for annotation in reader.pages[2].get("/Annots", []):
        name = str(annotation.get_object()["/Dest"])
        if not targets or targets[-1][0] != name:  # a link may span two boxes
            targets.append((name, destinations[name]))
    printed = [int(n) for n in re.findall(r"^(\d+)$", reader.pages[2].extract_text(), re.M)]
    assert [page for _, page in targets] == printed and len(printed) >= 12
    # the gmina's page after the cover, then the findings after the contents
    assert targets[:2] == [("w-skrocie--tytul", 2), ("najwazniejsze-wnioski--tytul", 4)]
    pages = _pages(paths.extract(gminy[3]))
    assert "Gmina Opoczno" in pages[destinations["gmina-1007043--tytul"] - 1]


def test_every_extract_passes_the_checks_of_the_report(paths, gminy, example_report) -> None:
    ds = example_report.dataset
    for gmina in gminy:
        failed = [f for f in check_pdf(paths.extract(gmina), ds.sources, extract_title(ds, gmina)) if not f.ok]
        assert not failed, (gmina.nazwa, failed)


def test_an_extract_carries_the_same_evidence_as_the_report(paths, gminy, example_report) -> None:
    with pikepdf.open(example_report.pdf) as report:
        expected = {name: spec.get_file().read_bytes() for name, spec in report.attachments.items()}
    with pikepdf.open(paths.extract(gminy[0])) as extract:
        carried = {name: spec.get_file().read_bytes() for name, spec in extract.attachments.items()}
        identifier = bytes(extract.trailer.ID[0])
    assert carried == expected
    with pikepdf.open(example_report.pdf) as report:
        assert bytes(report.trailer.ID[0]) != identifier  # a document of its own


def test_the_second_page_is_the_gminas_own_with_its_findings(paths, gminy, example_report) -> None:
    ds = example_report.dataset
    for gmina in gminy:
        page = _pages(paths.extract(gmina))[1]
        assert page.startswith(f"Gmina {gmina.nazwa} w 2025 r. Rok 2025 w gminie {gmina.nazwa} na tle 2024 r."), page
        found = findings(ds, gmina.teryt)
        assert GMINA_FINDINGS[0] <= len(found) <= GMINA_FINDINGS[1]
        flat = " ".join(page.split())
        # every headline of the gmina's findings, in their order (up to an abbreviation, which its
        # first use spells out: "akcji bezpieczeństwa ruchu drogowego (BRD)")
        headlines = [" ".join(re.split(r"\b[A-Z]{2,}\b", f.headline)[0].split()) for f in found]
        for headline in headlines:
            assert headline in flat, (gmina.nazwa, headline)
        positions = [flat.index(headline) for headline in headlines]
        assert positions == sorted(positions)
        for words in ("Na tle średniej gmin powiatu", "Cele, służby i plan na 2026 r.", "Na 2026 r. zaplanowano"):
            assert words in flat, (gmina.nazwa, words)
        assert "Tabela" not in flat  # its table has no number: the extract's numbers are the report's
        assert "Spis treści" in _headings(paths.extract(gmina), 3)  # one page, the contents after it


def test_the_gminas_page_says_what_drzewica_needs_to_hear(paths, gminy) -> None:
    """Drzewica: crime up beyond chance, above the average of the gminas, patrols no longer paid."""
    drzewica = next(g for g in gminy if g.nazwa == "Drzewica")
    flat = " ".join(_pages(paths.extract(drzewica))[1].split())
    assert "Przestępczość wzrosła – wymaga uwagi. Stwierdzono 314 przestępstw, o 30,3% więcej niż w 2024 r. (241)" \
        in flat
    assert "Przestępczość powyżej średniej gmin, poza granicami zwykłych wahań – wymaga uwagi. 326,1 przestępstwa" \
        in flat
    assert "Gmina Drzewica przestała opłacać służby policji – wymaga uwagi." in flat
    assert flat.count("5 600 zł") == 1  # what it paid in 2024, said once on the page


def test_every_page_of_an_extract_names_the_gmina_and_its_council_in_its_footer(paths, gminy, example_report) -> None:
    ds = example_report.dataset
    for gmina in gminy:
        footer = extract_footer(ds, gmina)
        assert gmina.nazwa in footer and gmina.rada_dopelniacz in footer  # "Rady Miejskiej w Drzewicy"
        for number, page in enumerate(PdfReader(paths.extract(gmina)).pages[1:], start=2):
            lines = [plain(line) for line in page.extract_text().splitlines()]
            assert any(line.startswith(footer) for line in lines), (gmina.nazwa, number)  # the re-used pages too
            assert "Bezpieczeństwo w powiecie opoczyński" not in " ".join(lines), (gmina.nazwa, number)


def test_the_report_keeps_its_own_footer_on_every_page_but_the_cover(example_report) -> None:
    pages = _pages(example_report.pdf)
    assert "Bezpieczeństwo w powiecie opoczyńskim" not in pages[0]
    assert all("Bezpieczeństwo w powiecie opoczyńskim – 2025 r." in page for page in pages[1:])


def test_the_metadata_name_the_gmina_and_its_council_as_the_audience(paths, gminy) -> None:
    for gmina in gminy:
        with pikepdf.open(paths.extract(gmina)) as pdf:
            title = str(pdf.docinfo["/Title"])
            metadata = pdf.open_metadata()
            described = str(metadata["dc:description"])
            assert f"w gminie {gmina.nazwa} w 2025 r." in title and str(metadata["dc:title"]) == title
        assert described.startswith(f"Wyciąg z raportu dla {gmina.head_dopelniacz} i {gmina.rada_dopelniacz}."), \
            described


def _headings(path, page: int) -> list[str]:
    """The lines set in a heading's size (h1 20 pt, h2 13,5 pt) on a page (1-based)."""
    with pdfplumber.open(path) as pdf:
        lines = pdf.pages[page - 1].extract_text_lines()
    return [" ".join(plain(line["text"]).split()) for line in lines if min(c["size"] for c in line["chars"]) >= 13]


def test_references_to_the_full_report_give_the_page_its_heading_is_on(paths, gminy, example_report) -> None:
    for gmina in gminy:
        pages = [" ".join(page.split()) for page in _pages(paths.extract(gmina))]
        note = re.search(r"Pozostałe rozdziały pełnego raportu \(plik raport_opoczynski_2025\.pdf\).*?: (.*?)\. Jak",
                         pages[2]).group(1)
        references = re.findall(r"„([^”]+)” – s\. (\d+)", note)
        references += [(f"Gmina {name}", page) for name, page in re.findall(r"(\w+) – s\. (\d+)",
                                                                            note.split("pozostałych gmin:")[1])]
        titles = {title for title, _ in references}
        assert {"Powiat opoczyński w 2025 r.", "Gminy w porównaniu", "Plan na kolejny rok"} <= titles
        assert len([t for t in titles if t.startswith("Gmina ")]) == 7 and f"Gmina {gmina.nazwa}" not in titles
        for title, page in references:  # the heading stands on that page of the full report
            assert title in _headings(example_report.pdf, int(page)), (gmina.nazwa, title, page)
        # and the gmina's page refers to its own chapter on the extract's page it starts on
        chapter = int(re.search(rf"rozdział „Gmina {gmina.nazwa}”, s\. (\d+)\.", pages[1]).group(1))
        assert f"Gmina {gmina.nazwa}" in _headings(paths.extract(gmina), chapter), (gmina.nazwa, chapter)
