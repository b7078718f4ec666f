"""The merge step makes the document PDF/UA-1: header cells scoped as the HTML says,
running headers and footers and the page numbers as pagination artifacts, the claim in
the XMP; the same parts give the same bytes."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from pipeline.document.merge import merge_parts
from pipeline.document.pdfua import PDFUA_NAMESPACE, claim_pdfua
from pipeline.document.render import render
from pipeline.document.structure import elements, table_attributes
from pipeline.errors import RenderError

from .conftest import HTML, numbering
from .test_render import page


def _open(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def _marks(content: pikepdf.Object) -> list[tuple[str, Dictionary | None]]:
    """The marked-content operators of a page or form: (tag, properties)."""
    return [(str(i.operands[0]), i.operands[1] if len(i.operands) > 1 else None)
            for i in pikepdf.parse_content_stream(content) if str(i.operator) in ("BDC", "BMC")]


def test_every_header_cell_gets_the_scope_its_html_gives(small_report) -> None:
    expected = [{"row": "/Row"}.get(scope, "/Column")  # a TH without scope heads its column
                for html in HTML for scope in re.findall(r'<th(?: scope="(\w+)")?>', html)]
    with _open(small_report) as pdf:
        scopes = [str(table_attributes(e).Scope) for e in elements(pdf.Root.StructTreeRoot) if e.S == Name.TH]
    assert scopes == expected
    assert expected.count("/Row") == 3 and expected.count("/Column") == 7


def test_a_scope_joins_the_attributes_a_cell_already_has(small_report) -> None:
    with _open(small_report) as pdf:
        cells = [e for e in elements(pdf.Root.StructTreeRoot) if e.S in (Name.TH, Name.TD)]
        assert all(table_attributes(c).O == Name.Table for c in cells)
        assert all("/ID" in c for c in cells if c.S == Name.TH)  # the /Headers still lead somewhere
        assert all(len(table_attributes(c).Headers) for c in cells if c.S == Name.TD)


def test_running_headers_and_footers_become_pagination_artifacts(small_report) -> None:
    with _open(small_report) as pdf:
        for page_ in pdf.pages:
            artifacts = [p for tag, p in _marks(page_.obj) if tag == "/Artifact" and p is not None]
            assert {(str(p.Type), str(p.Subtype)) for p in artifacts} == {("/Pagination", "/Header"),
                                                                         ("/Pagination", "/Footer")}


def test_the_parent_tree_keeps_only_content_the_tree_owns(small_report) -> None:
    with _open(small_report) as pdf:
        in_tree = {e.objgen for e in elements(pdf.Root.StructTreeRoot)}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        owners = [o for i in range(1, len(nums), 2)
                  for o in (nums[i] if isinstance(nums[i], pikepdf.Array) else [nums[i]])]
        assert owners and all(o is None or o.objgen in in_tree for o in owners)


def test_the_page_numbers_are_one_artifact_without_tags_of_their_own(small_report) -> None:
    with _open(small_report) as pdf:
        for number, page_ in enumerate(pdf.pages, start=1):
            form = page_.Resources.XObject[f"/RaportStrona{number}"]
            assert all(tag == "/Artifact" for tag, _ in _marks(form))
            assert not any(p is not None and "/MCID" in p for _, p in _marks(form))


def test_the_xmp_claims_pdfua_1_beside_pdfa_3u(small_report) -> None:
    with _open(small_report) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            claims = (xmp.get("pdfuaid:part"), xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance"))
        packet = pdf.Root.Metadata.read_bytes().decode()
    assert claims == ("1", "3", "U")
    assert f"<pdfaSchema:namespaceURI>{PDFUA_NAMESPACE}</pdfaSchema:namespaceURI>" in packet


def test_an_xmp_packet_of_another_shape_is_an_error_not_a_silent_claim() -> None:
    with pikepdf.new() as pdf:
        pdf.Root.Metadata = pdf.make_stream(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
        with pytest.raises(RenderError, match="PDF/UA"):
            claim_pdfua(pdf)


def test_the_same_parts_give_the_same_bytes() -> None:
    front, part = render(page(HTML[0])), render(page(HTML[1]))
    numbers = render(numbering(front.pages + part.pages)).data
    first = merge_parts(front.data, [part.data], numbers, [])
    assert merge_parts(front.data, [part.data], numbers, []) == first
