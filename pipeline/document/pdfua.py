"""The merged report made to meet PDF/UA-1 (ISO 14289-1), then claimed in its XMP.

WeasyPrint tags the document; the merge step finishes three things it leaves open:

- **Header cells** get a /Scope. WeasyPrint links every data cell to its header cells
  (/Headers and /ID) but gives a TH no /Scope, and without it a screen reader has to guess
  whether the cell heads its column or its row (Matterhorn 15-003). WeasyPrint lists a
  row header, the HTML's `scope="row"`, in the /Headers of the data cells of its own row;
  any other TH heads its column. So the scope follows the HTML as WeasyPrint read it, and
  /Scope and /Headers can never disagree.
- **Running headers and footers become artifacts.** WeasyPrint draws the @page margin
  boxes (the short title, the "DANE PRZYKŁADOWE" mark) as marked content with an MCID,
  but keeps their elements out of the structure tree: it can only tag them as artifacts in
  PDF 2.0. Content whose MCID names no element of the tree is neither real content nor an
  artifact (Matterhorn 01-005); it becomes a pagination artifact, a header or a footer by
  the half of the page it stands on, and its entry leaves the parent tree. The page
  numbers laid over the merged pages get the same treatment inside their form.
- **The claim**: pdfuaid:part=1 next to PDF/A-3u's pdfaid in the XMP, with the PDF/UA
  identification schema described as PDF/A-3 requires for a schema it does not predefine.
"""

from __future__ import annotations

from collections.abc import Sequence

import pikepdf
from pikepdf import ContentStreamInstruction, Dictionary, Matrix, Name, Operator

from ..errors import RenderError
from .structure import elements, kids, parent_tree, table_attributes

__all__ = ["PDFUA_NAMESPACE", "PDFUA_PART", "claim_pdfua", "mark_untagged_as_artifacts", "scope_header_cells",
           "untagged_to_artifacts"]

PDFUA_NAMESPACE = "http://www.aiim.org/pdfua/ns/id/"
PDFUA_PART = 1

# PDF/A-3 (ISO 19005-3, 6.6.2.3) accepts an XMP property outside its predefined schemas
# only if the packet describes the schema: its namespace, prefix and each property's type.
_CLAIM = f"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{PDFUA_NAMESPACE}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="{PDFUA_NAMESPACE}">
<pdfuaid:part>{PDFUA_PART}</pdfuaid:part>
</rdf:Description>
""".encode()
_RDF_END = b"</rdf:RDF>"


def scope_header_cells(pdf: pikepdf.Pdf) -> None:
    """Every TH gets /Scope /Row (named in /Headers by the data cells of its row) or /Column."""
    for row in elements(pdf.Root.StructTreeRoot):
        if row.S != Name.TR:
            continue
        cells = [kid for kid in kids(row) if isinstance(kid, Dictionary) and kid.get("/S") in (Name.TH, Name.TD)]
        named_in_row = {str(header) for cell in cells if cell.S == Name.TD
                        for header in (table_attributes(cell) or {}).get("/Headers", [])}
        for cell in cells:
            if cell.S == Name.TH:
                row_header = "/ID" in cell and str(cell.ID) in named_in_row
                table_attributes(cell, create=True).Scope = Name.Row if row_header else Name.Column


def mark_untagged_as_artifacts(pdf: pikepdf.Pdf) -> None:
    """Content whose MCID names no element of the structure tree becomes a pagination artifact."""
    in_tree = {element.objgen for element in elements(pdf.Root.StructTreeRoot)}
    parents = parent_tree(pdf)
    for page in pdf.pages:
        owners = parents.get(int(page.obj.get("/StructParents", -1)))
        if not isinstance(owners, pikepdf.Array):
            continue
        untagged = {mcid for mcid, owner in enumerate(owners)
                    if isinstance(owner, Dictionary) and owner.objgen not in in_tree}
        if untagged:
            untagged_to_artifacts(pdf, page.obj, untagged)
            for mcid in untagged:
                owners[mcid] = None  # nothing in the tree owns it any more


def untagged_to_artifacts(pdf: pikepdf.Pdf, drawing: pikepdf.Object, untagged: set[int] | None = None) -> None:
    """Rewrite the content of `drawing` (a page or a form XObject): each marked-content
    sequence whose MCID is in `untagged` (None: any MCID) becomes a pagination artifact."""
    box = drawing.BBox if isinstance(drawing, pikepdf.Stream) else drawing.MediaBox
    middle = (float(box[1]) + float(box[3])) / 2
    instructions = _as_artifacts(pikepdf.parse_content_stream(drawing), untagged, middle)
    data = pikepdf.unparse_content_stream(instructions)
    if isinstance(drawing, pikepdf.Stream):
        drawing.write(data)
    else:
        drawing.Contents = pdf.make_stream(data)


def _as_artifacts(instructions: Sequence[ContentStreamInstruction], untagged: set[int] | None,
                  middle: float) -> list[ContentStreamInstruction]:
    """The instructions with the untagged sequences opened as artifacts. Whether one is a
    header or a footer shows where its first text is placed: the graphics state is
    followed (q, Q, cm) to put the text matrix's origin on the page."""
    result: list[ContentStreamInstruction] = []
    ctm, saved = Matrix(), []
    marks: list[bool] = []  # open marked-content sequences: True for one made an artifact here
    unplaced: int | None = None  # index in `result` of an artifact whose place is not known yet
    for instruction in instructions:
        operands, operator = instruction.operands, str(instruction.operator)
        if operator == "q":
            saved.append(ctm)
        elif operator == "Q" and saved:
            ctm = saved.pop()
        elif operator == "cm":
            ctm = Matrix(*(float(x) for x in operands)) @ ctm
        elif operator in ("BDC", "BMC"):
            converted = operator == "BDC" and _mcid(operands) is not None and (
                untagged is None or _mcid(operands) in untagged)
            marks.append(converted)
            if converted:
                unplaced = len(result)
                instruction = _artifact(None)
        elif operator == "EMC" and marks:
            if marks.pop():
                unplaced = None
        elif operator == "Tm" and unplaced is not None:
            _, y = ctm.transform((float(operands[4]), float(operands[5])))
            result[unplaced] = _artifact(Name.Header if y > middle else Name.Footer)
            unplaced = None
        result.append(instruction)
    return result


def _mcid(operands: Sequence[pikepdf.Object]) -> int | None:
    properties = operands[1] if len(operands) > 1 else None
    if isinstance(properties, Dictionary) and "/MCID" in properties:
        return int(properties.MCID)
    return None


def _artifact(subtype: Name | None) -> ContentStreamInstruction:
    properties = Dictionary(Type=Name.Pagination)
    if subtype is not None:
        properties.Subtype = subtype
    return ContentStreamInstruction([Name.Artifact, properties], Operator("BDC"))


def claim_pdfua(pdf: pikepdf.Pdf) -> None:
    """PDF/UA-1 in the XMP packet WeasyPrint wrote, beside its PDF/A identification."""
    metadata = pdf.Root.Metadata
    packet = metadata.read_bytes()
    if packet.count(_RDF_END) != 1:
        raise RenderError("Metadane XMP dokumentu mają nieoczekiwaną postać: nie można dopisać deklaracji PDF/UA.")
    metadata.write(packet.replace(_RDF_END, _CLAIM + _RDF_END))
