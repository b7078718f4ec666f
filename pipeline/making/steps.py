"""The heavy half of a build: validate, execute and render what changed, merge, make the
readers' copies (extracts, HTML edition, open data), publish.

`chain.build_report` starts the workers and then imports this module, so the imports of
pandas, WeasyPrint and pikepdf here overlap with the workers' and kernels' start-up.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

from ..data import fingerprint
from ..data.dataset import Dataset, load_dataset
from ..data.registry import Gmina
from ..data.sharing import share
from ..data.store import Store
from ..document.assemble import (
    ChapterDoc,
    footer_document,
    front_document,
    gmina_chapter,
    numbering_document,
    part_document,
    powiat_chapters,
)
from ..document.merge import Bookmark, merge_parts
from ..document.pdfdata import Rendered
from ..document.provenance import document_identifier
from . import record
from .cache import chapter_keys, read_rendered, write_rendered
from .fronts import Carrier, front_key, front_options
from .outputs import BuildResult, ReportPaths, keep_failed, publish
from .progress import Progress
from .readers import Editions, Extracts, write_extracts
from .tasks import ChapterResult, PagesListener, RenderResult, chapter_list, longest_first
from .workers import Workers

__all__ = ["make_report"]

FRONT_PAGES_GUESS = 2  # cover and one page of contents; the front is rendered again if wrong


def make_report(inputs: Path, year: int, out: Path, notebooks: Path, force: bool, workers: Workers, stage: Path,
                shared: Path, progress: Progress, readers: bool = True, pages: PagesListener | None = None
                ) -> BuildResult:
    """Steps 1-5 of build_report, with the workers already starting; with `readers`, the
    gminas' extracts, the HTML edition and the open data too (and `pages` is handed the
    edition's pages as soon as every chapter is known)."""
    started = time.perf_counter()
    progress.stage("1/4 sprawdzanie danych")
    # What the report is made from, taken before anything is read: a file saved while the
    # build runs then makes the record name files the report was not made from, and the next
    # run builds again, never the other way round.
    key = record.build_key(inputs, year, notebooks, readers)
    store = Store(out / str(year) / ".cache", read=not force)  # --force: nothing read, everything made anew
    ds = load_dataset(inputs, year, cache=store)
    share(ds, shared)
    validated = time.perf_counter()
    paths = ReportPaths.of(out, ds)
    run = _Run(ds, inputs, notebooks, store, stage, progress)
    if readers:
        run.extracts = Extracts(ds, store, run.code, workers, paths.pdf.name)
        run.editions = Editions(stage, paths, ds, run.seconds, pages)
    pdf = run.make(workers, paths)
    (stage / paths.pdf.name).write_bytes(pdf)
    if run.extracts is not None and run.editions is not None:
        write_extracts(stage, paths, ds, run.collect_extracts())
        run.editions.finish()
    outputs = [p.relative_to(stage).as_posix() for folder in paths.folders[1:] if (stage / folder.name).exists()
               for p in sorted((stage / folder.name).rglob("*")) if p.is_file()]
    # The record first: should the publishing fail, it names a PDF that is not there, and the
    # next run builds again; the other way round, a failed record would cost a needless build.
    record.write_record(paths.folder, {
        "key": key, "rok": ds.year, "pdf": paths.pdf.name,
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(), "outputs": outputs})
    publish(stage, paths)
    store.prune()
    if store.damaged:
        progress.done(f"Pamięć podręczna: {_entries(len(store.damaged))} nie dało się odczytać – utworzono je od nowa.")
    seconds = {"walidacja": validated - started, **run.seconds}
    return BuildResult(paths.pdf, ds, seconds, run.executed, run.rendered)


@functools.lru_cache(maxsize=64)
def _gmina_doc(gmina: Gmina, html: str) -> ChapterDoc:
    """A gmina's chapter as the document holds it: the same HTML is parsed once per process
    (a kept preview rebuilds mostly from chapters it has parsed before)."""
    return gmina_chapter(gmina, html)


def _entries(count: int) -> str:
    """ "1 wpisu", "3 wpisów": the count of damaged cache entries, in the genitive."""
    return f"{count} wpisu" if count == 1 else f"{count} wpisów"


