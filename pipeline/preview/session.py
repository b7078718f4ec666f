"""`make podglad`: the report made again after every save, shown in the browser as it changes.

One resident process keeps what a report run pays for at every start (the workers, their warm
Jupyter kernels, the imports) and loops: wait for the analyst to save (`watching`), make the
report through the same build as `make report` (`making.chain.Builder`: the same cache,
staging folders and publishing, so what it publishes is what `make report` would), show the
HTML edition as soon as every chapter is known and the rest once the whole report is
published (`state`, `server`). Bad data or a broken commentary shows the very messages of
`make validate`, in the terminal and in the browser, until the next good save.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
import webbrowser
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..data.fingerprint import code_version, report_years
from ..errors import DataError, format_problems
from ..making.chain import Builder
from ..making.failures import describe
from ..making.outputs import BuildResult
from ..making.progress import Progress
from ..making.record import build_key, up_to_date
from ..making.tasks import NOTEBOOKS
from .server import PreviewServer
from .state import PreviewState, Published
from .watching import POLL_INTERVAL, changes, needs_polling

__all__ = ["run_preview"]

CODE_CHANGED = ("Program (jego kod albo biblioteki) zmienił się od uruchomienia podglądu, a podgląd pracuje wciąż "
                "starym: zatrzymaj go (Ctrl-C) i uruchom ponownie, make podglad.")


def run_preview(inputs: Path, year: int | None = None, out: Path = Path("reports"), jobs: int | None = None,
                polling: bool | None = None, browser: bool = True, notebooks: Path = NOTEBOOKS,
                stream: TextIO | None = None) -> int:
    """Serve the report of `year` and make it again after every save in `inputs`, until
    Ctrl-C; returns the exit code (0)."""
    stream = stream or sys.stdout
    inputs, out = Path(inputs), Path(out)
    years = report_years(inputs, year)
    state = PreviewState(out / str(years[-1]) / "html")
    server = PreviewServer(state)
    server.start()
    polling = needs_polling(inputs) if polling is None else polling
    print(f"Podgląd raportu za {years[-1]} r.: {server.address}", file=stream, flush=True)
    watched = f"sprawdzane co {POLL_INTERVAL} ms" if polling else "zmiany widać od razu"
    print(f"Dane: {inputs} ({watched}); raport: {out / str(years[-1])}. Zatrzymanie: Ctrl-C.", file=stream, flush=True)
    if browser and _can_open_browser(stream):
        threading.Thread(target=webbrowser.open, args=(server.address,), daemon=True).start()
    try:
        with _stopped_by_sigterm(), Builder(inputs, years[-1], out, jobs, notebooks, resident=True) as builder:
            session = _Session(builder, state, notebooks, stream)
            session.start()
            for batch in changes(inputs, years, polling):
                session.saved(batch)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("\nPodgląd zatrzymany.", file=stream, flush=True)
    return 0


class _Session:
    """The build loop: what was last made, and what a save makes again."""

    def __init__(self, builder: Builder, state: PreviewState, notebooks: Path, stream: TextIO) -> None:
        self.builder, self.state, self.notebooks, self.stream = builder, state, notebooks, stream
        self.code = code_version()  # what the workers and kernels run: the code as it was at the start
        self.built: str | None = None  # the build key of the last report made (or refused for its data)
        self.warnings: str | None = None

    def start(self) -> None:
        """Show the published report if it is up to date, or make it."""
        record = up_to_date(self.builder.inputs, self.builder.year, self.builder.out, self.notebooks)
        if record is None:
            self._build("pierwsze tworzenie raportu", time.perf_counter())
            return
        self.built = str(record["key"])
        pdf = self.builder.out / str(self.builder.year) / str(record["pdf"])
        self._say(f"Raport jest aktualny: {pdf}")
        self.state.build_done(Published(pdf.name, _pages(pdf), pdf.stat().st_mtime, 0.0, *self._warnings_now()))

    def saved(self, batch: list[str]) -> None:
        """The analyst saved `batch`: make the report again, if what it is made from changed."""
        saved_at = time.perf_counter()
        key = build_key(self.builder.inputs, self.builder.year, self.notebooks)
        if key == self.built:
            return  # a lock file, a temporary file, a save that changed nothing
        self._build(", ".join(batch), saved_at)

    def _build(self, what: str, saved_at: float) -> None:
        self._say(f"\nZmiana: {what}")
        self.state.building_started(what)
        if code_version() != self.code:
            self._failed(CODE_CHANGED, None)
            return
        key = build_key(self.builder.inputs, self.builder.year, self.notebooks)
        try:
            result = self.builder.build(Progress(), pages=lambda files: self.state.pages_ready(
                files, time.perf_counter() - saved_at))
        except Exception as error:  # the same words as any run's; the preview goes on
            failure = describe(error, self.builder.inputs, self.builder.out / str(self.builder.year))
            self._failed(failure.text, key if isinstance(error, DataError) else None)
            return
        self.built = key
        self._done(result, time.perf_counter() - saved_at)

    def _done(self, result: BuildResult, seconds: float) -> None:
        warnings = [p for p in result.dataset.problems if not p.is_error] if result.dataset else []
        text = format_problems(warnings) if warnings else ""
        pages = _pages(result.pdf)
        html = self.state.snapshot().html_seconds
        self._say(f"Gotowe po {seconds:.1f} s od zapisu" + (f" (strony HTML po {html:.1f} s)" if html else "")
                  + f": {result.pdf} ({pages} s.)")
        if text and text != self.warnings:
            self._say(f"Uwagi z kontroli danych ({len(warnings)}) – opisane też w aneksie raportu:\n{text}")
        self.warnings = text
        self.state.build_done(Published(result.pdf.name, pages, time.time(), seconds, text, len(warnings)))

    def _failed(self, message: str, key: str | None) -> None:
        """Show why the report was not made; with `key` (bad data), the same files are not
        tried again until they change, otherwise any save tries again."""
        self.built = key
        print(message, file=sys.stderr, flush=True)
        self._say("Popraw plik i zapisz go – podgląd spróbuje ponownie sam. Poprzedni raport jest nietknięty.")
        self.state.build_failed(message)

    def _warnings_now(self) -> tuple[str, int]:
        """The data check's warnings of an up-to-date report (the checked data is in the cache)."""
        from ..data.dataset import load_dataset
        from ..data.store import Store

        ds = load_dataset(self.builder.inputs, self.builder.year,
                          cache=Store(self.builder.out / str(self.builder.year) / ".cache"))
        warnings = [p for p in ds.problems if not p.is_error]
        self.warnings = format_problems(warnings) if warnings else ""
        return self.warnings, len(warnings)

    def _say(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


def _pages(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return len(document.pages)


def _can_open_browser(stream: TextIO) -> bool:
    """A browser only for a person at a terminal with a screen: never in tests or over SSH
    without a display (a text browser would take over the terminal)."""
    if not stream.isatty():
        return False
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (a closing terminal, a service manager) stops the preview as Ctrl-C does: the
    workers and their kernels go with it, and the staging and private folders are removed."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
