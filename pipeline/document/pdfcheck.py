"""Checking the produced PDF instead of trusting it: WeasyPrint does not guarantee valid output.

`check_pdf()` opens the PDF with pikepdf (qpdf) and verifies every claim the report makes
about itself: PDF/A-3u identification and sRGB output intent, a tagged structure tree with
header cells in tables, /Lang pl-PL, every font from the project, every figure with a
Polish text alternative, bookmarks, the embedded input files matching their SHA-256, a
clean qpdf check, and PDF/UA-1: its identification, declared as PDF/A-3 requires, and each
Matterhorn condition `matterhorn` decides.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pikepdf

from ..data.dataset import SourceFile
from .matterhorn import check_matterhorn
from .pdfua import PDFUA_NAMESPACE
from .provenance import MANIFEST

__all__ = ["Finding", "check_pdf", "format_findings"]

LANGUAGE = "pl-PL"
FONT_NAME = "SourceSansPro"  # as the font programs name themselves in the PDF
VAGUE_ALT = {"", "image", "obraz", "wykres", "chart", "figure"}
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFA_SCHEMA = "{http://www.aiim.org/pdfa/ns/schema#}"
PDFA_PROPERTY = "{http://www.aiim.org/pdfa/ns/property#}"


@dataclass(frozen=True)
class Finding:
    claim: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class _Element:
    tag: str
    depth: int
    alt: str | None


def _structure(pdf: pikepdf.Pdf) -> list[_Element]:
    """The structure tree in reading order."""
    elements: list[_Element] = []

    def walk(node: pikepdf.Object, depth: int) -> None:
        if not isinstance(node, pikepdf.Dictionary):
            return
        if "/S" in node:
            alt = node.get("/Alt")
            elements.append(_Element(str(node.S)[1:], depth, None if alt is None else str(alt)))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            walk(kid, depth + 1)

    if "/StructTreeRoot" in pdf.Root:
        walk(pdf.Root.StructTreeRoot, 0)
    return elements


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every font object used on any page, once each."""
    seen = set()
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            for each in (font, *font.get("/DescendantFonts", [])):
                if each.objgen not in seen:
                    seen.add(each.objgen)
                    yield each


def _pdfa(pdf: pikepdf.Pdf, title: str) -> list[Finding]:
    # Read-only: by default pikepdf would also copy the XMP values over the document info.
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        part, conformance = xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")
        xmp_title = xmp.get("dc:title")
    intents = pdf.Root.get("/OutputIntents", [])
    srgb = [i for i in intents if i.get("/S") == "/GTS_PDFA1" and "sRGB" in str(i.get("/OutputConditionIdentifier"))
            and i.get("/DestOutputProfile") is not None]
    return [
        Finding("PDF/A-3u w metadanych XMP", (part, conformance) == ("3", "U"), f"pdfaid:part={part}, "
                f"pdfaid:conformance={conformance}"),
        Finding("PDF/UA opisany w XMP, jak PDF/A-3 wymaga od schematów spoza normy (pdfaExtension)",
                _describes_pdfua(pdf)),
        Finding("profil wyjściowy sRGB (OutputIntent GTS_PDFA1)", bool(srgb), f"{len(intents)} OutputIntent"),
        Finding("tytuł w metadanych i XMP", str(pdf.docinfo.get("/Title")) == title and xmp_title == title,
                str(pdf.docinfo.get("/Title"))),
    ]


def _describes_pdfua(pdf: pikepdf.Pdf) -> bool:
    """The XMP's pdfaExtension:schemas describe pdfuaid: its namespace, prefix and part."""
    if "/Metadata" not in pdf.Root:
        return False
    packet = ElementTree.fromstring(pdf.Root.Metadata.read_bytes())
    for schema in packet.iter(f"{RDF}li"):
        if (schema.findtext(f"{PDFA_SCHEMA}namespaceURI"), schema.findtext(f"{PDFA_SCHEMA}prefix")) == (
                PDFUA_NAMESPACE, "pdfuaid"):
            return any((prop.findtext(f"{PDFA_PROPERTY}name"), prop.findtext(f"{PDFA_PROPERTY}valueType"),
                        prop.findtext(f"{PDFA_PROPERTY}category")) == ("part", "Integer", "internal")
                       for prop in schema.iter(f"{RDF}li"))
    return False


