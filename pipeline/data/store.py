"""The cache: files named by content key, each checked against its key when it is read back.

The cache of a report lives in `<out>/<rok>/.cache/`, a folder that often sits on a shared
office drive, so nothing read back from it is ever code: entries are bytes (HTML, PDF,
notebooks) or JSON (`plain`), never pickles. Every entry starts with one line naming the
entry it was written as and the SHA-256 of what follows; an entry that cannot be read as
what it claims to be (cut short, overwritten, empty, a folder where a file was, copied
under another key's name) is a miss: made again and written anew, never an error.
`damaged` lists such entries, so a build can say so in one quiet line.

Standard library only: the data layer's checks and the build both use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["Store"]

HEADER = b"raport-cache 1"
TEMPORARY = ".tmp-"  # an entry being written; the cache's pruning leaves young ones alone
TEMPORARY_AGE = 3600  # seconds after which a half-written entry is a killed run's leftover


class Store:
    """Entries `<kind>/<key><suffix>` under `folder`; with `read=False` (a forced build)
    nothing is read, everything made is written."""

    def __init__(self, folder: Path, read: bool = True) -> None:
        self.folder = folder
        self.reading = read
        self.used: set[Path] = set()
        self.damaged: list[str] = []  # entries found unreadable: "parts/<key>.pdf"

    def path(self, kind: str, key: str, suffix: str) -> Path:
        path = self.folder / kind / f"{key}{suffix}"
        self.used.add(path)
        return path

    def read(self, kind: str, key: str, suffix: str) -> bytes | None:
        """The entry's bytes, or None when it is not there or cannot be trusted."""
        path = self.path(kind, key, suffix)
        if not self.reading:
            return None
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError:  # a folder where the file was, a file that cannot be read
            return self._damaged(path)
        payload = _verified(data, _name(kind, key, suffix))
        return self._damaged(path) if payload is None else payload

    def read_json(self, kind: str, key: str) -> Any:
        """A JSON entry, parsed; None when it is not there or cannot be trusted."""
        data = self.read(kind, key, ".json")
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return self._damaged(self.path(kind, key, ".json"))

    def write(self, kind: str, key: str, suffix: str, data: bytes) -> Path:
        """Write the entry atomically: a reader sees the old entry or the new one, whole."""
        path = self.path(kind, key, suffix)
        self._make_way(path)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(b"%s %s %s\n" % (HEADER, _name(kind, key, suffix).encode(), _sha256(data).encode()))
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path

    def write_json(self, kind: str, key: str, value: Any) -> Path:
        return self.write(kind, key, ".json", json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def forget(self, kind: str, key: str, suffix: str) -> None:
        """An entry that was read but turned out unusable: counted as damaged."""
        self._damaged(self.path(kind, key, suffix))

    def prune(self) -> None:
        """Forget everything this build did not use: the cache holds one report's worth.
        Entries another run is writing right now (young temporary files) are left alone."""
        if not self.folder.is_dir():
            return
        for kind in [p for p in self.folder.iterdir() if p.is_dir() and not p.is_symlink()]:
            for path in kind.iterdir():
                if path in self.used or (path.name.startswith(TEMPORARY) and _age(path) < TEMPORARY_AGE):
                    continue
                _remove(path)

    def _damaged(self, path: Path) -> None:
        name = path.relative_to(self.folder).as_posix()
        if name not in self.damaged:
            self.damaged.append(name)

    def _make_way(self, path: Path) -> None:
        """Folders where the entry's folders belong, and nothing where the entry goes: a
        damaged cache (a file where a folder was, or the other way round) is repaired."""
        for folder in (self.folder, path.parent):
            if not folder.is_dir() and (folder.exists() or folder.is_symlink()):
                folder.unlink()
            folder.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _name(kind: str, key: str, suffix: str) -> str:
    return f"{kind}/{key}{suffix}"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _verified(data: bytes, name: str) -> bytes | None:
    """What follows the header, if the header names this entry and the SHA-256 matches."""
    header, newline, payload = data.partition(b"\n")
    parts = header.split(b" ")
    if not newline or len(parts) != 4 or b" ".join(parts[:2]) != HEADER:
        return None
    if parts[2] != name.encode() or parts[3] != _sha256(payload).encode():
        return None
    return payload


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:  # gone already (another run pruned it), or not ours to remove
        pass
