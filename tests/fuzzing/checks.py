"""What every generated case must show, whatever it holds: the analyst's problems in Polish
and never a traceback; no "nan", "None", "inf" or "-0" printed; nothing drawn outside the
page's text block; every photo described, every caption real; links only where they lead
somewhere safe."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import pdfplumber
from bs4 import BeautifulSoup

from pipeline.errors import Problem

from ..pdf_layout import outside_the_text_block

__all__ = ["bad_tokens", "check_edition", "check_problems", "outside_text_block", "visible_text"]

# A number or a word the formatting never lets through: a missing value printed by Python or
# pandas, an infinite ratio, a negative zero. Not inside a word ("finansowanie", "Nonet"),
# nor a date's "-03" or a real "-0,5".
BAD = re.compile(r"(?<![\w])(?:nan|NaN|NAN|<NA>|NaT|None|inf|Infinity|[-−]\s?0(?:[,.]0+)?)(?![\w,.]?\d|\w)")
POLISH_START = ("BŁĄD  ", "UWAGA  ")
ENGLISH = re.compile(r"Traceback|Error\b|Exception|object has no|NoneType")


def bad_tokens(text: str) -> list[str]:
    """Every forbidden token, with a little of what surrounds it."""
    return [text[max(0, m.start() - 30):m.end() + 30] for m in BAD.finditer(text)]


def visible_text(html: str) -> str:
    """What a reader meets in an HTML page: its text and its images' alt texts, titles and labels."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["style", "script"]):
        hidden.decompose()
    attributes = [str(tag[name]) for name in ("alt", "title", "aria-label")
                  for tag in soup.find_all(attrs={name: True})]
    return "\n".join([soup.get_text(" "), *attributes])


def check_problems(problems: Iterable[Problem], file_start: str) -> None:
    """Each problem as `validate` prints it: severity, file, where, message and a hint, in Polish."""
    for problem in problems:
        text = str(problem)
        assert text.startswith(POLISH_START), text
        assert problem.file.startswith(file_start), text
        assert problem.message and problem.hint, text
        assert not ENGLISH.search(problem.message + problem.hint), text


def check_edition(files: dict[str, bytes]) -> None:
    """The HTML edition's pages: every photo described, every caption with words in it, each
    numbered photo once, every image a file of the edition, links only http, https, mailto or
    inside the edition."""
    numbers = []
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        soup = BeautifulSoup(data.decode("utf-8"), "html.parser")
        for figure in soup.find_all("figure"):
            image = figure.find("img")
            assert image is not None and str(image.get("alt", "")).strip(), (name, str(figure)[:300])
            assert str(image["src"]) in files, (name, image["src"])
            caption = figure.find("figcaption")
            if caption is not None:
                label = caption.find("span", class_="label")
                assert label is not None, (name, str(caption))
                words = caption.get_text(" ", strip=True).removeprefix(label.get_text(strip=True)).strip()
                assert words, (name, str(caption))  # never a number alone, never an empty caption
                if "photo" in (figure.get("class") or []):
                    numbers.append(int(re.sub(r"\D", "", label.get_text())))
        for link in soup.find_all("a", href=True):
            href = str(link["href"])
            assert href.startswith(("http://", "https://", "mailto:", "#")) or href.split("#")[0] in files \
                or href.startswith("pliki/"), (name, href)
    assert sorted(numbers) == list(range(1, len(numbers) + 1)), numbers


def outside_text_block(pdf: bytes) -> list[str]:
    """Characters, rules and images drawn beyond the text block's left or right edge, or off the
    page (the proof-reader's check of `tests/pdf_layout`)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [f"strona {page.page_number}: {what}"
                for page in document.pages for what in outside_the_text_block(page)]
