"""What a report is made from, as hashes: its inputs (the year folders it covers) and its code.

This module uses the standard library only, so `make report` with nothing changed does not
pay for importing pandas, papermill or WeasyPrint: `build.record` hashes the inputs, the
notebooks and the code with it, compares with the last build's record and stops there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .. import __version__
from ..errors import UsageError

__all__ = ["TREND_YEARS", "code_version", "digest", "files_under", "inputs_digest", "report_years", "year_folders"]

TREND_YEARS = 5
PACKAGE = Path(__file__).resolve().parents[1]  # the whole `pipeline` package, not only this folder
OFFICE_LOCKS = ("~$", ".~lock.")  # "~$dane_2025.xlsx": the owner file of a document open in Office
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


def files_under(folder: Path, patterns: Iterable[str]) -> list[Path]:
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
    files = files_under(PACKAGE, ("*.py", "*.j2", "*.css", "*.json"))
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
    """powiat.toml and every file of the given year folders, names and bytes; not the files
    Excel, Word and LibreOffice keep beside a document they hold open (which they lock)."""
    files = [inputs / "powiat.toml", *(p for y in years for p in files_under(inputs / str(y), ("*",))
                                       if not p.name.startswith(OFFICE_LOCKS))]
    return digest(*(part for path in files if path.is_file()
                    for part in (path.relative_to(inputs).as_posix(), path.read_bytes())))
