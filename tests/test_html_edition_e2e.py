"""End to end: the HTML edition the example build wrote, opened in a real browser.

Debian's Chromium, driven by Playwright (never Playwright's own browser download), serves
as the reader's browser; axe-core (bundled by axe-playwright-python) checks every page
against the WCAG 2.1 A and AA rules, colour contrast included, at a desktop's and a phone's
width. The pages are served from the folder by a local server, as a BIP would serve them:
every request must stay in the folder and succeed, every link must lead somewhere.

Without Chromium the tests fail, never skip: `make test` installs it when it runs as root
(as CI does); elsewhere install it with `sudo apt-get install chromium`.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pikepdf
import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.e2e

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# As the machine's notes say: no background connections, no first-run or sync machinery.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}  # WCAG 2.1 reflow: 320 CSS px wide, nothing to scroll sideways
SMALLEST_CHART_TEXT = 12  # CSS px, on a phone


@pytest.fixture(scope="module")
def edition(example_report) -> Path:
    return example_report.pdf.parent / "html"


@pytest.fixture(scope="module")
def pages(edition) -> list[str]:
    found = sorted(p.name for p in edition.glob("*.html"))
    assert "index.html" in found and len(found) == 14  # the index (with the findings) and 13 chapters
    return found


@pytest.fixture(scope="module")
def server(edition) -> Iterator[tuple[str, list[str]]]:
    """The folder on a local web server: (base URL, every path requested)."""
    requested: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            requested.append(self.path)

    handler = functools.partial(Handler, directory=str(edition))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/", requested
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium is missing ({CHROMIUM}): the HTML edition's browser test needs it. Install it with "
                    "`sudo apt-get install chromium` (`make test` does so itself when it runs as root), or point "
                    "CHROMIUM= at a Chromium binary.", pytrace=False)
    from playwright.sync_api import sync_playwright

    try:
        playwright = sync_playwright().start()
    except Exception as error:  # Playwright's driver (Node) did not start
        pytest.fail(f"Playwright's driver did not start ({error}); on a minimal Debian it lacks libatomic1: "
                    "`sudo apt-get install libatomic1` (`make test` does so itself when it runs as root).",
                    pytrace=False)
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


def _soup(edition: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((edition / page).read_text(encoding="utf-8"), "html.parser")


# ---------------------------------------------------------------- in the browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE, SMALL_PHONE], ids=["desktop", "phone", "320"])
def test_every_page_passes_axe_core_wcag_21_aa(browser, server, pages, viewport) -> None:
    from axe_playwright_python.sync_playwright import Axe

    base, _ = server
    axe = Axe()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    reports = []
    for name in pages:
        page.goto(base + name)
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        if result.violations_count:
            reports.append(f"{name}:\n{result.generate_report()}")
        assert result.response["passes"], name  # axe really ran its rules on the page
    context.close()
    assert not reports, "\n".join(reports)


def test_every_request_stays_in_the_folder_and_succeeds(browser, server, pages) -> None:
    base, requested = server
    seen: list[tuple[str, int]] = []
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.on("response", lambda response: seen.append((response.url, response.status)))
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)
    for name in pages:
        page.goto(base + name, wait_until="networkidle")
    context.close()
    assert not outside
    failed = [(url, status) for url, status in seen if status not in (200, 304)]  # 304: from the browser's cache
    assert not failed
    paths = {urlparse(url).path for url, _ in seen}
    assert paths >= {"/styl.css", "/index.html", "/czcionki/SourceSansPro-Regular.ttf", "/obrazy/wykres-01.png"}
    assert "/favicon.ico" not in requested


def test_a_phone_scrolls_only_down_and_the_pages_work_without_javascript(browser, server, pages) -> None:
    base, _ = server
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    for name in pages:  # with scripts off, everything is there
        page.goto(base + name)
        assert page.locator("h1").is_visible(), name
        if name != "slowo-wstepne.html":  # the foreword is words only
            assert page.locator("table").first.is_visible(), name
    context.close()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for name in pages:
        page.goto(base + name)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name  # tables scroll inside


# Every table cell's box, relative to the viewport (hidden ones, e.g. the header row a
# phone keeps for screen readers only, are 1 px boxes and count too).
_CELL_BOXES = """() => [...document.querySelectorAll('main table')].flatMap((table, t) =>
  [...table.querySelectorAll('caption, th, td')].map(cell => {
    const box = cell.getBoundingClientRect();
    return {table: t, text: cell.textContent.trim().slice(0, 40), left: box.left, right: box.right};
  }))"""


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["390", "320"])
def test_on_a_phone_every_table_cell_is_on_the_screen(browser, server, pages, viewport) -> None:
    """WCAG 2.1 reflow: each row a card, each cell within the screen's width (the verdicts
    included, which a table scrolled sideways hid), and no page to scroll sideways."""
    base, _ = server
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    outside, checked = [], 0
    for name in pages:
        page.goto(base + name)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
        for cell in page.evaluate(_CELL_BOXES):
            checked += 1
            if cell["left"] < -0.5 or cell["right"] > viewport["width"] + 0.5:
                outside.append((name, cell))
    context.close()
    assert checked > 1000 and not outside, outside[:10]


def test_on_a_phone_a_table_is_still_a_table_to_a_screen_reader(browser, server) -> None:
    """Shown as cards, the goals' table still has its rows, column headers and cells, and the
    column "ocena" is read as what it is."""
    base, _ = server
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + "cele-wspolpracy-i-ich-realizacja.html")
    table = page.get_by_role("table", name=re.compile(r"Tabela \d+\. Cel „Ograniczenie przestępczości”"))
    assert table.evaluate("t => getComputedStyle(t).display") == "block"  # a card layout, not a table's
    snapshot = table.aria_snapshot()
    assert "columnheader \"ocena\"" in snapshot and "rowheader" in snapshot and "cell" in snapshot, snapshot
    verdict = table.get_by_role("cell", name=re.compile("osiągnięty"))
    assert verdict.count() >= 1 and verdict.first.is_visible()
    label = verdict.first.evaluate("c => getComputedStyle(c, '::before').content")
    assert "ocena" in label  # its column's header shown beside it
    context.close()


def test_on_a_phone_charts_are_drawn_for_its_width(browser, server, edition, pages) -> None:
    """Each chart on a phone is the SVG drawn for it, and no text in it is smaller than 12 CSS px
    as shown (matplotlib draws a text's glyphs scaled by its size ÷ FONT_SCALE)."""
    from matplotlib.textpath import TextToPath

    base, _ = server
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sizes = []
    for name in pages:
        page.goto(base + name)
        for source, width in page.evaluate(
                "[...document.querySelectorAll('figure.chart img')].map(i => [i.currentSrc, i.clientWidth])"):
            assert source.endswith("-telefon.svg"), (name, source)
            svg = (edition / urlparse(source).path.lstrip("/")).read_text(encoding="utf-8")
            view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
            texts = re.findall(r'<g id="text_\d+">.*?scale\(([\d.]+) -', svg, re.S)
            assert texts, source
            sizes += [(float(scale) * TextToPath.FONT_SCALE * width / view_width, name, source) for scale in texts]
    context.close()
    assert len({source for _, _, source in sizes}) == 12  # every chart of the report
    assert min(sizes)[0] >= SMALLEST_CHART_TEXT, min(sizes)
    context = browser.new_context(viewport=DESKTOP)  # a wide screen gets the printed chart
    page = context.new_page()
    page.goto(base + "gmina-drzewica.html")
    assert page.evaluate("document.querySelector('figure.chart img').currentSrc").endswith(".png")
    context.close()


def test_print_leaves_out_the_navigation(browser, server) -> None:
    base, _ = server
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base + "gmina-zarnow.html")
    assert page.locator("nav.chapters").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav.chapters").is_visible()
    assert not page.locator(".skip-link").is_visible()
    assert page.locator("h1").is_visible()
    context.close()


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(browser, server) -> None:
    base, _ = server
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base + "aneks.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getAttribute('href')]")
    assert focused == ["Przejdź do treści", "#tresc"]
    assert page.locator(".skip-link").is_visible()  # shown when focused
    context.close()


