"""Where a year's report lives and how a new one replaces the old.

Everything is written into a staging folder first (`staging`) and moved into `<out>/<rok>/`
only when the PDF, the gminas' extracts, the HTML edition and the open data all exist, so a
failed or interrupted run leaves the previous report and its copies as they were. A failed
chapter's executed notebook is kept in `<out>/<rok>/nieudane/` as evidence (and the
traceback of a program error, see `cli`); the next report that is made removes the folder.

    <out>/<rok>/raport_<powiat>_<rok>.pdf        the report
    <out>/<rok>/gminy/raport_<powiat>_<rok>_<gmina>.pdf   each gmina's extract
    <out>/<rok>/html/                             the HTML edition, with copies of the above
    <out>/<rok>/dane/                             the tables as CSV and one workbook
    <out>/<rok>/notebooks/                        the executed notebooks
    <out>/<rok>/.cache/                           what the next build can re-use (`cache`, `record`)
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ChapterError
from .disk import flush, flush_folder
from .staging import publishing
from .tasks import ChapterResult

if TYPE_CHECKING:
    from ..data.dataset import Dataset
    from ..data.registry import Gmina

__all__ = ["BuildResult", "ReportPaths", "keep_failed", "publish"]


@dataclass(frozen=True)
class ReportPaths:
    """Where one year's report lives: <out>/<rok>/."""

    folder: Path
    pdf: Path
    notebooks: Path
    failed: Path
    extracts: Path  # gminy/
    html: Path
    data: Path  # dane/

    @classmethod
    def of(cls, out: Path, ds: Dataset) -> ReportPaths:
        folder = out / str(ds.year)
        return cls(folder, folder / f"raport_{ds.powiat.slug}_{ds.year}.pdf", folder / "notebooks",
                   folder / "nieudane", folder / "gminy", folder / "html", folder / "dane")

    def extract(self, gmina: Gmina) -> Path:
        return self.extracts / f"{self.pdf.stem}_{gmina.slug}.pdf"

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders a build publishes together with the PDF."""
        return (self.notebooks, self.extracts, self.html, self.data)


@dataclass
class BuildResult:
    pdf: Path
    dataset: Dataset | None  # None when nothing changed and nothing was loaded
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage, work time per kind
    executed: list[str] = field(default_factory=list)  # chapters executed in this run
    rendered: int = 0  # parts rendered in this run
    up_to_date: bool = False  # nothing had changed: the previous report was kept


def keep_failed(failed: ChapterResult, paths: ReportPaths) -> None:
    assert failed.failure is not None
    paths.failed.mkdir(parents=True, exist_ok=True)
    kept = paths.failed / failed.executed.name
    shutil.copyfile(failed.executed, kept)
    notebook = failed.chapter.notebook
    raise ChapterError(failed.chapter.title, f"{notebook.parent.name}/{notebook.name}", failed.failure.cell,
                       failed.failure.source, failed.failure.exception, kept)


def publish(stage: Path, paths: ReportPaths) -> None:
    """Move the new report into place: each folder with one rename, the PDF last, with one
    atomic rename. A folder this build did not make (a report without its copies, see
    build_report's `readers`) is removed rather than left beside a PDF it does not match.

    The new files are on the disk before the first rename (a power cut cannot leave a
    renamed but empty file), and a rename that fails puts back what was already moved: the
    previous report stays whole. Two runs at once publish one after the other."""
    flush([stage / paths.pdf.name, *(stage / f.name for f in paths.folders if (stage / f.name).exists())])
    with publishing(paths.folder):
        old = _swap(stage, paths)
        flush_folder(paths.folder)
    for folder in old:
        shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(paths.failed, ignore_errors=True)


def _swap(stage: Path, paths: ReportPaths) -> list[Path]:
    """The renames of `publish`; the previous folders, moved into the stage, are returned."""
    done: list[tuple[Path, Path]] = []  # (from, to), in order
    try:
        for folder in paths.folders:
            if folder.exists():
                done.append((folder, folder.rename(stage / f"poprzednie-{folder.name}")))
            if (stage / folder.name).exists():
                done.append((stage / folder.name, (stage / folder.name).rename(folder)))
        (stage / paths.pdf.name).replace(paths.pdf)
    except OSError:
        for source, target in reversed(done):
            target.rename(source)
        raise
    return [target for source, target in done if source.parent == paths.folder]
