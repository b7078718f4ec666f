"""build_report(): the whole chain, one numbered step per stage.

1. validate    every input, before any notebook runs        (dataset.load_dataset)
2. execute     powiat.ipynb once, gmina.ipynb per gmina      (execute.execute_chapters)
3. convert     each executed notebook to HTML, no code       (assemble.chapter_html)
4. assemble    one HTML document: cover, contents, chapters  (assemble.assemble_document)
5. render      WeasyPrint -> PDF                              (render.render_pdf)

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

from .assemble import assemble_document, chapter_html
from .dataset import Dataset, load_dataset
from .errors import ChapterError
from .execute import Chapter, ChapterResult, default_jobs, execute_chapters
from .progress import Progress
from .provenance import document_identifier, embedded_files, report_date
from .render import render_pdf

__all__ = ["NOTEBOOKS", "BuildResult", "ReportPaths", "build_report", "chapters_of"]

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


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
    dataset: Dataset
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, and "razem"


def chapters_of(ds: Dataset, inputs: Path, notebooks: Path = NOTEBOOKS) -> list[Chapter]:
    common = {"rok": ds.year, "inputs": str(inputs.resolve())}
    powiat = Chapter("powiat", ds.powiat.nazwa, notebooks / "powiat.ipynb", common)
    gminas = [Chapter(f"gmina-{g.teryt}", f"gmina {g.nazwa}", notebooks / "gmina.ipynb", {**common, "teryt": g.teryt})
              for g in ds.powiat.gminy]
    return [powiat, *gminas]


def build_report(inputs: Path, year: int | None = None, out: Path = Path("reports"), jobs: int | None = None,
                 progress: Progress | None = None, notebooks: Path = NOTEBOOKS) -> BuildResult:
    """Validate, execute, convert, assemble and render the report of `year` into `<out>/<rok>/`."""
    progress = progress or Progress.quiet()
    clock = _Clock()
    progress.stage("1/5 sprawdzanie danych")
    with clock("walidacja"):
        ds = load_dataset(inputs, year)
    paths = ReportPaths.of(out, ds)
    chapters = chapters_of(ds, inputs, notebooks)
    with _staging(paths.folder) as stage:
        progress.stage(f"2/5 wykonywanie notatników ({len(chapters)} rozdziałów)")
        with clock("wykonanie"):
            results = execute_chapters(chapters, stage / "notebooks", jobs or default_jobs(),
                                       on_done=lambda r: progress.stage(f"2/5 gotowy rozdział: {r.chapter.title}"))
        _raise_on_failure(results, paths)
        progress.stage("3/5 konwersja notatników do HTML")
        with clock("konwersja"):
            htmls = [chapter_html(r.executed) for r in results]
        progress.stage("4/5 składanie dokumentu")
        with clock("składanie"):
            document = assemble_document(ds, htmls[0], list(zip(ds.powiat.gminy, htmls[1:], strict=True)))
        progress.stage("5/5 renderowanie PDF")
        with clock("renderowanie"):
            render_pdf(document, stage / paths.pdf.name, embedded=embedded_files(ds), date=report_date(ds),
                       identifier=document_identifier(ds))
        _publish(stage, paths)
    clock.seconds["razem"] = sum(clock.seconds.values())
    progress.done(f"Gotowe: {paths.pdf}")
    return BuildResult(paths.pdf, ds, clock.seconds)


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = time.perf_counter() - started


@contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A private folder next to the report; removed whatever happens."""
    folder.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".budowa-", dir=folder))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _raise_on_failure(results: list[ChapterResult], paths: ReportPaths) -> None:
    failed = next((r for r in results if r.failure is not None), None)
    if failed is None or failed.failure is None:
        return
    paths.failed.mkdir(parents=True, exist_ok=True)
    kept = paths.failed / failed.executed.name
    shutil.copyfile(failed.executed, kept)
    notebook = failed.chapter.notebook
    name = f"{notebook.parent.name}/{notebook.name}"
    raise ChapterError(failed.chapter.title, name, failed.failure.cell, failed.failure.source,
                       failed.failure.exception, kept)


def _publish(stage: Path, paths: ReportPaths) -> None:
    """Move the new report into place: the PDF last, with one atomic rename."""
    old = None
    if paths.notebooks.exists():
        old = paths.notebooks.rename(stage / "poprzednie-notatniki")
    (stage / "notebooks").rename(paths.notebooks)
    (stage / paths.pdf.name).replace(paths.pdf)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(paths.failed, ignore_errors=True)
