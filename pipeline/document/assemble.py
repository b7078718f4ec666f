"""From the chapters' HTML (see `convert`) to the HTML documents WeasyPrint renders.

The assembly splits the powiat notebook into its chapters at each <h1>, puts the gmina
chapters where the powiat notebook placed the marker, gives every heading an id that is
unique in the whole document, and wraps it all with the cover and the table of contents
(`templates/document.html.j2`). Layout is left to the stylesheet.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import __version__
from ..content.blocks import GMINA_CHAPTERS_MARKER
from ..content.glossary import ABBREVIATIONS, how_to_read
from ..content.report.annex import SOURCE_FILES_MARKER, source_files
from ..content.report.basis import legal_basis
from ..content.theme import FONT_FAMILY, FONT_FILES, PALETTE, SUPPLEMENT_FAMILY, SUPPLEMENT_FILES
from ..data.formatting import fmt_date, fmt_list
from ..data.textnorm import fold
from . import TEMPLATES
from .provenance import MANIFEST, report_date

if TYPE_CHECKING:
    from ..data.dataset import Dataset
    from ..data.registry import Gmina

__all__ = ["CHART_DATA", "ChapterDoc", "TocEntry", "chapters_of", "document_title", "extract_contents",
           "extract_footer", "extract_front_document", "footer_document", "opening_anchor",
           "extract_title", "front_document", "gmina_chapter", "numbering_document", "part_document", "powiat_chapters",
           "sections_of", "whole_document"]

TOC_DEPTH_GMINA = 1  # gmina chapters list only their title in the contents
RUNNING_TITLE = 70  # characters of a chapter's title the running header can hold beside its mark
# A chart in the markup (`content.blocks.figure`): half of a chapter's markup, which a reader
# of its structure does better to leave unparsed.
CHART_DATA = re.compile(r'src="data:(?P<mime>[\w/+.-]+);base64,(?P<data>[^"]*)"')
NARROW = "data-narrow"  # a chart's attribute that holds it drawn for a phone (see ChapterDoc)


@dataclass(frozen=True)
class TocEntry:
    level: int
    title: str
    anchor: str


@dataclass(frozen=True)
class ChapterDoc:
    """One chapter of the document: its markup (ids unique, typeset) and what it holds."""

    id: str
    markup: str
    toc: tuple[TocEntry, ...]
    tables: int
    charts: int
    photos: int  # numbered photos: those with a caption (see report.css)
    illustrations: int  # numbered drawings, apart from the photos ("Ilustracja 1")
    # Each chart drawn for a phone (`content.charts.Chart.narrow`, an SVG data URL, or "") in
    # the order of the charts: the HTML edition's, kept out of the markup the PDF is made from.
    narrow_charts: tuple[str, ...] = ()


TITLE = "Informacja o stanie bezpieczeństwa i działaniach profilaktycznych"


def document_title(ds: Dataset) -> str:
    return f"{TITLE} na terenie {ds.powiat.nazwa_dopelniacz} w {ds.year} r."


def extract_title(ds: Dataset, gmina: Gmina) -> str:
    """The title of a gmina's extract: the report's, narrowed to the gmina."""
    return f"{TITLE} w gminie {gmina.nazwa} w {ds.year} r."


def chapters_of(ds: Dataset, powiat_html: str, gmina_htmls: Sequence[tuple[Gmina, str]]) -> list[ChapterDoc]:
    """The chapters in reading order: the powiat notebook's up to its marker, the gminas, the rest."""
    before, after = powiat_chapters(ds, powiat_html)
    return [*before, *(gmina_chapter(g, html) for g, html in gmina_htmls), *after]


def powiat_chapters(ds: Dataset, powiat_html: str) -> tuple[list[ChapterDoc], list[ChapterDoc]]:
    """The powiat notebook's chapters before and after the place of the gmina chapters, with
    the table of the files the PDF carries where the annex asks for it."""
    soup = _fragment(powiat_html)
    for marker in soup.find_all(class_=SOURCE_FILES_MARKER):
        marker.replace_with(_fragment(str(source_files(ds, MANIFEST).html)))
    before, after = _split_at_marker(soup)
    return [_doc(s) for s in _chapters(before)], [_doc(s) for s in _chapters(after)]


def gmina_chapter(gmina: Gmina, html: str) -> ChapterDoc:
    return _doc(_gmina_chapter(gmina, html))


def _doc(section: Tag) -> ChapterDoc:
    narrow = tuple(str(figure.attrs.pop(NARROW, "")) for figure in section.find_all("figure", class_="chart"))
    return ChapterDoc(str(section["id"]), str(section), tuple(_toc_entries(section)),
                      len(section.find_all("table", class_="data")), len(section.find_all("figure", class_="chart")),
                      len(section.select("figure.photo:not(.illustration) > figcaption")),
                      len(section.select("figure.illustration > figcaption")), narrow)


