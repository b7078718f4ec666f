"""The proof-reader's checks (tests/pdf_layout.py) mark what they are meant to: each fault is
set on a page of its own with the report's page box, fonts and heading colour, and found."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from weasyprint import HTML

from pipeline.content.theme import FONT_FAMILY, FONT_FILES, PALETTE

from .pdf_layout import (
    layout_problems,
    numbers_cut_from_their_nouns,
    outside_the_text_block,
    stranded_headings,
    words_split_across_lines,
)

FACES = "".join(f"@font-face{{font-family:'{FONT_FAMILY}';font-weight:{weight};font-style:{style};"
                f"src:url('{path.as_uri()}')}}" for (weight, style), path in FONT_FILES.items())
PAGE = (f"<style>{FACES} @page {{ size: A4; margin: 22mm 18mm 20mm 20mm; }} "
        f"body {{ font-family: '{FONT_FAMILY}'; font-size: 10.2pt; margin: 0; }} "
        f"h2 {{ font-size: 13.5pt; font-weight: 600; color: {PALETTE.primary}; margin: 0; }} "
        "table { border-collapse: collapse; font-size: 8.6pt; } td, th { border-bottom: 0.4pt solid #999; }</style>")
TABLE = "<p>Tabela 1. Uczestnicy</p><table><tr><th>uczestnicy</th></tr><tr><td>5</td></tr></table>"


def _pdf(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "strona.pdf"
    HTML(string=f"<!DOCTYPE html><html lang='pl'><head>{PAGE}</head><body>{body}</body></html>").write_pdf(
        path, pdf_tags=True)
    return path


def test_a_clean_page_has_nothing_to_mark(tmp_path) -> None:
    assert layout_problems(_pdf(tmp_path, f"<h2>Przestępczość</h2><p>W gminie było 5 osób.</p>{TABLE}")) == []


def test_a_table_wider_than_the_text_block_is_marked(tmp_path) -> None:
    with pdfplumber.open(_pdf(tmp_path, "<table style='width: 190mm'><tr><td>szeroko</td></tr></table>")) as pdf:
        assert outside_the_text_block(pdf.pages[0])


def test_a_heading_at_the_foot_with_its_table_overleaf_is_marked(tmp_path) -> None:
    body = ("<div style='height: 232mm'></div><h2>Ruch drogowy</h2><p>Jedno zdanie wstępu.</p>"
            f"<div style='break-before: page'>{TABLE}</div>")
    with pdfplumber.open(_pdf(tmp_path, body)) as pdf:
        assert ["Ruch drogowy" in problem for problem in stranded_headings(pdf)] == [True]


def test_a_number_cut_from_its_noun_is_marked(tmp_path) -> None:
    words = "słowo " * 200
    with pdfplumber.open(_pdf(tmp_path, f"<p style='width: 40mm'>{words}</p>")) as pdf:
        assert numbers_cut_from_their_nouns(pdf.pages[0]) == []
    with pdfplumber.open(_pdf(tmp_path, "<p>Na spotkanie przyszło 5<br>osób, a na piknik 2<br>i 3 dzieci.</p>")) as pdf:
        assert [cut.split(": ")[1][:8] for cut in numbers_cut_from_their_nouns(pdf.pages[0])] == ["„…Na spo"]


@pytest.mark.parametrize(("width", "split"), [("12mm", True), ("30mm", False)])
def test_a_word_split_inside_a_narrow_column_is_marked(tmp_path, width, split) -> None:
    body = (f"<p>Uczestnicy spotkań, wnioski o ukaranie.</p><table style='table-layout: fixed; width: 90mm'><tr>"
            f"<th style='width: {width}; overflow-wrap: anywhere'>uczestnicy</th><th style='width: 14mm'>wnioski "
            "o ukaranie</th><td>razem</td></tr></table>")
    with pdfplumber.open(_pdf(tmp_path, body)) as pdf:
        found = words_split_across_lines(pdf)
    assert [("uczestnicy" in problem) for problem in found] == ([True] if split else [])
