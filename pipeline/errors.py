"""The exceptions the pipeline raises, rooted in one base class.

    PipelineError                 anything the pipeline reports to a person
    ├── UsageError                wrong command-line use                      (exit 2)
    ├── DataError                 the analyst's data or powiat.toml has errors (exit 1)
    ├── ChapterError              a notebook failed: gmina, notebook, cell     (exit 1)
    └── RenderError               the PDF could not be made or checked         (exit 1)

Third-party errors are wrapped once, where they happen, with what a person needs to act.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problems import Problem

__all__ = ["ChapterError", "DataError", "PipelineError", "RenderError", "UsageError"]


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
