"""A Word document (.docx) from the analyst, opened as a hostile file, then turned into clean
semantic HTML by mammoth.

A .docx is a zip of XML parts. Before anything reads it: the archive's size, entry count and
compression ratios are checked (a zip bomb is refused), every XML part is parsed with
defusedxml, which refuses DTDs and entities (no XXE, no "billion laughs"), and the document is
searched for what must not be published: unaccepted tracked changes and pictures linked to
files instead of pasted in (those are errors), comments, text boxes, SmartArt, charts and
embedded objects (dropped, with a warning that names them). Nothing the document refers to
is ever fetched. Only then does mammoth convert it; its pictures come back as bytes with
Word's own text alternative, for `photos` to check and draw again.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

import mammoth
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

__all__ = ["Picture", "WordDocument", "WordError", "read_docx"]

MAX_FILE = 50 * 2**20  # bytes of the .docx itself
MAX_ENTRIES = 2000
MAX_UNPACKED = 300 * 2**20
MAX_RATIO = 200  # unpacked ÷ packed for a large entry: text compresses ~10x, a bomb 1000x
HEADINGS = [f"p[style-name='{name} {level}'] => h{level}:fresh" for level in range(1, 5)
            for name in ("Heading", "heading", "Nagłówek", "nagłówek")]
STYLE_MAP = "\n".join([
    *HEADINGS,
    "p[style-name='Caption'] => p.caption:fresh", "p[style-name='caption'] => p.caption:fresh",
    "p[style-name='Legenda'] => p.caption:fresh", "p[style-name='legenda'] => p.caption:fresh",
    "p[style-name='Wskazówka'] => !",  # the template's grey hints are never printed
    "comment-reference => !",
])
# What Word can hold that the report leaves out: a pattern in the document, and its name.
DROPPED = ((rb"<w:txbxContent", "pole tekstowe", "przenieś jego tekst do zwykłego akapitu"),
           (rb"dgm:relIds", "grafika SmartArt", "wklej ją jako obraz i dodaj tekst alternatywny"),
           (rb"<c:chart\b", "wykres Worda", "wklej go jako obraz i dodaj tekst alternatywny"),
           (rb"<w:object\b|<o:OLEObject\b", "osadzony obiekt", "wklej jego treść jako tekst albo obraz"))


class WordError(ValueError):
    """The document cannot be read safely: what is wrong and how to fix it, in Polish."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Picture:
    data: bytes
    alt: str  # Word's text alternative ("Edytuj tekst alternatywny")
    file: str = ""  # the Markdown variant's file, as written: "zdjecia/rajd.jpg"


@dataclass
class WordDocument:
    html: str  # mammoth's HTML; pictures as <img src="zdjecie-N">
    pictures: dict[str, Picture] = field(default_factory=dict)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (what, how to keep it)


def read_docx(data: bytes) -> WordDocument:
    archive = _archive(data)
    document = _parts(archive)
    if re.search(rb"<w:(ins|del|moveFrom|moveTo)\b", document):
        raise WordError("dokument zawiera niezaakceptowane zmiany (śledzenie zmian)",
                        "w Wordzie: Recenzja → Zaakceptuj → Zaakceptuj wszystkie zmiany (albo Odrzuć), zapisz "
                        "i uruchom ponownie; do raportu nie trafiają poprawki w toku")
    if re.search(rb"<a:blip\b[^>]*\br:link=|<v:imagedata\b[^>]*\br:href=", document):
        raise WordError("zdjęcie jest połączone z plikiem na dysku, a nie wklejone do dokumentu",
                        "wklej zdjęcie (Wstaw → Obrazy → To urządzenie), nie jako łącze do pliku")
    result = WordDocument("")
    result.dropped += [(what, hint) for pattern, what, hint in DROPPED if re.search(pattern, document)]
    if "word/comments.xml" in archive.namelist():
        result.dropped.append(("komentarze recenzentów", "nie trafiają do raportu; nic nie trzeba robić"))
    if re.search(rb"<w:footnoteReference\b|<w:endnoteReference\b", document):
        result.dropped.append(("przypisy", "przenieś ich treść do tekstu"))

    def picture(image: mammoth.documents.Image) -> dict[str, str]:
        with image.open() as stream:
            name = f"zdjecie-{len(result.pictures) + 1}"
            result.pictures[name] = Picture(stream.read(), (image.alt_text or "").strip())
        return {"src": name}

    converted = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP,
                                        convert_image=mammoth.images.img_element(picture))
    result.html = converted.value
    return result


def _archive(data: bytes) -> zipfile.ZipFile:
    if len(data) > MAX_FILE:
        raise WordError("plik jest za duży (ponad 50 MB)", "zmniejsz zdjęcia w dokumencie (Plik → Kompresuj obrazy)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WordError("to nie jest dokument Word (.docx)",
                        "zapisz go w Wordzie jako „Dokument programu Word (*.docx)”") from None
    unpacked = sum(e.file_size for e in entries)
    bomb = any(e.file_size > 2**20 and e.file_size > MAX_RATIO * max(e.compress_size, 1) for e in entries)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED or bomb:
        raise WordError("plik ma podejrzaną budowę: po rozpakowaniu byłby ogromny (możliwa „bomba zip”)",
                        "zapisz dokument ponownie w Wordzie; jeśli to nie pomoże, utwórz go od nowa")
    return archive


def _parts(archive: zipfile.ZipFile) -> bytes:
    """Every XML part parsed safely; the main document's bytes."""
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            try:
                fromstring(archive.read(name), forbid_dtd=True, forbid_entities=True, forbid_external=True)
            except (DefusedXmlException, ParseError):
                raise WordError(f"część dokumentu ({name}) zawiera deklaracje DTD lub encje XML albo jest uszkodzona",
                                "zapisz dokument ponownie w Wordzie") from None
    try:
        return archive.read("word/document.xml")
    except KeyError:
        raise WordError("to nie jest dokument Word (.docx)",
                        "zapisz go w Wordzie jako „Dokument programu Word (*.docx)”") from None

