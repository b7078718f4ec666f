"""The report's printed cells read back as values: numbers with their units and notes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipeline.document.assemble import gmina_chapter
from pipeline.document.tables import Cell, parse_number, report_tables


@pytest.mark.parametrize(("text", "cell"), [
    ("1 712", Cell(Decimal("1712"))),
    ("1\u00a0712", Cell(Decimal("1712"))),
    ("107,2%", Cell(Decimal("107.2"), "%")),
    ("\u2212139", Cell(Decimal("-139"))),
    ("+2,4 pkt proc.", Cell(Decimal("2.4"), "pkt proc.")),
    ("52,50 zł", Cell(Decimal("52.50"), "zł")),
    ("\u22121 234,56 zł", Cell(Decimal("-1234.56"), "zł")),
    ("7,4 ▲ wyżej *", Cell(Decimal("7.4"), "", "▲ wyżej *")),
    ("114,6 km²", Cell(Decimal("114.6"), "km²")),
])
def test_a_printed_number_reads_back_with_its_unit_and_words(text, cell) -> None:
    assert parse_number(text.replace("\u00a0", " ")) == cell


def test_only_numeric_columns_are_read_as_numbers_and_dates_as_dates(powiat) -> None:
    html = ('<h1>Gmina</h1><div class="table-block"><table class="data"><caption>Wydarzenia – gmina X</caption>'
            '<thead><tr><th scope="col">data</th><th scope="col">nazwa</th><th class="num" scope="col">liczba</th>'
            '<th class="num" scope="col">dynamika</th></tr></thead><tbody>'
            '<tr><th scope="row">05.02.2025</th><td>3 Maja – piknik</td><td class="num">12</td>'
            '<td class="num">–</td></tr>'
            '<tr><th scope="row">b.d.</th><td>Festyn</td><td class="num">b.d.</td>'
            '<td class="num">brak zdarzeń</td></tr>'
            '</tbody></table><p class="table-note">W obu latach 0: nic.</p></div>')
    (table,) = report_tables([gmina_chapter(powiat.gminy[0], html)])
    assert table.number == 1 and table.caption == "Wydarzenia – gmina X" and table.chapter == "Gmina"
    assert table.rows[0] == (Cell(dt.date(2025, 2, 5)), Cell("3 Maja – piknik"), Cell(Decimal(12)), Cell(None))
    assert table.rows[1] == (Cell(None), Cell("Festyn"), Cell(None), Cell(Decimal(0), note="brak zdarzeń"))
    assert table.notes == ("W obu latach 0: nic.",)


def test_an_analysts_table_with_merged_cells_reads_as_a_full_grid(powiat) -> None:
    """Found by make fuzz once the analyst's tables were numbered: a merged cell left its row
    short and the open data stopped with an IndexError. A merged cell fills every place it covers."""
    html = ('<h1>Gmina</h1><table class="data commentary-table"><caption>Seria</caption>'
            '<thead><tr><th scope="col">gmina</th><th colspan="2" scope="col">2024–2025</th></tr></thead><tbody>'
            '<tr><td rowspan="2">Drzewica</td><td>3</td><td>4</td></tr><tr><td>5</td></tr></tbody></table>')
    (table,) = report_tables([gmina_chapter(powiat.gminy[0], html)])
    assert table.headers == ("gmina", "2024–2025", "2024–2025")
    assert table.rows == ((Cell("Drzewica"), Cell("3"), Cell("4")), (Cell("Drzewica"), Cell("5"), Cell(None)))
