"""Plain data about PDFs that crosses process boundaries: what a render produced, the files a
PDF carries, a bookmark, what a worker needs to make a gmina's extract. Light on purpose: the
main process handles these without importing WeasyPrint, and a worker receives them without
importing what laid them out (pandas, matplotlib, the report's content)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Bookmark", "EmbeddedFile", "ExtractLayout", "Rendered"]


@dataclass(frozen=True)
class EmbeddedFile:
    """A file the PDF carries inside it (PDF/A-3 associated file)."""

    name: str
    data: bytes
    description: str
    relationship: str = "Source"  # ISO 32000-2, 7.11.3: Source, Data, Supplement, ...


@dataclass(frozen=True)
class Rendered:
    """A rendered PDF with what merging needs to know about it."""

    data: bytes
    pages: int
    anchors: dict[str, int]  # id of an element -> 0-based page it stands on


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # 0-based in the merged document
    children: tuple[Bookmark, ...] = ()


@dataclass(frozen=True)
class ExtractLayout:
    """Everything a worker needs to make one extract (`extracts.extract_layout`): the HTML of
    the three pieces rendered for it, the parts it re-uses and where its bookmarks point."""

    front: str  # the cover and the contents
    numbering: str  # "strona X z Y" for every page of the extract
    parts: tuple[bytes, ...]
    bookmarks: tuple[Bookmark, ...]
    front_pages: int  # what the contents' page numbers assume the front takes
    footers: str = ""  # every gmina's running footer, a page each...
    footer_page: int = 0  # ...and the one naming this gmina and its council, laid over every page but the cover
