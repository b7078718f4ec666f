"""Reading a year's folder as analysts really leave it: CSV in any of their encodings and
delimiters, or one Excel workbook.

The result is one `RawTable` per input table: the cells as the file holds them (text, or
Excel's numbers and dates), indexed by the row number Excel shows (the header is row 1),
with the headers as the analyst wrote them. Reading never judges the values; that is
`validate`'s job. Inputs are only ever read.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from ..errors import Problem, Severity
from .cells import is_blank
from .schema import COMMENTARY_FILES, TABLES, Table
from .textnorm import fold

__all__ = ["RawTable", "locked_file", "read_year", "workbook_name"]

ENCODINGS = ("utf-8", "cp1250")  # in this order: a tie goes to UTF-8
POLISH_TEXT = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ\u00a0\u202f„”“‘’‚–—…•€§°«»×·")
DELIMITERS = (";", ",", "\t")
# Sheets of our own template that hold no data.
TEMPLATE_SHEETS = ("instrukcja", "listy")


@dataclass(frozen=True)
class RawTable:
    """One input table as read, before any value is checked."""

    table: Table
    source: str  # how messages name it: "2025/kmzb.csv" or "2025/dane_2025.xlsx, arkusz kmzb"
    path: Path
    cells: pd.DataFrame  # object dtype; index = Excel row number; columns = folded headers
    headers: dict[str, str]  # folded header -> the header as written

    @property
    def is_empty(self) -> bool:
        return self.cells.empty


def workbook_name(year: int) -> str:
    return f"dane_{year}.xlsx"


def locked_file(label: str) -> Problem:
    """A file the system will not let us read: on a Windows drive (WSL), one that Excel
    holds open; elsewhere, one without read permission."""
    return Problem(Severity.ERROR, label, "nie można odczytać pliku: jest otwarty w innym programie (np. w Excelu) "
                   "albo brak uprawnień do jego odczytu", "zamknij plik w Excelu i uruchom ponownie")


def read_year(folder: Path, year: int) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every input table of one year; problems with the files themselves are returned."""
    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    workbook = folder / workbook_name(year)
    if workbook.is_file():
        tables.update(_read_workbook(workbook, year, problems))
    for path in sorted(folder.iterdir()):
        _read_csv_if_known(path, year, tables, problems)
    return tables, problems


def _label(path: Path, year: int) -> str:
    return f"{year}/{path.name}"


def _read_csv_if_known(path: Path, year: int, tables: dict[str, RawTable],
                       problems: list[Problem]) -> None:
    label = _label(path, year)
    suffix = path.suffix.lower()
    if path.name.startswith((".", "~$")) or path.name in (workbook_name(year), *COMMENTARY_FILES) or path.is_dir():
        return
    if suffix in (".xls", ".xlsx", ".ods"):
        problems.append(Problem(Severity.ERROR, label, "nieoczekiwany skoroszyt",
                                f"dane roku {year} zapisz w jednym pliku {workbook_name(year)} "
                                "(format .xlsx) albo w plikach CSV"))
        return
    table = TABLES.get(fold(path.stem)) if suffix == ".csv" else None
    if table is None:
        problems.append(Problem(Severity.WARNING, label, "nieznany plik, pominięty",
                                "nazwy plików z danymi: " + ", ".join(t.filename for t in TABLES.values())))
        return
    if table.name in tables:
        problems.append(Problem(Severity.ERROR, label,
                                f"tabela {table.name} jest i w tym pliku, i w {tables[table.name].source}",
                                "zostaw dane w jednym miejscu: w pliku CSV albo w arkuszu skoroszytu"))
        return
    raw = _read_csv(path, table, label, problems)
    if raw is not None:
        tables[table.name] = raw


