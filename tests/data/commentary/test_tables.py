"""The analyst's tables as a plain grid under one header row, whatever Word merged (found by
the generated commentaries: merged cells left rows of different widths, PDF/UA 15-005)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from pipeline.data.commentary.tables import commentary_table


def _grid(html: str) -> list[list[tuple[str, str, str]]]:
    table = BeautifulSoup(html, "html.parser").table
    commentary_table(table)
    return [[(cell.name, cell.get_text(), f"{cell.get('colspan', '1')}x{cell.get('rowspan', '1')}")
             for cell in row.find_all(["td", "th"])] for row in table.find_all("tr")]


def test_a_header_cell_reaching_into_the_body_takes_its_row_only() -> None:
    assert _grid('<table><tr><td colspan="2" rowspan="2">A</td><td>B</td></tr><tr><td>c</td></tr>'
                 "<tr><td>d</td><td>e</td><td>f</td></tr></table>") == [
        [("th", "A", "2x1"), ("th", "B", "1x1")],
        [("td", "", "2x1"), ("td", "c", "1x1")],
        [("td", "d", "1x1"), ("td", "e", "1x1"), ("td", "f", "1x1")]]


def test_a_row_merged_away_is_dropped_and_the_spans_over_it_shortened() -> None:
    assert _grid('<table><tr><td>A</td><td>B</td></tr><tr><td rowspan="3">c</td><td rowspan="3">d</td></tr>'
                 "<tr></tr><tr></tr></table>") == [
        [("th", "A", "1x1"), ("th", "B", "1x1")], [("td", "c", "1x1"), ("td", "d", "1x1")]]


def test_a_short_row_is_filled_and_spans_stay_within_reason() -> None:
    rows = _grid('<table><tr><td>A</td><td>B</td><td>C</td></tr><tr><td colspan="x">d</td></tr>'
                 '<tr><td colspan="5">e</td></tr><tr><td colspan="100000">f</td></tr></table>')
    assert rows[1][0] == ("td", "d", "1x1") and rows[2][0] == ("td", "e", "5x1") and rows[3] == [("td", "f", "30x1")]
    widths = {sum(int(span.split("x")[0]) for *_, span in row) for row in rows}
    assert widths == {30}  # every row as wide as the widest, filled with empty cells


def test_a_plain_table_gets_its_header_and_its_numbers_set_right() -> None:
    table = BeautifulSoup("<table><tr><td>gmina</td><td>włamania</td></tr><tr><td>Drzewica</td><td>7</td></tr>"
                          "</table>", "html.parser").table
    commentary_table(table)
    assert str(table) == ('<table class="data commentary-table"><thead><tr><th scope="col">gmina</th>'
                          '<th class="num" scope="col">włamania</th></tr></thead><tbody><tr><td>Drzewica</td>'
                          '<td class="num">7</td></tr></tbody></table>')
