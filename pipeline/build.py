"""build_report(): the whole chain, one numbered step per stage.

1. validate   every input, before any notebook runs          (dataset.load_dataset)
2. execute    powiat.ipynb once, gmina.ipynb per gmina        (workers.Workers, execute.run_chapter)
3. convert    each executed notebook to HTML, no code         (convert.chapter_html, in the worker)
4. assemble   chapters -> parts: the same HTML document, cut at its chapters (assemble)
5. render     the parts side by side, then the cover and the contents with their page
              numbers; merged into one tagged PDF/A with its page numbers   (render, merge)

Only what changed is made again: a chapter whose content key (code, notebook, parameters,
the data it can see) is in the cache is not executed, a part whose HTML is in the cache is
not rendered, and when nothing at all changed the previous report is kept as it is.
Chapters and parts run in worker processes with warm kernels, as many as there are cores.

This module starts the workers and hands over to `runner`, which does the steps; it
imports nothing heavy, so the workers boot while the runner's imports load.

Everything is written into a staging folder first and moved into `<out>/<rok>/` only when
the PDF exists, so a failed or interrupted run leaves the previous report as it was.
A failed chapter's executed notebook is kept in `<out>/<rok>/nieudane/` as evidence.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import fingerprint
from .errors import ChapterError
from .progress import Progress
from .sharing import shared_env
from .workers import Chapter, ChapterResult, Workers, default_jobs

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["NOTEBOOKS", "BuildResult", "ReportPaths", "build_report", "chapter_list"]

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"  # the same as cli.NOTEBOOKS


@dataclass(frozen=True)
class ReportPaths:
    """Where one year's report lives: <out>/<rok>/."""

    folder: Path
    pdf: Path
    notebooks: Path
    failed: Path

    @classmethod
    def of(cls, out: Path, ds: Dataset) -> ReportPaths:
        folder = out / str(ds.year)
        return cls(folder, folder / f"raport_{ds.powiat.slug}_{ds.year}.pdf", folder / "notebooks",
                   folder / "nieudane")


@dataclass
class BuildResult:
    pdf: Path
    dataset: Dataset | None  # None when nothing changed and nothing was loaded
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage, work time per kind
    executed: list[str] = field(default_factory=list)  # chapters executed in this run
    rendered: int = 0  # parts rendered in this run
    up_to_date: bool = False  # nothing had changed: the previous report was kept


def chapter_list(ds: Dataset, inputs: Path, notebooks: Path = NOTEBOOKS) -> list[Chapter]:
    common = {"rok": ds.year, "inputs": str(inputs.resolve())}
    powiat = Chapter("powiat", ds.powiat.nazwa, notebooks / "powiat.ipynb", common)
    gminas = [Chapter(f"gmina-{g.teryt}", f"gmina {g.nazwa}", notebooks / "gmina.ipynb", {**common, "teryt": g.teryt})
              for g in ds.powiat.gminy]
    return [powiat, *gminas]


def build_report(inputs: Path, year: int | None = None, out: Path = Path("reports"), jobs: int | None = None,
                 progress: Progress | None = None, notebooks: Path = NOTEBOOKS, force: bool = False) -> BuildResult:
    """Make the report of `year` in `<out>/<rok>/`, reusing whatever has not changed."""
    progress = progress or Progress.quiet()
    started = time.perf_counter()
    inputs, out = Path(inputs), Path(out)
    if not force and (record := fingerprint.up_to_date(inputs, year, out, notebooks)):
        pdf = out / str(record["rok"]) / str(record["pdf"])
        progress.done(f"Bez zmian od ostatniego raportu: {pdf}")
        return BuildResult(pdf, None, {"razem": time.perf_counter() - started}, up_to_date=True)
    years = fingerprint.report_years(inputs, year)
    with _staging(out / str(years[-1])) as stage:
        shared = stage / "dataset.pickle"
        # The workers and their kernels boot first, while this process imports pandas,
        # WeasyPrint and the rest and checks the data: each waits on the other less.
        with Workers(jobs or default_jobs(), notebooks, shared_env(shared, inputs, years[-1]),
                     stage / "parcels") as workers:
            from .runner import make_report

            result = make_report(inputs, years[-1], out, notebooks, force, workers, stage, shared, progress)
    result.seconds["razem"] = time.perf_counter() - started
    progress.done(f"Gotowe: {result.pdf}")
    return result


@contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A private folder next to the report; removed whatever happens."""
    folder.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".budowa-", dir=folder))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def raise_chapter_error(failed: ChapterResult, paths: ReportPaths) -> None:
    assert failed.failure is not None
    paths.failed.mkdir(parents=True, exist_ok=True)
    kept = paths.failed / failed.executed.name
    shutil.copyfile(failed.executed, kept)
    notebook = failed.chapter.notebook
    raise ChapterError(failed.chapter.title, f"{notebook.parent.name}/{notebook.name}", failed.failure.cell,
                       failed.failure.source, failed.failure.exception, kept)


def publish(stage: Path, paths: ReportPaths) -> None:
    """Move the new report into place: the PDF last, with one atomic rename."""
    old = None
    if paths.notebooks.exists():
        old = paths.notebooks.rename(stage / "poprzednie-notatniki")
    (stage / "notebooks").rename(paths.notebooks)
    (stage / paths.pdf.name).replace(paths.pdf)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(paths.failed, ignore_errors=True)
