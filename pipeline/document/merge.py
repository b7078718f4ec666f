"""One tagged PDF/A from parts rendered side by side: the pages, the structure tree, the
links, the bookmarks and the page numbers made whole again (pikepdf / qpdf).

Rendering is the longest stage and WeasyPrint uses one core, so the chapters are rendered
as separate parts in parallel. Each part is a complete tagged PDF; the front part (cover
and contents) carries the document's metadata, PDF/A identification, output intent and
embedded files. Merging then

- appends every part's pages and hangs its structure elements under the front part's
  /Document element, renumbering the parent tree so every page and link keeps its tags;
- merges the named destinations, so the contents' links lead to the chapters;
- builds the bookmarks from the contents, pointing at the merged pages;
- lays the page numbers ("strona X z Y"), rendered by WeasyPrint for the whole document,
  over each page, and the running footer over every page but the cover, marked as artifacts
  so assistive technology skips them (a part the report and an extract share carries no
  footer of its own: each document lays its own over it);
- makes the whole PDF/UA-1 and says so (`pdfua`): header cells with a scope, running
  headers and footers as artifacts, the claim in the XMP;
- puts in the files the PDF carries, from a carrier rendered once per build, in place of the
  front's placeholders, and sets the document's /ID (`attachments`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name, ObjectStreamMode, Pdf, String

from .attachments import swap_in
from .pdfdata import Bookmark
from .pdfua import claim_pdfua, mark_untagged_as_artifacts, scope_header_cells, untagged_to_artifacts
from .structure import elements, table_attributes

__all__ = ["Bookmark", "merge_parts"]


def merge_parts(front: bytes, parts: Sequence[bytes], numbering: bytes, bookmarks: Sequence[Bookmark],
                carrier: bytes | None = None, identifier: bytes | None = None, footer: bytes | None = None,
                footer_page: int = 0) -> bytes:
    """The merged PDF: `front`, then `parts` in order, numbered by the pages of `numbering`
    and with page `footer_page` of `footer` over every page but the first; with `carrier`,
    the files it carries take the place of the front's placeholders and the document's /ID is
    `identifier` (see `attachments`)."""
    with Pdf.open(io.BytesIO(front)) as target:
        if carrier is not None:
            swap_in(target, carrier, identifier or b"")
        tree = _Tree(target)
        for index, data in enumerate(parts, start=1):
            with Pdf.open(io.BytesIO(data)) as part:
                tree.append(part, prefix=f"p{index}-")
        tree.finish()
        scope_header_cells(target)
        mark_untagged_as_artifacts(target)
        _share_font_programs(target)
        _set_bookmarks(target, bookmarks)
        _fence(target)
        with Pdf.open(io.BytesIO(numbering)) as numbers:
            _overlay_numbers(target, numbers)
        if footer is not None:
            with Pdf.open(io.BytesIO(footer)) as footers:
                _overlay_footer(target, footers.pages[footer_page])
        claim_pdfua(target)  # last: the claim describes the finished document
        output = io.BytesIO()
        # The structure tree is thousands of small dictionaries: packed into compressed
        # object streams (allowed in PDF/A-3) the file is almost half the size.
        target.save(output, deterministic_id=True, object_stream_mode=ObjectStreamMode.generate)
        return output.getvalue()


class _Tree:
    """The front part's structure tree, parent tree and destinations, growing part by part."""

    def __init__(self, target: Pdf) -> None:
        self.target = target
        self.root = target.Root.StructTreeRoot
        self.document = self.root.K[0]
        nums = list(self.root.ParentTree.Nums)
        self.parents = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
        self.next_key = max((key for key, _ in self.parents), default=-1) + 1
        self.dests = _name_tree(target.Root.get("/Names", {}).get("/Dests"))

    def append(self, part: Pdf, prefix: str) -> None:
        first = len(self.target.pages)
        for page in part.pages:
            self.target.pages.append(page)
        offset = self.next_key
        for page in self.target.pages[first:]:
            page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        nums = list(part.Root.StructTreeRoot.ParentTree.Nums)
        for i in range(0, len(nums), 2):
            key = int(nums[i]) + offset
            self.parents.append((key, _copy(self.target, nums[i + 1])))
            self.next_key = max(self.next_key, key + 1)
        for kid in part.Root.StructTreeRoot.K[0].K:
            element = _copy(self.target, kid)
            element.P = self.document
            self.document.K.append(element)
            _prefix_ids(element, prefix)
        for name, destination in _name_tree(part.Root.get("/Names", {}).get("/Dests")).items():
            self.dests[name] = _copy(self.target, destination)

    def finish(self) -> None:
        self.root.ParentTree = self.target.make_indirect(
            Dictionary(Nums=Array([item for key, value in sorted(self.parents, key=lambda p: p[0])
                                   for item in (key, value)])))
        self.root.ParentTreeNextKey = self.next_key
        if self.dests:  # a name tree must be sorted by name
            names = Array([item for name in sorted(self.dests) for item in (String(name), self.dests[name])])
            self.target.Root.Names.Dests = self.target.make_indirect(Dictionary(Names=names))


