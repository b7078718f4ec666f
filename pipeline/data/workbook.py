"""The empty workbook `dane_<rok>.xlsx` an analyst fills in Excel.

A first sheet explains every column in Polish; one sheet per input table carries the
headers, the gminas pre-filled where a table has a row per gmina, and drop-down lists
or number checks for every column. A filled-in template loads with no change: its sheet
and column names are the ones `schema` defines, and the two helper sheets are skipped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import UsageError
from .load import TEMPLATE_SHEETS, workbook_name
from .registry import Powiat
from .schema import CRIME_CATEGORIES, GMINA_NAME_COLUMN, TABLES, Field, Kind, Table

__all__ = ["sheet_headers", "write_template"]

ROWS = 1000  # how far down the checks reach
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
TERMS = ("cały rok", "I kwartał", "II kwartał", "III kwartał", "IV kwartał", "styczeń", "luty", "marzec",
         "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad",
         "grudzień")
INSTRUCTIONS, LISTS = TEMPLATE_SHEETS


def write_template(powiat: Powiat, year: int, out: Path) -> Path:
    """Write the template for `year`; `out` may be a folder (then dane_<rok>.xlsx inside it).

    An existing file is never overwritten: it may hold a year of the analyst's work.
    """
    path = out / workbook_name(year) if out.is_dir() else out
    if path.exists():
        raise UsageError(f"Plik {path} już istnieje – nie nadpisuję go. Usuń go albo podaj inną nazwę.")
    book = Workbook()
    _instructions(book.active, powiat, year)
    lists = _lists(book.create_sheet(LISTS), powiat)
    for table in TABLES.values():
        _data_sheet(book.create_sheet(table.name), table, powiat, year, lists)
    # Fixed metadata, so the same registry and year give the same workbook.
    book.properties.creator = powiat.policja
    book.properties.created = book.properties.modified = dt.datetime(year + 1, 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    book.save(temporary)
    temporary.replace(path)
    return path


def _instructions(sheet: Worksheet, powiat: Powiat, year: int) -> None:
    sheet.title = INSTRUCTIONS
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 100
    lines: list[tuple[str, str]] = [
        (f"Dane do raportu o bezpieczeństwie – {powiat.nazwa}, {year} r.", ""),
        ("", ""),
        ("Jak wypełnić", "Każdy arkusz to jedna tabela. Nie zmieniaj nazw arkuszy ani nagłówków w wierszu 1."),
        ("", "Gminę wskaż kodem TERYT (kolumna teryt) albo nazwą z listy (kolumna gmina); "
             f"dane całego powiatu: kod {powiat.code} albo „powiat”."),
        ("", "Pusta komórka oznacza „brak danych” (nie zero). Zero wpisz jako 0."),
        ("", f"Zapisz plik jako {workbook_name(year)} w folderze inputs/{year}/ i uruchom: "
             f"make validate ROK={year}"),
        ("", ""),
    ]
    for table in TABLES.values():
        lines.append((table.name, table.title + (" (nieobowiązkowy)" if table.optional else "")))
        for field in table.fields:
            lines.append((f"  {field.name}", _describe(field)))
        lines.append(("", ""))
    for row, (a, b) in enumerate(lines, start=1):
        sheet.cell(row, 1, a).font = Font(bold=not a.startswith(" "))
        sheet.cell(row, 2, b).alignment = Alignment(wrap_text=True)
    sheet["A1"].font = Font(bold=True, size=14)


def _describe(field: Field) -> str:
    text = field.help
    if field.kind is Kind.CHOICE:
        text += " – wybierz z listy"
    if not field.required:
        text += "; kolumnę można pominąć"
    elif field.not_empty:
        text += "; pole obowiązkowe"
    return text


def _lists(sheet: Worksheet, powiat: Powiat) -> dict[str, str]:
    """Allowed values, one column each, on a hidden sheet; returns the range of each list."""
    columns: dict[str, tuple[str, ...]] = {
        "teryt": (*powiat.codes, powiat.code),
        GMINA_NAME_COLUMN: (*(g.nazwa for g in powiat.gminy), "powiat"),
        "termin": TERMS,
    }
    for table in TABLES.values():
        for field in table.fields:
            if field.kind is Kind.CHOICE:
                columns[f"{table.name}.{field.name}"] = field.choices
    ranges = {}
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row, index, value)
        ranges[name] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def sheet_headers(table: Table) -> list[str]:
    """A sheet's header row: the gmina's code and name first, for a table that names gminas."""
    if "teryt" not in table.columns:
        return list(table.columns)
    return ["teryt", GMINA_NAME_COLUMN, *[c for c in table.columns if c != "teryt"]]


def _data_sheet(sheet: Worksheet, table: Table, powiat: Powiat, year: int, lists: dict[str, str]) -> None:
    headers = sheet_headers(table)
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(1, column, header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = max(12, min(len(header) + 4, 40))
    sheet.freeze_panes = "A2"
    for row in _prefilled_rows(table, powiat):
        sheet.append(row)
    for column, header in enumerate(headers, start=1):
        validation = _validation(table, header, powiat, year, lists)
        if validation is not None:
            letter = get_column_letter(column)
            validation.add(f"{letter}2:{letter}{ROWS}")
            sheet.add_data_validation(validation)


def _prefilled_rows(table: Table, powiat: Powiat) -> list[list[str]]:
    if not table.one_row_per_gmina:
        return []
    if table.name == "przestepstwa":
        return [[g.teryt, g.nazwa, category] for g in powiat.gminy for category in CRIME_CATEGORIES]
    rows = [[g.teryt, g.nazwa] for g in powiat.gminy]
    return rows + [[powiat.code, "powiat"]] if table.name == "zasoby" else rows  # the komenda's own row


def _validation(table: Table, header: str, powiat: Powiat, year: int,
                lists: dict[str, str]) -> DataValidation | None:
    if header in ("teryt", GMINA_NAME_COLUMN):
        return _list(lists[header], "wybierz gminę z listy")
    field = table.field(header)
    match field.kind:
        case Kind.CHOICE:
            return _list(lists[f"{table.name}.{field.name}"], "wybierz wartość z listy")
        case Kind.TERM:
            validation = _list(lists["termin"], "wybierz z listy albo wpisz miesiąc lub kwartał")
            validation.errorStyle = "warning"
            return validation
        case Kind.COUNT:
            return _check("whole", "0", None, "wpisz liczbę całkowitą, 0 lub więcej")
        case Kind.AMOUNT:
            return _check("decimal", "0", None, "wpisz liczbę, 0 lub więcej")
        case Kind.TARGET:
            # Not a percentage cell: Excel would store "75%" as 0,75.
            return _check("decimal", "0", None, "wpisz liczbę; odsetek jako liczbę od 0 do 100, np. 75")
        case Kind.DATE:
            first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
            # Excel counts days from 30 Dec 1899.
            offset = dt.date(1899, 12, 30).toordinal()
            return _check("date", str(first - offset), str(last - offset), f"wpisz datę z {year} r.")
    return None


def _list(source: str, message: str) -> DataValidation:
    return DataValidation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=True,
                          errorTitle="Niedozwolona wartość", error=message)


def _check(kind: str, low: str, high: str | None, message: str) -> DataValidation:
    operator = "between" if high is not None else "greaterThanOrEqual"
    return DataValidation(type=kind, operator=operator, formula1=low, formula2=high, allow_blank=True,
                          showErrorMessage=True, errorTitle="Niepoprawna wartość", error=message)
