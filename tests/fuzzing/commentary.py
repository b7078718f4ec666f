"""Commentary documents generated from the grammar the contract accepts, written as Word
(python-docx) or Markdown.

The grammar is docs/dane.md's "Komentarz" and what `pipeline.data.commentary.reading`
takes: heading 1 names a chapter and heading 2 a section (as printed, by an alias, in any
case, without Polish letters, or unknown), headings 3 and 4 are subheadings, and between
them paragraphs (bold, italic, links of any scheme), nested lists, tables (empty and,
in Word, merged cells; a table in a table), quotes and photos (JPEG, PNG and formats the
report refuses, tiny to large, with or without alt text and caption). Text is Polish
words, any Unicode (emoji, other scripts, combining marks, invisible characters), markup
and Markdown punctuation, and words of hundreds of letters.

Each paragraph-like block starts with a marker word (`znacznikN`): when its place is a
chapter the report prints, the marker must reach the report.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from hypothesis import strategies as st
from lxml import etree
from PIL import Image

from pipeline.data.commentary.places import Places

__all__ = ["Block", "Document", "Photo", "Run", "documents", "write"]


@dataclass(frozen=True)
class Run:
    text: str
    style: str = ""  # "", "bold", "italic"
    href: str | None = None


@dataclass(frozen=True)
class Photo:
    name: str  # the Markdown variant's file in zdjecia/
    data: bytes
    alt: str
    caption: str


@dataclass(frozen=True)
class Block:
    kind: str  # h1 h2 h3 h4 p ul ol table quote photo
    runs: tuple[Run, ...] = ()
    items: tuple[tuple[int, tuple[Run, ...]], ...] = ()  # a list: (depth, runs)
    rows: tuple[tuple[str, ...], ...] = ()  # a table: cells as plain text
    merges: tuple[tuple[int, int, int, int], ...] = ()  # Word: (row, column) to (row, column)
    nested: bool = False  # Word: a table inside the first cell
    photo: Photo | None = None
    marker: str = ""


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    word: bool  # komentarz.docx, else komentarz.md
    goals: tuple[str, ...] = ()  # the goals of cele.csv, sections of the goals chapter
    goals_printed: bool = True  # cele.csv or ankieta.csv given: the goals chapter exists
    polish_headings: bool = False  # Word: styles named "Nagłówek N", as a Polish Word names them

    def places(self, powiat: object) -> Places:
        return Places(powiat, 2025, self.goals, goals_printed=self.goals_printed)


# ---------------------------------------------------------------- text

POLISH = ("Szanowni Państwo", "włamań", "gmina", "rajd rowerowy", "zażółć gęślą jaźń", "debata", "seniorzy",
          "w 2025 r.", "12 345,6 zł", "–", "„cytat”", "KMZB", "policjanci", "wzrost o 12%", "Żarnów")
ODD = ("😀", "👨‍👩‍👧", "🇵🇱", "❤️", "Олександр Ґанок", "Ελλάδα", "中文", "עברית", "العربية", "हिन्दी", "a\u0328",
       "ﬁ", "\u00ad", "\u200b", "\u200d", "\ufeff", "\u2010", "\u2009", "\u3000", "\u202e", "ǅ", "№")
MARKUP = ("<b>x</b>", "<script>alert(1)</script>", "&amp;", "&", '"', "'", "*", "**", "_", "#", "|", "`", "\\",
          "[", "]", "(", ")", "<", ">", "![x](y)", "[a](b)", "---", "1.", "- ", "{{ x }}", "$x$", "<!--", "-->")
ANY = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))
LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄĆĘŁŃÓŚŹŻ"


def _texts(max_size: int = 6) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(POLISH), st.sampled_from(ODD), st.sampled_from(MARKUP),
                      st.text(ANY, max_size=12), st.text(LETTERS, min_size=60, max_size=400))  # a very long word
    return st.lists(piece, min_size=1, max_size=max_size).map(" ".join)


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "x"


def _runs() -> st.SearchStrategy[tuple[Run, ...]]:
    scheme = st.sampled_from(["https://policja.pl/", "http://example.org/a b", "mailto:kpp@example.pl",
                              "javascript:alert(1)", "file:///etc/passwd", "ftp://x/y", "tel:+48123",
                              "data:text/html,<b>x</b>", "strona.html", "#kotwica", "//host/x", "HTTPS://WIELKIE.PL",
                              "https://zażółć.pl/ścieżka?q=ą&r=1", ""])
    run = st.builds(Run, _texts(3), st.sampled_from(["", "", "bold", "italic"]),
                    st.one_of(st.none(), st.none(), scheme))
    return st.lists(run, min_size=1, max_size=4).map(tuple)


# ---------------------------------------------------------------- photos

def _image(width: int, height: int, mode: str, kind: str) -> bytes:
    buffer = io.BytesIO()
    image = Image.new(mode, (width, height), "navy" if mode in ("RGB", "RGBA", "P") else 90)
    if kind == "JPEG" and mode in ("RGBA", "P"):
        image = image.convert("RGB")
    image.save(buffer, kind)
    return buffer.getvalue()


@st.composite
def _photos(draw: st.DrawFn, word: bool) -> Photo:
    refused = draw(_sometimes(st.sampled_from(["GIF", "BMP"] if word else ["GIF", "junk"]), st.just("")))
    kind = refused or draw(st.sampled_from(["JPEG", "PNG"]))
    width = draw(st.one_of(st.integers(1, 80), st.integers(480, 520), st.integers(900, 1300)))
    height = draw(st.integers(1, 600))
    modes = ["RGB", "RGBA", "L", "P"] + (["CMYK"] if kind == "JPEG" and not word else [])  # python-docx: no CMYK
    mode = draw(st.sampled_from(modes))
    data = draw(st.binary(min_size=0, max_size=64)) if kind == "junk" else _image(width, height, mode, kind)
    alt = draw(_sometimes(st.sampled_from(["", "   "]), _texts(3)))  # no alt text: an error
    caption = draw(st.one_of(st.just(""), st.just(""), _texts(3)))
    name = draw(st.sampled_from(["a.jpg", "zdjęcie 1.jpg", "Rajd (2025).PNG", "ą/../b.jpg", "x.gif"]))
    return Photo(name, data, alt, caption)


# ---------------------------------------------------------------- blocks

def _typed(name: str, draw: st.DrawFn) -> str:
    """A name as people type it: another case, without Polish letters, stray spaces."""
    variant = draw(st.sampled_from(["as is", "upper", "lower", "ascii", "spaced"]))
    if variant == "upper":
        return name.upper()
    if variant == "lower":
        return name.lower()
    if variant == "ascii":
        return "".join(c for c in unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
                       if not unicodedata.combining(c))
    return "  " + name.replace(" ", "   ") + " " if variant == "spaced" else name


@st.composite
def _body(draw: st.DrawFn, word: bool, counter: list[int]) -> Block:
    def marker() -> str:
        counter[0] += 1
        return f"znacznik{counter[0]}"

    kind = draw(st.sampled_from(["p", "p", "p", "ul", "ol", "table", "quote", "photo", "photo", "h3", "h4"]))
    if kind in ("p", "quote"):
        mark = marker()
        return Block(kind, (Run(mark), *draw(_runs())), marker=mark)
    if kind in ("h3", "h4"):
        return Block(kind, (Run(_one_line(draw(_texts(3)))),))
    if kind in ("ul", "ol"):
        depths = draw(st.lists(st.integers(0, 3), min_size=1, max_size=6))
        items, last = [], -1
        for depth in depths:
            last = min(depth, last + 1)
            mark = marker()
            items.append((last, (Run(mark), *draw(_runs()))))
        return Block(kind, items=tuple(items), marker=items[0][1][0].text)
    if kind == "table":
        columns = draw(st.integers(1, 5))
        rows = draw(st.lists(st.lists(st.one_of(st.just(""), st.sampled_from(["12", "1 234,5", "-3", "45%"]),
                                                _texts(2)), min_size=columns, max_size=columns).map(tuple),
                             min_size=1, max_size=5))
        merges = tuple(draw(st.lists(_merge(len(rows), columns), max_size=2))) if word else ()
        return Block(kind, rows=tuple(rows), merges=merges, nested=word and draw(st.booleans()))
    return Block("photo", photo=draw(_photos(word)))


def _sometimes(rare: st.SearchStrategy[str], usual: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`rare` about one time in twenty-five: a document holds several of these, and about half
    of the documents should go through to the report."""
    return st.integers(0, 24).flatmap(lambda n: rare if n == 0 else usual)


