"""The report's tables as open data (`<out>/<rok>/dane/`): every table as a CSV file, all of
them in one workbook, and `opis.txt` saying what is where and in what units.

- CSV the way Polish Excel opens it with a double click: UTF-8 with a BOM, ";" between
  columns, a decimal comma, no thousands separator, dates as RRRR-MM-DD.
- The workbook `tabele_<rok>.xlsx`: a contents sheet, then one sheet per table named after
  its number and caption; numbers are numbers, shown with the decimals the report prints.
- Tables carry the numbers they have in the PDF and the HTML edition. A unit goes into the
  column's header ("dynamika [%]"); a column whose rows have different units (the key
  figures: counts, percentages, money) gets a "jednostka" column instead. The words the
  report prints beside a number ("▲ wyżej *") go into a column of their own, "(opis)", and so
  does the reason a cell holds no number (a base under 10: "1 z 1 (mniej niż 10 zdarzeń…)").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from ..content.glossary import HOW_TO_READ
from ..data.formatting import fmt_date
from ..data.textnorm import fold
from ..data.vocabulary import EVENT_KINDS, TARGET_GROUPS
from .assemble import ChapterDoc, document_title
from .provenance import report_date
from .tables import Cell, ReportTable, report_tables

if TYPE_CHECKING:
    from ..data.dataset import Dataset

__all__ = ["DESCRIPTION", "DataTable", "data_tables", "open_data_files", "register_csv", "register_name", "table_csv",
           "workbook", "workbook_name"]

UNIT_COLUMN = "jednostka"
NOTE_SUFFIX = " (opis)"
SHEET_NAME_MAX = 31  # Excel's limit
SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
CONTENTS_SHEET = "Spis tabel"
DESCRIPTION = "opis.txt"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)

Value = Decimal | dt.date | str | None


@dataclass(frozen=True)
class DataTable:
    """One table of the report as a grid of values, ready for CSV and the workbook."""

    source: ReportTable
    file: str  # the CSV file's name
    sheet: str  # the workbook's sheet name
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]

    @property
    def title(self) -> str:
        return f"Tabela {self.source.number}. {self.source.caption}"


def data_tables(docs: Sequence[ChapterDoc]) -> list[DataTable]:
    tables = report_tables(docs)
    width = len(str(len(tables)))
    return [_data_table(t, width) for t in tables]


def _data_table(table: ReportTable, width: int) -> DataTable:
    headers: list[str] = []
    columns: list[list[Value]] = []
    mixed = [i for i, numeric in enumerate(table.numeric) if numeric and len(_units(table, i)) > 1]
    for index, header in enumerate(table.headers):
        cells = [row[index] for row in table.rows]
        units = _units(table, index)
        headers.append(header + (f" [{next(iter(units))}]" if len(units) == 1 and next(iter(units)) else ""))
        columns.append([c.value for c in cells])
        if index == 0 and mixed:  # the row's unit, next to the row's name
            headers.append(UNIT_COLUMN)
            columns.append([_row_unit(row, mixed) for row in table.rows])
        if any(c.note for c in cells):
            headers.append(header + NOTE_SUFFIX)
            columns.append([c.note or None for c in cells])
    rows = tuple(tuple(column[r] for column in columns) for r in range(len(table.rows)))
    name = f"tabela-{table.number:0{width}d}-{_slug(table.caption)}.csv"
    return DataTable(table, name, _sheet_name(table), tuple(headers), rows)


def _units(table: ReportTable, column: int) -> set[str]:
    return {row[column].unit for row in table.rows if isinstance(row[column].value, Decimal)}


def _row_unit(row: Sequence[Cell], mixed: Sequence[int]) -> str | None:
    return next((row[i].unit for i in mixed if isinstance(row[i].value, Decimal)), None) or None


def _slug(caption: str, limit: int = 60) -> str:
    """File-safe words of the caption, cut at a word: "przestepstwa-stwierdzone-gmina-zarnow"."""
    words, length = [], 0
    for word in re.findall(r"[a-z0-9]+", fold(caption)):
        if length + len(word) + 1 > limit:
            break
        words.append(word)
        length += len(word) + 1
    return "-".join(words)


def _sheet_name(table: ReportTable) -> str:
    """ "17 Białaczów – Przestępstwa st…": the number (unique), the area and what the table
    shows, within Excel's 31 characters and without the characters Excel refuses."""
    what, _, rest = table.caption.partition(" – ")
    area = rest.split(",")[0].removeprefix("gmina ")
    area = "powiat" if area.startswith("powiat ") else area
    name = f"{table.number} " + (f"{area} – {what}" if area else what.split(",")[0])
    name = " ".join(name.translate(SHEET_FORBIDDEN).split())
    return name if len(name) <= SHEET_NAME_MAX else name[:SHEET_NAME_MAX - 1].rstrip() + "…"


# ---------------------------------------------------------------- CSV


