"""Open data: CSV as Polish Excel opens it, a workbook with meaningful sheet names, the same
bytes from the same report."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl

from pipeline.document.assemble import gmina_chapter
from pipeline.document.open_data import data_tables, table_csv, workbook

TABLE = ('<div class="table-block"><table class="data"><caption>{caption}</caption><thead><tr>'
         '<th scope="col">wskaźnik</th><th class="num" scope="col">2025 r.</th>'
         '<th class="num" scope="col">dynamika</th>'
         '</tr></thead><tbody>'
         '<tr><th scope="row">przestępstwa</th><td class="num">1 836</td><td class="num">107,2%</td></tr>'
         '<tr><th scope="row">wykrywalność</th><td class="num">75,5%</td><td class="num">–</td></tr>'
         '<tr><th scope="row">koszt</th><td class="num">\u22121 234,50 zł</td><td class="num">93,0%</td></tr>'
         '</tbody></table></div>')


def _tables(powiat, *captions: str):
    html = "<h1>Gmina Żarnów</h1>" + "".join(TABLE.format(caption=c) for c in captions)
    return data_tables([gmina_chapter(powiat.gminy[-1], html)])


def test_csv_opens_in_polish_excel(powiat) -> None:
    (table,) = _tables(powiat, "Najważniejsze wskaźniki – gmina Żarnów, 2025 r.")
    data = table_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n")[:4] == [
        "wskaźnik;jednostka;2025 r.;dynamika [%]",  # a unit column where the rows differ
        "przestępstwa;;1836;107,2",
        "wykrywalność;%;75,5;",
        "koszt;zł;-1234,50;93,0",
    ]
    assert table.file == "tabela-1-najwazniejsze-wskazniki-gmina-zarnow-2025-r.csv"


def test_sheet_names_are_short_unique_and_meaningful(powiat) -> None:
    long = "Działania profilaktyczne według grupy docelowej – gmina Żarnów, 2025 r."
    tables = _tables(powiat, long, long, "Pliki źródłowe raportu")
    names = [t.sheet for t in tables]
    assert names == ["1 Żarnów – Działania profilakt…", "2 Żarnów – Działania profilakt…",
                     "3 Pliki źródłowe raportu"]
    assert all(len(n) <= 31 for n in names)


def test_the_workbook_has_numbers_and_the_same_bytes_every_time(powiat) -> None:
    tables = _tables(powiat, "Najważniejsze wskaźniki – gmina Żarnów, 2025 r.")
    stamp = dt.datetime(2026, 3, 16)
    data = workbook(tables, "Tabele", stamp)
    assert workbook(tables, "Tabele", stamp) == data
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Spis tabel", "1 Żarnów – Najważniejsze wskaź…"]
    sheet = book.worksheets[1]
    assert [c.value for c in sheet[4]] == ["przestępstwa", None, 1836, 107.2]
    assert sheet["D4"].number_format == "#,##0.0" and sheet["C6"].value == -1234.5
    assert book.properties.modified == stamp


def test_text_that_looks_like_a_formula_stays_text(powiat) -> None:
    """An event named "=HYPERLINK(…)" must not become a formula when Excel opens the data."""
    html = ('<h1>Gmina Żarnów</h1><div class="table-block"><table class="data"><caption>Wydarzenia – gmina Żarnów'
            '</caption><thead><tr><th scope="col">nazwa</th><th class="num" scope="col">uczestnicy</th></tr></thead>'
            '<tbody><tr><th scope="row">=HYPERLINK("http://example.com","x")</th><td class="num">12</td></tr>'
            '<tr><th scope="row">@SUM(1+1)</th><td class="num">\u22123</td></tr></tbody></table></div>')
    (table,) = data_tables([gmina_chapter(powiat.gminy[-1], html)])
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["'=HYPERLINK(\"http://example.com\",\"x\")", "12"]  # text to Excel, shown as written
    assert rows[2] == ["'@SUM(1+1)", "-3"]  # a negative number stays a number
    book = openpyxl.load_workbook(io.BytesIO(workbook([table], "Tabele", dt.datetime(2026, 3, 16))))
    cell = book.worksheets[1]["A4"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://example.com","x")'