def _merge(rows: int, columns: int) -> st.SearchStrategy[tuple[int, int, int, int]]:
    return st.tuples(st.integers(0, rows - 1), st.integers(0, columns - 1),
                     st.integers(0, rows - 1), st.integers(0, columns - 1))


@st.composite
def documents(draw: st.DrawFn, powiat: object) -> Document:
    """A commentary the contract accepts, or nearly: unknown headings, text before the first
    heading, photos without alt text or in a refused format are part of the grammar too."""
    word = draw(st.booleans())
    goals = tuple(draw(st.lists(_texts(2).map(_one_line), max_size=2, unique=True)))
    document = Document((), word, goals, draw(st.booleans()), word and draw(st.booleans()))
    places = document.places(powiat)
    counter = [0]
    blocks: list[Block] = []
    if draw(st.integers(0, 19)) == 0:  # text before the first heading: an error
        blocks.append(draw(_body(word, counter)))
    for _ in range(draw(st.integers(0, 4))):
        chapter = draw(st.sampled_from(places.chapters))
        names = [chapter.title, *chapter.aliases]
        heading = draw(_sometimes(_texts(2).map(_one_line), st.sampled_from(names)))  # unknown: an error
        blocks.append(Block("h1", (Run(_typed(heading, draw)),)))
        blocks += draw(st.lists(_body(word, counter), max_size=3))
        for _ in range(draw(st.integers(0, 2))):
            sections = [name for s in chapter.sections for name in s.names(2025)] or ["Sekcja"]
            section = draw(_sometimes(_texts(2).map(_one_line), st.sampled_from(sections)))
            blocks.append(Block("h2", (Run(_typed(section, draw)),)))
            blocks += draw(st.lists(_body(word, counter), max_size=3))  # none: an empty section
    return Document(tuple(blocks), word, goals, document.goals_printed, document.polish_headings)


