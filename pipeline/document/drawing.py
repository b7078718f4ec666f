"""What a PDF's pages draw, read from their content streams: the marked content each
painting operator stands in, and the character codes each font shows.

The checks of real content and artifacts (Matterhorn 01) and of fonts and glyphs
(Matterhorn 10 and 31) read this one walk, so every page and form is parsed once. Form
XObjects are followed into, inside whatever marked content their `Do` stands in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Dictionary, Name

__all__ = ["Drawing", "read_drawing"]

TEXT_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
# Operators that put marks on the page: text, painted paths, shadings, inline images
# (`Do` of an image too; a form's own operators count instead of its `Do`).
PAINTING = TEXT_SHOWING | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "INLINE IMAGE"}

ObjGen = tuple[int, int]
# (the drawing's /StructParents key, an MCID) -> does it name an element of the structure tree?
IsTagged = Callable[[int | None, int], bool]


@dataclass
class Drawing:
    """Where the pages break the rules of marked content (1-based page numbers, once per
    occurrence) and what each font was asked to show."""

    artifacts_in_tagged: list[int] = field(default_factory=list)
    tagged_in_artifacts: list[int] = field(default_factory=list)
    unmarked: list[int] = field(default_factory=list)  # neither tagged content nor an artifact
    fonts: dict[ObjGen, pikepdf.Dictionary] = field(default_factory=dict)
    codes: dict[ObjGen, set[int]] = field(default_factory=lambda: defaultdict(set))


def read_drawing(pdf: pikepdf.Pdf, is_tagged: IsTagged) -> Drawing:
    """Walk every page's content, forms included."""
    walker = _Walker(is_tagged)
    for number, page in enumerate(pdf.pages, start=1):
        key = page.obj.get("/StructParents")
        walker.walk(page.obj, page.obj.get("/Resources", Dictionary()), number,
                    None if key is None else int(key), [], frozenset())
    return walker.drawing


class _Walker:
    def __init__(self, is_tagged: IsTagged) -> None:
        self.is_tagged = is_tagged
        self.drawing = Drawing()

    def walk(self, content: pikepdf.Object, resources: pikepdf.Dictionary, page: int, key: int | None,
             marks: list[str], forms: frozenset[ObjGen]) -> None:
        """`marks`: the open marked-content sequences, outermost first, each "artifact",
        "tagged" (its MCID names an element in the tree), "untagged" or "other"."""
        fonts: list[pikepdf.Dictionary | None] = [None]  # the font is graphics state: q/Q keep it
        for instruction in pikepdf.parse_content_stream(content):
            operator, operands = str(instruction.operator), instruction.operands
            if operator in ("BDC", "BMC"):
                marks.append(self._open(operands, key, marks, page))
            elif operator == "EMC" and marks:
                marks.pop()
            elif operator == "q":
                fonts.append(fonts[-1])
            elif operator == "Q" and len(fonts) > 1:
                fonts.pop()
            elif operator == "Tf":
                fonts[-1] = resources.get("/Font", Dictionary()).get(str(operands[0]))
            elif operator == "Do":
                self._do(resources.get("/XObject", Dictionary()).get(str(operands[0])), resources, page, key,
                         marks, forms)
            if operator in PAINTING:
                self._paint(marks, page)
            if operator in TEXT_SHOWING and fonts[-1] is not None:
                self._show(fonts[-1], operands)

    def _open(self, operands: Sequence[pikepdf.Object], key: int | None, marks: list[str], page: int) -> str:
        if operands[0] == Name.Artifact:
            if "tagged" in marks:
                self.drawing.artifacts_in_tagged.append(page)
            return "artifact"
        properties = operands[1] if len(operands) > 1 else None
        if not isinstance(properties, Dictionary) or "/MCID" not in properties:
            return "other"
        if "artifact" in marks:
            self.drawing.tagged_in_artifacts.append(page)
        return "tagged" if self.is_tagged(key, int(properties.MCID)) else "untagged"

    def _paint(self, marks: list[str], page: int) -> None:
        if "tagged" not in marks and "artifact" not in marks:
            self.drawing.unmarked.append(page)

    def _do(self, xobject: pikepdf.Object | None, resources: pikepdf.Dictionary, page: int, key: int | None,
            marks: list[str], forms: frozenset[ObjGen]) -> None:
        if xobject is None:
            return
        if xobject.get("/Subtype") != Name.Form:
            self._paint(marks, page)
            return
        if xobject.objgen in forms:  # a form drawing itself: broken, and it would never end
            return
        own_key = xobject.get("/StructParents")
        self.walk(xobject, xobject.get("/Resources", resources), page, None if own_key is None else int(own_key),
                  list(marks), forms | {xobject.objgen})

    def _show(self, font: pikepdf.Dictionary, operands: Sequence[pikepdf.Object]) -> None:
        strings = operands[0] if isinstance(operands[0], pikepdf.Array) else operands[-1:]
        width = 2 if font.get("/Subtype") == Name.Type0 else 1
        self.drawing.fonts[font.objgen] = font
        shown = self.drawing.codes[font.objgen]
        for string in strings:
            if isinstance(string, pikepdf.String):
                data = bytes(string)
                shown.update(int.from_bytes(data[i:i + width], "big") for i in range(0, len(data), width))
