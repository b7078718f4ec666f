"""Text typed by people cannot make the renderer fetch anything or break the page.

Event and partner names that look like HTML, Markdown or a URL reach the PDF as the
literal text the analyst typed; a 5,000-character name wraps inside its column.
"""

from __future__ import annotations

import csv
import io
import shutil

import pdfplumber
import pytest

from pipeline.making.chain import build_report

from ..conftest import INPUTS, recording_server

pytestmark = pytest.mark.e2e

LONG = "Ż" * 5000


@pytest.fixture(scope="module")
def server():
    with recording_server() as running:
        yield running


def hostile_names(base: str) -> list[str]:
    return [
        '<img src="file:///etc/passwd">',
        "<script>alert(1)</script>",
        "![x](http://127.0.0.1:9/x.png)",
        f'<img src="{base}/tracker.png" alt="">',
        f"![y]({base}/pixel.png) [link]({base}/page)",
        "Zażółć „gęślą” jaźń – 'cudzysłów' \"prosty\" & <b>pogrubienie</b> $x$ {{ wzór }}",
        LONG,
    ]


@pytest.fixture(scope="module")
def report(tmp_path_factory, server):
    base, _ = server
    inputs = tmp_path_factory.mktemp("hostile") / "inputs"
    shutil.copytree(INPUTS, inputs)
    names = hostile_names(base)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for day, name in enumerate(names, start=1):
        # County-wide events: the powiat chapter lists every one of them.
        writer.writerow([f"2025-05-{day:02d}", "1007000", "inne", name, "", "mieszkancy", 10 + day, name])
    with (inputs / "2025" / "dzialania.csv").open("a", encoding="utf-8", newline="") as file:
        file.write(buffer.getvalue())
    # The analyst's own words may carry the same: typed HTML and links out (a picture from
    # outside is an error of its own, see tests/data/test_commentary.py).
    (inputs / "2025" / "komentarz.md").write_text(
        "# Powiat\n\n" + "\n\n".join(f"Komentarz: {names[i]}" for i in (0, 1, 5))
        + f"\n\n[łącze]({base}/link) <a href=\"{base}/a\">a</a> [js](javascript:fetch('{base}/js'))\n",
        encoding="utf-8")
    result = build_report(inputs, 2025, tmp_path_factory.mktemp("out"), jobs=2)
    with pdfplumber.open(result.pdf) as pdf:
        pages = [(p.width, p.height, p.chars, p.extract_text() or "") for p in pdf.pages]
    return names, pages


def _squeezed(text: str) -> str:
    """Wrapped text comes back with line breaks and hyphens: compare without them."""
    return "".join(text.split()).replace("-", "")


def _in_order(needle: str, haystack: str) -> bool:
    """Every character of `needle` in `haystack`, in order: a name wrapped over several lines
    of a table cell comes back with the other cells of each line in between."""
    rest = iter(haystack)
    return all(char in rest for char in needle)


def test_markup_and_links_are_shown_as_the_literal_text(report) -> None:
    names, pages = report
    for name in names[:-1]:
        assert any(_in_order(_squeezed(name), _squeezed(text)) for *_, text in pages), name
    short = " ".join(text for *_, text in pages)
    for name in names[:3]:  # short enough to stay on one line
        assert name in short


def test_nothing_was_fetched(report, server) -> None:
    _, requests = server
    assert requests == []


def test_a_5000_character_name_is_printed_whole_and_wrapped_inside_the_page(report) -> None:
    _, pages = report
    assert sum(c["text"] == "Ż" for _, _, chars, _ in pages for c in chars) >= 5000
    for width, height, chars, _ in pages:
        assert all(0 <= c["x0"] and c["x1"] <= width and c["bottom"] <= height for c in chars)


def test_the_commentary_s_markup_and_links_are_text_and_fetch_nothing(report, server) -> None:
    names, pages = report
    text = _squeezed(" ".join(text for *_, text in pages))
    assert _squeezed("Komentarz: <script>alert(1)</script>") in text
    assert _squeezed('Komentarz: <img src="file:///etc/passwd">') in text
    _, requests = server
    assert requests == []
