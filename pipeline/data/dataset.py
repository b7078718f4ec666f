"""The validated data of a report: the report year and the years before it (up to 5 in all).

`load_dataset()` reads `powiat.toml` and the year folders, checks every table and either
returns a `Dataset` (with its warnings) or raises `DataError` listing every problem.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from ..errors import DataError, Problem, Severity
from . import fingerprint, plain, road_records
from .commentary.pieces import Commentary
from .commentary.places import Places
from .fingerprint import report_years
from .registry import Powiat, read_powiat
from .schema import COMMENTARY_FILES, PHOTO_FOLDER, TABLES
from .store import Store

__all__ = ["Dataset", "SourceFile", "load_dataset"]

T = TypeVar("T")


@dataclass(frozen=True)
class SourceFile:
    """A file the report was made from, with what proves it was not changed."""

    label: str  # relative to the inputs folder: "2025/przestepstwa.csv", "powiat.toml"
    path: Path
    sha256: str  # of what the PDF carries: the file, or `content`
    rows: int  # data rows read from it (gminas for powiat.toml, places for the commentary)
    # What the PDF carries instead of the file, when the file itself must not be published
    # (the commentary: a Word file keeps reviewers' comments and photos' GPS positions).
    content: bytes | None = None
    original_sha256: str | None = None  # of the file itself, when `content` stands in for it
    # Files that belong to it but are not carried, with their SHA-256: the Markdown
    # commentary's photos (their originals hold GPS positions; the copy carries them redrawn).
    companions: tuple[tuple[str, str], ...] = ()
    published_name: str = ""  # the name of `content` inside the PDF, when not the commentary's .html
    note: str = ""  # what `content` is, for the manifest and the PDF's list of attachments

    @property
    def attachment(self) -> str:
        """ "2025/przestepstwa.csv" -> "2025-przestepstwa.csv": its flat name inside the PDF
        ("2025-komentarz.html" for the commentary's published copy)."""
        name = self.label.replace("/", "-")
        if self.content is None:
            return name
        return self.published_name or name.rsplit(".", 1)[0] + ".html"


def _source(inputs: Path, path: Path, rows: int) -> SourceFile:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return SourceFile(path.relative_to(inputs).as_posix(), path, digest, rows)


@dataclass(frozen=True)
class Dataset:
    """Typed tables of several years stacked with a `rok` column; codes are today's codes."""

    powiat: Powiat
    year: int
    years: tuple[int, ...]  # oldest first, the report year last
    tables: dict[str, pd.DataFrame]
    missing: frozenset[tuple[int, str]]  # (year, table) with no file or sheet
    problems: tuple[Problem, ...]  # warnings only: errors stop the loading
    sources: tuple[SourceFile, ...]  # every file read, powiat.toml first
    gmina: str | None = None  # set on a view restricted to one gmina
    comparison: Mapping[str, object] = field(default_factory=dict)  # figures of all gminas, for such a view
    commentary: Commentary | None = None  # the analyst's own words and photos for the report year

    def restricted_to(self, teryt: str, comparison: Mapping[str, object]) -> Dataset:
        """Only one gmina's rows, with the few powiat-wide figures its chapter compares with.

        A gmina chapter sees nothing else, so what it shows depends on its own data and those
        figures only; the build can then tell exactly when it must be made again.
        """
        tables = {name: frame[frame["teryt"] == teryt] for name, frame in self.tables.items()}
        commentary = self.commentary.only({teryt}) if self.commentary else None
        return dataclasses.replace(self, tables=tables, problems=(), sources=(), gmina=teryt,
                                   comparison=dict(comparison), commentary=commentary)

    def powiat_view(self) -> Dataset:
        """What the powiat notebook's output depends on: everything but the gminas' commentary
        and the list of source files (the assembly fills that in), so editing one gmina's
        commentary does not make the powiat chapters again."""
        gminas = {g.teryt for g in self.powiat.gminy}
        commentary = self.commentary.only({p.chapter for p in self.commentary.pieces} - gminas) \
            if self.commentary else None
        return dataclasses.replace(self, sources=(), commentary=commentary)

    def table(self, name: str, year: int | None = None) -> pd.DataFrame:
        """Rows of one table, for one year or all loaded years."""
        frame = self.tables[name]
        return frame if year is None else frame[frame["rok"] == year]

    def has(self, name: str, year: int | None) -> bool:
        """Whether the file of `name` was given for `year` (never for no year)."""
        return year in self.years and (year, name) not in self.missing

    @property
    def previous_year(self) -> int | None:
        return self.year - 1 if self.year - 1 in self.years else None


@dataclass
class _Year:
    """What checking one year folder found: typed tables, missing tables, problems, rows."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    missing: set[tuple[int, str]] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # path relative to the inputs -> data rows


def load_dataset(inputs: Path, year: int | None = None, cache: Store | None = None) -> Dataset:
    """Read and check everything a report needs; raise DataError listing every problem.

    With `cache`, a year folder whose files, settings and checking code are unchanged is not
    read and checked again: what checking it found is kept there as plain data (`plain`),
    named by a hash of all of those.
    """
    inputs = Path(inputs)
    years = report_years(inputs, year)
    powiat = read_powiat(inputs)
    checked = [_checked_year(inputs, y, powiat, cache) for y in years]
    problems = [p for c in checked for p in c.problems]
    commentary, found = _commentary(inputs, years[-1], powiat, _goal_frames(checked, years), cache)
    problems += found
    if powiat.report_date(years[-1]) is None and not os.environ.get("SOURCE_DATE_EPOCH"):
        problems.append(Problem(Severity.WARNING, "powiat.toml", f"brak daty opracowania raportu za {years[-1]} r.; "
                                "okładka będzie bez daty", f"dopisz w sekcji [raport.data_opracowania] wiersz "
                                f"{years[-1]} = {years[-1] + 1}-03-31 (z właściwą datą)"))
    if any(p.is_error for p in problems):
        raise DataError(problems)
    tables = {name: _stack([c.frames[name] for c in checked if name in c.frames], name) for name in TABLES}
    rows = {path: count for c in checked for path, count in c.rows.items()}
    problems += _year_on_year(tables, years[-1], rows, powiat)
    sources = (_source(inputs, powiat.source, len(powiat.gminy)),
               *(_source(inputs, inputs / path, count) for path, count in sorted(rows.items())))
    missing = frozenset(m for c in checked for m in c.missing)
    extra = (_commentary_source(inputs, commentary),) if commentary else ()
    sources = road_records.published(inputs, sources, tables, powiat)  # road accidents one by one stay out
    return Dataset(powiat, years[-1], years, tables, missing, tuple(problems), (*sources, *extra),
                   commentary=commentary)


def _year_on_year(tables: dict[str, pd.DataFrame], year: int, files: Mapping[str, int],
                  powiat: Powiat) -> list[Problem]:
    from .plausibility import year_on_year_problems  # pandas work only a full check needs

    return year_on_year_problems(tables, year, set(files), powiat)


def _commentary_source(inputs: Path, commentary: Commentary) -> SourceFile:
    """The commentary as the PDF carries it: its published copy, with the original's SHA-256."""
    original = _source(inputs, inputs / commentary.source, len(commentary.pieces))
    content = commentary.published
    photos = fingerprint.files_under(original.path.parent / PHOTO_FOLDER, ("*",)) \
        if original.path.suffix == ".md" else []
    companions = tuple((p.relative_to(inputs).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in photos)
    return SourceFile(original.label, original.path, hashlib.sha256(content).hexdigest(), original.rows, content,
                      original.sha256, companions)


def _goal_frames(checked: list[_Year], years: tuple[int, ...]) -> dict[str, pd.DataFrame]:
    """What the goals chapter is made of: the year's survey and its goals, its own or those set
    with last year's plan (see `goals.goal_rows`)."""
    frames = {name: checked[-1].frames[name] for name in ("cele", "ankieta") if name in checked[-1].frames}
    last_year = len(years) > 1 and years[-2] == years[-1] - 1
    if "cele" not in frames and last_year and "plan_cele" in checked[-2].frames:
        frames["cele"] = checked[-2].frames["plan_cele"]
    return frames


def _commentary(inputs: Path, year: int, powiat: Powiat, frames: dict[str, pd.DataFrame],
                cache: Store | None) -> tuple[Commentary | None, list[Problem]]:
    """The report year's commentary; kept in the cache like a checked year folder, since its
    photos take a moment to draw again."""
    from .commentary.reading import read_commentary  # docx, Markdown, photos: not for a kernel's start-up

    goals = list(dict.fromkeys(frames["cele"]["cel"])) if "cele" in frames else []
    printed = "cele" in frames or "ankieta" in frames
    places = Places(powiat, year, goals, goals_printed=printed)
    folder = inputs / str(year)
    if cache is None:
        return read_commentary(folder, str(year), places)
    try:
        files = [p for name in COMMENTARY_FILES if (p := folder / name).is_file()]
        key = fingerprint.digest(
            fingerprint.code_version(), powiat.source.read_bytes(), str(year), str(printed), *goals,
            *(part for p in [*files, *fingerprint.files_under(folder / PHOTO_FOLDER, ("*",))]
              for part in (p.relative_to(inputs).as_posix(), p.read_bytes())))
    except OSError:  # a file that cannot be read: reading the commentary says which, and how to fix it
        return read_commentary(folder, str(year), places)
    return _cached(cache, f"komentarz-{key}", lambda: read_commentary(folder, str(year), places),
                   _commentary_to_plain, _commentary_from_plain)


def _commentary_to_plain(found: tuple[Commentary | None, list[Problem]]) -> dict[str, object]:
    return {"commentary": plain.commentary_to_plain(found[0]), "problems": plain.problems_to_plain(found[1])}


def _commentary_from_plain(stored: dict[str, Any]) -> tuple[Commentary | None, list[Problem]]:
    return plain.commentary_from_plain(stored["commentary"]), plain.problems_from_plain(stored["problems"])


def _checked_year(inputs: Path, year: int, powiat: Powiat, cache: Store | None) -> _Year:
    if cache is None:
        return _check_year(inputs, year, powiat)
    try:
        key = fingerprint.digest(fingerprint.code_version(), powiat.source.read_bytes(), str(year),
                                 fingerprint.inputs_digest(inputs, [year]))
    except OSError:  # a file that cannot be read (open in Excel?): checking it says which
        return _check_year(inputs, year, powiat)
    return _cached(cache, key, lambda: _check_year(inputs, year, powiat), _year_to_plain, _year_from_plain)


def _cached(cache: Store, key: str, make: Callable[[], T], to_plain: Callable[[T], object],
            from_plain: Callable[[Any], T]) -> T:
    """What `make` returns, from the cache when it holds it; a stored entry that does not
    read back is made again."""
    stored = cache.read_json("validated", key)
    if stored is not None:
        try:
            return from_plain(stored)
        except (KeyError, TypeError, ValueError, AttributeError):
            cache.forget("validated", key, ".json")
    result = make()
    try:
        value = to_plain(result)
    except plain.NotPlain:  # a value the cache cannot hold exactly: checked again next time
        return result
    cache.write_json("validated", key, value)
    return result


def _year_to_plain(year: _Year) -> dict[str, object]:
    return {"frames": {name: plain.frame_to_plain(frame) for name, frame in year.frames.items()},
            "missing": sorted([y, name] for y, name in year.missing),
            "problems": plain.problems_to_plain(year.problems), "rows": year.rows}


def _year_from_plain(stored: dict[str, Any]) -> _Year:
    return _Year({name: plain.frame_from_plain(frame) for name, frame in stored["frames"].items()},
                 {(int(y), str(name)) for y, name in stored["missing"]}, plain.problems_from_plain(stored["problems"]),
                 {str(path): int(rows) for path, rows in stored["rows"].items()})


def _check_year(inputs: Path, year: int, powiat: Powiat) -> _Year:
    # Reading and checking files needs openpyxl and pandera; a kernel that gets the dataset
    # from the build (sharing.load_shared_dataset) never imports them.
    from .load import read_year
    from .validate import coverage_problems, validate_table

    result = _Year()
    raws, file_problems = read_year(inputs / str(year), year)
    result.problems += file_problems
    for raw in raws.values():
        label = raw.path.relative_to(inputs).as_posix()
        result.rows[label] = result.rows.get(label, 0) + len(raw.cells)
    for name, table in TABLES.items():
        if name not in raws:
            result.missing.add((year, name))
            if not table.optional and not any(p.is_error and name in p.file for p in file_problems):
                result.problems.append(Problem(Severity.WARNING, f"{year}/{table.filename}", "brak pliku",
                                               "w raporcie ta część będzie oznaczona jako „brak danych”"))
            continue
        typed, table_problems = validate_table(raws[name], year, powiat)
        result.problems += table_problems
        if typed is not None:
            result.problems += coverage_problems(table, typed, raws[name].source, powiat)
            result.frames[name] = typed.assign(rok=year).reset_index()
    road_records.complete(result, year, powiat, {name: raw.source for name, raw in raws.items()})
    return result


def _stack(parts: list[pd.DataFrame], name: str) -> pd.DataFrame:
    """All years of one table in one frame (an empty one with the table's columns if none)."""
    if parts:
        return pd.concat(parts, ignore_index=True)
    columns = ["wiersz", "teryt", *(c for c in TABLES[name].columns if c != "teryt"), "rok"]  # teryt even if none
    return pd.DataFrame(columns=columns)