# "Jak czytać raport" stands under the foreword, on the page before the findings (the foreword
# is short; the contents fill their own page); without a foreword, under the contents.
FOREWORD_ID = "slowo-wstepne"  # the id `_chapters` gives the chapter "Słowo wstępne"


def _has_foreword(chapters: Sequence[ChapterDoc]) -> bool:
    return any(c.id == FOREWORD_ID for c in chapters)


def whole_document(ds: Dataset, chapters: Sequence[ChapterDoc]) -> str:
    """The report as one HTML document: WeasyPrint numbers its pages and its contents."""
    return _render("document.html.j2", ds, toc=chapters, body=chapters, front=True, numbered=True,
                   counters=(0, 0, 0, 0), guide_in_front=not _has_foreword(chapters))


def part_document(ds: Dataset, chapters: Sequence[ChapterDoc], index: int) -> str:
    """Chapter `index` alone, its tables and charts numbered on from the chapters before it."""
    before = chapters[:index]
    counters = (sum(c.tables for c in before), sum(c.charts for c in before), sum(c.photos for c in before),
                sum(c.illustrations for c in before))
    return _render("document.html.j2", ds, body=[chapters[index]], front=False, numbered=False, counters=counters)


def front_document(ds: Dataset, chapters: Sequence[ChapterDoc], pages: dict[str, int]) -> str:
    """The cover and the contents, with the page numbers the parts ended up on."""
    return _render("document.html.j2", ds, toc=chapters, front=True, numbered=False, counters=(0, 0, 0, 0),
                   toc_pages=pages, guide_in_front=not _has_foreword(chapters))


def extract_contents(ds: Dataset, with_goals: bool, gmina: Gmina | None = None) -> str:
    """What a gmina's extract holds, as its cover and the HTML edition say it."""
    chapter = f"rozdział gminy {gmina.nazwa}" if gmina else "rozdział gminy"
    return fmt_list([f"podsumowanie roku w {'gminie ' + gmina.nazwa if gmina else 'gminie'} na jednej stronie",
                     "najważniejsze wnioski dla całego powiatu",
                     *(["cele współpracy i ich realizacja"] if with_goals else []),
                     f"{chapter} z planem działań na {ds.year + 1} r.", "aneks"])


def extract_footer(ds: Dataset, gmina: Gmina) -> str:
    """The running footer of every page of a gmina's extract: the gmina and its council."""
    return f"Wyciąg dla {gmina.rada_dopelniacz} – bezpieczeństwo w gminie {gmina.nazwa} w {ds.year} r."


def extract_front_document(ds: Dataset, gmina: Gmina, entries: Sequence[TocEntry], pages: dict[str, int],
                           with_goals: bool, opening: str = "", elsewhere: str = "") -> str:
    """A gmina's extract: the cover addressed to the gmina, its page (`opening`, the markup of
    `content.gmina_page`), and the contents of the extract with `elsewhere`, what the full
    report holds that the extract's pages refer to."""
    note = (f"Wyciąg z raportu przedstawianego {ds.powiat.rada_celownik}: {extract_contents(ds, with_goals, gmina)}. "
            "Tabele i wykresy mają te same numery co w pełnym raporcie; odesłania do rozdziałów, których wyciąg "
            "nie zawiera (np. rozdziału o powiecie i „Planu na kolejny rok”), dotyczą pełnego raportu: ich strony "
            "w nim podaje spis treści.")
    section = _opening(opening) if opening else None
    return _render("document.html.j2", ds, entries=entries, front=True, numbered=False, counters=(0, 0, 0, 0),
                   toc_pages=pages, title=extract_title(ds, gmina), cover_note=note, short_contents=True,
                   cover_for=f"Informacja przekazywana {gmina.head_celownik} i {gmina.rada_celownik}",
                   audience=f"Wyciąg z raportu dla {gmina.head_dopelniacz} i {gmina.rada_dopelniacz}",
                   keywords=f", gmina {gmina.nazwa}, {gmina.rada}, {gmina.urzad}",
                   opening=Markup(str(section) if section is not None else ""),
                   here=[e.anchor for e in _toc_entries(section)] if section is not None else [],
                   elsewhere=elsewhere, short_title=extract_footer(ds, gmina))


OPENING_ID = "w-skrocie"  # the id of a gmina's page in its extract (the anchors under it: OPENING_ID--…)


def opening_anchor() -> str:
    """The anchor of the title of a gmina's page in its extract (see `_set_ids`)."""
    return f"{OPENING_ID}--tytul"


def _opening(html: str) -> Tag:
    """A gmina's page as a chapter of the front: ids of its own, typeset like every chapter."""
    soup = _fragment(html)
    section = soup.new_tag("section", attrs={"class": "chapter gmina-page"})
    for node in [n for n in soup.children if isinstance(n, Tag)]:
        section.append(node)
    _set_ids(section, OPENING_ID)
    _typeset(section)
    return section