def table_csv(table: DataTable) -> bytes:
    """The table as Polish Excel opens it: BOM, ";", decimal comma, RRRR-MM-DD."""
    return _csv(table.headers, table.rows)


def _csv(headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_csv_value(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    # Text that Excel would run as a formula (an event called "=HYPERLINK(…)") gets the
    # apostrophe that tells Excel "this is text"; it shows the text as written.
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# ---------------------------------------------------------------- the workbook


def workbook(tables: Sequence[DataTable], title: str, stamp: dt.datetime) -> bytes:
    """A contents sheet, then a sheet per table: its title in row 1, headers in row 3.
    `stamp` dates the file (the report's date, never the clock). Written in openpyxl's
    write-only mode: a sheet streams out row by row, several times faster."""
    book = Workbook(write_only=True)
    contents = book.create_sheet(CONTENTS_SHEET)
    _layout(contents, [8, 70, 28, 32, 60])
    contents.append([_bold(contents, title)])
    contents.append([])
    contents.append([_bold(contents, h) for h in ("tabela", "tytuł", "rozdział", "arkusz", "plik CSV")])
    for table in tables:
        link = WriteOnlyCell(contents, table.sheet)
        link.hyperlink = f"#'{table.sheet}'!A1"
        link.style = "Hyperlink"
        contents.append([table.source.number, table.source.caption, table.source.chapter, link, table.file])
    for table in tables:
        _sheet(book, table)
    book.properties.creator = "raport-bezpieczenstwa"
    book.properties.title = title
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    with _DatedZip(buffer, stamp) as archive:
        # ExcelWriter, not Workbook.save: save() stamps the file with the clock, and the
        # same report must give the same bytes.
        ExcelWriter(book, archive).save()
    return buffer.getvalue()


class _DatedZip(zipfile.ZipFile):
    """A zip whose members are all dated `stamp` (openpyxl would date them with the clock)."""

    def __init__(self, file: io.BytesIO, stamp: dt.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.stamp = stamp.timetuple()[:6]

    def writestr(self, name: str | zipfile.ZipInfo, data: bytes | str, *args: object, **kwargs: object) -> None:
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, date_time=self.stamp)  # type: ignore[arg-type]
            name.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(name, data, *args, **kwargs)  # type: ignore[arg-type]

    def write(self, filename: str, arcname: str | None = None, *args: object, **kwargs: object) -> None:
        """A file written out (a write-only sheet) gets the same date, not the file's own."""
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def _sheet(book: Workbook, table: DataTable) -> None:
    sheet = book.create_sheet(table.sheet)
    _layout(sheet, [max(12, min(60, max(len(str(r[i] or "")) for r in [table.headers, *table.rows]) + 2))
                    for i in range(len(table.headers))])
    sheet.append([_bold(sheet, table.title)])
    sheet.append([])
    sheet.append([_bold(sheet, h) for h in table.headers])
    for row in table.rows:
        sheet.append([_value(sheet, v) for v in row])
    for note in table.source.notes:
        sheet.append([])
        sheet.append([note])


def _value(sheet: WriteOnlyWorksheet, value: Value) -> object:
    """A number with the decimals the report prints; a date as a date."""
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, float(value))
        places = max(0, -int(value.as_tuple().exponent))
        cell.number_format = "#,##0" + ("." + "0" * places if places else "")
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str) and value.startswith("="):  # openpyxl would store it as a formula
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def _bold(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.font = BOLD
    return cell


def _layout(sheet: WriteOnlyWorksheet, widths: Sequence[int]) -> None:
    """Column widths, and the title and headers kept in view (before the first row)."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"


# ---------------------------------------------------------------- all the files


def open_data_files(ds: Dataset, docs: Sequence[ChapterDoc], tables: list[DataTable] | None = None
                    ) -> tuple[list[DataTable], dict[str, bytes]]:
    """The tables (`data_tables(docs)`, unless given), and the files of `dane/` by name: a CSV
    per table, the workbook, opis.txt."""
    tables = data_tables(docs) if tables is None else tables
    files = {t.file: table_csv(t) for t in tables}
    stamp = dt.datetime.combine(report_date(ds) or dt.date(2000, 1, 1), dt.time())
    files[workbook_name(ds)] = workbook(tables, f"Tabele – {document_title(ds)}", stamp)
    files[DESCRIPTION] = description(ds, tables).encode("utf-8-sig")  # Notepad reads it right too
    if (register := register_name(ds)) is not None:
        files[register] = register_csv(ds)
    return tables, files


def workbook_name(ds: Dataset) -> str:
    return f"tabele_{ds.year}.xlsx"


def register_name(ds: Dataset) -> str | None:
    """The register of the year's events in `dane/`; None when the year has no events."""
    return f"rejestr-dzialan-{ds.year}.csv" if ds.has("dzialania", ds.year) else None


REGISTER_HEADERS = ("data", "gmina lub powiat", "kod TERYT", "rodzaj", "nazwa", "program", "grupa docelowa",
                    "uczestnicy (przy kontroli drogowej: skontrolowani kierujący)", "partnerzy")


def register_csv(ds: Dataset) -> bytes:
    """Every event of the year (dzialania.csv: prevention and checks of drivers) as the report
    counts it, one a row, in date order, with the report's words for kinds and groups: the
    "wykaz wszystkich działań" the chapters refer to, for a reader without a PDF viewer's
    attachments panel. Events name no person: nothing here is personal data."""
    frame = ds.table("dzialania", ds.year).sort_values(["data", "nazwa"], kind="stable")
    rows = [(_day(e["data"]), ds.powiat.label_of(str(e["teryt"])), str(e["teryt"]), EVENT_KINDS.get(e["rodzaj"], ""),
             e["nazwa"], _text(e.get("program")), TARGET_GROUPS.get(e["grupa_docelowa"], ""),
             None if _missing(e["uczestnicy"]) else Decimal(int(e["uczestnicy"])), _text(e.get("partnerzy")))
            for _, e in frame.iterrows()]
    return _csv(REGISTER_HEADERS, rows)


def _day(value: object) -> dt.date | None:
    return None if _missing(value) else pd.Timestamp(value).date()  # type: ignore[arg-type]


def _text(value: object) -> str | None:
    return None if _missing(value) else str(value)


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))  # type: ignore[arg-type]


