"""The last build's record: what its PDF was made from, so that a run with nothing changed
can stop in a blink (standard library only: no pandas, papermill or WeasyPrint)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from ..data.fingerprint import code_version, digest, files_under, inputs_digest, report_years
from ..errors import UsageError

__all__ = ["RECORD", "build_key", "read_record", "up_to_date", "write_record"]

RECORD = "build.json"  # in <out>/<rok>/.cache/


def build_key(inputs: Path, year: int | None, notebooks: Path, readers: bool = True) -> str:
    """Everything the finished report depends on, and whether its readers' copies were made."""
    years = report_years(inputs, year)
    return digest(code_version(), inputs_digest(inputs, years), str(years[-1]),
                  *(p.read_bytes() for p in files_under(notebooks, ("*.ipynb",))),
                  os.environ.get("SOURCE_DATE_EPOCH", ""), "readers" if readers else "")


def read_record(folder: Path) -> dict[str, object]:
    """The last build's record; empty when there is none or it cannot be read (a damaged
    record only means the next run builds again)."""
    try:
        record = json.loads((folder / ".cache" / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def write_record(folder: Path, record: dict[str, object]) -> None:
    path = folder / ".cache" / RECORD
    if path.parent.exists() and not path.parent.is_dir():  # a damaged cache: a file where its folder was
        path.parent.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    temporary = path.with_name(f".{RECORD}.{os.getpid()}.tmp")  # two runs at once each write their own
    try:
        temporary.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def up_to_date(inputs: Path, year: int | None, out: Path, notebooks: Path,
               readers: bool = True) -> dict[str, object] | None:
    """The last build's record if its PDF is still there, unchanged, its other outputs (extracts,
    HTML edition, open data) are there too, and nothing they were made from has changed since;
    otherwise None."""
    try:
        years = report_years(inputs, year)
        folder = out / str(years[-1])
        record = read_record(folder)
        pdf = folder / str(record.get("pdf", ""))
        outputs = record.get("outputs")
        if not record or record.get("rok") != years[-1] or not pdf.is_file() or not isinstance(outputs, list):
            return None
        if record.get("key") != build_key(inputs, years[-1], notebooks, readers):
            return None
        if not all((folder / str(name)).is_file() for name in outputs):
            return None
        if hashlib.sha256(pdf.read_bytes()).hexdigest() != record.get("pdf_sha256"):
            return None
    except (UsageError, OSError):  # a file that cannot be read: the build says which
        return None
    return record