def numbering_document(ds: Dataset, pages: int) -> str:
    return _render("numbering.html.j2", ds, pages=pages)


def footer_document(ds: Dataset, footers: Sequence[str] | None = None) -> str:
    """The running footers of documents rendered in parts (`footers`, one page each, or the
    report's alone), one laid over every page of its document but the cover at merge time:
    the parts an extract shares with the report carry none of their own."""
    return _render("footer.html.j2", ds, footers=list(footers) if footers else [report_footer(ds)])


def report_footer(ds: Dataset) -> str:
    return f"Bezpieczeństwo w {ds.powiat.nazwa_miejscownik} – {ds.year} r."


def _render(template: str, ds: Dataset, *, toc: Sequence[ChapterDoc] = (), entries: Sequence[TocEntry] = (),
            body: Sequence[ChapterDoc] = (), toc_pages: dict[str, int] | None = None, **context: object) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = _css_string
    env.filters["nbsp"] = nbsp
    day = report_date(ds)
    values: dict[str, object] = {
        "title": document_title(ds), "cover_for": f"Informacja przedstawiana {ds.powiat.rada_celownik}",
        "basis": legal_basis(ds.powiat), "audience": f"Raport dla: {ds.powiat.rada}", "keywords": "",
        "cover_note": "", "short_contents": False, "powiat": ds.powiat, "year": ds.year, "version": __version__,
        "toc": [*(entry for chapter in toc for entry in chapter.toc), *entries],
        "short_title": report_footer(ds),
        "chapters": Markup("\n".join(c.markup + (_guide() if c.id == FOREWORD_ID else "") for c in body)),
        "toc_pages": toc_pages, "guide_in_front": True, "opening": "", "here": (), "elsewhere": "",
        "report_date": fmt_date(day) if day else "", "iso_date": _iso(day), "font_faces": Markup(_font_faces()),
        "palette": Markup(PALETTE.css_variables()), "guide": Markup(_guide()),
    }
    return env.get_template(template).render(**{**values, **context})


def _guide() -> str:
    return f'<aside id="how-to-read">{how_to_read().html}</aside>'


