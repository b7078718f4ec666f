"""HTML building blocks the notebooks display: tables, figures, headings and text.

Every block is rendered by a Jinja2 template with autoescape on, so any text that comes
from the analyst's data (event names, partners) reaches the HTML as literal text and can
never become markup, a link or an image.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

if TYPE_CHECKING:
    from .charts import Chart

__all__ = ["GMINA_CHAPTERS_MARKER", "Annotated", "Block", "Column", "Row", "bullets", "facts", "figure", "heading",
           "join", "led_items", "marker", "paragraphs", "table"]

GMINA_CHAPTERS_MARKER = "gmina-chapters"  # where the powiat notebook wants the gmina chapters
SHORT_TABLE = 6  # rows: a table this short is never split across pages

TEMPLATES = Path(__file__).resolve().parent / "templates" / "blocks"
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                   trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@dataclass(frozen=True)
class Block:
    """A piece of the report; Jupyter and papermill display it as HTML."""

    html: Markup

    def _repr_html_(self) -> str:
        return str(self.html)

    def __add__(self, other: Block) -> Block:
        return Block(self.html + other.html)


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True
    css: str = ""  # a class for the column's cells, e.g. to fix its width in long tables

    @property
    def classes(self) -> str:
        return " ".join(c for c in ("num" if self.numeric else "", self.css) if c)


@dataclass(frozen=True)
class Annotated:
    """A table cell that says why it holds no number ("–", "1 z 1": a base under 10). The
    reason travels with it in the markup (`data-note`) into the open data's note column."""

    text: str
    note: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Row:
    cells: Sequence[str | Annotated]
    css: str = ""


def _render(template: str, **context: object) -> Block:
    return Block(Markup(_ENV.get_template(template).render(**context)))


def join(blocks: Iterable[Block]) -> Block:
    return Block(Markup("").join(b.html for b in blocks))


def heading(level: int, text: str, css: str = "") -> Block:
    return _render("heading.html.j2", level=level, text=text, css=css)


def paragraphs(*texts: str, css: str = "") -> Block:
    return _render("paragraphs.html.j2", paragraphs=[t for t in texts if t], css=css)


def bullets(items: Iterable[str], css: str = "") -> Block:
    return _render("bullets.html.j2", items=list(items), css=css)


def led_items(items: Iterable[tuple[str, str]], css: str = "", separator: str = "") -> Block:
    """A list whose items start with a bold lead: ("Przestępczość spadła.", "the figures"),
    or ("dynamika", "what it means") with separator ":"."""
    return _render("led_items.html.j2", items=list(items), css=css, separator=separator)


def facts(pairs: Iterable[tuple[str, str]]) -> Block:
    return _render("facts.html.j2", facts=list(pairs))


def marker(css: str) -> Block:
    """An empty element the assembly looks for, e.g. the place of the gmina chapters."""
    return Block(Markup('<div class="{}"></div>').format(css))


def figure(chart: Chart) -> Block:
    return _render("figure.html.j2", chart=chart)


def table(caption: str, columns: Sequence[Column], rows: Iterable[Row | Sequence[str]], *,
          notes: Sequence[str] = (), row_headers: bool = True, css: str = "") -> Block:
    """A data table: header cells marked as headers, the first column as row headers.

    A table of more than SHORT_TABLE rows may break across pages (the stylesheet keeps at
    least 3 rows on either side); a shorter one stays whole.
    """
    rows = [r if isinstance(r, Row) else Row(list(r)) for r in rows]
    return _render("table.html.j2", caption=caption, columns=list(columns), rows=rows, notes=list(notes),
                   row_headers=row_headers, css=css, short=len(rows) <= SHORT_TABLE)
