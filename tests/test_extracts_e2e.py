"""End to end: each gmina's extract, read back from the real files the example build wrote.

A wójt forwards the extract: it must hold that gmina's chapter and no other, be titled for
the gmina, count its own pages, carry the same evidence as the report and pass every check
the report passes; its chapter pages must be the report's own pages, not a new layout.
"""

from __future__ import annotations

import re

import pikepdf
import pytest
from pypdf import PdfReader

from pipeline.document.assemble import extract_title
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
    return re.sub(r"strona \d+ z \d+", "", text).strip()


def test_every_gmina_has_its_extract_where_the_readme_says(paths, gminy) -> None:
    found = sorted(p.name for p in paths.extracts.glob("*.pdf"))
    assert found == sorted(f"raport_opoczynski_2025_{g.slug}.pdf" for g in gminy)
    assert len(found) == 8


def test_each_extract_holds_its_gmina_and_no_other(paths, gminy) -> None:
    for gmina in gminy:
        titles = [title for title, _, _ in chapters(paths.extract(gmina))]
        assert titles == ["Spis treści", "Najważniejsze wnioski", "Cele współpracy i ich realizacja",
                          f"Gmina {gmina.nazwa}", "Aneks"], gmina.nazwa
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
        assert f"najważniejsze wnioski dla całego powiatu, cele współpracy i ich realizacja, rozdział gminy " \
               f"{gmina.nazwa} z planem działań na 2026 r. i aneks." in cover
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
    for annotation in reader.pages[1].get("/Annots", []):
        name = str(annotation.get_object()["/Dest"])
        if not targets or targets[-1][0] != name:  # a link may span two boxes
            targets.append((name, destinations[name]))
    printed = [int(n) for n in re.findall(r"^(\d+)$", reader.pages[1].extract_text(), re.M)]
    assert [page for _, page in targets] == printed and len(printed) >= 12
    assert targets[0] == ("najwazniejsze-wnioski--tytul", 3)  # after the cover and the contents
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
