"""What a worker process does: run a chapter's notebook with papermill, render a part, make
a gmina's extract.

papermill stays the executor: parameters are injected the papermill way and the executed
notebook is written by papermill, through the project's engine ("raport-warm", see
`kernel` and `papermill_engine`). A failed chapter is reported with its notebook, cell and
exception, as plain data that crosses the process boundary intact (`tasks`). The pool of
workers is `workers.Workers`.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

import nbformat
import papermill
from papermill.engines import papermill_engines
from papermill.exceptions import PapermillException, PapermillExecutionError

from ..document.convert import chapter_html
from ..document.merge import merge_parts
from ..document.pdfdata import ExtractLayout
from ..document.render import render
from .kernel import KERNEL, START_TIMEOUT, ensure_kernel, release_kernel_if_done
from .tasks import Chapter, ChapterFailure, ChapterResult, ExtractResult, RenderResult

__all__ = ["ENGINE", "make_extract", "render_part", "run_chapter"]

ENGINE = "raport-warm"


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
    ensure_kernel()
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
    release_kernel_if_done()
    started = time.perf_counter()
    return RenderResult(render(html, **options), time.perf_counter() - started)


def make_extract(layout: ExtractLayout, options: dict[str, Any]) -> ExtractResult:
    """Render an extract's front (unless `options["front"]` holds it already) and its page
    numbers, and merge them with the report's parts and the files of `options["carrier"]`
    (runs in a worker, so the extracts are made side by side)."""
    release_kernel_if_done()
    started = time.perf_counter()
    given = options["front"]
    front = given if given is not None else render(layout.front, **options["front_options"])
    made = front if given is None else None
    if front.pages != layout.front_pages:  # the contents' page numbers are off: lay out again
        return ExtractResult(None, front.pages, time.perf_counter() - started, made)
    data = merge_parts(front.data, layout.parts, _page_numbers(layout.numbering), layout.bookmarks,
                       options["carrier"], options["identifier"], _page_numbers(layout.footers), layout.footer_page)
    return ExtractResult(data, front.pages, time.perf_counter() - started, made)


@functools.lru_cache(maxsize=8)
def _page_numbers(html: str) -> bytes:
    """Extracts of as many pages share their page numbers, and all of them the document of their
    footers: a worker renders each once."""
    return render(html).data


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

