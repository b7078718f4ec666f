"""Road accidents one by one (`wypadki.csv`): the road figures they add up to, and the copy
of them a PDF may carry.

A record holds a date, a place and who was killed or injured: personal data. It is read,
checked and counted, and never published: the PDF carries an aggregated copy (per gmina:
accidents, victims by role, children, causes, alcohol) and the original's SHA-256. A
workbook whose `wypadki` sheet is filled in is carried without that sheet.

With the records present, `ruch_drogowy.csv` needs no accidents, killed or injured of its
own: an empty cell (or a missing file, or a missing gmina) is filled in from the records,
and a number given in both places must agree.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Protocol, TypeVar

import pandas as pd

from ..errors import Problem, Severity
from .registry import Powiat
from .schema import ROAD_CAUSES, TABLES, VICTIM_ROLES
from .section_rules import victims

__all__ = ["RECORDS", "aggregate", "complete", "published"]

RECORDS = "wypadki"
ROADS = "ruch_drogowy"
DERIVED = ("wypadki", "zabici", "ranni")  # the columns of ruch_drogowy.csv the records give
NOTE = ("zbiorcze zestawienie wypadków z pliku {label} (liczby w gminach według ról ofiar, przyczyn i udziału "
        "alkoholu); plik z pojedynczymi wypadkami zawiera dane osobowe i nie jest dołączony")
CORE = "docProps/core.xml"
WORKBOOK_NOTE = "skoroszyt bez arkusza wypadki: pojedyncze wypadki to dane osobowe i nie są dołączone"


class _Source(Protocol):
    """A `dataset.SourceFile` (a dataclass: `dataclasses.replace` makes its published copy)."""

    label: str
    path: Path
    sha256: str


Source = TypeVar("Source", bound=_Source)


class _YearCheck(Protocol):
    frames: dict[str, pd.DataFrame]
    missing: set[tuple[int, str]]
    problems: list[Problem]


def aggregate(records: pd.DataFrame) -> pd.DataFrame:
    """Per gmina (by TERYT): accidents, killed, injured, victims by role, children, accidents by
    cause and with alcohol. Children are NA where the file has no children's columns."""
    frame = records.assign(zabici=victims(records, "zabici"), ranni=victims(records, "ranni"), wypadki=1,
                           alkohol_tak=(records["alkohol"] == "tak").astype(int))
    for cause in ROAD_CAUSES:
        frame[f"przyczyna_{cause}"] = (records["przyczyna"] == cause).astype(int)
    roles = [f"{role}_{what}" for role in VICTIM_ROLES for what in ("zabici", "ranni")]
    columns = [*DERIVED, *roles, "dzieci_zabici", "dzieci_ranni", "alkohol_tak",
               *(f"przyczyna_{cause}" for cause in ROAD_CAUSES)]
    grouped = frame.groupby("teryt")[columns].sum(min_count=1) if len(frame) else pd.DataFrame(columns=columns)
    return grouped.astype("Int64")


def complete(year_check: _YearCheck, year: int, powiat: Powiat, sources: Mapping[str, str]) -> None:
    """Fill in the road figures of one year from its records, and report where both disagree."""
    if RECORDS not in year_check.frames or year_check.frames[RECORDS].empty:  # e.g. the template's empty sheet
        return
    counted = aggregate(year_check.frames[RECORDS]).reindex(list(powiat.codes)).fillna(0)
    label = f"{year}/{TABLES[ROADS].filename}"
    if ROADS not in year_check.frames:
        year_check.frames[ROADS] = _derived_roads(counted, year)
        year_check.missing.discard((year, ROADS))
        year_check.problems[:] = [p for p in year_check.problems if not (p.file == label and p.message == "brak pliku")]
        return
    roads = year_check.frames[ROADS]
    year_check.problems += _disagreements(roads, counted, powiat, sources.get(ROADS, label), sources.get(RECORDS, ""))
    year_check.frames[ROADS] = _filled(roads, counted, year)


def _derived_roads(counted: pd.DataFrame, year: int) -> pd.DataFrame:
    frame = pd.DataFrame({"wiersz": pd.NA, "teryt": counted.index, **{c: counted[c].to_numpy() for c in DERIVED},
                          "kolizje": pd.NA, "nietrzezwi_kierujacy": pd.NA, "rok": year})
    return frame.astype({c: "Int64" for c in (*DERIVED, "kolizje", "nietrzezwi_kierujacy")})