def _accessibility(pdf: pikepdf.Pdf) -> list[Finding]:
    elements = _structure(pdf)
    tags = [e.tag for e in elements]
    figures = [e for e in elements if e.tag == "Figure"]
    vague = [e.alt for e in figures if e.alt is None or e.alt.strip().lower() in VAGUE_ALT]
    marked = pdf.Root.get("/MarkInfo", {}).get("/Marked") is True
    tables = tags.count("Table")
    return [
        Finding("PDF oznaczony tagami (MarkInfo/Marked, StructTreeRoot)", marked and bool(elements),
                f"elementy struktury: {len(elements)}"),
        Finding(f"język dokumentu /Lang = {LANGUAGE}", str(pdf.Root.get("/Lang")) == LANGUAGE,
                str(pdf.Root.get("/Lang"))),
        Finding("tabele z komórkami nagłówkowymi (Table, TH)", tables > 0 and tags.count("TH") >= tables,
                f"tabele: {tables}, komórki TH: {tags.count('TH')}"),
        # An extract of a gmina without data may hold no chart at all: then none lacks its text.
        Finding("każdy wykres z tekstem alternatywnym", not vague,
                f"wykresy: {len(figures)}" + (f"; bez opisu: {len(vague)}" if vague else "")),
        Finding("zakładki PDF dla rozdziałów", len(pdf.open_outline().root) > 0,
                f"zakładki najwyższego poziomu: {len(pdf.open_outline().root)}"),
    ]


def _matterhorn(pdf: pikepdf.Pdf) -> list[Finding]:
    """PDF/UA-1: one line per Matterhorn condition (window title, headings in order and
    embedded fonts among them)."""
    return [Finding(f"PDF/UA-1, Matterhorn {v.condition}: {v.description}", v.ok, v.detail)
            for v in check_matterhorn(pdf)]


def _project_font(pdf: pikepdf.Pdf) -> list[Finding]:
    fonts = list(_fonts(pdf))
    foreign = sorted({str(f.get("/BaseFont")) for f in fonts
                      if FONT_NAME not in str(f.get("/BaseFont")).replace("-", "")})
    return [Finding("tylko czcionka projektu (Source Sans Pro)", bool(fonts) and not foreign, ", ".join(foreign))]


def _evidence(pdf: pikepdf.Pdf, sources: Sequence[SourceFile]) -> list[Finding]:
    attachments = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
    expected = {s.attachment: s.sha256 for s in sources}
    wrong = [name for name, digest in expected.items()
             if hashlib.sha256(attachments.get(name, b"")).hexdigest() != digest]
    manifest = json.loads(attachments[MANIFEST]) if MANIFEST in attachments else {}
    listed = {f["zalacznik"]: f["sha256"] for f in manifest.get("pliki", [])}
    related = {str(spec.obj.get("/AFRelationship")) for spec in pdf.attachments.values()}
    return [
        Finding("pliki wejściowe osadzone, SHA-256 zgodne z danymi", bool(expected) and not wrong,
                f"pliki: {len(expected)}" + (f"; niezgodne: {wrong[:3]}" if wrong else "")),
        Finding("manifest z SHA-256, liczbą wierszy i wersją programu", listed == expected and "wersja" in manifest,
                f"wersja {manifest.get('wersja')}"),
        Finding("pliki powiązane z dokumentem (AF, AFRelationship)", "/AF" in pdf.Root and "/Source" in related,
                ", ".join(sorted(related))),
    ]


def _syntax(pdf: pikepdf.Pdf) -> list[Finding]:
    problems = pdf.check_pdf_syntax()
    return [Finding("qpdf --check bez zastrzeżeń", not problems, "; ".join(problems[:3]))]


def check_pdf(path: Path, sources: Sequence[SourceFile], title: str) -> list[Finding]:
    """Every claim about the PDF, each with whether it holds."""
    with pikepdf.open(path) as pdf:
        return [*_pdfa(pdf, title), *_accessibility(pdf), *_matterhorn(pdf), *_project_font(pdf),
                *_evidence(pdf, sources), *_syntax(pdf)]


def format_findings(findings: Sequence[Finding]) -> str:
    lines = [f"{'OK ' if f.ok else 'BŁĄD'}  {f.claim}" + (f" ({f.detail})" if f.detail else "") for f in findings]
    failed = sum(not f.ok for f in findings)
    lines.append("")
    lines.append("PDF spełnia wszystkie sprawdzane wymagania." if not failed else f"Niespełnione wymagania: {failed}.")
    return "\n".join(lines)