def _decode(data: bytes) -> str | None:
    """Excel saves UTF-8 (with or without BOM), Windows-1250, or UTF-16 ("Unicode text").

    Without a BOM, a short Windows-1250 text can also be valid UTF-8 ("ÓŚ" is the bytes of
    "ӌ"), so when both decodings work, the one that reads as Polish text wins.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict") if _is_utf8(data) else None
    readings = []
    for encoding in ENCODINGS:
        try:
            readings.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return min(readings, key=_foreign_characters) if readings else None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _foreign_characters(text: str) -> int:
    """How many characters are neither ASCII, Polish letters nor common punctuation."""
    return sum(1 for c in text if ord(c) > 127 and c not in POLISH_TEXT)


def _delimiter(header_line: str) -> str:
    """The header has no numbers in it, so its most frequent separator is the delimiter."""
    return max(DELIMITERS, key=header_line.count)


def _read_csv(path: Path, table: Table, label: str, problems: list[Problem]) -> RawTable | None:
    def error(message: str, hint: str, row: int | None = None) -> None:
        problems.append(Problem(Severity.ERROR, label, message, hint, row=row))

    try:
        data = path.read_bytes()
    except PermissionError:
        problems.append(locked_file(label))
        return None
    text = _decode(data)
    if text is None:
        error("nie da się odczytać pliku (nieznane kodowanie znaków)",
              "zapisz go w Excelu jako „CSV UTF-8” albo „CSV (rozdzielany średnikami)”")
        return None
    if not text.strip():
        error("plik jest pusty", f"wpisz nagłówek i dane (kolumny: {', '.join(table.columns)})")
        return None
    delimiter = _delimiter(text.splitlines()[0])
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, rows = records[0], records[1:]
    width = len(header)
    for number, row in enumerate(rows, start=2):
        if len(row) > width and any(not is_blank(v) for v in row[width:]):
            hint = ("jeśli liczby mają przecinek dziesiętny, zapisz plik ze średnikiem jako "
                    "separatorem albo ujmij liczby w cudzysłów" if delimiter == "," else
                    "usuń nadmiarowe wartości albo dopisz nazwę kolumny w nagłówku")
            error(f"więcej wartości ({len(row)}) niż kolumn w nagłówku ({width})", hint, number)
    return _raw_table(table, label, path, header, rows, first_row=2)


def _read_workbook(path: Path, year: int, problems: list[Problem]) -> dict[str, RawTable]:
    label = _label(path, year)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except PermissionError:
        problems.append(locked_file(label))
        return {}
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        problems.append(Problem(Severity.ERROR, label, f"nie da się otworzyć skoroszytu ({exc})",
                                "zapisz go ponownie w Excelu jako „Skoroszyt programu Excel (.xlsx)”"))
        return {}
    tables = {}
    try:
        for sheet in workbook.worksheets:
            key = fold(sheet.title)
            table = TABLES.get(key)
            if table is None:
                if key not in TEMPLATE_SHEETS:
                    problems.append(Problem(Severity.WARNING, label,
                                            f"nieznany arkusz „{sheet.title}”, pominięty",
                                            "nazwy arkuszy: " + ", ".join(TABLES)))
                continue
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            source = f"{label}, arkusz {sheet.title}"
            if not rows or all(is_blank(v) for v in rows[0]):
                problems.append(Problem(Severity.ERROR, source, "arkusz jest pusty albo nie ma nagłówka w wierszu 1",
                                        f"w wierszu 1 wpisz nazwy kolumn: {', '.join(table.columns)}"))
                continue
            first_row = sheet.min_row or 1
            tables[table.name] = _raw_table(table, source, path, rows[0], rows[1:], first_row + 1)
    finally:
        workbook.close()
    return tables


def _raw_table(table: Table, source: str, path: Path, header: list[object],
               rows: list[list[object]], first_row: int) -> RawTable:
    width = max([len(header), *(len(r) for r in rows)])
    header = list(header) + [None] * (width - len(header))
    # A column without a header keeps its Excel letter, so that a warning can name it.
    names = [fold(str(h)) if not is_blank(h) else f"kolumna {get_column_letter(i + 1)}"
             for i, h in enumerate(header)]
    headers = {name: (str(h).strip() if not is_blank(h) else name) for name, h in zip(names, header, strict=True)}
    data = {}
    for number, row in enumerate(rows, start=first_row):
        cells = (list(row) + [None] * width)[:width]
        cells = [None if is_blank(v) else v for v in cells]
        if any(v is not None for v in cells):  # blank lines keep their numbers but hold no data
            data[number] = cells
    frame = pd.DataFrame.from_dict(data, orient="index", columns=range(width), dtype=object)
    frame.columns = names
    frame = frame.loc[:, [not (n.startswith("kolumna ") and frame.iloc[:, i].isna().all())
                          for i, n in enumerate(names)]]
    frame.index.name = "wiersz"
    return RawTable(table, source, path, frame, headers)
