"""When the machine says no, in words the analyst can act on: a full disk, a folder that may
not be written, a read-only drive, an input file Excel holds open. And what makes a new
report survive a power cut: its files flushed to disk before they are moved into place.

The build checks the free space before it starts (it needs at least as much as the
previous report takes); whatever it meets later is turned into a `DiskError` or a
`LockedFileError` here, once, at the edge (`cli`).
"""

from __future__ import annotations

import errno
import math
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import DiskError, LockedFileError, PipelineError
from .staging import STAGING_PREFIX

__all__ = ["as_pipeline_error", "ensure_space", "flush", "flush_folder", "locked_input", "report_size"]

SPACE = (errno.ENOSPC, errno.EDQUOT)
REFUSED = (errno.EACCES, errno.EPERM, errno.EROFS)
MB = 2**20
KEPT = " Poprzedni raport pozostał bez zmian."
CHAPTER_GUESS = 3 * MB  # what a chapter adds to a report (PDF, extract, edition, data, cache), roughly
# Which program most likely holds an input open, by the file's suffix.
PROGRAMS = {".csv": "w Excelu", ".xlsx": "w Excelu", ".xls": "w Excelu", ".docx": "w Wordzie", ".doc": "w Wordzie"}


def as_pipeline_error(error: OSError, inputs: Path | None = None, report: Path | None = None
                      ) -> PipelineError | None:
    """The analyst's message for an OS error met while reading `inputs` or writing the
    report's folder `report` (<out>/<rok>); None when it is not one of those."""
    where = Path(error.filename) if error.filename else None
    if error.errno in (errno.EACCES, errno.EPERM) and where and inputs and _inside(where, inputs):
        return locked_input(where)
    if error.errno in SPACE:
        folder = _existing(where) if where else _fullest([p for p in (report, Path(tempfile.gettempdir())) if p])
        return DiskError(_no_space(folder, report, inputs, quota=error.errno == errno.EDQUOT))
    if error.errno in REFUSED:
        folder = _existing(where or report or Path.cwd())
        return DiskError(_refused(folder, report, read_only=error.errno == errno.EROFS))
    return None


def locked_input(path: Path) -> LockedFileError:
    program = PROGRAMS.get(path.suffix.lower(), "w programie, w którym jest otwarty,")
    return LockedFileError(f"Nie można odczytać pliku {path}: jest otwarty w innym programie albo brak uprawnień "
                           f"do jego odczytu – zamknij plik {program} i uruchom ponownie.")


def ensure_space(report: Path, inputs: Path) -> None:
    """Stop before starting when the disk cannot hold another copy of the report in
    `report` (<out>/<rok>): the new one is written beside the old one, then swapped in."""
    needed = report_size(report, cache=False)
    if not needed:
        return  # no report yet: nothing to go by
    folder = _existing(report)
    if shutil.disk_usage(folder).free < needed:
        raise DiskError(_no_space(folder, report, inputs))


def report_size(report: Path, cache: bool = True) -> int:
    """Bytes of the report in `report` (<out>/<rok>), each file once (the HTML edition links
    the PDFs), without staging folders; with its cache unless `cache` is False."""
    seen, size = set(), 0
    for path in _files(report, cache):
        try:
            stat = path.stat()
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) not in seen:
            seen.add((stat.st_dev, stat.st_ino))
            size += stat.st_size
    return size


def flush(paths: Iterable[Path]) -> None:
    """Write the files and folders under `paths` through to the disk (fsync), each file
    once, so that a power cut after they are moved into place cannot leave them empty."""
    seen: set[tuple[int, int]] = set()
    for top in paths:
        for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
            stat = path.stat()
            if (stat.st_dev, stat.st_ino) not in seen:
                seen.add((stat.st_dev, stat.st_ino))
                _fsync(path)


def flush_folder(folder: Path) -> None:
    """Make the renames in `folder` durable."""
    _fsync(folder)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):  # a folder some systems cannot sync
            raise
    finally:
        os.close(descriptor)


def _files(report: Path, cache: bool) -> list[Path]:
    if not report.is_dir():
        return []
    tops = [p for p in report.iterdir() if not p.name.startswith(STAGING_PREFIX) and (cache or p.name != ".cache")]
    return [f for top in tops for f in ([top] if not top.is_dir() else top.rglob("*")) if f.is_file()]


def _no_space(folder: Path, report: Path | None, inputs: Path | None, quota: bool = False) -> str:
    needed = (report_size(report) if report else 0) or _guess(inputs)
    missing = needed - shutil.disk_usage(folder).free
    megabytes = max(1, math.ceil((missing if missing > 0 else needed) / MB))
    what = "Przekroczony limit miejsca (quota)" if quota else "Brak miejsca na dysku"
    text = f"{what} w {folder}: zwolnij co najmniej ~{megabytes} MB i uruchom ponownie"
    return text + (" (albo wskaż folder na innym dysku: make report OUT=…)." + KEPT if report else ".")


def _guess(inputs: Path | None) -> int:
    """What a first report will take: a few megabytes a chapter (the example's 9 take 26 MB)."""
    from ..data.registry import read_powiat

    try:
        return CHAPTER_GUESS * (len(read_powiat(inputs).gminy) + 1) if inputs else CHAPTER_GUESS * 10
    except (PipelineError, OSError):
        return CHAPTER_GUESS * 10


def _refused(folder: Path, report: Path | None, read_only: bool) -> str:
    why = "dysk jest tylko do odczytu" if read_only else "brak uprawnień"
    text = f"Nie można zapisać w {folder}: {why}. Sprawdź uprawnienia do tego folderu albo wskaż inny"
    return text + (": make report OUT=…" + KEPT if report else ".")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _existing(path: Path) -> Path:
    """The nearest folder of `path` that exists: the one to name and to measure."""
    for candidate in [path, *path.parents]:
        if candidate.is_dir():
            return candidate
    return Path.cwd()


def _fullest(paths: list[Path]) -> Path:
    """Of the places a run writes to, the one with the least room: where a write without a
    file name (the disk filled up while writing) most likely failed."""
    folders = [_existing(p) for p in paths] or [Path.cwd()]
    return min(folders, key=lambda f: shutil.disk_usage(f).free)
