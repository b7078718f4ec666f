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
imports nothing heavy, so the workers boot while the steps' imports load. A `Builder`
keeps the workers for one build or, resident, for the many builds of the live preview. Everything is
written into a staging folder and published only when the PDF exists (`outputs`); what the
build and its workers hand each other as pickles goes through a private folder outside
`reports/` (`staging`). Both are removed whatever happens, a killed run's by the next run.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from ..data.fingerprint import report_years
from ..data.sharing import SHARED_FILE, shared_env
from .disk import ensure_space
from .outputs import BuildResult
from .progress import Progress
from .record import read_record, up_to_date
from .staging import private_folder, staging, sweep_stale
from .tasks import NOTEBOOKS, PagesListener
from .workers import Workers, default_jobs

__all__ = ["Builder", "build_report"]


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
    ensure_space(out / str(report_years(inputs, year)[-1]), inputs)  # before any worker starts
    with Builder(inputs, year, out, jobs, notebooks, force=force) as builder:
        result = builder.build(progress, force, readers)
    result.seconds["razem"] = time.perf_counter() - started
    progress.done(f"Gotowe: {result.pdf}")
    return result


class Builder:
    """The workers with their warm kernels and the private folder they share with the build,
    kept for one build (`build_report`) or, `resident`, for as many as a long-running
    process makes (the live preview): each build gets its own staging folder and the same
    staging and publishing rules as any other run.

    A build that fails after handing work to the workers (a failed chapter, a render or disk
    error) leaves a resident builder with fresh workers, so nothing of it reaches the next
    build; one that fails on the data never reaches the workers and keeps them warm.
    """

    def __init__(self, inputs: Path, year: int | None, out: Path, jobs: int | None = None,
                 notebooks: Path = NOTEBOOKS, resident: bool = False, force: bool = False) -> None:
        self.inputs, self.out, self.notebooks, self.resident = Path(inputs), Path(out), notebooks, resident
        self.force = force
        self.year = report_years(self.inputs, year)[-1]
        self.jobs = jobs or default_jobs()
        self._stack = contextlib.ExitStack()
        self.workers: Workers | None = None

    def __enter__(self) -> Builder:
        with self._stack as stack:
            self.private = stack.enter_context(private_folder())
            self.shared = self.private / SHARED_FILE
            # The workers and their kernels boot first, while this process imports pandas,
            # WeasyPrint and the rest and checks the data: each waits on the other less.
            self.workers = self._start_workers()
            self._stack = stack.pop_all()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        try:
            if self.workers is not None:
                self.workers.__exit__(kind, error, trace)
        finally:
            self._stack.__exit__(kind, error, trace)

    def _start_workers(self) -> Workers:
        env = shared_env(self.shared, self.inputs, self.year)
        return Workers(self.jobs, self.notebooks, env, self.private, resident=self.resident, kernels=self._kernels())

    def _kernels(self) -> int:
        """Kernels to boot before anything is known of what changed. Every core's, unless a
        report was made before and is rebuilt from the cache (a kept preview boots them all,
        once): an edit mostly makes one chapter again, and a second kernel booting for
        nothing takes the processor from the first."""
        if self.resident or self.force or not read_record(self.out / str(self.year)):
            return self.jobs
        return 1

    def build(self, progress: Progress, force: bool = False, readers: bool = True,
              pages: PagesListener | None = None) -> BuildResult:
        """One build into `<out>/<rok>/`, published when whole; `pages` is handed the HTML
        edition's pages as soon as every chapter is known, before the PDFs are rendered."""
        assert self.workers is not None, "a Builder is used inside `with`"
        ensure_space(self.out / str(self.year), self.inputs)
        submitted = self.workers.submitted
        try:
            with staging(self.out / str(self.year)) as stage:
                from .steps import make_report

                return make_report(self.inputs, self.year, self.out, self.notebooks, force, self.workers, stage,
                                   self.shared, progress, readers, pages)
        except Exception:
            if self.resident and self.workers.submitted != submitted:
                self._renew_workers()
            raise

    def _renew_workers(self) -> None:
        assert self.workers is not None
        old, self.workers = self.workers, None
        old.__exit__(RuntimeError, None, None)  # stops them at once, kernels and all
        self.workers = self._start_workers()
