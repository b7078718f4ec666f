"""The analyst's commentary as the report uses it: pieces of safe HTML, each for one place of
the report (see `places`). Plain data, light to import: the kernels unpickle it with the
shared dataset. Reading and checking the analyst's file is `reading`."""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["Commentary", "Piece"]


@dataclass(frozen=True)
class Piece:
    """The commentary for one place: a chapter's opening (section None) or a section's end."""

    chapter: str  # a place key: "slowo_wstepne", "powiat", "1007023", ...
    section: str | None  # a section key: "przestepczosc", ...
    html: str  # safe HTML: sanitised text, our own markup for the photos


@dataclass(frozen=True)
class Commentary:
    source: str  # "2025/komentarz.docx"
    pieces: tuple[Piece, ...]
    published: bytes = b""  # the copy the PDF carries (see `published_copy`)

    def at(self, chapter: str, section: str | None = None) -> list[str]:
        return [p.html for p in self.pieces if p.chapter == chapter and p.section == section]

    def only(self, chapters: set[str]) -> Commentary:
        """The pieces of some chapters: what one chapter's notebook may see."""
        return replace(self, pieces=tuple(p for p in self.pieces if p.chapter in chapters))