# ---------------------------------------------------------------- writing

def write(document: Document, folder: Path) -> None:
    """The document as the analyst leaves it in the year's folder."""
    if document.word:
        (folder / "komentarz.docx").write_bytes(_docx(document))
        return
    photos = folder / "zdjecia"
    photos.mkdir(exist_ok=True)
    for block in document.blocks:
        if block.photo is not None:
            path = photos / block.photo.name
            if path.resolve().is_relative_to(photos.resolve()):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(block.photo.data)
    (folder / "komentarz.md").write_text("\n\n".join(_markdown(b) for b in document.blocks) + "\n", encoding="utf-8")


def _md_inline(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = _one_line(run.text)
        if run.style:
            text = ("**{}**" if run.style == "bold" else "*{}*").format(text)
        if run.href is not None:
            text = f"[{_escape(text, '[]')}](<{run.href.replace('<', '%3C').replace('>', '%3E')}>)"
        out.append(text)
    return " ".join(out)


def _escape(text: str, characters: str) -> str:
    return re.sub(f"([{re.escape(characters)}\\\\])", r"\\\1", text)


def _markdown(block: Block) -> str:
    if block.kind in ("h1", "h2", "h3", "h4"):
        return "#" * int(block.kind[1]) + " " + _one_line(block.runs[0].text)
    if block.kind == "p":
        return _md_inline(block.runs)
    if block.kind == "quote":
        return "> " + _md_inline(block.runs)
    if block.kind in ("ul", "ol"):
        lines, indents = [], [0]
        for depth, runs in block.items:
            bullet = "- " if block.kind == "ul" else "1. "
            indent = sum(indents[:depth + 1]) if depth < len(indents) else sum(indents)
            lines.append(" " * indent + bullet + _md_inline(runs))
            indents = [*indents[:depth + 1], len(bullet)]
        return "\n".join(lines)
    if block.kind == "table":
        rows = [[_escape(_one_line(c) if c else "", "|") for c in row] for row in block.rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows[1:]])
    photo = block.photo
    assert photo is not None
    title = f' "{_escape(_one_line(photo.caption), chr(34))}"' if photo.caption else ""
    alt = _escape(_one_line(photo.alt), "[]") if photo.alt.strip() else photo.alt
    return f"![{alt}](<zdjecia/{photo.name}>{title})"