# ---------------------------------------------------------------- the markup


def test_every_internal_link_and_image_resolves(edition, pages) -> None:
    ids = {name: {tag["id"] for tag in _soup(edition, name).find_all(id=True)} for name in pages}
    broken = []
    for name in pages:
        soup = _soup(edition, name)
        for tag, attribute in [*((a, "href") for a in soup.find_all(["a", "link"], href=True)),
                               *((img, "src") for img in soup.find_all("img"))]:
            url = tag[attribute]
            if url.startswith("data:"):
                continue
            assert not urlparse(url).scheme and not url.startswith("//"), f"{name}: {url} leaves the folder"
            target, fragment = urldefrag(urljoin(name, url))
            path = (edition / unquote(target)).resolve()
            if not path.is_relative_to(edition.resolve()) or not path.is_file():
                broken.append(f"{name}: {url}")
            elif fragment and fragment not in ids.get(target, {fragment}):
                broken.append(f"{name}: {url} (no #{fragment})")
    assert not broken, broken


def test_semantic_structure_of_every_page(edition, pages) -> None:
    for name in pages:
        soup = _soup(edition, name)
        assert soup.html["lang"] == "pl", name
        assert len(soup.find_all("h1")) == 1, name
        levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (name, levels)
        assert soup.find("main", id="tresc") and soup.find("nav") and soup.find("header") and soup.find("footer")
        assert soup.find("a")["href"] == "#tresc", name  # the skip link comes first
        assert not soup.find("script") and not soup.find(style=True), name  # no script, styles in styl.css
        for table in soup.find_all("table"):  # the report's numbered, the commentary's as the analyst wrote them
            if "data" in table["class"]:
                assert table.find("caption") and re.match(r"Tabela \d+\.", table.caption.get_text()), name
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th")), name
            region = table.find_parent("div", class_="table-scroll")  # sideways on a phone, named
            assert region and region["role"] == "region" and (region.get("aria-labelledby") or region.get("aria-label"))
        for figure in soup.find_all("figure"):
            assert figure.find("figcaption") and figure.find("img").get("alt"), name
            assert figure.find("img")["src"].startswith("obrazy/"), name


