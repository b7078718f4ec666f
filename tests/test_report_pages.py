"""The council member's five minutes, read from the real PDF: a short report whose first page
concludes, that says each thing once, whose numbers explain themselves and whose pages are
full, with tables that never strand a row or two."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import pikepdf
import pytest
from pypdf import PdfReader

from pipeline.content.glossary import ABBREVIATIONS

from .pdf_reading import chapter_pages, chapters, fullness, list_items, plain, tables

pytestmark = pytest.mark.e2e

MAX_PAGES = 52  # the limit of the wave of issues 18-22 (issue 20's sections, 19's findings and funnel, 21's keeps)
FULL_ENOUGH = 0.6
FEW_CASES = 10


@pytest.fixture(scope="module")
def pdf(example_report):
    return example_report.pdf


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return [plain(page.extract_text()) for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def read_tables(pdf):
    return tables(pdf)


def test_the_report_is_short(pages) -> None:
    assert len(pages) <= MAX_PAGES


def test_the_first_page_concludes_on_one_page(pdf, pages) -> None:
    first, last = chapter_pages(pdf, "Najważniejsze wnioski")
    assert first == last <= 4  # after the contents (and the foreword, when the analyst wrote one)
    page = pages[first - 1]
    assert 5 <= len(list_items(pdf, first)[0]) <= 7  # the findings, each a fact with its interpretation
    assert "Gminy na tle średniej gmin" in page and ("▲" in page or "▼" in page)
    assert re.search(r"Na \d{4} r\. policja i samorządy zaplanowały .* rozdziały gmin\.", page)
    closing = page.index("policja i samorządy zaplanowały")
    assert "Tabela" not in page[closing:], "the plan line closes the page"


def test_no_sentence_is_said_twice_within_a_chapter(pdf, pages) -> None:
    for title, first, last in chapters(pdf):
        text = " ".join(pages[first - 1:last])
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ„])", text) if len(s.strip()) >= 60]
        repeated = [s for s, n in Counter(sentences).items() if n > 1]
        assert not repeated, f"{title}: {repeated[:3]}"


def test_no_dynamika_percentage_on_a_base_under_10(read_tables) -> None:
    checked = 0
    for table in read_tables:
        if "dynamika" not in table.columns:
            continue
        base, dynamika = table.columns.index(f"{_previous(table)} r."), table.columns.index("dynamika")
        for row in table.body:
            previous = _number(row.cells[base])
            if previous is not None and previous < FEW_CASES:
                assert "%" not in row.cells[dynamika], (table.caption, row.cells)
                checked += 1
    assert checked > 20, "the example has small bases in the gminas' tables"


def _previous(table) -> int:
    return min(int(c[:4]) for c in table.columns if re.fullmatch(r"\d{4} r\.", c))


def _number(cell: str) -> float | None:
    text = cell.replace(" ", "").replace(",", ".")
    return float(text) if re.fullmatch(r"\d+(\.\d+)?", text) else None


def test_no_page_but_a_chapters_last_is_under_60_percent_full(pdf) -> None:
    filled = fullness(pdf)
    lasts = {last for _, _, last in chapters(pdf)}
    thin = {page: round(f, 2) for page, f in enumerate(filled, start=1)
            if page > 2 and page not in lasts and f < FULL_ENOUGH}
    assert not thin, f"pages less than {FULL_ENOUGH:.0%} full: {thin}"


def test_no_table_split_leaves_fewer_than_3_rows_on_a_page(read_tables) -> None:
    for table in read_tables:
        per_page = Counter(row.page for row in table.body)
        if len(per_page) > 1:
            pages = sorted(per_page)
            assert per_page[pages[0]] >= 3 and per_page[pages[-1]] >= 3, (table.caption, dict(per_page))


def test_the_annex_prints_each_attached_file_with_its_full_sha256(pdf, pages) -> None:
    annex = next(i for i, (title, _, _) in enumerate(chapters(pdf)) if title == "Aneks")
    _, first, last = chapters(pdf)[annex]
    text = " ".join(pages[first - 1:last])
    with pikepdf.open(pdf) as document:
        attached = {name: hashlib.sha256(spec.get_file().read_bytes()).hexdigest()
                    for name, spec in document.attachments.items() if name != "manifest.json"}
    assert len(attached) > 30
    for name, digest in attached.items():
        assert f"{name} " in text and digest in text, name
        assert re.search(re.escape(name) + r" [\d ]+ " + digest, text), name
    assert "Dołączono też plik manifest.json" in text  # the 45th attachment, for a program


def test_abbreviations_are_spelled_out_at_first_use_in_each_chapter_in_the_case_it_needs(pdf, pages) -> None:
    for title, first, last in chapters(pdf)[2:]:  # the foreword's page holds "Jak czytać raport", which lists them
        text = " ".join(pages[first - 1:last])
        for short, long in ABBREVIATIONS.items():
            found = re.search(rf"(?<![\w.]){short}(?!\w)", text)
            if found is None:
                continue
            spelled = text[:found.start()]
            assert spelled.endswith(tuple(f"{form} (" for form in (long.nominative, long.genitive, long.locative))), \
                (title, text[max(0, found.start() - 80):found.end() + 20])


def test_the_goals_chapter_follows_the_conclusions_with_every_status_and_target(pdf, pages, read_tables) -> None:
    titles = [title for title, _, _ in chapters(pdf)]
    assert titles[titles.index("Najważniejsze wnioski") + 1] == "Cele współpracy i ich realizacja"
    _, first, last = chapters(pdf)[titles.index("Cele współpracy i ich realizacja")]
    text = " ".join(pages[first - 1:last])
    assert "Cel „Ograniczenie przestępczości” nie został osiągnięty: przestępstwa stwierdzone – 1 836 wobec " \
           "zakładanych najwyżej 1 750." in text
    goals = [t for t in read_tables if t.caption.startswith("Tabela") and "mierniki" in t.caption]
    statuses = {row.cells[-1] for t in goals for row in t.body}
    # a symbol and a word, never colour
    assert statuses == {"✓ osiągnięty", "× nieosiągnięty", "± nierozstrzygnięty", "? brak danych"}
    # a label wrapped in its cell is read back without the spaces at its line ends
    survey = next([c.replace(" ", "") for c in row.cells] for t in goals for row in t.body
                  if row.cells[0].replace(" ", "").startswith("poczuciebezpieczeństwa") and "powiat" in row.cells[1])
    assert survey[3:5] == ["73,7%(70,3–76,7)", "conajmniej73,0%"] and survey[-1] == "±nierozstrzygnięty"
    assert "odpowiedziało 725 osób" in text and "73,7% z nich, z błędem ±3 pkt proc." in text
    assert "różnica w granicach błędu" in text
    aims = {row.cells[4] for t in goals for row in t.body}
    assert {"najwyżej 1 750", "co najmniej 75,0%", "mniej niż w 2024 r."} <= aims
    conclusions, _ = chapter_pages(pdf, "Najważniejsze wnioski")
    assert "Cele współpracy na 2025 r.: z 3 celów osiągnięto 1, nie osiągnięto 1, 1 nierozstrzygnięty " \
           "(rozdział „Cele współpracy i ich realizacja”)." in pages[conclusions - 1]


def test_every_gmina_shows_its_residents_sense_of_safety(pdf, read_tables) -> None:
    rows = [row.cells[0] for t in read_tables if t.caption.startswith("Tabela") and "Najważniejsze wskaźniki – gmina"
            in t.caption for row in t.body]
    safety = [r for r in rows if r.startswith("poczucie bezpieczeństwa mieszkańców")]
    assert len(safety) == 8
    assert any("mała próba" in r for r in safety)
    assert "poczucie bezpieczeństwa mieszkańców (w 2025 r. bez ankiety)" in safety  # Poświętne: asked in 2024 only


def test_the_first_page_names_what_weighs_most_and_no_noise(pdf, pages) -> None:
    """Issue 19: the stopped patrol funding, the fall in debates, the drunk drivers with the
    checks that find them; robberies 4 -> 9 (chance) are not "wymaga uwagi"."""
    first, _ = chapter_pages(pdf, "Najważniejsze wnioski")
    page = pages[first - 1]
    assert "Gminy Drzewica i Poświętne przestały opłacać służby policji – wymaga uwagi." in page
    assert "Mniej debat społecznych – wymaga uwagi." in page and "Debat społecznych: 16 (w 2024 r.: 28)" in page
    assert "Zatrzymano 80 nietrzeźwych kierujących (w 2024 r.: 54)" in page and "32 kontrole drogowe" in page
    assert "rozboj" not in page.replace("rozbój", "") and "rozbójniczych" not in page


def test_every_table_of_crimes_by_kind_sums_to_its_total(read_tables) -> None:
    groups = [t for t in read_tables if "Przestępstwa stwierdzone –" in t.caption]
    seven = [t for t in read_tables if "Przestępstwa w 7 kategoriach –" in t.caption]
    assert len(groups) == len(seven) == 9  # the powiat and 8 gminas
    for table in groups:
        rows = {row.cells[0]: row.cells for row in table.body}
        assert "przestępstwa pozostałe" in rows, table.caption
        for column in (1, 2):  # last year, this year
            parts = sum(_number(cells[column]) for label, cells in rows.items() if label != "przestępstwa ogółem")
            assert parts == _number(rows["przestępstwa ogółem"][column]), table.caption
    for table in seven:
        *parts, total = table.body
        assert parts[-1].cells[0] == "pozostałe przestępstwa kryminalne", table.caption
        assert total.cells[0] == "przestępstwa o charakterze kryminalnym razem", table.caption
        for column in (1, 2):
            assert sum(_number(row.cells[column]) for row in parts) == _number(total.cells[column]), table.caption


def test_the_funnel_names_who_lies_outside_its_limits(pdf) -> None:
    with pikepdf.open(pdf) as document:
        alts = [str(node.get("/Alt")) for node in _figures(document.Root.StructTreeRoot)]
    funnel = next(a for a in alts if a.startswith("Wykres lejkowy"))
    assert "Poza granicami 99,8%: powyżej – Drzewica; poniżej – Mniszków i Poświętne." in funnel


def _figures(node) -> list:
    found = []
    for kid in node.get("/K", []) if isinstance(node.get("/K"), pikepdf.Array) else [node.get("/K")]:
        if isinstance(kid, pikepdf.Dictionary):
            if kid.get("/S") == "/Figure":
                found.append(kid)
            found += _figures(kid)
    return found


def test_the_annex_says_how_the_data_checks_went(pdf, pages) -> None:
    _, first, last = next(c for c in chapters(pdf) if c[0] == "Aneks")
    text = " ".join(pages[first - 1:last])
    assert "czy każdy wypadek drogowy ma ofiarę" in text and "Nie znalazła błędów ani uwag" in text
