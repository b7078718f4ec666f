"""A problem found in the analyst's data, and how it is shown to them (in Polish)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

__all__ = ["Problem", "Severity", "format_problems", "has_errors"]


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

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def where(self) -> str:
        parts = [self.file]
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
