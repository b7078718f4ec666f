"""A gmina's copy of the report (a "wyciąg"): a cover addressed to the gmina, the gmina's own
page ("Gmina X w 2025 r.", `content.gmina_page`), its contents, the powiat's key findings,
the goals of the cooperation (when the report has them), the gmina's chapter (which ends with
its part of the plan) and the annex with the definitions and the sources.

Nothing is laid out again but the front (the cover, the gmina's page and the contents) and the
page numbers and the running footer: the findings, the goals, the gmina's chapter and the
annex are the very parts rendered for the full report, merged behind the extract's own front
the way the report's parts are (`merge.merge_parts`). Tables and charts therefore keep the
numbers they have in the full report, and the cover says so: a councillor holding the extract
and one holding the report talk about the same "Tabela 26". The parts carry no running footer
of their own: the footer naming the gmina and its council is laid over every page with the
page numbers, so the re-used pages say whose copy they are too.

The re-used pages refer to chapters the extract does not hold (the powiat's chapter and its
funnel of the gminas, "Plan na kolejny rok", the other gminas): the contents end with the
page each of them has in the full report, and the report's file name.

An extract carries all the input files, as the report does, not only its gmina's rows. The
findings page sets the gmina against every other gmina and the annex prints the SHA-256 of
every source file: only the whole set lets a reader check what the extract shows, and a
file cut down to one gmina would have a hash that is printed nowhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..content.gmina_page import GminaSummary, gmina_page, page_title
from ..data.formatting import fmt_list
from ..errors import RenderError
from .assemble import (
    ChapterDoc,
    TocEntry,
    extract_footer,
    extract_front_document,
    footer_document,
    numbering_document,
    opening_anchor,
    sections_of,
)
from .pdfdata import Bookmark, ExtractLayout, Rendered

if TYPE_CHECKING:
    from ..data.dataset import Dataset
    from ..data.registry import Gmina

__all__ = ["EXTRACT_FRONT_PAGES", "OPENING_PAGE", "ExtractLayout", "elsewhere_note", "extract_chapters",
           "extract_layout"]

# The chapters an extract takes from the report besides the gmina's own, by their ids
# (made from their titles by `assemble`). The goals are the council's, set for the police and
# every gmina together: a gmina's copy shows them when the report has them.
FINDINGS, GOALS, ANNEX = "najwazniejsze-wnioski", "cele-wspolpracy-i-ich-realizacja", "aneks"
EXTRACT_FRONT_PAGES = 3  # the cover, the gmina's page, and the contents with "Jak czytać raport"
OPENING_PAGE = 2  # the gmina's page, right after the cover
# The section of the powiat's chapter with the funnel of the gminas, which "Jak czytać raport"
# and the gmina's page refer to: named with its page in the full report when the report has it.
FUNNEL_SECTION = "Gminy w porównaniu"


def extract_chapters(docs: Sequence[ChapterDoc], gmina: Gmina) -> list[int]:
    """Where the extract's chapters stand in the report: the findings, the goals (if the
    report has them), the gmina, the annex."""
    ids = [doc.id for doc in docs]
    wanted = [FINDINGS, *([GOALS] if GOALS in ids else []), f"gmina-{gmina.teryt}", ANNEX]
    missing = [name for name in wanted if name not in ids]
    if missing:
        raise RenderError(f"Wyciąg dla gminy {gmina.nazwa}: w raporcie brak rozdziałów {', '.join(missing)} "
                          "(zmieniono tytuł rozdziału w notatniku powiat.ipynb?).")
    return [ids.index(name) for name in wanted]


def extract_layout(ds: Dataset, gmina: Gmina, docs: Sequence[ChapterDoc], parts: Mapping[int, Rendered],
                   front_pages: int = EXTRACT_FRONT_PAGES, report_pages: Mapping[str, int] | None = None,
                   report_name: str = "", summary: GminaSummary | None = None) -> ExtractLayout:
    """The extract of `gmina` from the report's chapters `docs` and their rendered `parts`
    (by the chapter's place in `docs`; only the extract's chapters are needed); with
    `report_pages` (the full report's page of every heading its contents list) and its file
    name, the contents say where the full report holds what the extract refers to; `summary`
    is the gmina's page worked out before (`content.gmina_page.gmina_summaries`)."""
    chosen = extract_chapters(docs, gmina)
    sections = [sections_of(docs[i]) for i in chosen]
    pages, offset = {opening_anchor(): OPENING_PAGE}, front_pages
    for entries, index in zip(sections, chosen, strict=True):
        for entry in entries:
            pages[entry.anchor] = offset + parts[index].anchors[entry.anchor] + 1
        offset += parts[index].pages
    opening = TocEntry(1, page_title(ds, gmina.teryt), opening_anchor())
    # The contents list the sections of the gmina's chapter only: the rest keep their titles,
    # and the bookmarks every section (the contents share their page with "Jak czytać raport").
    own = f"gmina-{gmina.teryt}"
    entries = [opening, *(entry for index, chapter in zip(chosen, sections, strict=True)
                          for entry in (chapter if docs[index].id == own else chapter[:1]))]
    with_goals = any(docs[i].id == GOALS for i in chosen)
    own = gmina_page(summary or ds, gmina.teryt, {"chapter": pages[f"gmina-{gmina.teryt}--tytul"],
                                                  **({"goals": pages[f"{GOALS}--tytul"]} if with_goals else {})})
    elsewhere = elsewhere_note(docs, chosen, gmina, report_pages, report_name) if report_pages else ""
    front = extract_front_document(ds, gmina, entries, pages, with_goals, str(own.html), elsewhere)
    # Every gmina's footer in one document, a page each: a worker renders it once for all.
    footers = footer_document(ds, [extract_footer(ds, g) for g in ds.powiat.gminy])
    return ExtractLayout(front, numbering_document(ds, offset), tuple(parts[i].data for i in chosen),
                         _bookmarks(opening, sections, pages), front_pages, footers,
                         ds.powiat.gminy.index(gmina))


def elsewhere_note(docs: Sequence[ChapterDoc], chosen: Sequence[int], gmina: Gmina, report_pages: Mapping[str, int],
                   report_name: str) -> str:
    """ "Pozostałe rozdziały pełnego raportu (plik raport_opoczynski_2025.pdf), …: „Słowo wstępne” – s. 3; „Powiat
    opoczyński w 2025 r.” – s. 7 (porównanie gmin na wykresie lejkowym: „Gminy w porównaniu” –
    s. 8); …; rozdziały pozostałych gmin: Białaczów – s. 14, …" — every chapter the extract does
    not hold, with its page in the full report."""
    chapters: list[str] = []
    gminas: list[str] = []
    for index, doc in enumerate(docs):
        if index in chosen or not doc.toc:
            continue
        title = doc.toc[0]
        if doc.id.startswith("gmina-"):
            if not gminas:
                chapters.append("")  # where the other gminas stand in the report's order
            gminas.append(f"{title.title.removeprefix('Gmina ')} – s.\u00a0{report_pages[title.anchor]}")
            continue
        text = f"„{title.title}” – s.\u00a0{report_pages[title.anchor]}"
        funnel = next((e for e in doc.toc if e.title.replace("\u00a0", " ") == FUNNEL_SECTION), None)
        if funnel is not None:
            text += f" (porównanie gmin na wykresie lejkowym: „{funnel.title}” – s.\u00a0{report_pages[funnel.anchor]})"
        chapters.append(text)
    chapters = [text or f"rozdziały pozostałych gmin: {fmt_list(gminas)}" for text in chapters]
    return (f"Pozostałe rozdziały pełnego raportu (plik {report_name}), do których odsyłają strony wyciągu, "
            f"ze stronami w pełnym raporcie: {'; '.join(chapters)}.")


def _bookmarks(opening: TocEntry, sections: Sequence[Sequence[TocEntry]], pages: dict[str, int]
               ) -> tuple[Bookmark, ...]:
    """The gmina's page, the contents, then every chapter with its sections (0-based pages)."""
    marks = [Bookmark(opening.title, OPENING_PAGE - 1), Bookmark("Spis treści", OPENING_PAGE)]
    for chapter, *rest in sections:
        marks.append(Bookmark(chapter.title, pages[chapter.anchor] - 1,
                              tuple(Bookmark(s.title, pages[s.anchor] - 1) for s in rest)))
    return tuple(marks)