def _docx(document: Document) -> bytes:
    doc = WordDocument()
    if document.polish_headings:
        for level in range(1, 5):
            style = doc.styles.add_style(f"Nagłówek {level}", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = doc.styles[f"Heading {level}"]
    legend = doc.styles.add_style("Legenda", WD_STYLE_TYPE.PARAGRAPH)
    for block in document.blocks:
        _word_block(doc, block, document.polish_headings, legend)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _trimmed(buffer.getvalue())


def _trimmed(docx: bytes) -> bytes:
    """The document without python-docx's 800 kB of unused styles: reading them is most of a
    case's time, and the report ignores Word's styles but for the few it maps."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename in ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"):
                continue
            if entry.filename == "word/styles.xml":
                data = _used_styles(data)
            elif entry.filename.endswith(".rels") or entry.filename == "[Content_Types].xml":
                data = re.sub(rb'<(Relationship|Override)[^>]*(stylesWithEffects|thumbnail)[^>]*/>', b"", data)
            out.writestr(entry, data)
    return target.getvalue()


def _used_styles(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    namespace = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    for latent in root.findall("w:latentStyles", namespace):
        root.remove(latent)
    for style in root.findall("w:style", namespace):
        name = style.find("w:name", namespace)
        value = "" if name is None else name.get(qn("w:val"))
        if not re.match(r"Normal|heading \d|Heading \d|Nagłówek|List (Bullet|Number)|Quote|Caption|Legenda|"
                        r"Table Grid|Normal Table|Default Paragraph Font|No List|Hyperlink|List Paragraph", value):
            root.remove(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _word_block(doc: object, block: Block, polish: bool, legend: object) -> None:
    if block.kind in ("h1", "h2", "h3", "h4"):
        level = int(block.kind[1])
        doc.add_paragraph(_xml_safe(block.runs[0].text), style=f"Nagłówek {level}" if polish else f"Heading {level}")
    elif block.kind in ("p", "quote"):
        _word_runs(doc.add_paragraph(style="Quote" if block.kind == "quote" else None), block.runs)
    elif block.kind in ("ul", "ol"):
        base = "List Bullet" if block.kind == "ul" else "List Number"
        for depth, runs in block.items:
            _word_runs(doc.add_paragraph(style=base if depth == 0 else f"{base} {min(depth + 1, 3)}"), runs)
    elif block.kind == "table":
        _word_table(doc, block)
    else:
        photo = block.photo
        assert photo is not None
        doc.add_picture(io.BytesIO(photo.data), width=Inches(2))
        doc.inline_shapes[-1]._inline.docPr.set("descr", _xml_safe(photo.alt))
        if photo.caption:
            doc.add_paragraph(_xml_safe(photo.caption), style=legend)


def _word_table(doc: object, block: Block) -> None:
    table = doc.add_table(rows=len(block.rows), cols=len(block.rows[0]))
    for r, row in enumerate(block.rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = _xml_safe(text)
    for r0, c0, r1, c1 in block.merges:
        try:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        except Exception:  # noqa: BLE001 - python-docx refuses some shapes; the analyst's Word too
            pass
    if block.nested:
        inner = table.cell(0, 0).add_table(rows=2, cols=2)
        inner.cell(1, 1).text = "wewnątrz"


def _word_runs(paragraph: object, runs: tuple[Run, ...]) -> None:
    for run in runs:
        text = _xml_safe(run.text)
        if run.href is None:
            added = paragraph.add_run(text)
            added.bold, added.italic = run.style == "bold", run.style == "italic"
            continue
        part = paragraph.part
        rel = part.relate_to(run.href or "#", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        element = OxmlElement("w:r")
        content = OxmlElement("w:t")
        content.text = text
        content.set(qn("xml:space"), "preserve")
        element.append(content)
        link.append(element)
        paragraph._p.append(link)


def _xml_safe(text: str) -> str:
    """What Word can hold: no control characters (it cannot save them either)."""
    return "".join(c for c in text if c in "\t\n" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))
