"""Every Matterhorn condition we check holds for the example report and for the small
report; each fails on a copy of the small report broken in just that way; and the
README says which conditions are checked."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pikepdf
import pytest
from pikepdf import Array, ContentStreamInstruction, Dictionary, Name, Operator, String

from pipeline.document.matterhorn import CONDITIONS, Verdict, check_matterhorn
from pipeline.document.structure import elements, table_attributes

from ..conftest import ROOT


def verdicts(pdf: pikepdf.Pdf) -> dict[str, Verdict]:
    return {v.condition: v for v in check_matterhorn(pdf)}


@pytest.fixture(scope="module")
def example_verdicts(example_report) -> dict[str, Verdict]:
    with pikepdf.open(example_report.pdf) as pdf:
        return verdicts(pdf)


@pytest.mark.e2e
@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_condition_holds_for_the_example_report(example_verdicts, condition: str) -> None:
    verdict = example_verdicts[condition]
    assert verdict.ok, f"{condition} {verdict.description}: {verdict.detail}"


def test_every_condition_holds_for_the_small_report(small_report) -> None:
    with pikepdf.open(io.BytesIO(small_report)) as pdf:
        failed = [v for v in check_matterhorn(pdf) if not v.ok]
    assert not failed


def test_the_readme_lists_every_checked_condition() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not [c for c in CONDITIONS if c not in readme]


# ---------------------------------------------------------------- each condition can fail


def _all(pdf: pikepdf.Pdf, tag: str) -> list[pikepdf.Dictionary]:
    return [e for e in elements(pdf.Root.StructTreeRoot) if e.S == Name(tag)]


def _first(pdf: pikepdf.Pdf, tag: str) -> pikepdf.Dictionary:
    return _all(pdf, tag)[0]


def _edit_content(pdf: pikepdf.Pdf, edit: Callable[[list], list]) -> None:
    page = pdf.pages[0]
    instructions = list(pikepdf.parse_content_stream(page))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(edit(instructions)))


def _marked(tag: str, properties: Dictionary | None = None) -> list:
    opening = (ContentStreamInstruction([Name("/" + tag), properties], Operator("BDC")) if properties is not None
               else ContentStreamInstruction([Name("/" + tag)], Operator("BMC")))
    return [opening, ContentStreamInstruction([], Operator("EMC"))]


def _after_first(instructions: list, opening: Callable[[ContentStreamInstruction], bool], inserted: list) -> list:
    at = next(i for i, ins in enumerate(instructions) if str(ins.operator) == "BDC" and opening(ins)) + 1
    return instructions[:at] + inserted + instructions[at:]


def _is_artifact(ins: ContentStreamInstruction) -> bool:
    return ins.operands[0] == Name.Artifact


def _header_replaced_by(replacement: list) -> Callable[[list], list]:
    """The header artifact's opening operator replaced by `replacement`."""
    def edit(instructions: list) -> list:
        at = next(i for i, ins in enumerate(instructions) if str(ins.operator) == "BDC" and _is_artifact(ins)
                  and ins.operands[1].get("/Subtype") == Name.Header)
        return instructions[:at] + replacement + instructions[at + 1:]
    return edit


def _artifact_inside_tagged(pdf: pikepdf.Pdf) -> None:
    _edit_content(pdf, lambda ins: _after_first(ins, lambda i: not _is_artifact(i), _marked("Artifact")))


def _tagged_inside_artifact(pdf: pikepdf.Pdf) -> None:
    _edit_content(pdf, lambda ins: _after_first(ins, _is_artifact, _marked("Span", Dictionary(MCID=0))))


def _header_not_marked_as_artifact(pdf: pikepdf.Pdf) -> None:
    _edit_content(pdf, _header_replaced_by(_marked("Span")[:1]))


def _header_with_an_mcid_the_tree_lacks(pdf: pikepdf.Pdf) -> None:
    """What WeasyPrint itself writes for a running header."""
    _edit_content(pdf, _header_replaced_by(_marked("Span", Dictionary(MCID=999))[:1]))


