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

This module starts the workers and hands over to `steps`, which does the steps; it
imports nothing heavy, so the workers boot while the steps' imports load. Everything is
written into a staging folder and published only when the PDF exists (`outputs`); what the
build and its workers hand each other as pickles goes through a private folder outside
`reports/` (`staging`). Both are removed whatever happens, a killed run's by the next run.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..data.fingerprint import report_years
from ..data.sharing import SHARED_FILE, shared_env
from .disk import ensure_space
from .outputs import BuildResult
from .progress import Progress
from .record import up_to_date
from .staging import private_folder, staging, sweep_stale
from .tasks import NOTEBOOKS
from .workers import Workers, default_jobs

__all__ = ["build_report"]


def build_report(inputs: Path, year: int | None = None, out: Path = Path("reports"), jobs: int | None = None,
                 progress: Progress | None = None, notebooks: Path = NOTEBOOKS, force: bool = False,
                 readers: bool = True) -> BuildResult:
    """Make the report of `year` in `<out>/<rok>/`, reusing whatever has not changed; with
    `readers` (the default) also each gmina's extract, the HTML edition and the open data."""
    progress = progress or Progress.quiet()
    started = time.perf_counter()
    inputs, out = Path(inputs), Path(out)
    if not force and (record := up_to_date(inputs, year, out, notebooks, readers)):
        sweep_stale(out, int(str(record["rok"])))
        pdf = out / str(record["rok"]) / str(record["pdf"])
        progress.done(f"Bez zmian od ostatniego raportu: {pdf}")
        return BuildResult(pdf, None, {"razem": time.perf_counter() - started}, up_to_date=True)
    years = report_years(inputs, year)
    ensure_space(out / str(years[-1]), inputs)
    with staging(out / str(years[-1])) as stage, private_folder() as private:
        shared = private / SHARED_FILE
        # The workers and their kernels boot first, while this process imports pandas,
        # WeasyPrint and the rest and checks the data: each waits on the other less.
        with Workers(jobs or default_jobs(), notebooks, shared_env(shared, inputs, years[-1]), private) as workers:
            from .steps import make_report

            result = make_report(inputs, years[-1], out, notebooks, force, workers, stage, shared, progress,
                                 readers)
    result.seconds["razem"] = time.perf_counter() - started
    progress.done(f"Gotowe: {result.pdf}")
    return result
