"""The analyst's own words and photos: `komentarz.docx` (Word) or `komentarz.md` (Markdown).

Heading 1 names the chapter a text belongs to, Heading 2 a section of it (see `places`);
text under a Heading 1 opens the chapter, text under a Heading 2 closes the section, and
Heading 3 and 4 are subheadings inside the text. The result is HTML the report can trust:

- Word goes through `word` (checked as a hostile file, converted by mammoth), Markdown
  through markdown-it-py with raw HTML off (typed tags stay text);
- everything is then sanitised by nh3 with an allow-list: paragraphs, bold, italic, lists,
  tables, links and pictures; a link to anything but http, https or mailto becomes text;
- every picture needs a text alternative and is drawn again by `photos` (no metadata);
- tables become a plain grid under one header row (`tables`), as the PDF's tags need.

Problems are reported like the data's: file, the heading or picture as the analyst sees
it, what is wrong and how to fix it; `make validate` lists them with the rest.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import unquote

import nh3
from bs4 import BeautifulSoup, Tag
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from ...errors import Problem, Severity
from .. import glyphs
from ..schema import COMMENTARY_FILES, PHOTO_FOLDER
from ..textnorm import LONG_WORD
from .photos import Photo, PhotoError, prepare
from .pieces import Commentary, Piece
from .places import GOALS, Place, Places
from .tables import commentary_table
from .word import Picture, WordError, read_docx

__all__ = ["published_copy", "read_commentary"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING
TAGS = {"p", "strong", "em", "b", "i", "u", "s", "sub", "sup", "br", "ul", "ol", "li", "a", "img", "table", "thead",
        "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
SCHEMES = ("http://", "https://", "mailto:")
MAX_MARKDOWN = 2 * 2**20  # characters
MAX_CAPTION = 160  # characters: a longer paragraph before a table is text, not its caption
ILLUSTRATION = re.compile(r"ilustracja\b", re.I)  # how a drawing's text alternative begins


def published_copy(source: str, pieces: list[Piece], places: Places) -> bytes:
    """The commentary as the report used it, one HTML file for the PDF to carry: the text
    sanitised, the photos without metadata, nothing a reviewer left in the Word file."""
    parts = ['<!DOCTYPE html><html lang="pl-PL"><head><meta charset="utf-8">'
             f"<title>Komentarz do raportu ({escape(source)})</title></head><body>"]
    for piece in pieces:
        chapter = places.place(piece.chapter)
        section = next((s for s in chapter.sections if s.key == piece.section), None)
        title = chapter.title + (f" – {section.names(places.year)[0]}" if section else "")
        parts.append(f"<h1>{escape(title)}</h1>{piece.html}")
    return "".join([*parts, "</body></html>"]).encode("utf-8")


def read_commentary(folder: Path, label: str, places: Places) -> tuple[Commentary | None, list[Problem]]:
    """The year's commentary, if there is one, with every problem found in it."""
    present = [folder / name for name in COMMENTARY_FILES if (folder / name).is_file()]
    if not present:
        return None, []
    if len(present) > 1:
        return None, [Problem(ERROR, label, "są dwa pliki komentarza: komentarz.docx i komentarz.md",
                              "zostaw jeden z nich")]
    path = present[0]
    source = f"{label}/{path.name}"
    reading = _Reading(source, places, folder)
    try:
        html, pictures = reading.word(path) if path.suffix == ".docx" else reading.markdown(path)
    except WordError as error:
        return None, [Problem(ERROR, source, error.message, error.hint)]
    pieces = reading.pieces(html, pictures)
    return Commentary(source, tuple(pieces), published_copy(source, pieces, places)), reading.problems


