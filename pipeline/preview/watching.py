"""Which saves the preview rebuilds for: the report's inputs (powiat.toml and the year folders
it covers, the commentary and its photos), seen by `watchfiles`, in bursts.

Office saves in steps: Word writes `~$komentarz.docx` (its owner file) and `~WRL0001.tmp`
files beside the document, Excel writes the new workbook under a temporary name of eight hex
digits and renames it; LibreOffice keeps `.~lock.*#`. Those names are ignored here, and a
burst of changes arrives as one batch (`STEP`: the quiet moment that ends a burst). Whether a
batch changes anything the report is made from is then decided by the files' contents
(`fingerprint.inputs_digest`), not by the events: a save that changed nothing, or an event
left over from a burst, causes no rebuild.

Files on a Windows drive under WSL (`/mnt/c/…`), and on network drives, send no change
events to Linux: there the watcher polls (automatically, or always with `--odpytywanie`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from watchfiles import DefaultFilter, watch

from ..data.fingerprint import OFFICE_LOCKS

__all__ = ["POLL_INTERVAL", "InputsFilter", "changes", "needs_polling"]

STEP = 150  # ms without a new change that ends a burst of saves
LONGEST_BURST = 2000  # ms: a longer burst is handed over in parts
POLL_INTERVAL = 300  # ms between two looks at the files, when polling
# File systems that tell Linux nothing of changes made elsewhere: WSL's Windows drives (9p,
# drvfs) and network drives.
UNWATCHABLE = {"9p", "v9fs", "drvfs", "cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "afs"}


class InputsFilter(DefaultFilter):
    """The files of the inputs a report is made from, without the ones Office and editors
    keep beside a document while saving it or holding it open."""

    ignore_entity_patterns = (
        *DefaultFilter.ignore_entity_patterns,
        *(f"^{re.escape(prefix)}" for prefix in OFFICE_LOCKS),  # owner files: ~$komentarz.docx
        r"^~.*\.tmp$",  # Word's temporary files: ~WRL0001.tmp
        r"\.tmp$",  # LibreOffice's and others' temporary files
        r"^[0-9A-Fa-f]{8}$",  # Excel's new workbook before it is renamed
        r"^(Thumbs\.db|desktop\.ini)$",  # what Windows Explorer leaves in a folder of photos
        r"\.(crdownload|part)$",  # a download not finished yet
        r"^sed[0-9A-Za-z]{6}$",  # GNU sed -i's file before it is renamed over the edited one
    )

    def __init__(self, inputs: Path, years: Iterable[int]) -> None:
        super().__init__()
        self.root = os.path.abspath(inputs)
        self.wanted = {"powiat.toml", *(str(year) for year in years)}

    def __call__(self, change: object, path: str) -> bool:
        relative = os.path.relpath(path, self.root)
        first = relative.split(os.sep)[0]
        if first not in self.wanted or (first != "powiat.toml" and relative == first):
            return False
        return super().__call__(change, path)  # type: ignore[arg-type]


def needs_polling(folder: Path) -> bool:
    """Whether `folder` lies on a file system that sends no change events (see UNWATCHABLE)."""
    mounts = _mounts()
    target = os.path.realpath(folder)
    best = max((point for point in mounts if target == point or target.startswith(point.rstrip("/") + "/")),
               key=len, default=None)
    return best is not None and mounts[best] in UNWATCHABLE


def _mounts() -> dict[str, str]:
    """Mount point -> file system type (Linux); empty elsewhere."""
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    mounts = {}
    for line in lines:
        fields = line.split()
        if len(fields) >= 3:
            mounts[fields[1].replace("\\040", " ")] = fields[2]
    return mounts


def changes(inputs: Path, years: Iterable[int], polling: bool) -> Iterator[list[str]]:
    """Batches of changed paths (relative to `inputs`) as the analyst saves; Ctrl-C ends it
    with KeyboardInterrupt."""
    watcher = watch(inputs, watch_filter=InputsFilter(inputs, years), debounce=LONGEST_BURST, step=STEP,
                    force_polling=polling, poll_delay_ms=POLL_INTERVAL, ignore_permission_denied=True)
    for batch in watcher:
        yield sorted({Path(os.path.relpath(path, inputs)).as_posix() for _, path in batch})
