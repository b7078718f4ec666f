"""The structure tree of a tagged PDF as the merge step and the checks read it: elements in
reading order, their kids, the table attributes of a cell, the parent tree.

One reading for the writer (merge, pdfua) and the checker (matterhorn), so both mean the
same thing by "the element is in the tree".
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

__all__ = ["elements", "kids", "parent_tree", "table_attributes"]


def kids(node: pikepdf.Object) -> list[pikepdf.Object]:
    """A node's /K as a list: an element, an MCID, a marked-content or object reference."""
    value = node.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under `node` (itself included), depth first: reading order."""
    if isinstance(node, Dictionary) and "/S" in node and node.get("/Type") in (Name.StructElem, None):
        yield node
    if isinstance(node, Dictionary) and ("/S" in node or node.get("/Type") == Name.StructTreeRoot):
        for kid in kids(node):
            yield from elements(kid)


def table_attributes(element: pikepdf.Dictionary, create: bool = False) -> pikepdf.Dictionary | None:
    """The element's attribute dictionary owned by /Table (/Scope, /Headers, spans), if any.

    /A may be one dictionary or an array of them (each possibly followed by a revision
    number); with `create`, a missing one is added beside the others.
    """
    value = element.get("/A")
    owned = [value] if isinstance(value, Dictionary) else list(value) if isinstance(value, Array) else []
    for attributes in owned:
        if isinstance(attributes, Dictionary) and attributes.get("/O") == Name.Table:
            return attributes
    if not create:
        return None
    if value is None:
        element.A = Dictionary(O=Name.Table)
    elif isinstance(value, Array):
        value.append(Dictionary(O=Name.Table))
    else:
        element.A = Array([value, Dictionary(O=Name.Table)])
    return table_attributes(element)


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    """The parent tree's entries: a page's key -> the elements of its MCIDs (an array),
    an annotation's key -> its element. WeasyPrint and the merge write one flat node."""
    entries: dict[int, pikepdf.Object] = {}

    def collect(node: pikepdf.Object) -> None:
        nums = node.get("/Nums", [])
        for i in range(0, len(nums), 2):
            entries[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            collect(kid)

    root = pdf.Root.get("/StructTreeRoot")
    if root is not None and "/ParentTree" in root:
        collect(root.ParentTree)
    return entries