class _Reading:
    """One commentary file being read: where it stands, and what was found wrong."""

    def __init__(self, source: str, places: Places, folder: Path) -> None:
        self.source, self.places, self.folder = source, places, folder
        self.problems: list[Problem] = []
        self.chapter: Place | None = None
        self.section: str | None = None
        self.skipping = False  # under a heading that names no place: reported once, its text left out
        self.after_picture = False  # the last element held a picture: a "Legenda" paragraph is its caption
        self.where = "początek dokumentu"
        self.unprintable: dict[str, dict[str, None]] = {}  # place -> characters the font lacks, in order
        self.level = 1  # of the last heading in the report, the words' own subheadings included

    def add(self, severity: Severity, message: str, hint: str, place: str | None = None) -> None:
        self.problems.append(Problem(severity, self.source, message, hint, place=place or self.where))

    # -------------------------------------------------------------- the two formats

    def word(self, path: Path) -> tuple[str, dict[str, Picture]]:
        document = read_docx(path.read_bytes())
        for what, hint in document.dropped:
            self.add(WARNING, f"{what} – pominięte w raporcie", hint, "cały dokument")
        return document.html, document.pictures

    def markdown(self, path: Path) -> tuple[str, dict[str, Picture]]:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1250", errors="replace")
        if len(text) > MAX_MARKDOWN:
            raise WordError("plik komentarza jest za duży", "komentarz to tekst: kilka, kilkanaście stron")
        parser = MarkdownIt("commonmark", {"html": False}).enable("table")
        tokens = parser.parse(text)
        pictures: dict[str, Picture] = {}
        for token in tokens:
            for child in token.children or []:
                if child.type == "image":
                    name = f"zdjecie-{len(pictures) + 1}"
                    src = unquote(str(child.attrs.get("src", "")))  # markdown-it encodes "zdjęcie 1.jpg"
                    pictures[name] = Picture(self._photo_file(src),
                                             "".join(c.content for c in child.children or []).strip(), src)
                    child.attrs["src"] = name
        return parser.renderer.render(tokens, parser.options, {}), pictures

    def _photo_file(self, src: str) -> bytes:
        """A photo of the Markdown variant: a file in the year's photo folder, nothing else."""
        photos = (self.folder / PHOTO_FOLDER).resolve()
        path = (self.folder / src).resolve()
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or not path.is_relative_to(photos) or not path.is_file():
            self.add(ERROR, f"zdjęcie „{src}” nie leży w folderze {PHOTO_FOLDER}/",
                     f"zapisz je w {self.folder.name}/{PHOTO_FOLDER}/ i wpisz np. ![opis]({PHOTO_FOLDER}/nazwa.jpg)",
                     "cały dokument")
            return b""
        return path.read_bytes()

    # -------------------------------------------------------------- places

    def pieces(self, html: str, pictures: dict[str, Picture]) -> list[Piece]:
        clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                          allowed_classes={"p": {"caption"}}, link_rel=None)
        soup = BeautifulSoup(clean, "html.parser")
        pieces: list[Piece] = []
        current: list[str] = []
        for node in [n for n in soup.children if isinstance(n, Tag) or str(n).strip()]:
            if isinstance(node, Tag) and node.name in ("h1", "h2"):
                self._close(current, pieces)
                self._heading(node)
                continue
            if self.chapter is None and not self.skipping:
                self.add(ERROR, "tekst przed pierwszym nagłówkiem 1 nie należy do żadnego rozdziału",
                         "dodaj nad nim nagłówek 1 (styl „Nagłówek 1”), np. „Słowo wstępne”")
                self.skipping = True
            if not self.skipping:
                current.append(self._node(node, pictures))
        self._close(current, pieces)
        for where, characters in self.unprintable.items():
            self.add(WARNING, glyphs.MESSAGE.format(glyphs.describe(characters)), glyphs.HINT, where)
        return pieces

    def _printable(self, text: str) -> str:
        """The text without the characters the report's font lacks, noted for a warning (`glyphs`)."""
        missing = glyphs.unprintable(text)
        if missing:
            self.unprintable.setdefault(self.where, {}).update(dict.fromkeys(missing))
        return glyphs.printable_text(text) if missing else text

    def _heading(self, node: Tag) -> None:
        self.level = int(node.name[1])  # the place's heading: the words' subheadings go below it
        text = node.get_text(" ", strip=True)
        self.where = f"nagłówek „{text}”"
        if node.name == "h2" and self.chapter is not None:  # a section's name alone is every gmina's
            self.where = f"rozdział „{self.chapter.title}”, nagłówek „{text}”"
        if node.name == "h1":
            self.chapter, self.section = self.places.chapter(text), None
            self.skipping = self.chapter is None
            if self.chapter is not None and self.chapter.key == GOALS and not self.places.goals_printed:
                self.add(WARNING, "tego rozdziału nie będzie w raporcie: w folderze roku nie ma plików cele.csv "
                         "ani ankieta.csv, więc tekst pod tym nagłówkiem pominięto",
                         "dodaj cele.csv lub ankieta.csv (docs/dane.md) albo usuń ten fragment komentarza")
                self.skipping = True
            if self.chapter is None:
                guess = self.places.suggest_chapter(text)
                self.add(ERROR, "nieznany rozdział", (f"czy chodziło o: {guess}? " if guess else "")
                         + "nagłówek 1 to nazwa rozdziału raportu, np. „Słowo wstępne”, „Powiat”, "
                         f"„{self.places.example_gmina(text)}”, "
                         "„Plan na kolejny rok”, „Aneks” (pełna lista: docs/dane.md)")
            return
        if self.chapter is None:
            return  # under a chapter already reported as unknown
        section = self.places.section(self.chapter, text)
        self.skipping = section is None
        self.section = section.key if section else None
        if section is None:
            guess = self.places.suggest_section(self.chapter, text)
            names = [s.names(self.places.year)[0] for s in self.chapter.sections]
            hint = (f"czy chodziło o: {guess}? " if guess else "") + (
                f"sekcje rozdziału „{self.chapter.title}”: {', '.join(names)}" if names else
                f"rozdział „{self.chapter.title}” nie ma sekcji: zmień ten nagłówek na nagłówek 3")
            self.add(ERROR, "nieznana sekcja", hint)

    def _close(self, current: list[str], pieces: list[Piece]) -> None:
        html = _captioned("".join(current).strip())
        if html and self.chapter is not None and not self.skipping:
            pieces.append(Piece(self.chapter.key, self.section, html))
        current.clear()

    # -------------------------------------------------------------- content

    def _node(self, node: Tag | str, pictures: dict[str, Picture]) -> str:
        """One top-level element as safe HTML; its pictures follow it as figures."""
        if not isinstance(node, Tag):
            return f"<p>{_breakable(escape(self._printable(str(node).strip())))}</p>"
        for link in node.find_all("a"):
            if not str(link.get("href", "")).startswith(SCHEMES):
                link.unwrap()  # a scheme we do not follow: the words stay, the link goes
                continue
            # A link's words are plain: WeasyPrint leaves the parts of bold or italic words inside
            # a link that wraps onto a second line out of the link's tag (PDF/UA 28-011).
            for inner in link.find_all(lambda tag: tag.name != "img"):  # a linked photo stays a photo
                inner.unwrap()
        for text in node.find_all(string=True):
            printable = self._printable(str(text))
            if text.parent is not None and text.parent.name == "a":  # no span in a link, for the same reason
                if LONG_WORD.search(str(escape(printable))):
                    text.parent["class"] = "long-word"
                if printable != text:
                    text.replace_with(printable)
            elif (html := _breakable(escape(printable))) != escape(text):
                text.replace_with(*BeautifulSoup(html, "html.parser").contents)
        if re.fullmatch(r"h[3-6]", node.name):
            # One level below the chapter's or section's own heading, never skipping one (PDF/UA
            # 14-003): a heading 4 right under a heading 1 is read as the next level down.
            self.level = min(int(node.name[1]) - (1 if self.section is None else 0), self.level + 1, 6)
            node.name = f"h{self.level}"
            node["class"] = "commentary-heading"
        for table in [node] if node.name == "table" else node.find_all("table"):  # in a quote or a list too
            if table.find_parent("table") is None:
                commentary_table(table)
        _tight_items(node)
        if node.name == "p" and "caption" in (node.get("class") or []):
            if self.after_picture:
                self.after_picture = False
                return ""  # a picture's caption: its figure took it
            del node["class"]
        figures = []
        for image in [node] if node.name == "img" else node.find_all("img"):
            figures.append(str(self._figure(image, pictures)))
            image.extract()
        empty = node.name == "img" or (node.name == "p" and not node.get_text(strip=True) and not node.find(True))
        self.after_picture = bool(figures)
        return ("" if empty else str(node)) + "".join(figures)

    def _figure(self, image: Tag, pictures: dict[str, Picture]) -> Markup:
        name = str(image.get("src", ""))
        picture = pictures.get(name)
        file = f" ({picture.file})" if picture and picture.file else ""
        where = f"zdjęcie nr {name.rsplit('-', 1)[-1]}{file}, {self.where}"
        alt = (picture.alt if picture and picture.alt else str(image.get("alt", ""))).strip()
        # Stripped once the font's missing characters are gone: a caption of nothing but those is none.
        caption = self._printable(str(image.get("title") or "") or self._caption_after(image)).strip()
        if picture is None or not picture.data:
            return Markup("")
        if not alt:
            self.add(ERROR, "zdjęcie bez tekstu alternatywnego",
                     "w Wordzie: kliknij zdjęcie prawym przyciskiem → „Edytuj tekst alternatywny” i opisz, co "
                     "widać; w Markdown: ![opis](zdjecia/plik.jpg)", where)
            return Markup("")
        try:
            photo = prepare(picture.data)
        except PhotoError as error:
            self.add(ERROR, error.message, error.hint, where)
            return Markup("")
        if photo.small:
            self.add(WARNING, f"zdjęcie ma tylko {photo.width_px} pikseli szerokości; w druku może być nieostre",
                     "jeśli masz większą wersję, wstaw ją zamiast tej", where)
        return _figure_markup(photo, alt, caption)

    @staticmethod
    def _caption_after(image: Tag) -> str:
        """Word: the paragraph in style "Legenda" right after the picture's paragraph."""
        holder = image.find_parent("p") or image
        following = holder.find_next_sibling()
        if isinstance(following, Tag) and "caption" in (following.get("class") or []):
            return following.get_text(" ", strip=True)
        return ""


