"""What a report is made from, as hashes: cheap enough to tell in a blink that nothing changed.

This module uses the standard library only, so `make report` with nothing changed does not
pay for importing pandas, papermill or WeasyPrint: it hashes the inputs, the notebooks and
the code, compares with the last build's record and stops there.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__
from .errors import UsageError

__all__ = ["RECORD", "TREND_YEARS", "code_version", "digest", "inputs_digest", "read_record", "report_years",
           "up_to_date", "write_record", "year_folders"]

TREND_YEARS = 5
RECORD = "build.json"  # in <out>/<rok>/.cache/
PACKAGE = Path(__file__).resolve().parent
# Libraries whose version can change the PDF: a new one means a new build.
RENDERING_LIBRARIES = ("weasyprint", "pydyf", "matplotlib", "pandas", "numpy", "babel", "papermill", "nbconvert",
                       "nbclient", "ipykernel", "pikepdf", "font-source-sans-pro", "fonttools", "pillow")


def digest(*parts: bytes | str) -> str:
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "big"))
        sha.update(data)
    return sha.hexdigest()


def _files(folder: Path, patterns: Iterable[str]) -> list[Path]:
    return sorted({p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()})


def _library_versions() -> str:
    versions = []
    for name in RENDERING_LIBRARIES:
        try:
            versions.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name}=?")
    return ",".join(versions)


def code_version() -> str:
    """The project's code and templates, its version and the versions of the rendering libraries."""
    files = _files(PACKAGE, ("*.py", "*.j2", "*.css", "*.json"))
    return digest(__version__, _library_versions(),
                  *(part for path in files for part in (path.relative_to(PACKAGE).as_posix(), path.read_bytes())))


def year_folders(inputs: Path) -> dict[int, Path]:
    """The year folders `inputs/<rok>/` that exist, oldest first."""
    if not inputs.is_dir():
        return {}
    folders = {int(p.name): p for p in inputs.iterdir() if p.is_dir() and p.name.isdigit()}
    return dict(sorted(folders.items()))


def report_years(inputs: Path, year: int | None) -> tuple[int, ...]:
    """The report year (default: the newest folder) and the folders of the 4 years before it."""
    folders = year_folders(inputs)
    if not folders:
        raise UsageError(f"W folderze {inputs} nie ma folderów z danymi lat (np. {inputs}/2025).")
    year = max(folders) if year is None else year
    if year not in folders:
        known = ", ".join(str(y) for y in folders)
        raise UsageError(f"Brak folderu {inputs}/{year}. Dostępne lata: {known}.")
    return tuple(y for y in folders if year - TREND_YEARS < y <= year)


def inputs_digest(inputs: Path, years: Iterable[int]) -> str:
    """powiat.toml and every file of the given year folders, names and bytes."""
    files = [inputs / "powiat.toml", *(p for y in years for p in _files(inputs / str(y), ("*",)))]
    return digest(*(part for path in files if path.is_file()
                    for part in (path.relative_to(inputs).as_posix(), path.read_bytes())))


def build_key(inputs: Path, year: int | None, notebooks: Path) -> str:
    """Everything the finished report depends on."""
    years = report_years(inputs, year)
    return digest(code_version(), inputs_digest(inputs, years), str(years[-1]),
                  *(p.read_bytes() for p in _files(notebooks, ("*.ipynb",))),
                  os.environ.get("SOURCE_DATE_EPOCH", ""))


def read_record(folder: Path) -> dict[str, object]:
    try:
        return json.loads((folder / ".cache" / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_record(folder: Path, record: dict[str, object]) -> None:
    path = folder / ".cache" / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    temporary.replace(path)


def up_to_date(inputs: Path, year: int | None, out: Path, notebooks: Path) -> dict[str, object] | None:
    """The last build's record if its PDF is still there, unchanged, and nothing it was made from
    has changed since; otherwise None."""
    try:
        years = report_years(inputs, year)
    except UsageError:
        return None
    folder = out / str(years[-1])
    record = read_record(folder)
    pdf = folder / str(record.get("pdf", ""))
    if not record or not pdf.is_file() or record.get("key") != build_key(inputs, years[-1], notebooks):
        return None
    if hashlib.sha256(pdf.read_bytes()).hexdigest() != record.get("pdf_sha256"):
        return None
    return record