def _filled(roads: pd.DataFrame, counted: pd.DataFrame, year: int) -> pd.DataFrame:
    """Empty cells of the three columns from the records; a gmina with no row gets one."""
    roads = roads.copy()
    for column in DERIVED:
        from_records = roads["teryt"].map(counted[column]).astype("Int64")
        roads[column] = roads[column].astype("Int64").fillna(from_records)
    absent = [code for code in counted.index if code not in set(roads["teryt"])]
    if absent:
        extra = _derived_roads(counted.loc[absent], year)
        roads = pd.concat([roads, extra], ignore_index=True)
    return roads


def _disagreements(roads: pd.DataFrame, counted: pd.DataFrame, powiat: Powiat, file: str,
                   records_file: str) -> list[Problem]:
    problems = []
    for _, row in roads[roads["teryt"] == powiat.code].iterrows():
        if any(not pd.isna(row[c]) and row[c] > 0 for c in DERIVED):
            problems.append(Problem(Severity.ERROR, file, "wypadki przypisane całemu powiatowi, a plik "
                                    f"{records_file} przypisuje każdy wypadek gminie",
                                    "przenieś te wypadki do wierszy gmin albo zostaw w wierszu powiatu puste komórki",
                                    None if pd.isna(row["wiersz"]) else int(row["wiersz"]), "wypadki"))
    for _, row in roads[roads["teryt"].isin(counted.index)].iterrows():
        for column in DERIVED:
            given, found = row[column], counted.at[row["teryt"], column]
            if pd.isna(given) or given == found:
                continue
            problems.append(Problem(
                Severity.ERROR, file,
                f"{column}: {given} w gminie {powiat.name_of(row['teryt'])}, a w pliku {records_file} {found}",
                f"popraw liczbę albo zostaw komórkę pustą: raport policzy ją z pliku {records_file}",
                None if pd.isna(row["wiersz"]) else int(row["wiersz"]), column, str(given)))
    return problems


# ---------------------------------------------------------------- what the PDF carries


def published(inputs: Path, sources: tuple[Source, ...], tables: Mapping[str, pd.DataFrame],
              powiat: Powiat) -> tuple[Source, ...]:
    """The sources with each year's records replaced by their aggregated copy (and a workbook
    that holds them by a copy without their sheet)."""
    records = tables.get(RECORDS)
    if records is None or records.empty:
        return sources
    years = set(records["rok"])
    return tuple(_protected(inputs, s, records, powiat) if _year_of(s) in years else s for s in sources)


def _year_of(source: _Source) -> int | None:
    head = source.label.split("/", 1)[0]
    return int(head) if head.isdigit() else None


def _protected(inputs: Path, source: Source, records: pd.DataFrame, powiat: Powiat) -> Source:
    year = _year_of(source)
    if source.label == f"{year}/{TABLES[RECORDS].filename}":
        content = _aggregate_csv(records[records["rok"] == year], powiat)
        name = f"{year}-{RECORDS}-zbiorczo.csv"
        return replace(source, content=content, sha256=hashlib.sha256(content).hexdigest(),
                       original_sha256=source.sha256, published_name=name, note=NOTE.format(label=source.label))
    if source.path.suffix == ".xlsx" and not (inputs / str(year) / TABLES[RECORDS].filename).is_file():
        content = _workbook_without(source.path, RECORDS)
        return replace(source, content=content, sha256=hashlib.sha256(content).hexdigest(),
                       original_sha256=source.sha256, published_name=source.label.replace("/", "-"),
                       note=WORKBOOK_NOTE)
    return source


def _aggregate_csv(records: pd.DataFrame, powiat: Powiat) -> bytes:
    table = aggregate(records).reindex(list(powiat.codes)).fillna(0)
    if not records.get("dzieci_zabici", pd.Series(dtype=object)).notna().any():
        table = table.drop(columns=["dzieci_zabici", "dzieci_ranni"])
    table.insert(0, "gmina", [powiat.name_of(code) for code in table.index])
    table.loc[powiat.code] = [powiat.nazwa, *table.drop(columns="gmina").sum()]
    return table.rename_axis("teryt").to_csv(lineterminator="\n").encode("utf-8")


def _workbook_without(path: Path, sheet: str) -> bytes:
    """The workbook less one sheet, its bytes fixed by the original's (zip dates, properties)."""
    import openpyxl  # only for a workbook with records

    book = openpyxl.load_workbook(path)
    del book[sheet]
    buffer = io.BytesIO()
    book.save(buffer)  # stamps the time of saving into docProps/core.xml: the original's is put back
    with zipfile.ZipFile(path) as original:
        properties = original.read(CORE) if CORE in original.namelist() else None
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as saved, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as out:
        for item in saved.infolist():
            data = properties if item.filename == CORE and properties is not None else saved.read(item.filename)
            out.writestr(zipfile.ZipInfo(item.filename, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return fixed.getvalue()
