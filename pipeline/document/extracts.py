"""A gmina's copy of the report (a "wyciąg"): a cover addressed to the gmina and its contents,
the powiat's key findings, the goals of the cooperation (when the report has them), the
gmina's chapter (which ends with its part of the plan) and the annex with the definitions
and the sources.

Nothing is laid out again but the cover and the page numbers: the findings, the goals, the
gmina's chapter and the annex are the very parts rendered for the full report, merged behind the
extract's own cover the way the report's parts are (`merge.merge_parts`). Tables and charts
therefore keep the numbers they have in the full report, and the cover says so: a
councillor holding the extract and one holding the report talk about the same "Tabela 26".

An extract carries all the input files, as the report does, not only its gmina's rows. The
findings page sets the gmina against every other gmina and the annex prints the SHA-256 of
every source file: only the whole set lets a reader check what the extract shows, and a
file cut down to one gmina would have a hash that is printed nowhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..errors import RenderError
from .assemble import ChapterDoc, TocEntry, extract_front_document, numbering_document, sections_of
from .pdfdata import Bookmark, ExtractLayout, Rendered

if TYPE_CHECKING:
    from ..data.dataset import Dataset
    from ..data.registry import Gmina

__all__ = ["EXTRACT_FRONT_PAGES", "ExtractLayout", "extract_chapters", "extract_layout"]

# The chapters an extract takes from the report besides the gmina's own, by their ids
# (made from their titles by `assemble`). The goals are the council's, set for the police and
# every gmina together: a gmina's copy shows them when the report has them.
FINDINGS, GOALS, ANNEX = "najwazniejsze-wnioski", "cele-wspolpracy-i-ich-realizacja", "aneks"
EXTRACT_FRONT_PAGES = 2  # the cover, and the contents with "Jak czytać raport"


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
                   front_pages: int = EXTRACT_FRONT_PAGES) -> ExtractLayout:
    """The extract of `gmina` from the report's chapters `docs` and their rendered `parts`
    (by the chapter's place in `docs`; only the extract's three are needed)."""
    chosen = extract_chapters(docs, gmina)
    sections = [sections_of(docs[i]) for i in chosen]
    pages, offset = {}, front_pages
    for entries, index in zip(sections, chosen, strict=True):
        for entry in entries:
            pages[entry.anchor] = offset + parts[index].anchors[entry.anchor] + 1
        offset += parts[index].pages
    entries = [entry for chapter in sections for entry in chapter]
    with_goals = any(docs[i].id == GOALS for i in chosen)
    front = extract_front_document(ds, gmina, entries, pages, with_goals)
    return ExtractLayout(front, numbering_document(ds, offset),
                         tuple(parts[i].data for i in chosen), _bookmarks(sections, pages), front_pages)


def _bookmarks(sections: Sequence[Sequence[TocEntry]], pages: dict[str, int]) -> tuple[Bookmark, ...]:
    """The contents, then every chapter with its sections (0-based pages)."""
    marks = [Bookmark("Spis treści", 1)]
    for chapter, *rest in sections:
        marks.append(Bookmark(chapter.title, pages[chapter.anchor] - 1,
                              tuple(Bookmark(s.title, pages[s.anchor] - 1) for s in rest)))
    return tuple(marks)