def _css_string(text: str) -> Markup:
    """Text safe inside a CSS string literal in a <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,–-" else f"\\{ord(c):x} " for c in text)
    return Markup(escaped)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _font_faces() -> str:
    rules = [f"@font-face{{font-family:'{FONT_FAMILY}';font-weight:{weight};font-style:{style};"
             f"src:url('{path.as_uri()}')}}" for (weight, style), path in FONT_FILES.items()]
    rules += [f"@font-face{{font-family:'{SUPPLEMENT_FAMILY}';font-weight:{weight};src:url('{path.as_uri()}')}}"
              for weight, path in SUPPLEMENT_FILES.items()]
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
# stays with what it counts: its unit ("2025 r.", "12 zł", "100,0%"), its noun ("5 osób",
# "2 osoby") or its bracket ("zrealizowane 5 (100,0%)", "(4 wydarzenia)"). Words that begin a
# new phrase ("z 4 do 9", "24 i 26") may still start the next line.
_ORPHAN = re.compile(r"(?<![\w\u00a0.,])([aiouwzAIOUWZ])\s+")
_UNIT = re.compile(r"(\d)\s+(r\.|zł|km²|tys\.|proc\.|pkt)")
_FREE_AFTER_A_NUMBER = "i|w|z|a|o|u|na|do|od|oraz|lub|albo|wobec|we|ze|po|przy|dla|bez|niż|jak|ani|czy"
_NOUN = re.compile(rf"(?<![\w-])(\d[\d\u00a0\u202f]*(?:,\d+)?%?) +"
                   rf"(?=\(|(?!(?:{_FREE_AFTER_A_NUMBER})\b)[a-ząćęłńóśźż])")


def nbsp(text: str) -> str:
    return _NOUN.sub("\\1\u00a0", _UNIT.sub("\\1\u00a0\\2", _ORPHAN.sub("\\1\u00a0", text)))


_SOUP = BeautifulSoup("", "html.parser")  # makes the tags the assembly adds


# The case an abbreviation takes, from the word before it: a preposition that governs the
# locative or the genitive, or a noun it qualifies ("zgłoszenia KMZB", "Wydział Ruchu
# Drogowego KPP": genitive). After a word whose case cannot be told from it ("z" takes the
# genitive or the instrumental, "i" the case of what it joins) and at the start of a sentence
# the abbreviation is left as it is there, and its next use is spelled out; before a bracket
# of its own ("akcja BRD (3)": ") (" reads badly) it gives way to its full form alone ("akcja
# bezpieczeństwa ruchu drogowego (3)"). "Jak czytać raport" lists them all.
_LOCATIVE_AFTER = frozenset("w we na o przy po".split())
_GENITIVE_AFTER = frozenset("do od dla bez u według wśród spośród podczas oprócz obok wobec około koło".split())
_CASE_UNKNOWN_AFTER = frozenset("z ze przez za pod nad przed między i oraz lub albo a ani czy jak niż to są".split())
# Where an abbreviation names what follows rather than being read in a sentence: captions and
# headings keep it short (the first use in the text or a table's cell spells it out).
_LABELS = ("figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "style", "script")


def _case(before: str) -> str | None:
    """ "genitive", "locative" or None (cannot tell) for an abbreviation after `before`."""
    words = re.findall(r"[\w„”]+|[^\w\s]", before)
    if not words or not words[-1][0].isalpha():
        return None
    word = words[-1].lower()
    if word in _LOCATIVE_AFTER:
        return "locative"
    if word in _GENITIVE_AFTER:
        return "genitive"
    return None if word in _CASE_UNKNOWN_AFTER else "genitive"


def _spell_out_abbreviations(chapter: Tag) -> None:
    """The first use of each abbreviation in a chapter's text or tables says what it stands for,
    in the case the sentence needs: "zgłoszenia Krajowej Mapy Zagrożeń Bezpieczeństwa (KMZB)", the
    abbreviation marked as <abbr>; a first use already in brackets after its full form ("…
    Bezpieczeństwa (KMZB)") is left as it is."""
    pending = dict(ABBREVIATIONS)
    for node in list(chapter.find_all(string=True)):
        if not pending:
            return
        if node.parent is None or node.parent.name in _LABELS or node.find_parent(_LABELS) is not None:
            continue
        text = str(node)
        found = []
        for short in list(pending):
            for match in re.finditer(rf"(?<![\w.]){short}(?![\w])", text):
                before = text[:match.start()]
                if before.endswith("("):
                    pending.pop(short)  # explained where it first stands
                    break
                case = _case(before)
                bracket = text[match.end():].lstrip().startswith("(")
                if case:
                    found.append((match.start(), match.end(), short, case, bracket))
                    if not bracket:
                        pending.pop(short)
                        break
        if found:
            node.replace_with(*[p for p in _spelled_out(text, found) if p != ""])


def _spelled_out(text: str, found: list[tuple[int, int, str, str, bool]]) -> list[str | Tag]:
    """`text` with each found abbreviation spelled out: "pełna nazwa (<abbr>SKRÓT</abbr>)", or
    the full name alone where a bracket of its own follows."""
    pieces: list[str | Tag] = []
    position = 0
    for start, end, short, case, bracket in sorted(found):
        full = getattr(ABBREVIATIONS[short], case)
        pieces.append(text[position:start])
        if bracket:
            pieces.append(full)
        else:
            abbr = _SOUP.new_tag("abbr", attrs={"title": ABBREVIATIONS[short].nominative})
            abbr.string = short
            pieces += [f"{full} (", abbr, ")"]
        position = end
    pieces.append(text[position:])
    return pieces


def _typeset(chapter: Tag) -> None:
    _spell_out_abbreviations(chapter)
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
            title = tag.get_text()
            if len(title) > RUNNING_TITLE:  # the running header holds about this much
                tag["data-running"] = title[:RUNNING_TITLE - 1].rstrip() + "…"
            continue
        slug = _slug(tag.get_text())
        seen[slug] = seen.get(slug, 0) + 1
        tag["id"] = f"{chapter_id}--{slug}" + (f"-{seen[slug]}" if seen[slug] > 1 else "")


def _slug(text: str) -> str:
    """No backslash or quote: a heading of the analyst's ending in "\\" made an id WeasyPrint
    could not use as an anchor."""
    return re.sub(r"[\\\"'\s]+", "", fold(text).replace("_", "-"))[:60] or "sekcja"


@functools.lru_cache(maxsize=64)  # every extract lists the findings' and the annex's sections
def sections_of(doc: ChapterDoc) -> tuple[TocEntry, ...]:
    """A chapter's title and its sections (h1, h2), however deep the report's contents list it."""
    return tuple(_toc_entries(_fragment(CHART_DATA.sub('src=""', doc.markup)).find("section"), depth=2))


def _toc_entries(chapter: Tag, depth: int | None = None) -> list[TocEntry]:
    if depth is None:
        depth = TOC_DEPTH_GMINA if "gmina" in (chapter.get("class") or []) else 2
    entries = []
    for tag in chapter.find_all(["h1", "h2"]):
        if "commentary-heading" in (tag.get("class") or []):
            continue  # a subheading inside the analyst's text, not a section of the report
        level = int(tag.name[1])
        if level <= depth:
            entries.append(TocEntry(level, tag.get_text(" ", strip=True), str(tag["id"])))
    return entries