class _Run:
    """One build: which chapters and parts to make, in what order, and the merge."""

    def __init__(self, ds: Dataset, inputs: Path, notebooks: Path, store: Store, stage: Path,
                 progress: Progress) -> None:
        self.ds, self.inputs, self.notebooks, self.store = ds, inputs, notebooks, store
        self.stage, self.progress = stage, progress
        self.code = fingerprint.code_version()
        self.chapters = chapter_list(ds, inputs, notebooks)
        self.keys = chapter_keys(self.code, self.chapters, ds)
        self.html: dict[str, str] = {}
        self.notebooks_made: dict[str, bytes] = {}  # the executed notebooks, published in notebooks/
        self.powiat_docs: tuple[list[ChapterDoc], list[ChapterDoc]] | None = None
        self.gmina_docs: dict[str, ChapterDoc] = {}
        self.docs: list[ChapterDoc] | None = None
        self.part_keys: dict[int, str] = {}
        self.parts: dict[int, Rendered] = {}
        self.executed: list[str] = []
        self.rendered = 0
        self.seconds: dict[str, float] = {}
        self.started = time.perf_counter()
        self.extracts: Extracts | None = None  # the readers' copies, when the build makes them
        self.editions: Editions | None = None
        self.carrier: Carrier | None = None

    # -------------------------------------------------------------- the plan

    def make(self, workers: Workers, paths: ReportPaths) -> bytes:
        self.workers = workers
        for chapter in self.chapters:
            html = self.store.read("chapters", self.keys[chapter.key], ".html")
            notebook = self.store.read("chapters", self.keys[chapter.key], ".ipynb") if html is not None else None
            if html is not None and notebook is not None:
                self.html[chapter.key] = html.decode("utf-8")
                self.notebooks_made[chapter.key] = notebook
        todo = [c for c in self.chapters if c.key not in self.html]
        if not todo:
            workers.no_more_chapters()
        (self.stage / "executed").mkdir()
        pending: dict[Future, tuple[str, object]] = {
            workers.chapter(c, self.stage / "executed" / f"{c.key}.ipynb"): ("chapter", c) for c in longest_first(todo)}
        self.carrier = Carrier(self.ds, self.store, self.code, workers)
        if self.extracts is not None:
            self.extracts.carrier = self.carrier
        self._release_parts(workers, pending)
        self._wait(workers, pending, paths)
        document = self._finish(workers)
        self._copy_notebooks()
        return document

    def _wait(self, workers: Workers, pending: dict[Future, tuple[str, object]], paths: ReportPaths) -> None:
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in done:
                kind, what = pending.pop(future)
                if kind == "chapter":
                    self._chapter_done(future.result(), paths)
                else:
                    self._part_done(int(what), future.result())  # type: ignore[arg-type]
            self._release_parts(workers, pending)

    def _chapter_done(self, result: ChapterResult, paths: ReportPaths) -> None:
        if result.failure is not None:
            keep_failed(result, paths)
        key = self.keys[result.chapter.key]
        self.notebooks_made[result.chapter.key] = result.executed.read_bytes()
        self.store.write("chapters", key, ".ipynb", self.notebooks_made[result.chapter.key])
        self.store.write("chapters", key, ".html", result.html.encode("utf-8"))
        self.html[result.chapter.key] = result.html
        self.executed.append(result.chapter.key)
        self._add("praca: wykonanie i konwersja", result.seconds)
        if all(c.key in self.html for c in self.chapters):
            self.seconds["wykonanie (do ostatniego rozdziału)"] = time.perf_counter() - self.started
            self.workers.no_more_chapters()
        self.progress.stage(f"2/4 gotowy rozdział: {result.chapter.title} ({result.seconds:.1f} s)")

    def _part_done(self, index: int, result: RenderResult) -> None:
        self.parts[index] = result.rendered
        self._store_part(self.part_keys[index], result.rendered)
        self.rendered += 1
        self._add("praca: renderowanie części", result.seconds)
        self.progress.stage(f"3/4 wyrenderowana część nr {index + 1} ({result.seconds:.1f} s)")

    # -------------------------------------------------------------- parts

    def _release_parts(self, workers: Workers, pending: dict[Future, tuple[str, object]]) -> None:
        """Submit every part whose chapter, and every chapter before it, is known: a part
        numbers its tables and charts on from the chapters before it."""
        known = self._known_docs()
        for index, doc in enumerate(known):
            if doc is None:
                break
            if index in self.part_keys:
                continue
            html = part_document(self.ds, known, index)  # type: ignore[arg-type]
            self.part_keys[index] = fingerprint.digest(self.code, html)
            cached = self._cached_part(self.part_keys[index])
            if cached is not None:
                self.parts[index] = cached
            else:
                pending[workers.render(html)] = ("part", index)
        if known and all(doc is not None for doc in known):
            self.docs = known  # type: ignore[assignment]
        if self.editions is not None and self.docs is not None:
            self.editions.chapters_known(self.docs)
        if self.extracts is not None:  # into idle workers only: the report's parts go first
            self.extracts.release(self.docs, self.parts, self.part_keys, room=workers.jobs - len(pending))

    def _known_docs(self) -> list[ChapterDoc | None]:
        """The chapters in document order so far; None for a gmina chapter not made yet."""
        powiat = self.html.get("powiat")
        if powiat is None:
            return []
        if self.powiat_docs is None:
            self.powiat_docs = powiat_chapters(self.ds, powiat)
        for gmina in self.ds.powiat.gminy:
            html = self.html.get(f"gmina-{gmina.teryt}")
            if html is not None and gmina.teryt not in self.gmina_docs:
                self.gmina_docs[gmina.teryt] = _gmina_doc(gmina, html)
        before, after = self.powiat_docs
        return [*before, *(self.gmina_docs.get(g.teryt) for g in self.ds.powiat.gminy), *after]

    def _cached_part(self, key: str) -> Rendered | None:
        return read_rendered(self.store, key)

    def _store_part(self, key: str, rendered: Rendered) -> None:
        write_rendered(self.store, key, rendered)

    # -------------------------------------------------------------- front, numbers, merge

    def _finish(self, workers: Workers) -> bytes:
        rendering_done = time.perf_counter()
        self.progress.stage("4/4 strona tytułowa, spis treści, numery stron i łączenie części")
        docs = self.docs or []
        parts_pages = sum(self.parts[i].pages for i in range(len(docs)))
        front_pages = FRONT_PAGES_GUESS
        while True:  # the cover and contents, and the page numbers, side by side
            pages = self._page_numbers(docs, front_pages)
            front = self._rendering(workers, front_document(self.ds, docs, pages), front=True)
            numbers = self._rendering(workers, numbering_document(self.ds, front_pages + parts_pages), front=False)
            footer = self._rendering(workers, footer_document(self.ds), front=False)
            front_part, numbers_part, footer_part = front(), numbers(), footer()
            if front_part.pages == front_pages:
                break
            front_pages = front_part.pages  # the contents took another page: number again
        if self.extracts is not None:  # the extracts, made while the report is merged
            self.extracts.report_pages = pages
            self.extracts.release(docs, self.parts, self.part_keys)
        started = time.perf_counter()
        assert self.carrier is not None
        merged = merge_parts(front_part.data, [self.parts[i].data for i in range(len(docs))], numbers_part.data,
                             self._bookmarks(docs, pages), self.carrier.data(), document_identifier(self.ds),
                             footer_part.data)
        self.seconds["łączenie"] = time.perf_counter() - started
        self.seconds["strona tytułowa i spis treści"] = started - rendering_done
        return merged

    def _rendering(self, workers: Workers, html: str, front: bool) -> Callable[[], Rendered]:
        """Start rendering `html` (unless it is cached); call the result to wait for it.

        The front is rendered with placeholders for the files it carries, which the merge
        swaps for the real ones (`fronts`): its key is its HTML and how many files it holds."""
        key = front_key(self.code, html, self.ds) if front else fingerprint.digest(self.code, html)
        cached = self._cached_part(key)
        if cached is not None:
            return lambda: cached
        future = workers.render(html, **(front_options(self.ds) if front else {}))

        def result() -> Rendered:
            rendered = future.result().rendered
            self._store_part(key, rendered)
            self.rendered += 1
            return rendered
        return result

    def _page_numbers(self, docs: list[ChapterDoc], front_pages: int) -> dict[str, int]:
        """1-based page of every heading the contents list, once the parts are laid out."""
        pages, offset = {}, front_pages
        for index, doc in enumerate(docs):
            part = self.parts[index]
            for entry in doc.toc:
                pages[entry.anchor] = offset + part.anchors[entry.anchor] + 1
            offset += part.pages
        return pages

    def _bookmarks(self, docs: list[ChapterDoc], pages: dict[str, int]) -> list[Bookmark]:
        marks: list[Bookmark] = [Bookmark("Spis treści", 1)]
        for doc in docs:
            chapter, *sections = doc.toc
            marks.append(Bookmark(chapter.title, pages[chapter.anchor] - 1,
                                  tuple(Bookmark(s.title, pages[s.anchor] - 1) for s in sections)))
        return marks

    def collect_extracts(self) -> dict[str, bytes]:
        """The gminas' extracts, once the report is merged (most are made by then)."""
        assert self.extracts is not None and self.docs is not None
        started = time.perf_counter()
        self.progress.stage("4/4 wyciągi dla gmin")
        extracts = self.extracts.collect(self.docs, self.parts, self.part_keys)
        self.seconds["wyciągi gmin (czekanie po połączeniu)"] = time.perf_counter() - started
        self.seconds["praca: wyciągi gmin"] = self.extracts.seconds
        return extracts

    def _copy_notebooks(self) -> None:
        folder = self.stage / "notebooks"
        folder.mkdir()
        for chapter in self.chapters:
            (folder / f"{chapter.key}.ipynb").write_bytes(self.notebooks_made[chapter.key])

    def _add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