def test_charts_carry_the_same_alt_texts_as_the_pdf(edition, pages, example_report) -> None:
    html = sorted(img["alt"] for name in pages for img in _soup(edition, name).find_all("img"))
    assert sorted(_pdf_alts(example_report.pdf)) == html
    assert len(html) == 15  # 12 charts and the commentary's 3 photos


def _pdf_alts(path: Path) -> list[str]:
    alts: list[str] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                alts.append(str(node.Alt))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                walk(kid)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot)
    return alts


def test_photos_are_files_numbered_as_in_the_pdf_without_their_metadata(edition, pages) -> None:
    from PIL import Image

    photos = [figure for name in pages for figure in _soup(edition, name).find_all("figure", class_="photo")]
    labels = sorted(figure.find("figcaption").find(class_="label").get_text() for figure in photos)
    assert labels == ["Ilustracja 1.", "Ilustracja 2.", "Ilustracja 3."]  # the example's pictures are drawings
    for figure in photos:
        with Image.open(edition / figure.find("img")["src"]) as image:
            assert image.format == "JPEG" and not image.getexif(), figure  # the camera's EXIF and GPS stay out
            assert (image.width, image.height) == (int(figure.find("img")["width"]), int(figure.find("img")["height"]))


def test_tables_are_numbered_as_in_the_pdf(edition, pages, example_report) -> None:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(example_report.pdf).pages)
    captions = [c.get_text(" ", strip=True) for name in pages for c in _soup(edition, name).find_all("caption")]
    assert len(captions) == max(int(n) for n in re.findall(r"Tabela (\d+)\.", text))  # the analyst's table too
    for caption in (captions[0], captions[20], captions[-1]):
        number = caption.split(".")[0]
        assert number in text, caption


