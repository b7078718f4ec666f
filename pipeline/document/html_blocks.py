"""What the HTML edition does to a chapter's tables, charts and symbols so that a phone reader
gets all of them, and to the files the text refers to so that a reader without a PDF viewer
gets those too.

- **Tables as cards.** Below about 600 px the stylesheet shows each row of a table as a card,
  every cell with its column's header beside it (`data-label`, drawn by CSS: no script). A
  table whose `display` changes loses its table semantics in some browsers, so every part of
  it says what it is with its ARIA role (table, rowgroup, row, columnheader, rowheader, cell),
  and a screen reader still reads "wiersz 3, kolumna ocena zmiany".
- **Charts drawn for a phone.** Each chart that has a phone version (`content.charts`,
  `ChapterDoc.narrow_charts`) becomes a `<picture>`: the SVG drawn at a phone's width, with
  text no smaller than 12 CSS px, below the same width as the cards; the printed PNG above it.
- **The symbols explained where they are used.** Before the first table that uses ▲, ▼, ≈, *,
  ±, "–" or "b.d.", a short legend of the ones the page uses, with a link to "Jak czytać raport".
- **The files the text refers to, to download.** The register of events under the note that
  mentions it, and the files the PDF carries in the annex's list of them.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Mapping, Sequence

from bs4 import BeautifulSoup, NavigableString, Tag

from ..content.glossary import SYMBOLS
from ..content.report.prevention import REGISTER_NOTE
from ..data.commentary.tables import table_layout
from ..data.formatting import MISSING, NOT_APPLICABLE

__all__ = ["PHONE", "as_cards", "link_register", "link_sources", "narrow_chart", "symbol_legend"]

PHONE = "(max-width: 37.5em)"  # the width below which tables are cards and charts drawn for a phone
NARROW_SUFFIX = "-telefon.svg"

# What in a table cell shows that the page uses a symbol of `SYMBOLS`.
_USES: dict[str, Callable[[str], bool]] = {
    "▲": lambda text: "▲" in text,
    "▼": lambda text: "▼" in text,
    "≈": lambda text: "≈" in text,
    "*": lambda text: text.endswith("*"),
    "±": lambda text: "±" in text,
    "✓": lambda text: text.startswith("✓"),
    "×": lambda text: text.startswith("×"),
    "?": lambda text: text.startswith("? "),
    NOT_APPLICABLE: lambda text: text == NOT_APPLICABLE,
    MISSING: lambda text: MISSING in text,
}


# ---------------------------------------------------------------- tables as cards


def as_cards(table: Tag) -> None:
    """ARIA roles that keep `table` a table whatever its display, and each body cell's column
    header as its `data-label`, which a phone shows beside the value."""
    table["role"] = "table"
    caption = table.find("caption")
    if caption is not None and caption.get("id"):
        table["aria-labelledby"] = caption["id"]
    for group in table.find_all(["thead", "tbody", "tfoot"]):
        group["role"] = "rowgroup"
    rows = table.find_all("tr")
    head = _header_row(table, rows)
    labels = {column: _text(cell) for cell, column in _placed([head])} if head is not None else {}
    for row in rows:
        row["role"] = "row"
    for cell, column in _placed(rows):
        if cell.name == "td":
            cell["role"] = "cell"
        else:
            cell["role"] = "rowheader" if cell.get("scope") == "row" else "columnheader"
        if cell.find_parent("tr") is not head and labels.get(column):
            cell["data-label"] = labels[column]


def _header_row(table: Tag, rows: Sequence[Tag]) -> Tag | None:
    """The row of column headers: the last row of <thead>, or a first row of <th> alone."""
    head = table.find("thead")
    if head is not None and head.find_all("tr"):
        return head.find_all("tr")[-1]
    if rows and all(cell.name == "th" for cell in _cells(rows[0])):
        return rows[0]
    return None


def _placed(rows: Sequence[Tag]) -> list[tuple[Tag, int]]:
    """Every cell with the column it starts in, spans of columns and rows counted."""
    placed: dict[int, tuple[Tag, int]] = {}
    for line in table_layout(rows):
        for column, cell in sorted(line.items()):
            placed.setdefault(id(cell), (cell, column))
    return list(placed.values())


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(["th", "td"], recursive=False)


def _text(cell: Tag) -> str:
    """The cell's words as printed: inline markup adds no space ("(<abbr>KMZB</abbr>)" stays
    "(KMZB)"), a line break does."""
    text = "".join(" " if isinstance(node, Tag) else str(node) for node in cell.descendants
                   if isinstance(node, NavigableString) or node.name == "br")
    return " ".join(text.split())


# ---------------------------------------------------------------- charts


def narrow_chart(soup: BeautifulSoup, figure: Tag, narrow: str, images: dict[str, bytes]) -> None:
    """The chart's image in a <picture> whose source below PHONE is the chart drawn for a
    phone (`narrow`: an SVG data URL), saved beside the printed image."""
    image = figure.find("img")
    if not narrow or image is None:
        return
    svg = base64.b64decode(narrow.split(",", 1)[1])
    name = re.sub(r"\.\w+$", NARROW_SUFFIX, str(image["src"]))
    images[name] = svg
    picture = soup.new_tag("picture")
    width, height = _svg_size(svg)
    picture.append(soup.new_tag("source", attrs={"media": PHONE, "srcset": name, "type": "image/svg+xml",
                                                 "width": width, "height": height}))
    image.wrap(picture)
    picture.append(image.extract())


def _svg_size(svg: bytes) -> tuple[str, str]:
    """The SVG's size in CSS px (matplotlib writes it in pt): its shape while it loads."""
    found = re.search(rb'width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if found is None:
        return "", ""
    return tuple(str(round(float(v) * 4 / 3)) for v in found.groups())  # type: ignore[return-value]


# ---------------------------------------------------------------- the symbols


def symbol_legend(soup: BeautifulSoup, guide: str) -> None:
    """Before the first table that uses a symbol, what the page's symbols mean, and a link to
    `guide` ("Jak czytać raport")."""
    first, used = None, set()
    for table in soup.find_all("table"):
        found = {symbol for cell in table.find_all(["td", "th"]) for symbol, uses in _USES.items()
                 if uses(_text(cell))}
        if found and first is None:
            first = table.find_parent(class_="table-block") or table.find_parent(class_="table-scroll") or table
        used |= found
    if first is None:
        return
    legend = soup.new_tag("aside", attrs={"class": "symbols", "aria-label": "Znaki w tabelach"})
    title = soup.new_tag("p", attrs={"class": "symbols-title"})
    title.string = "Znaki w tabelach"
    terms = soup.new_tag("dl")
    for symbol, meaning in SYMBOLS:
        if symbol in used:
            pair = soup.new_tag("div")
            term, description = soup.new_tag("dt"), soup.new_tag("dd")
            term.string, description.string = symbol, meaning
            pair.extend([term, description])
            terms.append(pair)
    more = soup.new_tag("p")
    link = soup.new_tag("a", attrs={"href": guide})
    link.string = "Jak czytać raport"
    more.extend([link, " – wszystkie objaśnienia i skróty"])
    legend.extend([title, terms, more])
    first.insert_before(legend)


# ---------------------------------------------------------------- files to download


def link_register(soup: BeautifulSoup, register: str | None, label: str) -> None:
    """Under each note that refers to the register of events, a link to it (`register`)."""
    if register is None:
        return
    wanted = _words(REGISTER_NOTE)
    for note in soup.find_all("p", class_="table-note"):
        if _words(note.get_text()) == wanted:
            line = soup.new_tag("p", attrs={"class": "table-data"})
            anchor = soup.new_tag("a", attrs={"href": register})
            anchor.string = label
            line.append(anchor)
            note.insert_after(line)


def link_sources(soup: BeautifulSoup, sources: Mapping[str, str], manifest: str) -> None:
    """In the annex's list of the files the PDF carries, each name leads to the file; and
    the manifest, which the notes under it name, is linked there too."""
    for table in soup.find_all("table", class_="sources"):
        for cell in table.select("tbody tr > :first-child"):
            path = sources.get(_text(cell))
            if path is not None:
                anchor = soup.new_tag("a", attrs={"href": path})
                anchor.string = _text(cell)
                cell.clear()
                cell.append(anchor)
        block = table.find_parent("div", class_="table-block")
        if block is not None and manifest in sources:
            line = soup.new_tag("p", attrs={"class": "table-data"})
            anchor = soup.new_tag("a", attrs={"href": sources[manifest]})
            anchor.string = f"{manifest} (spis plików z SHA-256)"
            line.extend(["Do pobrania: każdy plik z tabeli (nazwa to łącze) i ", anchor, "."])
            block.append(line)


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())
