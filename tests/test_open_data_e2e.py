"""End to end: the open data the example build wrote (`dane/`), read back the way a journalist's
Excel or a script reads it, and checked against the inputs and the indicators."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.data.figures import indicators as ind

from .conftest import INPUTS
from .pdf_reading import tables as pdf_tables

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def folder(example_report) -> Path:
    return example_report.pdf.parent / "dane"


@pytest.fixture(scope="module")
def tables(folder) -> dict[int, tuple[str, list[list[str]]]]:
    """Table number -> (file name, rows of the CSV as text, header first)."""
    found = {}
    for path in sorted(folder.glob("tabela-*.csv")):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path.name  # the BOM: Excel reads UTF-8
        assert b"\r\n" in data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        found[int(path.name.split("-")[1])] = (path.name, rows)
    return found


@pytest.fixture(scope="module")
def workbook(folder):
    return openpyxl.load_workbook(folder / "tabele_2025.xlsx")


def _number(text: str) -> Decimal:
    assert "." not in text and " " not in text, text  # a decimal comma, no thousands separator
    return Decimal(text.replace(",", "."))


def _row(table: list[list[str]], label: str) -> dict[str, str]:
    header, *rows = table
    return dict(zip(header, next(r for r in rows if r[0] == label), strict=True))


def _half_up(value: float, digits: int = 1) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _crimes(year: int) -> tuple[int, int]:
    """Reported and detected crimes in the powiat, straight from the input file (pandas only)."""
    path = INPUTS / str(year) / "przestepstwa.csv"
    windows = year < 2024
    frame = pd.read_csv(path, sep=";" if windows else ",", encoding="cp1250" if windows else "utf-8")
    rows = frame[frame["kategoria"] == "ogolem"]
    return int(rows["stwierdzone"].sum()), int(rows["wykryte"].sum())


def _named(tables: dict[int, tuple[str, list[list[str]]]], slug: str) -> list[list[str]]:
    """The rows of the table whose file name holds `slug` (numbers move as chapters come and go)."""
    (rows,) = [rows for name, rows in tables.values() if slug in name]
    return rows


def test_every_table_of_the_report_is_there(tables, folder, example_report) -> None:
    in_pdf = sum(table.caption.startswith("Tabela ") for table in pdf_tables(example_report.pdf))
    assert in_pdf > 80 and sorted(tables) == list(range(1, in_pdf + 1))  # numbered as in the PDF
    assert (folder / "opis.txt").is_file()
    description = (folder / "opis.txt").read_text(encoding="utf-8-sig")
    for number, (name, _) in tables.items():
        assert f"Tabela {number}. " in description and name in description


def test_the_key_figures_equal_the_inputs(tables) -> None:
    rows = _named(tables, "najwazniejsze-wskazniki-powiat")
    assert rows[0] == ["wskaźnik", "jednostka", "2024 r.", "2025 r.", "dynamika [%]", "dynamika (opis)", "zmiana",
                       "ocena zmiany"]
    reported, detected = _crimes(2025)
    before, _ = _crimes(2024)
    crimes = _row(rows, "przestępstwa stwierdzone")
    assert (_number(crimes["2024 r."]), _number(crimes["2025 r."])) == (before, reported)
    assert _number(crimes["dynamika [%]"]) == _half_up(reported / before * 100)
    assert _number(crimes["zmiana"]) == reported - before
    detection = _row(rows, "wykrywalność sprawców")
    assert detection["jednostka"] == "%"
    assert _number(detection["2025 r."]) == _half_up(detected / reported * 100)
    assert detection["dynamika [%]"] == ""  # "–" in the report: no dynamika of a percentage
    killed = _row(rows, "zabici w wypadkach")  # 4 -> 2: a base under 10, no dynamika, and the reason why
    assert killed["dynamika [%]"] == "" and killed["dynamika (opis)"].startswith("mniej niż 10 zdarzeń")
    assert crimes["ocena zmiany"] == "▲ wzrost" and killed["ocena zmiany"] == "≈ w granicach"


def test_the_gminas_at_a_glance_equal_the_indicators(tables, example_report) -> None:
    ds = example_report.dataset
    rows = _named(tables, "gminy-na-tle-sredniej")
    comparisons = {c.label: c for c in ind.COMPARISONS}
    header = rows[0]
    for gmina in ds.powiat.gminy:
        row = _row(rows, gmina.nazwa)
        for column in header[1:]:
            if column.endswith(" (opis)"):
                continue
            # the first use of KMZB in the chapter is spelled out there
            label = column.replace("Krajowej Mapie Zagrożeń Bezpieczeństwa (KMZB)", "KMZB")
            rate = comparisons[label].rates(ds).at[gmina.teryt, "na_10_tys"]
            assert _number(row[column]) == _half_up(rate), (gmina.nazwa, column)
    notes = {row[header.index("wypadki drogowe (opis)")] for row in rows[1:]}
    assert notes & {"≈ w granicach *", "brak zdarzeń"}  # the words beside the numbers, kept apart
    crimes = {row[header.index("przestępstwa stwierdzone (opis)")] for row in rows[1:-1]}  # not the average
    assert crimes == {"▲ wyżej", "▼ niżej", "≈ w granicach"}  # the funnel's verdicts


def test_the_workbook_holds_every_table_with_numbers_as_numbers(tables, workbook) -> None:
    contents, *sheets = workbook.worksheets
    assert contents.title == "Spis tabel" and len(sheets) == len(tables)
    names = [s.title for s in sheets]
    assert len(set(names)) == len(names) and all(len(n) <= 31 for n in names)
    first = next(number for number, (name, _) in sorted(tables.items()) if "-bialaczow" in name)
    assert names[first - 1].startswith(f"{first} Białaczów – ")  # the number, the area, what it shows
    for sheet, (number, (_, rows)) in zip(sheets, sorted(tables.items()), strict=True):
        assert str(sheet["A1"].value).startswith(f"Tabela {number}. ")
        grid = [list(r) for r in sheet.iter_rows(min_row=3, max_row=2 + len(rows), max_col=len(rows[0]),
                                                 values_only=True)]
        assert grid[0] == rows[0]
        for cells, texts in zip(grid[1:], rows[1:], strict=True):
            for cell, text in zip(cells, texts, strict=True):
                if text == "":
                    assert cell is None
                elif isinstance(cell, (int, float)):
                    assert Decimal(str(cell)) == _number(text), (sheet.title, text)
                elif hasattr(cell, "date"):
                    assert cell.date().isoformat() == text
                else:
                    assert cell == text and not _looks_numeric(text), (sheet.title, text)


def _looks_numeric(text: str) -> bool:
    try:
        _number(text)
    except Exception:  # noqa: BLE001 - anything that does not parse is text
        return False
    return True


def test_dates_and_signs_as_excel_reads_them(tables) -> None:
    events = _named(tables, "wydarzenia-ogolnopowiatowe")  # a date column
    assert events[1][0] == "2025-02-05"
    roads = _named(tables, "bezpieczenstwo-w-ruchu-drogowym-powiat")
    assert _row(roads, "wypadki drogowe")["zmiana"] == "-2"  # a hyphen-minus, not U+2212
