"""The analyst's own words and photos, where the commentary file put them (see `data.commentary.places`).

Each notebook has a cell per place: `report.commentary(ds, "powiat", "przestepczosc")` at the
end of a section, `report.commentary(ds, teryt)` at the start of a gmina's chapter. A place
without commentary shows nothing: no empty box, no heading. The words are visibly the
police's and the analyst's, in a box with a quiet rule and a label, in the report's own fonts
and colours (Word's are never carried over). The foreword is a chapter of its own.
"""

from __future__ import annotations

from markupsafe import Markup

from ...data.commentary.places import FOREWORD
from ...data.dataset import Dataset
from .. import blocks
from ..blocks import Block

__all__ = ["FOREWORD_TITLE", "commentary", "foreword"]

FOREWORD_TITLE = "Słowo wstępne"
LABEL = "Komentarz"


def commentary(ds: Dataset, place: str, section: str | None = None) -> Block:
    """The commentary for a chapter's start (`section` None) or a section's end."""
    pieces = ds.commentary.at(place, section) if ds.commentary else []
    if not pieces:
        return blocks.join([])
    # The pieces are safe by construction: sanitised by nh3, photos drawn by us (data.commentary.reading).
    inner = Markup("").join(Markup(piece) for piece in pieces)
    return Block(Markup('<div class="commentary"><p class="commentary-label">{}</p>{}</div>').format(
        LABEL, inner))


def foreword(ds: Dataset) -> Block:
    """The foreword: its own page after the contents, in the contents and the bookmarks."""
    pieces = ds.commentary.at(FOREWORD) if ds.commentary else []
    if not pieces:
        return blocks.join([])
    text = Markup("").join(Markup(piece) for piece in pieces)
    box = Markup('<div class="foreword">{}</div>').format(text)
    return blocks.join([blocks.heading(1, FOREWORD_TITLE), Block(box)])
