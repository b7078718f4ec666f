"""Plain data about PDFs that crosses process boundaries: what a render produced, and the
files a PDF carries. Light on purpose: the main process handles these without importing
WeasyPrint."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EmbeddedFile", "Rendered"]


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
