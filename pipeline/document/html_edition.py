"""The HTML edition (`<out>/<rok>/html/`): the report as web pages for the BIP, where a
screen-reader user, a phone user and a search engine read it, with the PDF to download.

Made from the chapters' assembled HTML (the same markup the PDF is rendered from), so no
notebook runs again. One page per chapter, and `index.html`: the title, the key findings,
the contents, "Jak czytać raport" and the downloads (the PDF, each gmina's extract, the
tables as open data). The pages are plain HTML5 with one stylesheet (`styl.css`, print
rules included), the project's font and the charts as files in the folder: no script, no
request outside the folder, so it works offline and can be copied onto any web server.

What the edition adds to the chapters' markup: tables and charts numbered as in the PDF
(literally, not by CSS counters, so a screen reader says "Tabela 17"), captions that label
scrollable table regions, each table's CSV linked under it, each chart as an image file
with its Polish alt text, and on the index the findings' headings one level down (one h1
per page).
"""

from __future__ import annotations

import base64
import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from PIL import Image

from .. import __version__
from ..content.fonts import SOURCE_DIR, SOURCES
from ..content.glossary import how_to_read
from ..content.report.commentary import FOREWORD_TITLE
from ..content.theme import FONT_FAMILY, PALETTE
from ..data.formatting import fmt_date, fmt_int, fmt_number
from ..errors import RenderError
from . import TEMPLATES
from .assemble import CHART_DATA, ChapterDoc, TocEntry, document_title, extract_contents, nbsp
from .extracts import FINDINGS, GOALS
from .html_blocks import PHONE, as_cards, link_register, link_sources, narrow_chart, symbol_legend
from .provenance import MANIFEST, report_date

if TYPE_CHECKING:
    from ..data.dataset import Dataset

__all__ = ["INDEX", "Download", "Downloads", "html_index", "html_pages"]

HTML_TEMPLATES = TEMPLATES / "html"
INDEX = "index.html"
GUIDE_ID = "jak-czytac-raport"  # "Jak czytać raport" on the index
STYLESHEET = "styl.css"
FONTS, IMAGES = "czcionki", "obrazy"
FONT_LICENSE = "LICENSE.txt"  # the OFL, shipped with the font files it covers
_EXTENSIONS = {"image/png": "png", "image/svg+xml": "svg", "image/jpeg": "jpg"}
_FILE_STEMS = {"chart": "wykres", "photo": "zdjecie", "illustration": "ilustracja"}


@dataclass(frozen=True)
class Download:
    label: str  # "Pełny raport", "Gmina Białaczów"
    path: str  # inside the edition: "pliki/raport_opoczynski_2025.pdf"
    kind: str = "PDF"
    size: int | None = None  # bytes; known once the file is made
    pages: int | None = None

    @property
    def details(self) -> str:
        """ "PDF, 9 stron, 467 kB": what a BIP lists beside a file to download."""
        pages = f", {fmt_int(self.pages)} {_pages_word(self.pages)}" if self.pages else ""
        if self.size is None:
            return self.kind + pages
        size = f"{fmt_number(self.size / 1_000_000, 1)} MB" if self.size >= 1_000_000 else \
            f"{fmt_int(max(1, round(self.size / 1000)))} kB"
        return f"{self.kind}{pages}, {size}"


def _pages_word(count: int) -> str:
    if count == 1:
        return "strona"
    return "strony" if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14) else "stron"


@dataclass(frozen=True)
class Downloads:
    """What the edition offers to download, each inside the edition's folder."""

    report: Download
    extracts: dict[str, Download]  # TERYT -> the gmina's extract
    data: Sequence[Download]  # the workbook, the description of the data
    tables: dict[int, str]  # table number -> its CSV file
    register: Download | None = None  # every event of the year, which the chapters refer to
    sources: dict[str, str] = field(default_factory=dict)  # a file the PDF carries (its name there) -> its copy


@dataclass(frozen=True)
class _Page:
    file: str
    title: str
    doc: ChapterDoc
    tables: int  # tables, charts, photos and illustrations in the chapters before this one
    charts: int
    photos: int
    illustrations: int


def html_pages(ds: Dataset, docs: Sequence[ChapterDoc], downloads: Downloads) -> dict[str, bytes]:
    """Every file of the edition but its index, by its path inside `html/`: the chapters'
    pages, the stylesheet, the charts and the fonts. They link the downloads, whose sizes
    they need not know: the build makes them while the PDFs are still rendering."""
    pages = _pages(ds, docs)
    context = _context(ds, pages, downloads)
    files: dict[str, bytes] = {}
    for number, page in enumerate(pages):
        if page.file != INDEX:
            html, images = _page(context, pages, number, downloads)
            files[page.file] = html
            files.update(images)
    files[STYLESHEET] = _environment().get_template("edition.css.j2").render(**context).encode("utf-8")
    files.update(_fonts())
    return files