def _tight_items(node: Tag) -> None:
    """A list item's paragraphs (Markdown's list with blank lines between the items) become its
    lines: WeasyPrint tags a paragraph in a list item outside the item's body (PDF/UA 09-005)."""
    for item in node.find_all("li"):
        paragraphs = item.find_all("p", recursive=False)
        for number, paragraph in enumerate(paragraphs):
            if number < len(paragraphs) - 1:
                paragraph.append(BeautifulSoup("<br>", "html.parser").br)
            paragraph.unwrap()


def _breakable(html: Markup) -> Markup:
    """A word too long for any line (a pasted address, a row of letters) is marked, and the
    stylesheets let it break between any two letters: WeasyPrint does not wrap it by itself
    inside a link or bold text. (Not <wbr>: WeasyPrint draws it as U+200B, which the font lacks.)"""
    return Markup(LONG_WORD.sub(lambda m: f'<span class="long-word">{m[0]}</span>', str(html)))


def _captioned(html: str) -> str:
    """Each of the analyst's tables with a caption, as the report's own have: a short paragraph
    right before it that ends with a colon ("Seria włamań w gminie:") becomes its caption;
    without one the caption says whose table it is ("Tabela 20 (komentarz)")."""
    if "<table" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for table in soup.find_all("table", class_="commentary-table"):
        before = table.find_previous_sibling()
        text = before.get_text(" ", strip=True) if before is not None and before.name == "p" else ""
        caption = soup.new_tag("caption")
        if text.endswith(":") and len(text) <= MAX_CAPTION and not before.find(["img", "br"]):
            caption.string = text.removesuffix(":").strip()
            before.decompose()
        else:
            caption.string, caption["class"] = "(komentarz)", "untitled"
        table.insert(0, caption)
    return str(soup)


def _figure_markup(photo: Photo, alt: str, caption: str) -> Markup:
    """A photo, or a drawing when its text alternative says so ("Ilustracja: …"): the report
    labels it "Ilustracja", not "Zdjęcie"."""
    src = f"data:{photo.mime};base64,{base64.b64encode(photo.data).decode('ascii')}"
    figcaption = Markup("<figcaption>{}</figcaption>").format(caption) if caption else Markup("")
    kind = "photo illustration" if ILLUSTRATION.match(alt) else "photo"
    return Markup('<figure class="{}"><img src="{}" alt="{}" width="{}" height="{}">{}</figure>').format(
        kind, src, alt, photo.width_px, photo.height_px, figcaption)

