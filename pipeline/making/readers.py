"""The report's other readers, served by the same build: each gmina's extract (PDF), the HTML
edition for the BIP and the tables as open data. None of them runs a notebook again.

- An extract re-uses the parts rendered for the report (`document.extracts`) and is made
  in a worker. Its contents name the pages of the full report it refers to, so it starts
  once the report's page numbers are known (its front laid out): then the extracts fill the
  workers while the report is merged. They are cached by content
  like the parts, and so is each extract's front, rendered with placeholders for the files
  it carries (`fronts`): a change in the data merges the extracts again, but lays out no
  front whose pages stay the same.
- The open data and the HTML edition's pages are made in this process as soon as every
  chapter is known, while the workers are still rendering; only the edition's index, which
  lists the sizes of the files to download, waits for the last PDF.

Everything goes into the build's staging folder and is published with the PDF (`outputs`).
"""

from __future__ import annotations

import io
import os
import shutil
import time
from concurrent.futures import Future
from pathlib import Path

from ..content.gmina_page import GminaSummary, gmina_summaries
from ..data import fingerprint
from ..data.dataset import Dataset
from ..data.registry import Gmina
from ..data.store import Store
from ..document.assemble import ChapterDoc
from ..document.extracts import EXTRACT_FRONT_PAGES, extract_chapters, extract_layout
from ..document.html_edition import Download, Downloads, html_index, html_pages
from ..document.open_data import DESCRIPTION, data_tables, open_data_files, register_name, workbook_name
from ..document.pdfdata import EmbeddedFile, Rendered
from ..document.provenance import document_identifier, embedded_files, manifest
from .cache import read_rendered, write_rendered
from .fronts import Carrier, front_key, front_options
from .outputs import ReportPaths
from .tasks import ExtractResult, PagesListener
from .workers import Workers

__all__ = ["DOWNLOADS", "Editions", "Extracts", "write_extracts"]

DOWNLOADS = "pliki"  # the HTML edition's folder of the files it offers to download
SOURCES = "zrodla"  # in it, the files the PDF carries (the inputs, as fit to publish, and the manifest)


class Extracts:
    """The gminas' extracts of one build: started as their parts arrive, collected at the end."""

    def __init__(self, ds: Dataset, store: Store, code: str, workers: Workers, report_name: str = "") -> None:
        self.ds, self.store, self.code, self.workers, self.report_name = ds, store, code, workers, report_name
        # The full report's page of every heading its contents list: set once its front is laid out.
        self.report_pages: dict[str, int] | None = None
        self.summaries: dict[str, GminaSummary] | None = None  # the gminas' pages, but their page numbers
        self.pending: dict[str, tuple[Future[ExtractResult], str, str]] = {}  # TERYT -> (task, its key, front's)
        self.done: dict[str, bytes] = {}
        self.seconds = 0.0  # the workers' time on extracts
        self.carrier: Carrier | None = None  # set by the build once it has started the carrier

    def release(self, docs: list[ChapterDoc] | None, parts: dict[int, Rendered], part_keys: dict[int, str],
                room: int | None = None) -> None:
        """Start the extracts whose parts are all rendered: at most `room` at once in the
        workers (None: all of them)."""
        if docs is not None and self.summaries is None:  # while the parts render: the merge needs no wait
            self.summaries = gmina_summaries(self.ds)
        if docs is None or self.carrier is None or self.report_pages is None or \
                (room is not None and not self.carrier.ready()):
            return
        for gmina in self.ds.powiat.gminy:
            if room is not None and len(self.pending) >= room:
                return
            if gmina.teryt in self.done or gmina.teryt in self.pending:
                continue
            chosen = extract_chapters(docs, gmina)
            if all(i in parts for i in chosen):
                self._start(gmina, docs, parts, [part_keys[i] for i in chosen], EXTRACT_FRONT_PAGES)

    def collect(self, docs: list[ChapterDoc], parts: dict[int, Rendered], part_keys: dict[int, str]
                ) -> dict[str, bytes]:
        """Every gmina's extract (TERYT -> PDF); an extract whose front took another number of
        pages than its contents assumed is laid out again with the right number."""
        self.release(docs, parts, part_keys)
        while self.pending:
            teryt, (future, key, front) = next(iter(self.pending.items()))
            result = future.result()
            del self.pending[teryt]
            self.seconds += result.seconds
            if result.front is not None:
                write_rendered(self.store, front, result.front)
            gmina = self.ds.powiat.gmina(teryt)
            if result.data is None:
                chosen = extract_chapters(docs, gmina)
                self._start(gmina, docs, parts, [part_keys[i] for i in chosen], result.front_pages)
                continue
            self.store.write("extracts", key, ".pdf", result.data)
            self.done[teryt] = result.data
        return self.done

    def _start(self, gmina: Gmina, docs: list[ChapterDoc], parts: dict[int, Rendered], keys: list[str],
               front_pages: int) -> None:
        assert self.summaries is not None
        layout = extract_layout(self.ds, gmina, docs, parts, front_pages, self.report_pages, self.report_name,
                                self.summaries[gmina.teryt])
        # The extract's key: its own front, numbers and footer, the parts it re-uses and the files it carries.
        key = fingerprint.digest(self.code, layout.front, layout.numbering, layout.footers, str(layout.footer_page),
                                 *keys, manifest(self.ds))
        cached = self.store.read("extracts", key, ".pdf")
        if cached is not None:
            self.done[gmina.teryt] = cached
            return
        assert self.carrier is not None
        front = front_key(self.code, layout.front, self.ds)
        future = self.workers.extract(layout, front=read_rendered(self.store, front),
                                      front_options=front_options(self.ds), carrier=self.carrier.data(),
                                      identifier=document_identifier(self.ds, gmina.teryt))
        self.pending[gmina.teryt] = (future, key, front)