def html_index(ds: Dataset, docs: Sequence[ChapterDoc], downloads: Downloads) -> dict[str, bytes]:
    """`index.html` (with the sizes of the files to download) and its charts, if any."""
    pages = _pages(ds, docs)
    index = next(number for number, page in enumerate(pages) if page.file == INDEX)
    html, images = _page(_context(ds, pages, downloads), pages, index, downloads)
    return {INDEX: html, **images}


def _page(context: dict[str, object], pages: Sequence[_Page], number: int,
          downloads: Downloads) -> tuple[bytes, dict[str, bytes]]:
    page = pages[number]
    extract = downloads.extracts.get(page.doc.id.removeprefix("gmina-"))
    gmina = next((g for g in context["gminy"] if f"gmina-{g.teryt}" == page.doc.id), None)  # type: ignore[attr-defined]
    box = None if extract is None else _environment().get_template("extract.html.j2").render(
        page=page, extract=extract, extract_contents=context["extract_contents"], gmina=gmina)
    body, images = _chapter_markup(page, downloads, index=page.file == INDEX, extract=box)
    template = "index.html.j2" if page.file == INDEX else "chapter.html.j2"
    html = _environment().get_template(template).render(
        **context, page=page, chapter=Markup(body),
        previous=pages[number - 1] if number else None, next=pages[number + 1] if number + 1 < len(pages) else None)
    return html.encode("utf-8"), images


def _pages(ds: Dataset, docs: Sequence[ChapterDoc]) -> list[_Page]:
    """The findings open the index; every other chapter has a page named after it. In the
    order of the PDF: the foreword, when there is one, comes before the findings."""
    pages, tables, charts, photos, drawings = [], 0, 0, 0, 0
    names = {f"gmina-{g.teryt}": f"gmina-{g.slug}.html" for g in ds.powiat.gminy}
    for doc in docs:
        file = INDEX if doc.id == FINDINGS else names.get(doc.id, f"{doc.id}.html")
        pages.append(_Page(file, doc.toc[0].title, doc, tables, charts, photos, drawings))
        tables, charts, photos = tables + doc.tables, charts + doc.charts, photos + doc.photos
        drawings += doc.illustrations
    if not any(page.file == INDEX for page in pages):
        raise RenderError(f"Wydanie HTML: w raporcie brak rozdziału {FINDINGS}, który otwiera stronę główną.")
    return pages


def _context(ds: Dataset, pages: Sequence[_Page], downloads: Downloads) -> dict[str, object]:
    day = report_date(ds)
    contents = [(page, page.doc.toc) for page in pages]  # as deep as the PDF's contents
    return {
        "title": document_title(ds), "powiat": ds.powiat, "year": ds.year, "version": __version__,
        "short_title": f"Bezpieczeństwo w {ds.powiat.nazwa_miejscownik} – {ds.year} r.",
        "made_by": f"Opracowanie: {ds.powiat.policja} we współpracy z samorządami gmin {ds.powiat.nazwa_dopelniacz}"
                   + (f", {fmt_date(day)}" if day else "."),
        "pages": pages, "contents": contents,
        "downloads": downloads, "gminy": ds.powiat.gminy, "guide": Markup(how_to_read().html),
        "palette": Markup(PALETTE.css_variables()), "font_faces": Markup(_font_faces()), "index": INDEX,
        "stylesheet": STYLESHEET, "anchor": _anchor, "phone": PHONE,
        "foreword": next((page for page in pages if page.title == FOREWORD_TITLE), None),
        "extract_contents": extract_contents(ds, any(page.doc.id == GOALS for page in pages)),
    }


def _anchor(page: _Page, entry: TocEntry) -> str:
    """The link to a chapter's section: its page, and the section unless it is the title."""
    return page.file if entry.level == 1 and page.file != INDEX else f"{page.file}#{entry.anchor}"


@functools.cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HTML_TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["nbsp"] = nbsp  # the PDF's typesetting: "2025 r." and "w gminie" never split
    return env


# ---------------------------------------------------------------- a chapter's markup