def description(ds: Dataset, tables: Sequence[DataTable]) -> str:
    """opis.txt: what the files are, how to read them, and every table with its units."""
    day = report_date(ds)
    lines = [f"Dane otwarte – tabele raportu: {document_title(ds)}",
             f"Opracowanie: {ds.powiat.policja} we współpracy z samorządami gmin {ds.powiat.nazwa_dopelniacz}"
             + (f", {fmt_date(day)}" if day else ".")]
    if ds.powiat.example_data:
        lines.append("DANE PRZYKŁADOWE – dokument demonstracyjny, liczby nie opisują rzeczywistości.")
    lines += ["", "PLIKI",
              f"- {workbook_name(ds)}: wszystkie tabele, arkusz na tabelę; pierwszy arkusz „{CONTENTS_SHEET}”. "
              "W arkuszu tabeli: tytuł w wierszu 1, nagłówki kolumn w wierszu 3, dane od wiersza 4.",
              "- tabela-NN-….csv: każda tabela osobno; UTF-8 z BOM, separator „;”, przecinek dziesiętny "
              "(polski Excel otwiera je dwuklikiem).",
              *([f"- {register}: wykaz wszystkich działań roku (profilaktycznych i kontroli drogowych), "
                 "jedno działanie w wierszu: data, gmina, rodzaj, nazwa, program, grupa docelowa, uczestnicy, "
                 "partnerzy."] if (register := register_name(ds)) else []),
              "Numery tabel są takie jak w raporcie PDF i w wydaniu HTML.",
              "", "ZASADY",
              "- liczby bez odstępów między tysiącami, z przecinkiem dziesiętnym; w skoroszycie – jako liczby;",
              "- jednostka w nawiasie kwadratowym w nagłówku kolumny, np. „dynamika [%]”; gdy wiersze jednej "
              f"kolumny mają różne jednostki, podaje je kolumna „{UNIT_COLUMN}” (pusta: liczba); zmiana wskaźnika "
              "w procentach jest w punktach procentowych (pkt proc.);",
              "- pusta komórka: brak danych (w raporcie „b.d.”) albo wartość, która nie istnieje (w raporcie „–”, "
              "np. dynamika przy mniej niż 10 zdarzeniach w poprzednim roku);",
              "- odsetka, wskaźnika na 100 ani dynamiki z mniej niż 10 zdarzeń nie podajemy: komórka jest pusta, "
              f"a kolumna „…{NOTE_SUFFIX}” podaje powód i liczby (np. „1 z 1”);",
              f"- kolumna „…{NOTE_SUFFIX}”: słowa, które raport drukuje przy liczbie (np. „▲ wyżej *”) albo zamiast "
              "niej: „mniej niż 3” i „ukryte” przy liczbach osób, które mogłyby wskazać osobę (liczby tej nie ma "
              "w pliku; zasada niżej);",
              "- daty w formacie RRRR-MM-DD;",
              "- tekst zaczynający się od „=”, „+”, „-” lub „@” ma w plikach CSV na początku apostrof, by Excel "
              "nie potraktował go jak formuły.",
              "", "JAK CZYTAĆ TABELE (jak w raporcie)"]
    lines += [f"- {term}: {meaning}" for term, meaning in HOW_TO_READ]
    lines += ["", "TABELE"]
    for table in tables:
        lines += ["", table.title, f"  plik: {table.file}", f"  arkusz: {table.sheet}",
                  f"  rozdział: {table.source.chapter}", f"  kolumny: {'; '.join(table.headers)}"]
        lines += [f"  uwaga: {note}" for note in table.source.notes]
    return "\r\n".join(lines) + "\r\n"
