"""The analyst's tables (from Word or Markdown, already sanitised) as the report prints them:
a plain grid under one header row, which the PDF's tags and a screen reader can tell
unambiguously (PDF/UA, Matterhorn 15-005).

- a table inside a table's cell becomes a line of text per row, its cells joined by ";";
- merged cells keep their spans, as whole numbers up to MAX_SPAN, never reaching from the
  header row into the body (the header cell takes its row only, an empty cell stands below);
- a row all of whose cells were merged into the row above is dropped, a row left short is
  filled with empty cells;
- the first row is the header (TH with scope "col"), a column of numbers is set right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bs4 import BeautifulSoup, Tag

__all__ = ["MAX_SPAN", "commentary_table", "table_layout"]

MAX_SPAN = 30  # rows or columns a merged cell spans at most (Word's own tables stop at 63 columns)
NUMBER = re.compile(r"[-−+]?\d[\d \u00a0\u202f]*(?:[,.]\d+)?\s?(?:%|zł|pkt proc\.)?")
_SOUP = BeautifulSoup("", "html.parser")  # makes the tags added here


def commentary_table(table: Tag) -> None:
    """Make `table` (a table of the commentary, no table around it) a plain grid with a header."""
    _flatten_inner_tables(table)
    rows = table.find_all("tr")
    if not rows:
        return
    _spans(table)
    _grid(rows)
    rows = table.find_all("tr")
    for cell in rows[0].find_all(["td", "th"]):
        cell.name, cell["scope"] = "th", "col"
    if rows[0].find_parent("thead") is None:
        head = _SOUP.new_tag("thead")
        table.insert(0, head)
        head.append(rows[0].extract())
    if table.find("tbody") is None:  # Word's tables come without one; a report's table has it
        body = _SOUP.new_tag("tbody")
        for row in table.find_all("tr", recursive=False):
            body.append(row.extract())
        table.append(body)
    table["class"] = "data commentary-table"  # numbered like the report's own tables
    _numeric_columns(table)


def _flatten_inner_tables(table: Tag) -> None:
    """A table in a table's cell (Word allows it) becomes a line of text per row."""
    for inner in reversed(table.find_all("table")):
        lines = []
        for row in inner.find_all("tr"):
            cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"], recursive=False)]
            if any(cells):
                line = _SOUP.new_tag("p")
                line.string = "; ".join(c for c in cells if c)
                lines.append(line)
        inner.replace_with(*lines) if lines else inner.decompose()


def _spans(table: Tag) -> None:
    """Spans as whole numbers within reason (a span of 100 000 columns is a page of nothing)."""
    for cell in table.find_all(["td", "th"]):
        for span in ("colspan", "rowspan"):
            value = str(cell.get(span, "1")).strip()
            if value.isdigit() and 1 < int(value):
                cell[span] = str(min(int(value), MAX_SPAN))
            elif span in cell.attrs:
                del cell[span]


def _span(cell: Tag, name: str) -> int:
    value = str(cell.get(name, "1")).strip()
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _grid(rows: list[Tag]) -> None:
    """Rows of one width: no empty row, no rowspan out of the header row or past the last
    row, a short row filled with empty cells."""
    layout = table_layout(rows)
    empty = [number for number, row in enumerate(rows) if not row.find(["td", "th"])]
    for number in empty:  # a row merged away entirely: the cells above it end before it
        for cell in {id(c): c for c in layout[number].values()}.values():
            cell["rowspan"] = str(_span(cell, "rowspan") - 1)
    for number in reversed(empty):
        rows.pop(number).decompose()
    if not rows:
        return
    for cell in rows[0].find_all(["td", "th"], recursive=False):  # the header takes its own row only
        layout = table_layout(rows)  # where the rows below stand while the cell still reaches into them
        column = min(place for place, placed in layout[0].items() if placed is cell)
        places = [_place_of(rows[below], layout[below], column) for below in range(1, min(_span(cell, "rowspan"),
                                                                                            len(rows)))]
        cell.attrs.pop("rowspan", None)
        for row, following in places:
            empty = _SOUP.new_tag("td", attrs={"colspan": cell["colspan"]} if cell.get("colspan") else {})
            following.insert_before(empty) if following is not None else row.append(empty)
    for number, row in enumerate(rows):
        for cell in row.find_all(["td", "th"], recursive=False):
            span = min(_span(cell, "rowspan"), len(rows) - number)
            cell.attrs.pop("rowspan", None)
            if span > 1:
                cell["rowspan"] = str(span)
    widths = [max(places, default=-1) + 1 for places in table_layout(rows)]
    for row, width in zip(rows, widths, strict=True):
        for _ in range(max(widths) - width):
            row.append(_SOUP.new_tag("td"))


def table_layout(rows: Sequence[Tag]) -> list[dict[int, Tag]]:
    """Which cell stands in each column of each row, the HTML table model's way."""
    taken: list[dict[int, Tag]] = [{} for _ in rows]
    for number, row in enumerate(rows):
        column = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while column in taken[number]:
                column += 1
            for down in range(number, min(number + _span(cell, "rowspan"), len(rows))):
                for across in range(column, column + _span(cell, "colspan")):
                    taken[down][across] = cell
            column += _span(cell, "colspan")
    return taken


def _place_of(row: Tag, places: dict[int, Tag], column: int) -> tuple[Tag, Tag | None]:
    """Where a cell at `column` goes in `row`: before the first of the row's own cells that
    stands further right (None: at its end)."""
    later = [cell for place, cell in sorted(places.items()) if place > column and cell.parent is row]
    return row, (later[0] if later else None)


def _numeric_columns(table: Tag) -> None:
    """A column of numbers is set right, as the report's own tables are (when the rows are a
    plain grid without merged cells: those leave the columns to the reader)."""
    rows = [row.find_all(["td", "th"]) for row in table.find_all("tr")]
    if len(rows) < 2 or len({len(cells) for cells in rows}) != 1:
        return
    for column in range(len(rows[0])):
        body = [cells[column].get_text(" ", strip=True) for cells in rows[1:]]
        if all(NUMBER.fullmatch(text) for text in body if text) and any(body):
            for cells in rows:
                cells[column]["class"] = "num"
