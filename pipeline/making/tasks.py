"""What the build asks of a worker and what comes back: plain data that crosses the process
boundary intact. Light on purpose (no pandas, papermill or WeasyPrint): the main process
and the workers both import it at start-up."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..data.dataset import Dataset
    from ..document.pdfdata import Rendered

__all__ = ["NOTEBOOKS", "Chapter", "ChapterFailure", "ChapterResult", "ExtractResult", "PagesListener", "RenderResult",
           "chapter_list", "longest_first"]

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"  # the project's powiat.ipynb and gmina.ipynb
# Given the HTML edition's files (path inside html/ -> bytes) as soon as every chapter is
# known, before the PDFs are rendered (the live preview shows them at once).
PagesListener = Callable[[dict[str, bytes]], None]


@dataclass(frozen=True)
class Chapter:
    """One notebook run: the powiat chapter or one gmina's."""

    key: str  # file-safe name: "powiat", "gmina-1007023"
    title: str  # for people: "powiat opoczyński", "gmina Drzewica"
    notebook: Path  # the source notebook
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChapterFailure:
    """Why a chapter failed, in plain data, so it crosses the process boundary intact."""

    cell: int | None  # 1-based position of the failing cell in the executed notebook
    source: str  # the first line of that cell
    exception: str  # "ZeroDivisionError: division by zero"


@dataclass(frozen=True)
class ChapterResult:
    chapter: Chapter
    executed: Path  # the notebook as papermill wrote it
    html: str  # converted by nbconvert (empty when the chapter failed)
    seconds: float
    failure: ChapterFailure | None = None


@dataclass(frozen=True)
class RenderResult:
    rendered: Rendered
    seconds: float


@dataclass(frozen=True)
class ExtractResult:
    data: bytes | None  # the extract's PDF; None when its front took other than the expected pages
    front_pages: int  # what the front took
    seconds: float
    front: Rendered | None = None  # the front, when the worker rendered it (for the cache)


def chapter_list(ds: Dataset, inputs: Path, notebooks: Path = NOTEBOOKS) -> list[Chapter]:
    common = {"rok": ds.year, "inputs": str(inputs.resolve())}
    powiat = Chapter("powiat", ds.powiat.nazwa, notebooks / "powiat.ipynb", common)
    gminas = [Chapter(f"gmina-{g.teryt}", f"gmina {g.nazwa}", notebooks / "gmina.ipynb", {**common, "teryt": g.teryt})
              for g in ds.powiat.gminy]
    return [powiat, *gminas]


def longest_first(chapters: Sequence[Chapter]) -> list[Chapter]:
    """The powiat chapter is the longest: start it first so it does not finish last alone."""
    return sorted(chapters, key=lambda c: c.key != "powiat")
