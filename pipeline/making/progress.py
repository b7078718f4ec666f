"""Progress of a report run: one updating line on a terminal, plain lines in a log."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Which stage, which chapter, and the time so far."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.terminal = enabled and self.stream.isatty()
        self.started = time.perf_counter()
        self._open_line = False

    @classmethod
    def quiet(cls) -> Progress:
        return cls(enabled=False)

    def _line(self, text: str) -> str:
        return f"[{time.perf_counter() - self.started:6.1f} s] {text}"

    def stage(self, text: str) -> None:
        if not self.enabled:
            return
        if self.terminal:
            self.stream.write("\r\033[K" + self._line(text))
            self._open_line = True
        else:
            self.stream.write(self._line(text) + "\n")
        self.stream.flush()

    def done(self, text: str) -> None:
        if not self.enabled:
            return
        if self._open_line:
            self.stream.write("\r\033[K")
        self.stream.write(self._line(text) + "\n")
        self.stream.flush()
        self._open_line = False
