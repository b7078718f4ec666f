"""The fronts (the cover and contents of the report and of each gmina's extract) and the files
they carry.

A front is rendered with placeholders for the input files and keyed on its HTML and how many
files it carries; the files themselves are rendered once per build into a small carrier PDF
and swapped into the placeholders at merge time (`document.attachments`). So a change in the
data that moves no page number renders no front again, in the report or in any extract, and
the merged PDF is byte for byte what it was when every front carried its files itself.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from ..data import fingerprint
from ..data.dataset import Dataset
from ..data.store import Store
from ..document.attachments import CARRIER, PLACEHOLDER_IDENTIFIER, placeholders
from ..document.provenance import embedded_count, embedded_files, manifest, report_date
from .cache import read_rendered, write_rendered
from .tasks import RenderResult
from .workers import Workers

__all__ = ["Carrier", "front_key", "front_options"]


def front_key(code: str, html: str, ds: Dataset) -> str:
    return fingerprint.digest(code, "front", html, str(embedded_count(ds)), str(report_date(ds)))


def front_options(ds: Dataset) -> dict[str, Any]:
    """How a front is rendered: with a placeholder for every file it will carry."""
    return {"embedded": placeholders(embedded_count(ds)), "date": report_date(ds),
            "identifier": PLACEHOLDER_IDENTIFIER}


class Carrier:
    """The files the report and its extracts carry (the inputs and their manifest), rendered
    once per build in a worker, or taken from the cache when the inputs are the same."""

    def __init__(self, ds: Dataset, store: Store, code: str, workers: Workers) -> None:
        self.store = store
        self.key = fingerprint.digest(code, "carrier", CARRIER, manifest(ds), str(report_date(ds)))
        cached = read_rendered(store, self.key)
        self._stored = cached is not None
        if cached is not None:
            self.future: Future[RenderResult] = Future()
            self.future.set_result(RenderResult(cached, 0.0))
        else:
            self.future = workers.render(CARRIER, embedded=embedded_files(ds), date=report_date(ds))

    def ready(self) -> bool:
        return self.future.done()

    def data(self) -> bytes:
        """The carrier's PDF (waits for it); kept in the cache the first time it is asked for."""
        rendered = self.future.result().rendered
        if not self._stored:
            write_rendered(self.store, self.key, rendered)
            self._stored = True
        return rendered.data
