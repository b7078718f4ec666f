"""From executed notebooks to one HTML document: nbconvert per chapter, then assembly.

nbconvert turns each executed notebook into HTML with the project's own template
(`templates/nbconvert/raport`: outputs and prose only, no code, no prompts). The
assembly then splits the powiat notebook into its chapters at each <h1>, puts the gmina
chapters where the powiat notebook placed the marker, gives every heading an id that is
unique in the whole document, and wraps it all with the cover and the table of contents
(`templates/document.html.j2`). Layout is left to the stylesheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from . import __version__
from .dataset import Dataset
from .formatting import fmt_date
from .provenance import report_date
from .registry import Gmina
from .report import GMINA_CHAPTERS_MARKER
from .textnorm import fold
from .theme import FONT_FAMILY, FONT_FILES, PALETTE, TEMPLATES

__all__ = ["TocEntry", "assemble_document", "chapter_html", "document_title"]

NOTEBOOK_ONLY_TAG = "tylko-notatnik"  # cells for people who open the notebook, not for the report
TOC_DEPTH_GMINA = 1  # gmina chapters list only their title in the contents


def chapter_html(executed: Path) -> str:
    """The HTML of one executed notebook: prose and outputs, nothing of Jupyter."""
    exporter = HTMLExporter(template_name="raport", extra_template_basedirs=[str(TEMPLATES / "nbconvert")],
                            exclude_anchor_links=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={NOTEBOOK_ONLY_TAG}), enabled=True)
    body, _ = exporter.from_filename(str(executed))
    return body


@dataclass(frozen=True)
class TocEntry:
    level: int
    title: str
    anchor: str


def document_title(ds: Dataset) -> str:
    return (f"Informacja o stanie bezpieczeństwa i działaniach profilaktycznych na terenie "
            f"{ds.powiat.nazwa_dopelniacz} w {ds.year} r.")


def assemble_document(ds: Dataset, powiat_html: str, gmina_htmls: Sequence[tuple[Gmina, str]]) -> str:
    """The whole report as one HTML document, ready for WeasyPrint."""
    before, after = _split_at_marker(_fragment(powiat_html))
    chapters = [*_chapters(before), *(_gmina_chapter(g, html) for g, html in gmina_htmls), *_chapters(after)]
    toc = [entry for chapter in chapters for entry in _toc_entries(chapter)]
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = _css_string
    env.filters["nbsp"] = nbsp
    day = report_date(ds)
    return env.get_template("document.html.j2").render(
        title=document_title(ds), ds=ds, powiat=ds.powiat, year=ds.year, toc=toc,
        short_title=f"Bezpieczeństwo w {ds.powiat.nazwa_miejscownik} – {ds.year} r.",
        chapters=Markup("\n".join(str(c) for c in chapters)), version=__version__,
        report_date=fmt_date(day) if day else "", iso_date=_iso(day), font_faces=Markup(_font_faces()),
        palette=Markup(PALETTE.css_variables()),
    )


def _css_string(text: str) -> Markup:
    """Text safe inside a CSS string literal in a <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,–-" else f"\\{ord(c):x} " for c in text)
    return Markup(escaped)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _font_faces() -> str:
    rules = [f"@font-face{{font-family:'{FONT_FAMILY}';font-weight:{weight};font-style:{style};"
             f"src:url('{path.as_uri()}')}}" for (weight, style), path in FONT_FILES.items()]
    return "".join(rules)


# ---------------------------------------------------------------- splitting and ids


def _fragment(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _split_at_marker(soup: BeautifulSoup) -> tuple[list[Tag], list[Tag]]:
    """Top-level elements before and after the place for the gmina chapters."""
    before: list[Tag] = []
    after: list[Tag] = []
    target = before
    for node in list(soup.children):
        if not isinstance(node, Tag):
            continue
        if GMINA_CHAPTERS_MARKER in (node.get("class") or []):
            target = after
            continue
        target.append(node)
    return before, after


# Polish typesetting: a one-letter word (w, i, z, o, a, u) never ends a line, and a number
# stays with its unit ("2025 r.", "12 zł").
_ORPHAN = re.compile(r"(?<![\w\u00a0.,])([aiouwzAIOUWZ])\s+")
_UNIT = re.compile(r"(\d)\s+(r\.|zł|km²|tys\.|proc\.|pkt)")


def nbsp(text: str) -> str:
    return _UNIT.sub("\\1\u00a0\\2", _ORPHAN.sub("\\1\u00a0", text))


def _typeset(chapter: Tag) -> None:
    for node in chapter.find_all(string=True):
        if node.parent is not None and node.parent.name not in ("style", "script"):
            fixed = nbsp(str(node))
            if fixed != node:
                node.replace_with(fixed)


def _chapters(nodes: list[Tag]) -> list[Tag]:
    """Group a flat list of elements into <section class="chapter">, one per <h1>."""
    soup = BeautifulSoup("", "html.parser")
    chapters: list[Tag] = []
    for node in nodes:
        if node.name == "h1" or not chapters:
            chapter = soup.new_tag("section", attrs={"class": "chapter"})
            chapters.append(chapter)
        chapters[-1].append(node)
    for chapter in chapters:
        heading = chapter.find("h1")
        _set_ids(chapter, _slug(heading.get_text()) if heading else "rozdzial")
        _typeset(chapter)
    return chapters


def _gmina_chapter(gmina: Gmina, html: str) -> Tag:
    soup = _fragment(html)
    chapter = soup.new_tag("section", attrs={"class": "chapter gmina"})
    for node in [n for n in soup.children if isinstance(n, Tag)]:
        chapter.append(node)
    _set_ids(chapter, f"gmina-{gmina.teryt}")
    _typeset(chapter)
    return chapter


def _set_ids(chapter: Tag, chapter_id: str) -> None:
    """Ids unique across the document: the chapter's own, then chapter--section."""
    chapter["id"] = chapter_id
    seen: dict[str, int] = {}
    for tag in chapter.find_all(["h1", "h2", "h3", "h4"]):
        for link in tag.find_all("a", class_="anchor-link"):
            link.decompose()
        if tag.name == "h1":
            tag["id"] = f"{chapter_id}--tytul"
            continue
        slug = _slug(tag.get_text())
        seen[slug] = seen.get(slug, 0) + 1
        tag["id"] = f"{chapter_id}--{slug}" + (f"-{seen[slug]}" if seen[slug] > 1 else "")


def _slug(text: str) -> str:
    return fold(text).replace("_", "-")[:60] or "sekcja"


def _toc_entries(chapter: Tag) -> list[TocEntry]:
    depth = TOC_DEPTH_GMINA if "gmina" in (chapter.get("class") or []) else 2
    entries = []
    for tag in chapter.find_all(["h1", "h2"]):
        level = int(tag.name[1])
        if level <= depth:
            entries.append(TocEntry(level, tag.get_text(" ", strip=True), str(tag["id"])))
    return entries
