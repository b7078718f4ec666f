"""What the analyst is told when a run fails, and its exit code: one place for the command line
and the live preview, which shows the same words in the terminal and in the browser.

- bad data: every problem, as `validate` prints them, then the summary (exit 1);
- any other `PipelineError` (a failed chapter, a full disk, a locked input): "Błąd: …";
- an `OSError` the disk module recognises (no space, no permission, a file Excel holds open)
  becomes that error first;
- anything else is a bug of the program, not of the data: one sentence, and the traceback in
  `blad-<date>.txt` beside the report (`<out>/<rok>/nieudane/`), or in the system's temporary
  folder for a command that has no report folder (exit 3).
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import DataError, PipelineError, format_problems
from .disk import as_pipeline_error

__all__ = ["EVIDENCE", "INTERNAL_ERROR", "Failure", "describe"]

INTERNAL_ERROR = 3
EVIDENCE = "nieudane"  # in <out>/<rok>/, beside a failed chapter's notebook; removed by the next report made


@dataclass(frozen=True)
class Failure:
    text: str  # for the terminal's error stream (and the preview's page)
    exit_code: int


def describe(error: Exception, inputs: Path | None, report: Path | None) -> Failure:
    """The analyst's words for `error`, met while reading `inputs` or making the report in
    `report` (<out>/<rok>; None for a command without one)."""
    if isinstance(error, DataError):
        return Failure(f"{format_problems(error.problems)}\n\n{error}", error.exit_code)
    if isinstance(error, OSError):  # a full disk, a folder that may not be written, a file Excel holds open
        error = as_pipeline_error(error, inputs, report) or error
    if isinstance(error, PipelineError):
        return Failure(f"Błąd: {error}", error.exit_code)
    return _internal_error(error, report)


def _internal_error(error: BaseException, report: Path | None) -> Failure:
    """A bug, not bad data: one sentence for the analyst, the traceback in a file for whoever
    fixes it. The file stays on this computer; nothing is sent anywhere."""
    places = [report / EVIDENCE] if report else []
    path = _write_evidence(error, [*places, Path(tempfile.gettempdir())])
    lead = ""
    if path is None:  # nowhere to write: the traceback goes to the terminal, the only place left
        lead = "".join(traceback.format_exception(error))
        where = "powyżej"
    else:
        where = f"w {path}"
    return Failure(lead + f"Błąd programu (to nie jest błąd danych) – szczegóły {where}; zgłoś go wraz z tym "
                   "plikiem.\nPlik powstał tylko na tym komputerze (program niczego nie wysyła) i może zawierać "
                   "fragmenty danych: przejrzyj go, zanim go komuś przekażesz.", INTERNAL_ERROR)


def _write_evidence(error: BaseException, folders: list[Path]) -> Path | None:
    """`blad-<date and time>.txt` in the first of `folders` that can be written."""
    now = dt.datetime.now()
    text = "\n".join([
        "Raport o bezpieczeństwie – błąd programu (nie danych)",
        f"Czas: {now:%Y-%m-%d %H:%M:%S}",
        f"Polecenie: python -m pipeline {' '.join(sys.argv[1:])}",
        f"Wersja: {__version__}, Python {platform.python_version()}, {platform.platform()}",
        "Plik powstał tylko na tym komputerze; program niczego nie wysyła. Może zawierać fragmenty danych.",
        "", "".join(traceback.format_exception(error))])
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for number in range(1, 100):
                path = folder / f"blad-{now:%Y-%m-%d_%H-%M-%S}{'' if number == 1 else f'-{number}'}.txt"
                try:
                    with path.open("x", encoding="utf-8") as file:
                        file.write(text)
                    return path
                except FileExistsError:
                    continue
        except OSError:
            continue
    return None
