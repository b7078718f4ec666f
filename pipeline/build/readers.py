"""The report's other readers, served by the same build: each gmina's extract (PDF), the HTML
edition for the BIP and the tables as open data. None of them runs a notebook again.

- An extract re-uses three parts rendered for the report (`document.extracts`); it starts in
  a worker as soon as those parts are rendered, so extracts are made while the last parts and
  the report's front are still rendering. Extracts are cached by content like parts are.
- The HTML edition and the open data are made from the chapters' assembled HTML in this
  process, as soon as every chapter is known, while the workers are still rendering parts.

Everything goes into the build's staging folder and is published with the PDF (`outputs`).
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from ..data import fingerprint
from ..data.dataset import Dataset
from ..data.registry import Gmina
from ..document.assemble import ChapterDoc
from ..document.extracts import EXTRACT_FRONT_PAGES, extract_chapters, extract_layout
from ..document.pdfdata import EmbeddedFile, Rendered
from ..document.provenance import document_identifier, embedded_files, manifest, report_date
from .cache import Store
from .outputs import ReportPaths
from .tasks import ExtractResult
from .workers import Workers

__all__ = ["Extracts", "write_extracts"]


class Extracts:
    """The gminas' extracts of one build: started as their parts arrive, collected at the end."""

    def __init__(self, ds: Dataset, store: Store, code: str, force: bool, workers: Workers) -> None:
        self.ds, self.store, self.code, self.force, self.workers = ds, store, code, force, workers
        self.pending: dict[str, tuple[Future[ExtractResult], str]] = {}  # TERYT -> (task, cache key)
        self.done: dict[str, bytes] = {}
        self.seconds = 0.0  # the workers' time on extracts
        self.made = 0  # extracts made in this build (the others came from the cache)
        self._embedded: list[EmbeddedFile] | None = None

    def release(self, docs: list[ChapterDoc] | None, parts: dict[int, Rendered], part_keys: dict[int, str]) -> None:
        """Start every extract whose parts are all rendered (and that is not started yet)."""
        if docs is None:
            return
        for gmina in self.ds.powiat.gminy:
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
            teryt, (future, key) = next(iter(self.pending.items()))
            del self.pending[teryt]
            result = future.result()
            self.seconds += result.seconds
            if result.data is None:
                chosen = extract_chapters(docs, self.ds.powiat.gmina(teryt))
                self._start(self.ds.powiat.gmina(teryt), docs, parts, [part_keys[i] for i in chosen],
                            result.front_pages)
                continue
            self.store.write("extracts", key, ".pdf", result.data)
            self.done[teryt] = result.data
            self.made += 1
        return self.done

    def _start(self, gmina: Gmina, docs: list[ChapterDoc], parts: dict[int, Rendered], keys: list[str],
               front_pages: int) -> None:
        layout = extract_layout(self.ds, gmina, docs, parts, front_pages)
        # The extract's key: its own front and numbers, the parts it re-uses and the files it carries.
        key = fingerprint.digest(self.code, layout.front, layout.numbering, *keys, manifest(self.ds))
        cached = None if self.force else self.store.read("extracts", key, ".pdf")
        if cached is not None:
            self.done[gmina.teryt] = cached
            return
        future = self.workers.extract(layout, embedded=self._files(), date=report_date(self.ds),
                                      identifier=document_identifier(self.ds, gmina.teryt))
        self.pending[gmina.teryt] = (future, key)

    def _files(self) -> list[EmbeddedFile]:
        if self._embedded is None:
            self._embedded = embedded_files(self.ds)
        return self._embedded


def write_extracts(stage: Path, paths: ReportPaths, ds: Dataset, extracts: dict[str, bytes]) -> None:
    folder = stage / paths.extracts.name
    folder.mkdir()
    for gmina in ds.powiat.gminy:
        (folder / paths.extract(gmina).name).write_bytes(extracts[gmina.teryt])