def test_the_index_offers_the_pdf_every_extract_and_the_data(edition, example_report) -> None:
    links = {a["href"]: a.get_text(" ", strip=True) for a in _soup(edition, "index.html").find_all("a")}
    assert "pliki/raport_opoczynski_2025.pdf" in links
    for gmina in example_report.dataset.powiat.gminy:
        assert f"pliki/gminy/raport_opoczynski_2025_{gmina.slug}.pdf" in links
    assert {"pliki/dane/tabele_2025.xlsx", "pliki/dane/opis.txt"} <= set(links)
    report = edition / "pliki" / "raport_opoczynski_2025.pdf"
    assert report.read_bytes() == example_report.pdf.read_bytes()  # the same file, not another render
    zarnow = _soup(edition, "gmina-zarnow.html")
    (box,) = zarnow.find_all(class_="download-box")  # a gmina's page offers its extract, once
    assert box.find("a", href="pliki/gminy/raport_opoczynski_2025_zarnow.pdf")
    assert box.find_previous_sibling("ul", class_="facts")  # right under the gmina's facts
    powiat = _soup(edition, "powiat-opoczynski-w-2025-r.html")
    assert not powiat.find(class_="download-box")
    following = powiat.find("ul", class_="facts").find_next_sibling(lambda t: "symbols" not in t.get("class", []))
    assert following.name == "div"  # the key figures follow the facts (and the symbols they use)


def test_every_page_explains_the_symbols_its_tables_use(edition, pages) -> None:
    """▲ ▼ ≈ * ± – b.d. …: a short legend before the first table that uses one, naming those the
    page uses, and the way to "Jak czytać raport"."""
    from pipeline.content.glossary import SYMBOLS

    explained = 0
    for name in pages:
        soup = _soup(edition, name)
        main = soup.find("main")
        cells = [" ".join(c.get_text(" ").split()) for c in main.find_all(["td", "th"])]
        legend = main.find("aside", class_="symbols")
        if not any(s in c for c in cells for s in "▲▼≈±"):
            continue
        assert legend is not None, name
        explained += 1
        shown = {dt.get_text() for dt in legend.find_all("dt")}
        used = {s for s in "▲▼≈±" if any(s in c for c in cells)}
        assert used <= shown <= {symbol for symbol, _ in SYMBOLS}, (name, shown)
        assert legend.find("a")["href"] in ("#jak-czytac-raport", "index.html#jak-czytac-raport")
        assert legend.find_next("table") is not None and not legend.find_previous("table"), name  # before the first
    assert explained >= 10  # the findings, the goals, the powiat and every gmina


def test_the_index_puts_the_foreword_before_the_findings_as_the_pdf_does(edition) -> None:
    main = _soup(edition, "index.html").find("main")
    foreword = main.find("a", href="slowo-wstepne.html")
    findings = main.find("ul", class_="findings")
    assert foreword is not None and findings is not None
    assert findings in foreword.find_all_next("ul")
    contents = [a["href"] for a in main.find("nav", class_="contents").find_all("a")]
    assert contents.index("slowo-wstepne.html") < contents.index("index.html#najwazniejsze-wnioski--tytul")


def test_the_files_the_text_refers_to_can_be_downloaded_where_it_refers_to_them(edition, pages,
                                                                                example_report) -> None:
    """'Wykaz wszystkich działań … plik źródłowy dołączony do raportu': the register linked
    under the sentence; the annex's list of the files the PDF carries: each to download, the
    same bytes as in the PDF; the accidents one by one (personal data) nowhere."""
    from pipeline.content.report.prevention import REGISTER_NOTE

    register = "pliki/dane/rejestr-dzialan-2025.csv"
    notes = 0
    for name in pages:
        for note in _soup(edition, name).find_all("p", class_="table-note"):
            if " ".join(note.get_text().split()) == REGISTER_NOTE:
                notes += 1
                assert note.find_next_sibling("p").find("a")["href"] == register, name
    assert notes >= 9  # the powiat's events and each gmina's biggest
    lines = (edition / register).read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("data;gmina lub powiat;kod TERYT;rodzaj;nazwa")
    events = example_report.dataset.table("dzialania", 2025)
    assert len(lines) == 1 + len(events)
    with pikepdf.open(example_report.pdf) as pdf:
        carried = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
    annex = _soup(edition, "aneks.html")
    links = {a.get_text(): a["href"] for a in annex.select("table.sources a")}
    assert set(links) == set(carried) - {"manifest.json"}
    assert annex.find("a", href="pliki/zrodla/manifest.json")
    for attachment, data in carried.items():
        assert (edition / "pliki" / "zrodla" / attachment).read_bytes() == data
    published = [p.name for p in edition.rglob("*")]
    assert not any(re.fullmatch(r"\d{4}-wypadki\.csv|wypadki\.csv", n) for n in published)
    assert "2025-wypadki-zbiorczo.csv" in published
