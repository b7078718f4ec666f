"""Reading the real PDF the way a checker does: its chapters (from the bookmarks), its tables
(from the structure tree: rows, cells and the page each row stands on) and how full each page is."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
from pypdf import PdfReader

MM = 72 / 25.4
# The page box of report.css: A4, margins 22 mm top and 20 mm bottom.
TEXT_TOP, TEXT_BOTTOM = 22 * MM, 297 * MM - 20 * MM


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    page: int  # 1-based
    header: bool  # in the table's THead


@dataclass(frozen=True)
class Table:
    caption: str
    rows: tuple[Row, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return next((r.cells for r in self.rows if r.header), ())

    @property
    def body(self) -> list[Row]:
        return [r for r in self.rows if not r.header]


def plain(text: str) -> str:
    """Every kind of space as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def chapter_pages(path: Path, title: str) -> tuple[int, int]:
    """First and last page (1-based) of the chapter bookmarked as `title`."""
    (_, first, last), = [c for c in chapters(path) if c[0] == title]
    return first, last


def chapters(path: Path) -> list[tuple[str, int, int]]:
    """(title, first page, last page) of every top-level bookmark, 1-based."""
    reader = PdfReader(path)
    marks = [(plain(item.title), reader.get_destination_page_number(item) + 1) for item in reader.outline
             if not isinstance(item, list)]
    ends = [start - 1 for _, start in marks[1:]] + [len(reader.pages)]
    return [(title, start, end) for (title, start), end in zip(marks, ends, strict=True)]


@functools.lru_cache(maxsize=2)
def _parsed(path: Path) -> tuple[list[dict], dict[tuple[int, int], str]]:
    """The structure tree, and the text of each marked-content sequence: (page, mcid) -> text."""
    with pdfplumber.open(path) as pdf:
        text: dict[tuple[int, int], str] = defaultdict(str)
        for page in pdf.pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    text[(page.page_number, char["mcid"])] += char["text"]
        return pdf.structure_tree, dict(text)


def tables(path: Path) -> list[Table]:
    tree, text = _parsed(path)
    found: list[dict] = []
    for element in tree:
        _collect(element, "Table", found)
    return [_table(t, text) for t in found]


def list_items(path: Path, page: int) -> list[list[str]]:
    """The items of every list (L) that starts on `page`, as text."""
    tree, text = _parsed(path)
    found: list[dict] = []
    for element in tree:
        _collect(element, "L", found)
    return [[plain(_text(item, text)) for item in _items(lst)] for lst in found if min(_pages(lst), default=0) == page]


def _items(element: dict) -> list[dict]:
    """A list's LI elements (WeasyPrint wraps them in an inner L)."""
    return [item for child in element.get("children", [])
            for item in ([child] if child["type"] == "LI" else _items(child) if child["type"] == "L" else [])]


def _collect(element: dict, kind: str, found: list[dict]) -> None:
    if element.get("type") == kind:
        found.append(element)
        return
    for child in element.get("children", []):
        _collect(child, kind, found)


def _text(element: dict, text: dict[tuple[int, int], str]) -> str:
    own = "".join(text.get((element.get("page_number"), m), "") for m in element.get("mcids") or [])
    return own + "".join(_text(child, text) for child in element.get("children", []))


def _pages(element: dict) -> list[int]:
    pages = [element["page_number"]] if element.get("mcids") else []
    return pages + [p for child in element.get("children", []) for p in _pages(child)]


def _table(element: dict, text: dict[tuple[int, int], str]) -> Table:
    caption, rows = "", []
    for part in element.get("children", []):
        if part["type"] == "Caption":
            caption = plain(_text(part, text))
        for row in [part] if part["type"] == "TR" else [c for c in part.get("children", []) if c["type"] == "TR"]:
            cells = tuple(plain(_text(cell, text)) for cell in row.get("children", []))
            rows.append(Row(cells, min(_pages(row)), part["type"] == "THead"))
    return Table(caption, tuple(rows))


def fullness(path: Path) -> list[float]:
    """How far down its text area each page is filled: the lowest text, image or rule on the
    page (running heads and page numbers, in the margins, left out) against the area's height."""
    result = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            things = [*page.chars, *page.images, *page.rects, *page.lines]
            inside = [t["bottom"] for t in things if t["top"] >= TEXT_TOP - 1 and t["bottom"] <= TEXT_BOTTOM + 1]
            lowest = max(inside, default=TEXT_TOP)
            result.append((lowest - TEXT_TOP) / (TEXT_BOTTOM - TEXT_TOP))
    return result


def figure_alts(path: Path) -> list[str]:
    """The alt text of every Figure of the PDF's structure tree that has one."""
    with pikepdf.open(path) as pdf:
        return [str(e.Alt) for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/Figure" and "/Alt" in e]


def _elements(node: object):  # noqa: ANN202 - a generator of pikepdf dictionaries
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            yield from _elements(kid)
