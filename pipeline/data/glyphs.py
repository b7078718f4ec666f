"""The characters the report can print, and what becomes of the others.

The report is set in Source Sans Pro (`content.fonts`): its Latin letters (Polish and every
other Latin-script name), punctuation and symbols in the report's own fonts, its Greek and
Cyrillic letters (a Ukrainian partner's or resident's name) in a supplement that a PDF embeds
only when such a letter appears in it. Anything else (emoji, Chinese, Arabic, Hebrew...) the
font does not have: WeasyPrint would draw it with some system font, or as an empty box.

So the analyst's text is checked where it is read (the tables' text cells, the commentary):
each character the font lacks is named in a warning (UWAGA) with its place and its Unicode
name, and left out of the report, its HTML edition and its open data alike; the input files
keep it. `powiat.toml`'s names also appear in the charts, drawn with the Latin fonts only:
there such a character is an error.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import font_source_sans_pro

__all__ = ["HINT", "LATIN", "MESSAGE", "SOURCES", "SOURCE_DIR", "SUPPLEMENT", "SUPPLEMENT_COMMON", "describe",
           "printable_message", "printable_text", "unprintable"]

# The font's files as its package (font-source-sans-pro, SIL OFL) ships them: (weight, style) -> file.
SOURCE_DIR = Path(font_source_sans_pro.font_directory).resolve()
SOURCES: dict[tuple[int, str], str] = {
    (400, "normal"): "SourceSansPro-Regular.ttf",
    (400, "italic"): "SourceSansPro-It.ttf",
    (600, "normal"): "SourceSansPro-Semibold.ttf",
    (700, "normal"): "SourceSansPro-Bold.ttf",
    (700, "italic"): "SourceSansPro-BoldIt.ttf",
}

# Latin with its extensions, combining marks, punctuation, currency, letterlike symbols, arrows,
# maths, shapes, ticks: the report's own fonts (content/fonts.py reduces the font to these).
LATIN = ((0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF),
         (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF), (0x2713, 0x2713))
# Greek and Cyrillic: the supplement, with the spaces and punctuation that stand between such
# letters (so a line of Cyrillic never needs the Latin font for its spaces).
SUPPLEMENT = ((0x370, 0x3FF), (0x400, 0x52F))
SUPPLEMENT_COMMON = ((0x20, 0x40), (0x5B, 0x60), (0x7B, 0x7E), (0xA0, 0xBF), (0x2000, 0x206F))
WHITESPACE = frozenset("\t\n\r")  # folded into spaces by the HTML's layout: no glyph needed


@functools.cache
def _printable() -> frozenset[str]:
    """Characters every face of the font has in the Latin ranges, and the upright faces'
    Greek and Cyrillic (an italic one is set upright: the font has no italic Cyrillic)."""
    from fontTools.ttLib import TTFont

    maps = {style: set(TTFont(str(SOURCE_DIR / name), lazy=True).getBestCmap()) for style, name in SOURCES.items()}
    latin = set.intersection(*maps.values())
    supplement = set.intersection(*(codes for (_, style), codes in maps.items() if style == "normal"))
    return frozenset(chr(c) for c in latin if _within(c, LATIN)) | frozenset(
        chr(c) for c in supplement if _within(c, SUPPLEMENT))


def _within(code: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(low <= code <= high for low, high in ranges)


@functools.cache
def _latin() -> frozenset[str]:
    return frozenset(c for c in _printable() if _within(ord(c), LATIN))


def unprintable(text: str, latin_only: bool = False) -> list[str]:
    """The characters of `text` the report's font lacks, each once, in order; with
    `latin_only`, also Greek and Cyrillic (the charts have no supplement)."""
    printable = _latin() if latin_only else _printable()
    return list(dict.fromkeys(c for c in text if c not in printable and c not in WHITESPACE))


def printable_text(text: str) -> str:
    """`text` without the characters the report's font lacks."""
    missing = set(unprintable(text))
    return "".join(c for c in text if c not in missing) if missing else text


def printable_message(text: str) -> str:
    """A message about such characters as the report itself can print it (the annex lists the
    warnings): the characters left out, with the quotes that held only them."""
    return re.sub(r"„\s*”\s?", "", printable_text(text))


MESSAGE = "znaki, których nie ma w czcionce raportu: {}; raport je pominie"
HINT = ("raport pokazuje litery łacińskie (także polskie), greckie i cyrylicę, cyfry i znaki interpunkcyjne; "
        "zastąp te znaki słowem albo je usuń")


def describe(characters: Iterable[str]) -> str:
    """ "„😀” (U+1F600 GRINNING FACE), „中” (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)": what the
    analyst can search for, even when their screen shows the character as a box too."""
    return ", ".join(f"„{c}” (U+{ord(c):04X}" + (f" {name}" if (name := unicodedata.name(c, "")) else "") + ")"
                     for c in characters)