def _chapter_markup(page: _Page, downloads: Downloads, index: bool,
                    extract: str | None) -> tuple[str, dict[str, bytes]]:
    """The chapter as the edition shows it, and its charts as files; `extract`: the box that
    offers a gmina's extract, put under the chapter's facts."""
    embedded: list[tuple[str, bytes]] = []

    def take(match: re.Match[str]) -> str:  # images out of the markup before parsing: most of its size
        embedded.append((match["mime"], base64.b64decode(match["data"])))
        return f'src="#obraz-{len(embedded) - 1}"'

    soup = BeautifulSoup(CHART_DATA.sub(take, page.doc.markup), "html.parser")
    for number, table in enumerate(soup.find_all("table", class_="data"), start=page.tables + 1):
        _table(soup, table, number, downloads.tables.get(number))
    images: dict[str, bytes] = {}
    for kind, label, first in (("chart", "Wykres", page.charts), ("photo", "Zdjęcie", page.photos),
                               ("illustration", "Ilustracja", page.illustrations)):
        found = soup.select("figure.photo:not(.illustration)") if kind == "photo" else soup.select(f"figure.{kind}")
        unnumbered = 0
        for figure in found:
            caption = figure.find("figcaption")
            if caption is None:  # a photo without a caption: no number, as in the PDF (nothing refers to it)
                unnumbered += 1
                stem = f"{_FILE_STEMS[kind]}-{page.file.removesuffix('.html')}-{unnumbered}"
            else:
                first += 1
                stem = f"{_FILE_STEMS[kind]}-{first:02d}"
                _label(soup, caption, f"{label} {first}.")
            _image_file(figure.find("img"), embedded, f"{IMAGES}/{stem}", images)
    _for_every_reader(soup, page, downloads, images, index)
    if index:
        _one_level_down(soup)
    facts = soup.find("ul", class_="facts")
    if extract is not None and facts is not None:
        facts.insert_after(BeautifulSoup(extract, "html.parser"))
    return str(soup), images


def _image_file(image: Tag, embedded: Sequence[tuple[str, bytes]], stem: str, images: dict[str, bytes]) -> None:
    """A figure's image as a file of the edition (`stem` and the extension of its type)."""
    mime, data = embedded[int(str(image["src"]).removeprefix("#obraz-"))]
    name = f"{stem}.{_EXTENSIONS[mime]}"
    images[name] = data
    image["src"] = name
    if mime != "image/svg+xml":  # an SVG scales to its box; a bitmap keeps its place while it loads
        image["width"], image["height"] = (str(n) for n in _bitmap_size(data))


def _for_every_reader(soup: BeautifulSoup, page: _Page, downloads: Downloads, images: dict[str, bytes],
                      index: bool) -> None:
    """Tables a phone shows as cards, charts drawn for its width, the symbols explained where
    they are used, the files the text refers to linked (`html_blocks`)."""
    for table in soup.find_all("table"):
        as_cards(table)
    for figure, narrow in zip(soup.find_all("figure", class_="chart"), page.doc.narrow_charts, strict=False):
        narrow_chart(soup, figure, narrow, images)
    symbol_legend(soup, ("" if index else INDEX) + f"#{GUIDE_ID}")
    register = downloads.register
    link_register(soup, register and register.path, register and f"{register.label} ({register.details})")
    link_sources(soup, downloads.sources, MANIFEST)


def _table(soup: BeautifulSoup, table: Tag, number: int, csv: str | None) -> None:
    """A numbered caption that names the table's region (it scrolls sideways on a phone)
    and, under the table, a link to its data."""
    caption = table.find("caption")
    caption["id"] = f"tabela-{number}"
    _label(soup, caption, f"Tabela {number}" + ("" if "untitled" in (caption.get("class") or []) else "."))
    block = table.find_parent("div", class_="table-block")
    scroller = soup.new_tag("div", attrs={"class": "table-scroll", "role": "region", "tabindex": "0",
                                          "aria-labelledby": caption["id"]})
    table.wrap(scroller)
    if csv is not None and block is not None:
        link = soup.new_tag("p", attrs={"class": "table-data"})
        anchor = soup.new_tag("a", attrs={"href": csv})
        anchor.string = f"Dane tabeli {number} (CSV)"
        link.append(anchor)
        block.append(link)


def _label(soup: BeautifulSoup, element: Tag, text: str) -> None:
    label = soup.new_tag("span", attrs={"class": "label"})
    label.string = text
    element.insert(0, " ")
    element.insert(0, label)


def _one_level_down(soup: BeautifulSoup) -> None:
    """On the index the report's title is the h1: the findings' headings go one level down."""
    for heading in soup.find_all(re.compile(r"^h[1-5]$")):
        heading.name = f"h{int(heading.name[1]) + 1}"


def _bitmap_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


# ---------------------------------------------------------------- fonts


def _fonts() -> dict[str, bytes]:
    """The font files as the font's package ships them, with their licence (SIL OFL): the
    report's reduced fonts are a modification the licence does not let us distribute."""
    files = {f"{FONTS}/{name}": (SOURCE_DIR / name).read_bytes() for name in SOURCES.values()}
    files[f"{FONTS}/{FONT_LICENSE}"] = (SOURCE_DIR / FONT_LICENSE).read_bytes()
    return files


def _font_faces() -> str:
    return "\n".join(f"@font-face {{ font-family: \"{FONT_FAMILY}\"; font-weight: {weight}; font-style: {style}; "
                     f"font-display: swap; src: url(\"{FONTS}/{name}\") format(\"truetype\"); }}"
                     for (weight, style), name in SOURCES.items())
