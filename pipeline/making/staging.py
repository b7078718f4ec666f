"""The folders a run works in, and how a killed run's folders get cleaned up by the next one.

- The **staging folder** `<out>/<rok>/.budowa-*`: the new report is written there and moved
  into place only when it is whole (`outputs.publish`).
- The **private folder** `<temp>/raport-prywatne-*` (mode 0700, outside `reports/`): what
  the build and its workers hand each other as pickles (tasks, results, the checked dataset
  for the kernels). Pickles are code, so they never live where others can write.
- Each warm kernel's folder `<temp>/raport-kernel-*` (its sockets and connection file),
  claimed by the worker that keeps the kernel (`kernel`).

A run claims each folder it makes: an owner file in it (host, pid, the process's start
time) held under `fcntl.flock` while the run lives. A run killed outright (kill -9, a power
cut, a closed WSL window) cannot remove its folders, so every run, even one that finds
nothing changed, removes the folders no live run holds (`sweep`). Where locks cannot be
trusted (SMB, NFS, WSL's Windows drives, where a lock may be granted though another
machine holds it), the owner file decides: a folder is dead when its process is gone on
this host, or when it was started on another host more than a day ago. A folder without
an owner file (the moment between making it and claiming it, or an older version's) is
dead once it is an hour old. A long-running process (the live preview) keeps its claims
for as long as it lives; the rules are the same.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # not a POSIX system: the owner files alone decide
    fcntl = None  # type: ignore[assignment]

__all__ = ["KERNEL_PREFIX", "PRIVATE_PREFIX", "STAGING_PREFIX", "Claim", "private_folder", "publishing", "staging",
           "sweep", "sweep_stale"]

STAGING_PREFIX = ".budowa-"
PRIVATE_PREFIX = "raport-prywatne-"
KERNEL_PREFIX = "raport-kernel-"
TEMPORARY_PREFIXES = (PRIVATE_PREFIX, KERNEL_PREFIX)  # what a run keeps in the system's temporary folder
OWNER = ".wlasciciel.json"
PUBLISHING = "publikacja.lock"  # in <out>/<rok>/.cache/: one run at a time moves its report in
FOREIGN_AGE = 24 * 3600  # seconds: a folder started on another host is dead after this
UNCLAIMED_AGE = 3600  # seconds: a folder without an owner file is dead after this


class Claim:
    """This process's hold on one folder: its owner file, locked while the process lives."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._file: IO[str] | None = (folder / OWNER).open("w", encoding="utf-8")
        _lock(self._file, wait=True)  # a sweeping run may hold it for a moment: it finds the folder young
        json.dump(_me(), self._file)
        self._file.flush()

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing it releases the lock
            self._file = None


@contextlib.contextmanager
def staging(folder: Path) -> Iterator[Path]:
    """A claimed folder next to the report, for the new one; removed whatever happens, and
    the folders of runs that were killed are removed first."""
    folder.mkdir(parents=True, exist_ok=True)
    sweep(folder, STAGING_PREFIX)
    with _claimed(Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))) as stage:
        yield stage


@contextlib.contextmanager
def private_folder() -> Iterator[Path]:
    """A claimed folder of this user's only (0700), outside `reports/`, in the system's
    temporary folder; removed whatever happens (a killed run's: by the next run)."""
    _sweep_temporary()
    with _claimed(Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX))) as private:
        yield private


@contextlib.contextmanager
def _claimed(folder: Path) -> Iterator[Path]:
    claim = None
    try:
        claim = Claim(folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if claim is not None:
            claim.release()


@contextlib.contextmanager
def publishing(folder: Path) -> Iterator[None]:
    """One run at a time moves its report into `folder` (two runs at once both publish, one
    after the other). Where locks do not work, the runs publish as before, unordered."""
    lock = folder / ".cache" / PUBLISHING
    if lock.parent.exists() and not lock.parent.is_dir():  # a damaged cache: a file where its folder was
        lock.parent.unlink()
    lock.parent.mkdir(parents=True, exist_ok=True)
    if lock.is_dir() and not lock.is_symlink():
        shutil.rmtree(lock, ignore_errors=True)
    with lock.open("a", encoding="utf-8") as file:
        _lock(file, wait=True)
        yield


def sweep_stale(out: Path, year: int) -> None:
    """What every run does first: remove the staging folders of dead runs in `<out>/<rok>/`
    and their private folders. Never fails a run."""
    sweep(out / str(year), STAGING_PREFIX)
    _sweep_temporary()


def _sweep_temporary() -> None:
    try:
        temporary = Path(tempfile.gettempdir())
    except OSError:  # no temporary folder at all: the private folder will say so, the sweep stays quiet
        return
    for prefix in TEMPORARY_PREFIXES:
        sweep(temporary, prefix)


def sweep(folder: Path, prefix: str) -> list[Path]:
    """Remove the folders `folder/<prefix>*` no live run holds; return them."""
    try:
        candidates = [p for p in folder.glob(f"{prefix}*") if p.is_dir() and not p.is_symlink()]
    except OSError:
        return []
    removed = []
    for candidate in candidates:
        if not _held(candidate):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def _held(folder: Path) -> bool:
    """Whether a live run holds `folder` (when in doubt: yes)."""
    try:
        with (folder / OWNER).open("r", encoding="utf-8") as file:
            if not _try_lock(file):
                return True  # its owner holds the lock
            owner = json.load(file)
    except (OSError, ValueError):  # no owner file yet, or half written: young folders are alive
        return _age(folder) < UNCLAIMED_AGE
    return _alive(owner) if isinstance(owner, dict) else _age(folder) < UNCLAIMED_AGE


def _alive(owner: dict[str, Any]) -> bool:
    """The owner file's word, for where a granted lock proves nothing."""
    if owner.get("host") != socket.gethostname():
        started = owner.get("started")
        return not isinstance(started, int | float) or time.time() - started < FOREIGN_AGE
    if owner.get("boot") != _boot_id():
        return False  # the machine was restarted since
    pid = owner.get("pid")
    if not isinstance(pid, int) or not _running(pid):
        return False
    state, ticks = _process(pid)
    if state == "Z":
        return False  # killed, not yet reaped by its parent: its files are closed, its folder is left
    return owner.get("ticks") is None or owner.get("ticks") == ticks  # not another process given the same pid


def _me() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid(), "started": time.time(), "boot": _boot_id(),
            "ticks": _process(os.getpid())[1]}


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return None


def _process(pid: int) -> tuple[str | None, int | None]:
    """The process's state ("Z": a zombie) and when it started, in clock ticks since boot,
    to tell it from a later process given the same pid (Linux; elsewhere: unknown)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rpartition(")")[2].split()
        return fields[0], int(fields[19])
    except (OSError, ValueError, IndexError):
        return None, None


def _lock(file: IO[str], wait: bool = False) -> None:
    """Lock `file` for this process; a file system that cannot lock is left to the owner file."""
    if fcntl is None:
        return
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        pass


def _try_lock(file: IO[str]) -> bool:
    """Whether `file` could be locked (then nobody held it, as far as locks can tell)."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # locks unsupported here: the owner file decides
        return True
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0
