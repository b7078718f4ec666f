"""Running the chapter notebooks with papermill in worker processes, each with a warm kernel.

papermill stays the executor: parameters are injected the papermill way and the executed
notebook is written by papermill, through the project's engine ("raport-warm", see
`engine`). Workers are processes, not threads: kernel ports and papermill's working
directory are not thread-safe. A failed chapter is reported with its notebook, cell and
exception, as plain data that crosses the process boundary intact.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import papermill
from papermill.engines import papermill_engines
from papermill.exceptions import PapermillException, PapermillExecutionError

from .convert import chapter_html
from .engine import KERNEL, START_TIMEOUT, start_worker
from .render import Rendered, render

__all__ = ["Chapter", "ChapterFailure", "ChapterResult", "RenderResult", "Workers", "default_jobs", "longest_first"]

ENGINE = "raport-warm"


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


def _ensure_engine() -> None:
    """The entry point registers the engine when the project is installed; a source checkout
    that was never pip-installed registers it here (papermill is fully imported by now)."""
    try:
        papermill_engines.get_engine(ENGINE)
    except PapermillException:
        from .papermill_engine import WarmKernelEngine

        papermill_engines.register(ENGINE, WarmKernelEngine)


_ensure_engine()


# ---------------------------------------------------------------- one chapter


def run_chapter(chapter: Chapter, output: Path) -> ChapterResult:
    """Execute one chapter's notebook with papermill into `output` and convert it to HTML
    with nbconvert (runs in a worker, so conversions too run side by side)."""
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(chapter.notebook), str(output), parameters=chapter.parameters, engine_name=ENGINE,
            kernel_name=KERNEL, progress_bar=False, request_save_on_cell_execute=False,
            start_timeout=START_TIMEOUT, record_timing=False,
        )
    except PapermillExecutionError as error:
        _without_timing(output, chapter)
        return ChapterResult(chapter, output, "", time.perf_counter() - started, _describe(error, output))
    notebook = _without_timing(output, chapter)
    return ChapterResult(chapter, output, chapter_html(notebook), time.perf_counter() - started)


def render_part(html: str, options: dict[str, Any]) -> RenderResult:
    """Render one part of the report (runs in a worker)."""
    started = time.perf_counter()
    return RenderResult(render(html, **options), time.perf_counter() - started)


TIMING = ("start_time", "end_time", "duration")


def _without_timing(executed: Path, chapter: Chapter) -> nbformat.NotebookNode:
    """Keep the notebook as papermill wrote it, minus what changes from run to run: its
    timestamps and durations, and the staging folder it was written to."""
    notebook = nbformat.read(executed, as_version=4)
    record = notebook.metadata.get("papermill", {})
    for key in TIMING:
        record.pop(key, None)
    record["output_path"] = executed.name
    record["input_path"] = f"{chapter.notebook.parent.name}/{chapter.notebook.name}"
    for cell in notebook.cells:
        for key in TIMING:
            cell.metadata.get("papermill", {}).pop(key, None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags or "papermill-error-cell-tag" in tags:
            cell.id = tags[-1]  # papermill gives the cells it adds random ids
    nbformat.write(notebook, executed)
    return notebook


def _describe(error: PapermillExecutionError, output: Path) -> ChapterFailure:
    first_line = next((line for line in str(error.source).splitlines() if line.strip()), "")
    cell = _cell_number(output, error.exec_count)
    return ChapterFailure(cell, first_line.strip(), f"{error.ename}: {error.evalue}")


def _cell_number(executed: Path, exec_count: int | None) -> int | None:
    """Position of the failing cell in the source notebook, counting from 1.

    The cells papermill added to the executed copy (the injected parameters, the error
    banner) are not counted, so the number leads to the cell to fix in notebooks/.
    """
    try:
        notebook = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return None
    added = {"papermill-error-cell-tag", "injected-parameters"}
    cells = [c for c in notebook.cells if not added & set(c.metadata.get("tags", []))]
    for number, cell in enumerate(cells, start=1):
        if cell.cell_type == "code" and cell.get("execution_count") == exec_count:
            return number
    return None


# ---------------------------------------------------------------- many chapters


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """forkserver: workers are forked from a clean server process (no threads of ours to
    fork) that has already imported this module, so a new worker starts in milliseconds."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _ready() -> None:
    """A task that does nothing: submitting one per worker makes the pool start them all now."""


class Workers:
    """Worker processes for chapters (each with a warm kernel) and for rendering parts.

    Used as a context manager: leaving it by an exception (a failed chapter, Ctrl-C) stops
    every worker at once, each taking its kernel down with it.
    """

    def __init__(self, jobs: int, notebooks: Path | None, kernel_env: dict[str, str]) -> None:
        self.pool = ProcessPoolExecutor(max(1, jobs), mp_context=_context(), initializer=start_worker,
                                        initargs=(notebooks, kernel_env))
        # Start every worker and its kernel now, in the background: the first start waits for
        # the fork server to import its modules, and the caller has data to check meanwhile.
        self._starting = threading.Thread(target=lambda: [self.pool.submit(_ready) for _ in range(max(1, jobs))],
                                          daemon=True)
        self._starting.start()

    def chapter(self, chapter: Chapter, output: Path) -> Future[ChapterResult]:
        self._starting.join()
        return self.pool.submit(run_chapter, chapter, output)

    def render(self, html: str, **options: Any) -> Future[RenderResult]:
        self._starting.join()
        return self.pool.submit(render_part, html, options)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._starting.join()
        if kind is None:
            self.pool.shutdown()
        else:
            _stop(self.pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now; each takes its kernel down with it (see engine.start_worker)."""
    workers = list(pool._processes.values())  # no public API lists a pool's processes
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=10)


def longest_first(chapters: Sequence[Chapter]) -> list[Chapter]:
    """The powiat chapter is the longest: start it first so it does not finish last alone."""
    return sorted(chapters, key=lambda c: c.key != "powiat")
