"""The worker processes: each keeps a warm Jupyter kernel and takes chapters and parts.

Workers are processes, not threads: kernel ports and papermill's working directory are
not thread-safe. Every message between the build and its workers is small: a task's
arguments and its result (HTML, PDFs, the embedded inputs) travel as pickles in a private
folder (`staging.private_folder`: this user's only, outside `reports/`), so no pipe ever
holds a half-written message. That is what lets a failed
chapter or Ctrl-C stop the workers at once: killing a worker while the pool's feeder
thread is still writing a large task into its pipe leaves the feeder blocked for good,
and the interpreter hangs at exit joining it (CPython before 3.11.5, gh-94777).

This module is light (no pandas, papermill or WeasyPrint), so a build can
start its workers first and import the rest while they boot; the work itself is in
`execute`, which the fork server has imported before it forks a worker.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .kernel import start_worker
from .tasks import Chapter, ChapterResult, ExtractResult, RenderResult

if TYPE_CHECKING:
    from ..document.extracts import ExtractLayout

__all__ = ["Workers", "default_jobs"]

PARCELS = "parcels"  # in the private folder: the tasks and results on their way


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
    context.set_forkserver_preload(["pipeline.making.execute"])
    return context


def _ready() -> None:
    """A task that does nothing: submitting one per worker makes the pool start them all now."""


class Workers:
    """Worker processes for chapters (each with a warm kernel), for rendering parts and for
    making the gminas' extracts.

    Used as a context manager: leaving it by an exception (a failed chapter, Ctrl-C) stops
    every worker at once, each taking its kernel down with it. The workers know nothing of a
    build's staging folder, only of the private folder they were given: a long-running
    process can keep them (and the folder) for many builds, handing each build's dataset
    over with `sharing.share` at the same place.
    """

    def __init__(self, jobs: int, notebooks: Path | None, kernel_env: dict[str, str], private: Path) -> None:
        self.jobs = max(1, jobs)
        self._parcels = private / PARCELS
        self._parcels.mkdir(parents=True, exist_ok=True)
        self._numbers = itertools.count()
        context = _context()
        self._chapters_done = context.Value("b", 0)
        self.pool = ProcessPoolExecutor(max(1, jobs), mp_context=context, initializer=start_worker,
                                        initargs=(notebooks, kernel_env, self._chapters_done, private))
        # Start every worker and its kernel now, in the background: the first start waits for
        # the fork server to import its modules, and the caller has data to check meanwhile.
        self._start_error: BaseException | None = None
        self._starting = threading.Thread(target=self._start_all, daemon=True)
        self._starting.start()

    def _start_all(self) -> None:
        try:
            for _ in range(self.jobs):
                self.pool.submit(_ready)
        except BaseException as error:  # no worker could start (no memory, a full /tmp): the build says so
            self._start_error = error

    def chapter(self, chapter: Chapter, output: Path) -> Future[ChapterResult]:
        from .execute import run_chapter

        return self._submit(run_chapter, chapter, output)

    def no_more_chapters(self) -> None:
        """Let each worker stop its kernel before its next part: rendering needs none."""
        self._chapters_done.value = 1

    def render(self, html: str, **options: Any) -> Future[RenderResult]:
        from .execute import render_part

        return self._submit(render_part, html, options)

    def extract(self, layout: ExtractLayout, **options: Any) -> Future[ExtractResult]:
        from .execute import make_extract

        return self._submit(make_extract, layout, options)

    def _submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run `function(*args)` in a worker; the arguments and the result travel as files."""
        self._starting.join()
        if self._start_error is not None:
            raise self._start_error
        task = self._parcels / f"{next(self._numbers)}.task"
        task.write_bytes(pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL))
        result: Future[Any] = Future()
        self.pool.submit(_run_parcel, task).add_done_callback(lambda done: _unpack(done, result))
        return result

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._starting.join()
        if kind is None:
            self.pool.shutdown()
        else:
            _stop(self.pool)


def _run_parcel(task: Path) -> Path:
    """In a worker: run the task stored in `task`, store its result next to it."""
    function, args = pickle.loads(task.read_bytes())
    task.unlink()
    result = task.with_suffix(".result")
    result.write_bytes(pickle.dumps(function(*args), protocol=pickle.HIGHEST_PROTOCOL))
    return result


def _unpack(done: Future[Path], result: Future[Any]) -> None:
    """Hand a worker's stored result (or its failure) on to the future the caller holds."""
    try:
        if done.cancelled():
            result.cancel()
        elif (error := done.exception()) is not None:
            result.set_exception(error)
        else:
            path = done.result()
            result.set_result(pickle.loads(path.read_bytes()))
            path.unlink()
    except BaseException as error:  # a callback's error would be lost and the caller wait forever
        if not result.done():
            result.set_exception(error)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now; each takes its kernel down with it (see kernel.start_worker)."""
    workers = list(pool._processes.values())  # no public API lists a pool's processes
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=10)
