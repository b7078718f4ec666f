"""The HTML edition's phone cards: each cell labelled with its column's header as printed."""

from __future__ import annotations

from bs4 import BeautifulSoup

from pipeline.document.html_blocks import as_cards


def _table(html: str):
    table = BeautifulSoup(html, "html.parser").table
    as_cards(table)
    return table


def test_a_card_s_label_is_the_header_as_printed_without_stray_spaces() -> None:
    """Found on a phone: "zgłoszenia na Krajowej Mapie Zagrożeń Bezpieczeństwa ( KMZB )"."""
    table = _table('<table class="data"><caption>T</caption><thead><tr><th>gmina</th><th class="num">zgłoszenia '
                   '(<abbr title="Krajowa Mapa Zagrożeń Bezpieczeństwa">KMZB</abbr>)<br>w 2025 r.</th></tr></thead>'
                   '<tbody><tr><th scope="row">Drzewica</th><td class="num">27</td></tr></tbody></table>')
    assert table.find("td")["data-label"] == "zgłoszenia (KMZB) w 2025 r."
    assert table["role"] == "table" and table.find("td")["role"] == "cell"
    assert table.find("th", scope="row")["role"] == "rowheader"


def test_a_cell_below_a_merged_one_takes_the_label_of_its_own_column() -> None:
    table = _table('<table class="data"><caption>T</caption><thead><tr><th>gmina</th><th>rok</th><th>liczba</th>'
                   '</tr></thead><tbody><tr><td rowspan="2">Drzewica</td><td>2024</td><td>3</td></tr>'
                   '<tr><td>2025</td><td>5</td></tr></tbody></table>')
    second = table.find_all("tr")[2].find_all("td")
    assert [cell["data-label"] for cell in second] == ["rok", "liczba"]
