"""What the preview shows right now: shared by the build loop, which changes it, and the
server's threads, which read it and wait for it to change (a browser's long poll).

A build shows itself in two steps: the HTML edition's pages as soon as every chapter is known
(`pages`, held in memory: nothing is published yet), then, once the PDFs are made and the
whole report is published into `<out>/<rok>/`, the published edition itself, with the PDF's
link and page count. A failed build shows its messages instead of every page, until the next
good save.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PreviewState", "Published", "Snapshot", "digest"]


@dataclass(frozen=True)
class Published:
    """The report as the last good build published it."""

    pdf: str  # the PDF's name; the edition links it at pliki/<name>
    pages: int
    finished: float  # time.time() when it was published
    seconds: float  # from the save to the published report
    warnings: str = ""  # the data check's UWAGA lines, as `validate` prints them
    warning_count: int = 0


@dataclass(frozen=True)
class Snapshot:
    """One moment of the preview, for one request."""

    edition: Path  # <out>/<rok>/html: the published edition
    pages: Mapping[str, bytes] | None = None  # this build's edition, before it is published
    building: str | None = None  # what the build in progress is making: "2025/komentarz.md"
    error: str | None = None  # the last build's messages, when it failed
    published: Published | None = None
    banner: int = 0  # changes whenever the banner above every page changes
    builds: int = 0  # builds finished, well or not
    html_seconds: float | None = None  # from the save to this build's pages
    closed: bool = False


@dataclass
class PreviewState:
    edition: Path
    _now: Snapshot = field(init=False)
    _changed: threading.Condition = field(default_factory=threading.Condition, init=False)

    def __post_init__(self) -> None:
        self._now = Snapshot(self.edition)

    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._now

    # ---------------------------------------------------------------- the build loop's side

    def building_started(self, what: str) -> None:
        self._update(building=what, html_seconds=None)

    def pages_ready(self, pages: Mapping[str, bytes], seconds: float) -> None:
        self._update(pages=dict(pages), error=None, html_seconds=seconds)

    def build_done(self, published: Published) -> None:
        self._update(pages=None, error=None, building=None, published=published, builds=self._now.builds + 1)

    def build_failed(self, message: str) -> None:
        self._update(pages=None, error=message, building=None, builds=self._now.builds + 1)

    def close(self) -> None:
        self._update(closed=True)

    def _update(self, **changes: object) -> None:
        with self._changed:
            self._now = dataclasses.replace(self._now, banner=self._now.banner + 1, **changes)  # type: ignore[arg-type]
            self._changed.notify_all()

    # ---------------------------------------------------------------- the server's side

    def wait(self, changed: Callable[[Snapshot], bool], timeout: float) -> Snapshot:
        """The snapshot once `changed(snapshot)` (or the preview closes), or at `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (self._now.closed or changed(self._now)):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return self._now


def digest(data: bytes) -> str:
    """A short name for a page's content: the browser's page reloads when it changes."""
    return hashlib.sha256(data).hexdigest()[:32]
