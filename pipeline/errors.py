"""What the pipeline reports to a person: the exceptions, rooted in one base class, and the
problems found in the analyst's data that a DataError carries.

    PipelineError                 anything the pipeline reports to a person
    ├── UsageError                wrong command-line use                      (exit 2)
    ├── DataError                 the analyst's data or powiat.toml has errors (exit 1)
    ├── ChapterError              a notebook failed: gmina, notebook, cell     (exit 1)
    ├── RenderError               the PDF could not be made or checked         (exit 1)
    ├── DiskError                 a write was refused: full disk, no permission,
    │                             read-only drive                              (exit 1)
    └── LockedFileError           an input cannot be read: open in Excel?      (exit 1)

Third-party errors are wrapped once, where they happen, with what a person needs to act.
Anything else is a bug of the program, not of the data: the command line says so in one
Polish sentence, keeps the traceback in a file and exits with its own code (3, see `cli`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

__all__ = ["ChapterError", "DataError", "DiskError", "LockedFileError", "PipelineError", "Problem", "RenderError",
           "Severity", "UsageError", "format_problems", "has_errors"]


class PipelineError(Exception):
    """Base of every error the pipeline reports; its text is meant for the analyst."""

    exit_code = 1


class UsageError(PipelineError):
    """The command was called wrongly (a missing folder, an unknown year)."""

    exit_code = 2


class DataError(PipelineError):
    """The input data has errors; `problems` lists every one of them, warnings included."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = sum(1 for p in problems if p.is_error)
        super().__init__(f"Dane zawierają błędy: {errors}. Raport nie został utworzony.")


@dataclass
class ChapterError(PipelineError):
    """A chapter's notebook failed while papermill executed it."""

    chapter: str  # "gmina Drzewica" or "powiat opoczyński"
    notebook: str  # the source notebook, e.g. notebooks/gmina.ipynb
    cell: int | None  # 1-based position of the failing cell in the notebook
    source: str  # the first line of that cell
    exception: str  # "ZeroDivisionError: division by zero"
    kept_at: Path | None  # the executed notebook, kept for inspection

    def __str__(self) -> str:
        where = (f"komórka nr {self.cell} („{self.source[:70]}”)" if self.cell
                 else "przed wykonaniem komórek")
        kept = f"\nNotatnik z błędem zachowano w: {self.kept_at}" if self.kept_at else ""
        return (
            f"Rozdział „{self.chapter}” nie powstał: notatnik {self.notebook}, {where}: "
            f"{self.exception}{kept}"
        )


class RenderError(PipelineError):
    """WeasyPrint could not render the document, or the PDF failed its checks."""


class DiskError(PipelineError):
    """The system refused a write: the disk is full, the folder may not be written, the
    drive is read-only. Says which folder, and what to do."""


class LockedFileError(PipelineError):
    """An input file cannot be read: on a Windows drive, another program (Excel, Word)
    holds it open. Says which file, and to close it."""


# ---------------------------------------------------------------- problems in the data


class Severity(Enum):
    ERROR = "BŁĄD"
    WARNING = "UWAGA"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place: file, Excel row, column and value, what and how to fix."""

    severity: Severity
    file: str  # as the analyst knows it: "2025/przestepstwa.csv", "dane_2025.xlsx, arkusz kmzb"
    message: str  # what is wrong
    hint: str = ""  # how to fix it
    row: int | None = None  # as Excel numbers it: the header is row 1
    column: str | None = None
    value: str | None = None
    place: str | None = None  # in a document: "nagłówek „Gmina Drzewica”", "zdjęcie nr 2 (…)"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def where(self) -> str:
        parts = [self.file]
        if self.place:
            parts.append(self.place)
        if self.row is not None:
            parts.append(f"wiersz {self.row}")
        if self.column:
            parts.append(f"kolumna „{self.column}”")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" Wartość: „{_shorten(self.value)}”." if self.value not in (None, "") else ""
        hint = f"\n    Jak poprawić: {self.hint}" if self.hint else ""
        message = self.message if self.message.endswith(".") else f"{self.message}."
        return f"{self.severity.value}  {self.where()}: {message}{value}{hint}"

    def sort_key(self) -> tuple[int, str, int, str]:
        return (0 if self.is_error else 1, self.file, self.row or 0, self.column or "")


def _shorten(value: str | None, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def format_problems(problems: Iterable[Problem]) -> str:
    """Every problem, errors first, then a one-line summary the analyst can act on."""
    ordered = sorted(problems, key=Problem.sort_key)
    errors = sum(p.is_error for p in ordered)
    warnings = len(ordered) - errors
    lines = [str(p) for p in ordered]
    if errors:
        summary = f"Błędy: {errors}, uwagi: {warnings}. Popraw błędy i uruchom ponownie."
    elif warnings:
        summary = f"Błędów brak, uwagi: {warnings}. Raport można utworzyć."
    else:
        summary = "Dane są poprawne."
    return "\n".join([*lines, "", summary] if lines else [summary])