class Editions:
    """The open data (`dane/`) and the HTML edition (`html/`) of one build, in the staging
    folder; the edition offers the report, the extracts and the data for download."""

    def __init__(self, stage: Path, paths: ReportPaths, ds: Dataset, seconds: dict[str, float],
                 listener: PagesListener | None = None) -> None:
        self.stage, self.paths, self.ds, self.seconds, self.listener = stage, paths, ds, seconds, listener
        self.docs: list[ChapterDoc] | None = None
        self.downloads: Downloads | None = None
        self.links: dict[str, Path] = {}  # path in the edition -> the file in the staging folder
        self._embedded: list[EmbeddedFile] | None = None

    def chapters_known(self, docs: list[ChapterDoc]) -> None:
        """The open data and the edition's pages, from the chapters alone: the pages first
        (the live preview shows them at once), then the data files they link to."""
        if self.docs is not None:
            return
        self.docs = docs
        started = time.perf_counter()
        tables = data_tables(docs)
        made = time.perf_counter()
        register = register_name(self.ds)  # None: no events this year
        self.links = self._links([*(t.file for t in tables), workbook_name(self.ds), DESCRIPTION,
                                  *([register] if register else [])])
        data = f"{DOWNLOADS}/{self.paths.data.name}"
        self.downloads = Downloads(
            self._download("Pełny raport", self.paths.pdf.name),
            {g.teryt: self._download(g.title, f"{self.paths.extracts.name}/{self.paths.extract(g).name}")
             for g in self.ds.powiat.gminy},
            [self._download("Wszystkie tabele w jednym skoroszycie", f"{self.paths.data.name}/{workbook_name(self.ds)}",
                            "XLSX"),
             self._download("Opis danych: pliki, jednostki, zasady", f"{self.paths.data.name}/{DESCRIPTION}", "TXT")],
            {t.source.number: f"{data}/{t.file}" for t in tables},
            None if register is None else self._download(f"Wykaz wszystkich działań w {self.ds.year} r.",
                                                         f"{self.paths.data.name}/{register}", "CSV"),
            {f.name: f"{DOWNLOADS}/{SOURCES}/{f.name}" for f in self._sources()})
        pages = html_pages(self.ds, docs, self.downloads)
        _write(self.stage / self.paths.html.name, pages)
        _write(self.stage / self.paths.html.name / DOWNLOADS / SOURCES, {f.name: f.data for f in self._sources()})
        if self.listener is not None:  # the index too, its downloads without sizes for now
            self.listener({**pages, **html_index(self.ds, docs, self.downloads)})
        shown = time.perf_counter()
        self.seconds["wydanie HTML"] = shown - made
        _write(self.stage / self.paths.data.name, open_data_files(self.ds, docs, tables)[1])
        self.seconds["dane otwarte"] = (made - started) + (time.perf_counter() - shown)

    def finish(self) -> None:
        """The index, which lists every download with its size, and the downloads themselves."""
        assert self.docs is not None and self.downloads is not None
        started = time.perf_counter()
        register = self.downloads.register
        downloads = Downloads(self._made(self.downloads.report),
                              {teryt: self._made(d) for teryt, d in self.downloads.extracts.items()},
                              [self._made(d) for d in self.downloads.data], self.downloads.tables,
                              register and self._made(register), self.downloads.sources)
        _write(self.stage / self.paths.html.name, html_index(self.ds, self.docs, downloads))
        _link(self.stage / self.paths.html.name, self.links)
        self.seconds["wydanie HTML"] += time.perf_counter() - started

    def _sources(self) -> list[EmbeddedFile]:
        """The files the PDF carries, offered to download as they are there: never a file
        of personal data (the road accidents one by one), only its aggregate."""
        if self._embedded is None:
            self._embedded = embedded_files(self.ds)
        return self._embedded

    def _links(self, data_files: list[str]) -> dict[str, Path]:
        names = [self.paths.pdf.name, *(f"{self.paths.extracts.name}/{self.paths.extract(g).name}"
                                         for g in self.ds.powiat.gminy),
                 *(f"{self.paths.data.name}/{name}" for name in data_files)]
        return {f"{DOWNLOADS}/{name}": self.stage / name for name in names}

    def _download(self, label: str, name: str, kind: str = "PDF") -> Download:
        return Download(label, f"{DOWNLOADS}/{name}", kind)

    def _made(self, download: Download) -> Download:
        """The download with the size (and pages) of the file the build made."""
        file = self.links[download.path]
        pages = _pages(file) if download.kind == "PDF" else None
        return Download(download.label, download.path, download.kind, file.stat().st_size, pages)


def write_extracts(stage: Path, paths: ReportPaths, ds: Dataset, extracts: dict[str, bytes]) -> None:
    folder = stage / paths.extracts.name
    folder.mkdir()
    for gmina in ds.powiat.gminy:
        (folder / paths.extract(gmina).name).write_bytes(extracts[gmina.teryt])


def _pages(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf.read_bytes())) as document:
        return len(document.pages)


def _write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _link(edition: Path, links: dict[str, Path]) -> None:
    """The files the edition offers, inside it: hard links cost no space, and the folder,
    copied onto a web server, carries real files."""
    for name, source in links.items():
        target = edition / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, target)