def _suspects(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Suspects = True


def _unmapped_tag(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/P").S = Name("/Akapit")


def _circular_mapping(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.RoleMap = Dictionary(Akapit=Name("/Tekst"), Tekst=Name("/Akapit"))
    _first(pdf, "/P").S = Name("/Akapit")


def _standard_tag_remapped(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.RoleMap = Dictionary(P=Name.Span)


def _no_xmp(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.Metadata


def _edit_xmp(pdf: pikepdf.Pdf, pattern: str) -> None:
    packet = pdf.Root.Metadata.read_bytes().decode()
    pdf.Root.Metadata.write(re.sub(pattern, "", packet, flags=re.S).encode())


def _no_pdfuaid(pdf: pikepdf.Pdf) -> None:
    _edit_xmp(pdf, r"<pdfuaid:part>1</pdfuaid:part>")


def _no_dc_title(pdf: pikepdf.Pdf) -> None:
    _edit_xmp(pdf, r"<dc:title>.*?</dc:title>")


def _no_display_doc_title(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.ViewerPreferences.DisplayDocTitle


def _display_doc_title_false(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def _rows_outside_a_table_section(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/THead").S = Name.Div


def _list_item_body_as_a_paragraph(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/LBody").S = Name.P


def _no_to_unicode(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            if "/ToUnicode" in font:
                del font.ToUnicode


def _no_document_language(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.Lang


def _empty_element_language(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/P").Lang = String("")


def _figure_without_alt(pdf: pikepdf.Pdf) -> None:
    del _first(pdf, "/Figure").Alt


def _figure_with_blank_alt(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/Figure").Alt = String("  ")


def _first_heading_h2(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/H1").S = Name.H2


def _heading_skips_a_level(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/H2").S = Name.H4


def _header_cell_without_scope(pdf: pikepdf.Pdf) -> None:
    del table_attributes(_first(pdf, "/TH")).Scope


def _headers_naming_no_header_cell(pdf: pikepdf.Pdf) -> None:
    table_attributes(_first(pdf, "/TD")).Headers = Array([String("nie-ma-takiej")])


def _row_one_cell_short(pdf: pikepdf.Pdf) -> None:
    row = _first(pdf, "/TD").P
    row.K = Array(list(row.K)[:-1])


def _note_without_id(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/P").S = Name.Note


def _notes_sharing_an_id(pdf: pikepdf.Pdf) -> None:
    for paragraph in _all(pdf, "/P")[:2]:
        paragraph.S, paragraph.ID = Name.Note, String("przypis-1")


def _file_spec_without_uf(pdf: pikepdf.Pdf) -> None:
    del pdf.attachments["dane.csv"].obj.UF


def _annotated_pages(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [p.obj for p in pdf.pages if len(p.obj.get("/Annots", []))]


def _no_tabs(pdf: pikepdf.Pdf) -> None:
    del _annotated_pages(pdf)[0].Tabs


def _tabs_by_rows(pdf: pikepdf.Pdf) -> None:
    _annotated_pages(pdf)[0].Tabs = Name.R


def _link_outside_the_tree(pdf: pikepdf.Pdf) -> None:
    del _annotated_pages(pdf)[0].Annots[0].StructParent


def _link_element_retagged(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/Link").S = Name.Span


def _link_without_contents(pdf: pikepdf.Pdf) -> None:
    del _annotated_pages(pdf)[0].Annots[0].Contents


def _cid_fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [font.DescendantFonts[0] for page in pdf.pages for font in page.Resources.Font.values()]


def _font_not_embedded(pdf: pikepdf.Pdf) -> None:
    for font in _cid_fonts(pdf):
        if "/FontFile2" in font.FontDescriptor:
            del font.FontDescriptor.FontFile2


def _glyphs_beyond_the_font(pdf: pikepdf.Pdf) -> None:
    for font in _cid_fonts(pdf):
        font.CIDToGIDMap = pdf.make_stream(b"\xff\xff" * 65536)


def _every_code_to_notdef(pdf: pikepdf.Pdf) -> None:
    for font in _cid_fonts(pdf):
        font.CIDToGIDMap = pdf.make_stream(b"\x00\x00" * 65536)


BREAKAGES: list[tuple[str, Callable[[pikepdf.Pdf], None]]] = [
    ("01-003", _artifact_inside_tagged), ("01-004", _tagged_inside_artifact),
    ("01-005", _header_not_marked_as_artifact), ("01-005", _header_with_an_mcid_the_tree_lacks),
    ("01-007", _suspects), ("02-001", _unmapped_tag), ("02-003", _circular_mapping),
    ("02-004", _standard_tag_remapped), ("06-001", _no_xmp), ("06-002", _no_pdfuaid), ("06-003", _no_dc_title),
    ("07-001", _no_display_doc_title), ("07-002", _display_doc_title_false),
    ("09-004", _rows_outside_a_table_section), ("09-005", _list_item_body_as_a_paragraph),
    ("10-001", _no_to_unicode), ("11-001", _no_document_language), ("11-001", _empty_element_language),
    ("11-002", _no_document_language), ("11-002", _empty_element_language), ("11-003", _no_document_language),
    ("11-004", _no_document_language), ("11-006", _no_document_language), ("13-004", _figure_without_alt),
    ("13-004", _figure_with_blank_alt), ("14-002", _first_heading_h2), ("14-003", _heading_skips_a_level),
    ("15-003", _header_cell_without_scope), ("15-005", _headers_naming_no_header_cell),
    ("15-005", _row_one_cell_short), ("19-003", _note_without_id), ("19-004", _notes_sharing_an_id),
    ("21-001", _file_spec_without_uf), ("28-008", _no_tabs), ("28-009", _tabs_by_rows),
    ("28-011", _link_outside_the_tree), ("28-011", _link_element_retagged), ("28-012", _link_without_contents),
    ("31-009", _font_not_embedded), ("31-011", _glyphs_beyond_the_font), ("31-030", _every_code_to_notdef),
]


@pytest.mark.parametrize(("condition", "breakage"), BREAKAGES,
                         ids=[f"{c}-{b.__name__.strip('_')}" for c, b in BREAKAGES])
def test_each_condition_fails_when_broken(small_report, condition: str, breakage) -> None:
    with pikepdf.open(io.BytesIO(small_report)) as pdf:
        breakage(pdf)
        broken = io.BytesIO()
        pdf.save(broken)
    with pikepdf.open(broken) as pdf:
        verdict = verdicts(pdf)[condition]
    assert not verdict.ok, verdict


def test_every_checked_condition_can_be_seen_failing() -> None:
    assert {condition for condition, _ in BREAKAGES} == set(CONDITIONS)
