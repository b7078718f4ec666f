"""The report's tables read back as data: every `table.data` of the assembled chapters, in
document order and numbered as the PDF numbers them, each cell as a typed value.

The cells are what the report prints ("1 712", "75,5%", "+2,4 pkt proc.", "230,2 ▲ wyżej *",
"b.d."), so the data are exactly the report's tables. A cell that holds no number for a reason
(a dash for dynamika on a base under 10, "1 z 1" instead of a percentage) carries the reason in
its markup (`data-note`): the value stays empty, the words and the reason go to its note.
Only the cells of columns the report marks as numeric (`blocks.Column(numeric=True)`, class
"num") are read as numbers: an event called "3 Maja – piknik" stays text. A number keeps the
digits it was printed with (a Decimal), its unit and the words printed after it ("▲ wyżej *").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bs4 import BeautifulSoup, Tag

from ..data.commentary.tables import table_layout
from ..data.formatting import MINUS, MISSING, NOT_APPLICABLE
from .assemble import CHART_DATA, ChapterDoc

__all__ = ["Cell", "ReportTable", "parse_number", "report_tables"]

Value = Decimal | dt.date | str | None

# Units the report prints after a number, longest first.
UNITS = ("pkt proc.", "os./km²", "km²", "zł", "%")
# Words a numeric column prints instead of a number, and the number they stand for: a rate
# of 0 is "brak zdarzeń" in the gminas-at-a-glance table (content.report.summary).
NUMBER_WORDS = {"brak zdarzeń": Decimal(0)}
_NUMBER = re.compile(r"(?P<sign>[+\-])?(?P<digits>\d{1,3}(?: \d{3})+|\d+)(?:,(?P<fraction>\d+))?")
_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")


@dataclass(frozen=True)
class Cell:
    value: Value  # None: "b.d." (no data) or "–" (cannot exist)
    unit: str = ""  # of a number: "%", "zł", "pkt proc."
    note: str = ""  # words printed after a number, or instead of it: "▲ wyżej *", "brak zdarzeń"


@dataclass(frozen=True)
class ReportTable:
    number: int  # as in the PDF: "Tabela 17."
    caption: str  # without the number
    chapter: str  # the title of the chapter it stands in
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]  # per column: the report prints numbers in it
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...]  # the lines printed under the table


def report_tables(docs: Sequence[ChapterDoc]) -> list[ReportTable]:
    """Every data table of the report, numbered through the whole document."""
    tables: list[ReportTable] = []
    for doc in docs:
        # The charts' data URLs are half the markup and no table holds one: not parsing them
        # halves the time.
        soup = BeautifulSoup(CHART_DATA.sub('src=""', doc.markup), "html.parser")
        chapter = _text(soup.find("h1")) if soup.find("h1") else doc.id
        for table in soup.find_all("table", class_="data"):
            tables.append(_table(table, len(tables) + 1, chapter))
    return tables


def _table(table: Tag, number: int, chapter: str) -> ReportTable:
    grid = _grid(table.find_all("tr"))  # the analyst's tables may merge cells
    header_cells, body = grid[0], grid[1:]
    numeric = tuple("num" in (th.get("class") or []) for th in header_cells)
    rows = [tuple(_noted(_text(c), c.get("data-note")) if c.get("data-note") else _cell(_text(c), numeric[i])
                  for i, c in enumerate(cells)) for cells in body]
    for column in (i for i, is_numeric in enumerate(numeric) if not is_numeric):
        values = [r[column].value for r in rows if r[column].value is not None]
        if values and all(isinstance(v, str) and _DATE.fullmatch(v) for v in values):
            rows = [(*r[:column], _date_cell(r[column]), *r[column + 1:]) for r in rows]
    block = table.find_parent("div", class_="table-block")
    notes = tuple(_text(p) for p in block.find_all("p", class_="table-note")) if block else ()
    return ReportTable(number, _text(table.find("caption")), chapter, tuple(_text(th) for th in header_cells),
                       numeric, tuple(rows), notes)


def _grid(rows: Sequence[Tag]) -> list[list[Tag]]:
    """The cells of each row by column: a merged cell in every place it covers (as
    pandas.read_html reads it), each row as wide as the widest."""
    grid = table_layout(rows)
    width = max((max(line) + 1 for line in grid if line), default=0)
    empty = BeautifulSoup("<td></td>", "html.parser").td
    return [[line.get(column, empty) for column in range(width)] for line in grid]


def _text(tag: Tag) -> str:
    """The text as a reader copies it: every kind of space one space, the minus a hyphen."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", tag.get_text()).strip()


def _noted(text: str, note: str) -> Cell:
    """A cell withheld for a reason: no value; "1 z 1 (mniej niż 10 zdarzeń: bez odsetka)"."""
    return Cell(None, note=note if text in ("", MISSING, NOT_APPLICABLE) else f"{text} ({note})")


def _cell(text: str, numeric: bool) -> Cell:
    if text in ("", MISSING, NOT_APPLICABLE):
        return Cell(None)
    if not numeric:
        return Cell(text)
    if text in NUMBER_WORDS:
        return Cell(NUMBER_WORDS[text], note=text)
    return parse_number(text)


def parse_number(text: str) -> Cell:
    """ "1 712" -> 1712; "−2,4 pkt proc." -> -2.4 pkt proc.; "7,4 ▲ wyżej *" -> 7.4 and its note."""
    text = text.replace(MINUS, "-")
    match = _NUMBER.match(text)
    if match is None:
        return Cell(None, note=text)
    digits = match["digits"].replace(" ", "") + (f".{match['fraction']}" if match["fraction"] else "")
    value = Decimal(("-" if match["sign"] == "-" else "") + digits)
    rest = text[match.end():].strip()
    unit = next((u for u in UNITS if rest == u or rest.startswith(u + " ")), "")
    return Cell(value, unit, rest[len(unit):].strip())


def _date_cell(cell: Cell) -> Cell:
    """ "05.02.2025", as `formatting.fmt_day` prints a date, back into a date."""
    if cell.value is None:
        return cell
    day, month, year = _DATE.fullmatch(str(cell.value)).groups()  # type: ignore[union-attr]
    return Cell(dt.date(int(year), int(month), int(day)))