def _copy(target: Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """`value` from another PDF, in `target`. qpdf copies indirect objects only, keeping one
    copy per source object, so a page and the tags that point at it stay linked."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return target.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copy(target, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(target, item) for key, item in value.items()})
    return value


def _name_tree(node: pikepdf.Object | None) -> dict[str, pikepdf.Object]:
    """A name tree's entries, from its leaves (WeasyPrint writes one flat node)."""
    if node is None:
        return {}
    entries = {}
    names = node.get("/Names")
    if names is not None:
        for i in range(0, len(names), 2):
            entries[str(names[i])] = names[i + 1]
    for kid in node.get("/Kids", []):
        entries.update(_name_tree(kid))
    return entries


def _prefix_ids(element: pikepdf.Dictionary, prefix: str) -> None:
    """Header-cell ids are unique within a part only: make them unique in the document."""
    for node in elements(element):
        if "/ID" in node:
            node.ID = String(prefix + str(node.ID))
        attributes = table_attributes(node)
        if attributes is not None and "/Headers" in attributes:
            attributes.Headers = Array([String(prefix + str(h)) for h in attributes.Headers])


def _share_font_programs(target: Pdf) -> None:
    """Every part embeds the same font files: keep one copy of each."""
    seen: dict[bytes, pikepdf.Object] = {}
    for page in target.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            for each in (font, *font.get("/DescendantFonts", [])):
                descriptor = each.get("/FontDescriptor")
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if descriptor is None or key not in descriptor:
                        continue
                    digest = hashlib.sha256(descriptor[key].read_raw_bytes()).digest()
                    descriptor[key] = seen.setdefault(digest, descriptor[key])


def _set_bookmarks(target: Pdf, bookmarks: Sequence[Bookmark]) -> None:
    if "/Outlines" in target.Root:
        del target.Root.Outlines
    with target.open_outline() as outline:
        outline.root.extend(_outline_item(b) for b in bookmarks)


def _outline_item(bookmark: Bookmark) -> pikepdf.OutlineItem:
    item = pikepdf.OutlineItem(bookmark.title, bookmark.page)
    item.children.extend(_outline_item(child) for child in bookmark.children)
    return item


def _overlay_numbers(target: Pdf, numbers: Pdf) -> None:
    """Each page gets the matching page of `numbers` drawn over it, as an artifact."""
    for number, (page, source) in enumerate(zip(target.pages, numbers.pages, strict=True), start=1):
        # Fixed names (pikepdf would pick random ones), one per page: pages of a part share
        # their resources. The same inputs give the same bytes.
        _overlay(target, page, _form(target, source), f"/RaportStrona{number}")


def _overlay_footer(target: Pdf, footer: pikepdf.Page) -> None:
    """`footer` drawn over every page but the cover, as an artifact."""
    form = _form(target, footer)
    for page in target.pages[1:]:
        _overlay(target, page, form, "/RaportStopka")


def _form(target: Pdf, source: pikepdf.Page) -> pikepdf.Object:
    form = target.copy_foreign(source.as_form_xobject())
    # The overlay's own tags name nothing in this document: inside, it is an artifact too.
    untagged_to_artifacts(target, form)
    return form


def _fence(target: Pdf) -> None:
    """The pages' own drawing leaves their coordinate system changed: fence it with q/Q, so
    what is laid over it stands where it was drawn."""
    for page in target.pages:
        page.contents_add(target.make_stream(b"q\n"), prepend=True)
        page.contents_add(target.make_stream(b"\nQ\n"))


def _overlay(target: Pdf, page: pikepdf.Page, form: pikepdf.Object, name: str) -> None:
    added = page.add_resource(form, Name.XObject, name=Name(name))
    page.contents_add(target.make_stream(b"/Artifact BMC q " + str(added).encode() + b" Do Q EMC\n"))
