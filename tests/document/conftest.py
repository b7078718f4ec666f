"""A small report made the way the real one is (WeasyPrint parts merged by `merge_parts`),
with one of everything PDF/UA cares about: running header and footer, headings, a link,
lists, tables with column and row headers, a figure with alt text, an embedded file.
Seconds to make, so each check can be broken on it one at a time."""

from __future__ import annotations

import base64

import pytest

from pipeline.document.merge import merge_parts
from pipeline.document.render import EmbeddedFile, render

from .test_render import page

RUNNING = """@page { @top-right { content: "DANE PRZYKŁADOWE"; }
                     @bottom-left { content: "Raport testowy"; } }"""
SQUARE = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'>"
                          b"<rect width='40' height='20' fill='#1f3b73'/></svg>").decode()

FRONT = f"""
<h1>Raport testowy</h1>
<ol style="list-style: none"><li><a href="#drogi">Bezpieczeństwo na drogach</a></li></ol>
<p>Wstęp do raportu.</p>
<ul><li>pierwsza sprawa</li><li>druga sprawa</li></ul>
<h2 id="drogi">Bezpieczeństwo na drogach</h2>
<table><caption>Tabela 1. Zdarzenia drogowe</caption>
<thead><tr><th scope="col">Gmina</th><th scope="col">2024</th><th scope="col">2025</th></tr></thead>
<tbody><tr><th scope="row">Opoczno</th><td>12</td><td>14</td></tr>
<tr><th scope="row">Drzewica</th><td>3</td><td>5</td></tr></tbody></table>
<figure><img alt="Wykres: w gminie Opoczno zdarzeń przybyło z 12 do 14." src="data:image/svg+xml;base64,{SQUARE}">
<figcaption>Wykres 1. Zdarzenia drogowe</figcaption></figure>
<p style="break-before: page">Druga strona.</p>
"""
PART = """
<h2>Gmina Drzewica</h2>
<table><caption>Tabela 2. Interwencje</caption>
<thead><tr><th>Rodzaj</th><th>Liczba</th></tr></thead>
<tbody><tr><td>domowe</td><td>7</td></tr></tbody></table>
<table><thead><tr><th scope="col">Gmina</th><th scope="col">Plan</th></tr></thead>
<tbody><tr><th scope="row">Drzewica</th><td>4</td></tr></tbody></table>
"""
HTML = [FRONT, PART]  # in the order of the merged document


def numbering(pages: int) -> str:
    return page('<div></div>' + '<div style="break-before: page"></div>' * (pages - 1),
                '@page { @bottom-right { content: "strona " counter(page) " z " counter(pages); } }')


@pytest.fixture(scope="session")
def small_report() -> bytes:
    """The merged PDF of FRONT and PART, numbered."""
    front = render(page(FRONT, RUNNING), embedded=[EmbeddedFile("dane.csv", b"teryt;liczba\n1007023;14\n", "dane")],
                   identifier=b"0123456789abcdef")
    part = render(page(PART, RUNNING))
    numbers = render(numbering(front.pages + part.pages))
    return merge_parts(front.data, [part.data], numbers.data, [])
