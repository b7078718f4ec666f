"""The printed page read from the real PDF, the way a proof-reader looks at it: nothing crosses
the text block, a heading never stands at the foot of a page without what it introduces, a
number never ends a line whose next line starts with its noun, and no word is split across two
lines of a table's cell."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
# The text block of report.css (@page margins: 22 mm top, 18 mm right, 20 mm bottom, 20 mm left);
# a quarter of a millimetre of slack for glyphs' side bearings and rules' half widths.
LEFT, RIGHT_MARGIN, TOP, BOTTOM_MARGIN = 20 * MM, 18 * MM, 22 * MM, 20 * MM
SLACK = 0.25 * MM
# WeasyPrint adds the hyphen of a word it breaks at a soft hyphen after fitting the line: it may
# stand a little past the edge (about 2 pt at 10 pt; a hyphen, not a letter, hangs there).
HYPHEN_HANG, HYPHENS = 2.5, frozenset("-\u2010")
HEADING_COLOUR = (0.12, 0.23, 0.45)  # theme.PRIMARY as pdfplumber reads it, rounded
BODY_SIZES = (10.2, 11.5)  # the running text and the lead paragraph: table cells are smaller
# Words that may follow a number across a line end: they start a new phrase, not the number's noun.
FREE_AFTER_A_NUMBER = frozenset(
    "i w z a na do od oraz lub wobec we ze o po przy dla bez niż – - r. roku".split())
# A bare number ("5", "(4", "26 037", "100,0%"); one followed by a comma or a full stop ends its phrase.
NUMBER = re.compile(r"\(?[+−-]?\d[\d\u00a0\u202f]*(?:[.,]\d+)*%?")
STRANDED_LINES = 6  # at most this much text under a heading, and its table or chart overleaf: stranded


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    size: float
    heading: bool
    text: str


def _colour(char: dict) -> tuple[float, ...] | None:
    colour = char.get("non_stroking_color")
    return tuple(round(c, 2) for c in colour) if isinstance(colour, (list, tuple)) else None


def _is_heading_char(char: dict) -> bool:
    return char["text"].isspace() or (_colour(char) == HEADING_COLOUR and char["size"] >= 10.5
                                      and "Bold" in char["fontname"])


def text_lines(page: pdfplumber.page.Page) -> list[Line]:
    """The lines of text inside the text block (running heads and feet left out), top to bottom."""
    rows: dict[int, list[dict]] = {}
    for char in page.chars:
        if char["top"] >= TOP - 1 and char["bottom"] <= page.height - BOTTOM_MARGIN + 1:
            rows.setdefault(round(char["top"] / 2), []).append(char)
    lines = []
    for key in sorted(rows):
        chars = sorted(rows[key], key=lambda c: c["x0"])
        size = max(c["size"] for c in chars)
        lines.append(Line(top=min(c["top"] for c in chars), bottom=max(c["bottom"] for c in chars),
                          size=size, heading=size >= 10.5 and all(map(_is_heading_char, chars)),
                          text="".join(c["text"] for c in chars)))
    return lines


def outside_the_text_block(page: pdfplumber.page.Page) -> list[str]:
    """Glyphs, rules and pictures that stand left or right of the text block, or off the page."""
    right = page.width - RIGHT_MARGIN
    found = []
    for kind, objects in (("znak", page.chars), ("linia", page.lines + page.rects), ("obraz", page.images)):
        for o in objects:
            slack = HYPHEN_HANG if o.get("text") in HYPHENS else SLACK
            if o["x0"] < LEFT - slack or o["x1"] > right + slack or o["top"] < 0 or o["bottom"] > page.height:
                found.append(f"{kind} {o.get('text', '')!r} at x {o['x0'] / MM:.1f}–{o['x1'] / MM:.1f} mm")
    return found


def _holds_table_or_chart(page: pdfplumber.page.Page, lines: list[Line], below: float, above: float) -> bool:
    """Whether a table (its caption) or a chart (its picture) begins between two heights."""
    return (any(below <= image["top"] < above for image in page.images)
            or any(below <= line.top < above and re.match(r"Tabela \d", line.text) for line in lines))


def stranded_headings(pdf: pdfplumber.PDF) -> list[str]:
    """Pages whose last element is a heading, or a heading and a few lines of text while the
    table or chart they introduce begins the next page (before its first heading)."""
    pages = [text_lines(page) for page in pdf.pages]
    found = []
    for number, lines in enumerate(pages, start=1):
        headings = [i for i, line in enumerate(lines) if line.heading]
        if not headings:
            continue
        last = headings[-1]
        after = lines[last + 1:]
        title = lines[last].text
        if not after:
            found.append(f"strona {number}: nagłówek „{title}” na dole strony")
            continue
        page = pdf.pages[number - 1]
        if number == len(pages) or len(after) > STRANDED_LINES \
                or _holds_table_or_chart(page, lines, lines[last].bottom, page.height):
            continue
        following = pages[number]
        next_heading = next((line.top for line in following if line.heading), pdf.pages[number].height)
        if _holds_table_or_chart(pdf.pages[number], following, 0, next_heading):
            found.append(f"strona {number}: nagłówek „{title}” i {len(after)} wiersze tekstu, "
                         "a jego tabela lub wykres na następnej stronie")
    return found


def numbers_cut_from_their_nouns(page: pdfplumber.page.Page) -> list[str]:
    """Lines of running text that end with a number whose noun (or its bracket) starts the next line."""
    body = [line for line in text_lines(page) if any(abs(line.size - s) < 0.05 for s in BODY_SIZES)]
    found = []
    for line, following in zip(body, body[1:], strict=False):
        if following.top - line.bottom > 8 or not line.text.strip() or not following.text.strip():
            continue
        last, first = line.text.split()[-1], following.text.split()[0]
        if NUMBER.fullmatch(last) and first not in FREE_AFTER_A_NUMBER \
                and (first[0].islower() or first[0] in "%("):
            found.append(f"strona {page.page_number}: „…{line.text[-25:]}” | „{following.text[:25]}…”")
    return found


def _vocabulary(pdf: pdfplumber.PDF) -> Counter[str]:
    return Counter(word.lower() for page in pdf.pages for word in re.findall(r"\w+", page.extract_text() or ""))


def _cell_lines(page: pdfplumber.page.Page) -> list[tuple[str, float, float, float]]:
    """Each line of tagged text (WeasyPrint marks every line of a cell or a paragraph apart):
    its text, left, right and top, in the order they were marked."""
    marked: dict[int, list[dict]] = defaultdict(list)
    for char in page.chars:
        if char.get("mcid") is not None:
            marked[char["mcid"]].append(char)
    return [("".join(c["text"] for c in chars), min(c["x0"] for c in chars), max(c["x1"] for c in chars),
             min(c["top"] for c in chars)) for _, chars in sorted(marked.items())]


def words_split_across_lines(pdf: pdfplumber.PDF) -> list[str]:
    """A word broken inside a narrow column ("uczestnic" | "y"): the two pieces stand on
    consecutive lines of one column, together they are a word the document uses, and one of
    them is no word of it (it stands nowhere else)."""
    vocabulary = _vocabulary(pdf)
    found = []
    for page in pdf.pages:
        lines = _cell_lines(page)
        for (text, left, right, top), (nxt, n_left, n_right, n_top) in zip(lines, lines[1:], strict=False):
            ends, starts = re.search(r"(\w+)$", text), re.match(r"(\w+)", nxt)
            if not (ends and starts and top < n_top < top + 20 and n_left < right and n_right > left):
                continue
            head, tail = ends[1].lower(), starts[1].lower()
            if vocabulary[head + tail] and min(vocabulary[head], vocabulary[tail]) == 1:
                found.append(f"strona {page.page_number}: słowo „{ends[1]}{starts[1]}” rozdzielone "
                             f"na „{ends[1]}” | „{starts[1]}”")
    return found


def layout_problems(path: Path) -> list[str]:
    """Everything a proof-reader would mark on the printed pages of one PDF."""
    with pdfplumber.open(path) as pdf:
        problems = [f"strona {page.page_number}: {what}" for page in pdf.pages
                    for what in outside_the_text_block(page)[:3]]
        problems += stranded_headings(pdf)
        problems += [cut for page in pdf.pages for cut in numbers_cut_from_their_nouns(page)]
        problems += words_split_across_lines(pdf)
    return problems
