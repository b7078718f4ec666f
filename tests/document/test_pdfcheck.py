"""The PDF's claims (PDF/A-3u, PDF/UA-1, tagging, language, title, fonts, alt texts,
embedded inputs, qpdf) hold for the example report; and each check fails when its feature
is broken. The Matterhorn conditions one by one: test_matterhorn.py."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from pipeline.document.assemble import document_title
from pipeline.document.matterhorn import CONDITIONS
from pipeline.document.pdfcheck import Finding, check_pdf
from pipeline.document.provenance import MANIFEST

from ..conftest import INPUTS

pytestmark = pytest.mark.e2e


def findings(pdf: Path, report) -> dict[str, Finding]:
    result = check_pdf(pdf, report.dataset.sources, document_title(report.dataset))
    return {f.claim: f for f in result}


def claim(findings_by_claim: dict[str, Finding], words: str) -> Finding:
    (found,) = [f for c, f in findings_by_claim.items() if words in c]
    return found


CLAIMS = ["PDF/A-3u", "PDF/UA opisany w XMP", "sRGB", "tytuł w metadanych", "oznaczony tagami", "/Lang = ",
          "komórkami nagłówkowymi", "każdy wykres z tekstem", "zakładki", "tylko czcionka projektu",
          "SHA-256 zgodne", "manifest", "AFRelationship", "qpdf", *(f"Matterhorn {c}" for c in CONDITIONS)]


@pytest.fixture(scope="module")
def example_findings(example_report) -> dict[str, Finding]:
    return findings(example_report.pdf, example_report)  # once: the checks read every page


@pytest.mark.parametrize("words", CLAIMS)
def test_every_claim_holds_for_the_example_report(example_findings, words: str) -> None:
    result = claim(example_findings, words)
    assert result.ok, f"{result.claim}: {result.detail}"


def test_the_manifest_lists_every_input_with_its_hash_rows_and_version(example_report) -> None:
    with pikepdf.open(example_report.pdf) as pdf:
        manifest = json.loads(pdf.attachments[MANIFEST].get_file().read_bytes())
        attached = list(pdf.attachments)
    assert manifest["wersja"] and manifest["rok"] == 2025
    by_file = {f["plik"]: f for f in manifest["pliki"]}
    assert by_file["powiat.toml"]["wiersze"] == 8
    assert by_file["2025/dzialania.csv"]["wiersze"] == len(example_report.dataset.table("dzialania", 2025))
    assert len(by_file) == len(example_report.dataset.sources)
    # the Markdown commentary's photos are not carried (their originals hold GPS positions), but
    # their SHA-256 are listed, so that whoever holds the originals can check them
    photos = {p["plik"]: p["sha256"] for p in by_file["2025/komentarz.md"]["zdjecia_niedolaczone"]}
    folder = INPUTS / "2025" / "zdjecia"
    assert photos == {f"2025/zdjecia/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in folder.iterdir()}
    assert not any("zdjecia" in name for name in attached)


def test_alt_texts_say_what_the_chart_shows(example_report) -> None:
    with pikepdf.open(example_report.pdf) as pdf:
        alts = [str(e.Alt) for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/Figure"]
    charts = [a for a in alts if a.startswith("Wykres")]
    assert charts and all(len(a) > 60 for a in charts)  # a chart's alternative states its numbers
    assert any("2021–2025" in a and "powiecie opoczyńskim" in a for a in charts)
    photos = [a for a in alts if not a.startswith("Wykres")]
    assert photos and all(a.strip() for a in photos)  # the analyst's photos, each with its description


def _elements(node: pikepdf.Object):
    if isinstance(node, pikepdf.Dictionary):
        yield node
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            yield from _elements(kid)


# ---------------------------------------------------------------- each check can fail


def _drop_lang(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.Lang


def _pdfa_2(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["pdfaid:part"] = "2"


def _no_output_intent(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.OutputIntents


def _no_pdfua_schema(pdf: pikepdf.Pdf) -> None:
    packet = pdf.Root.Metadata.read_bytes()
    pdf.Root.Metadata.write(packet.replace(b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>", b""))


def _untagged(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.MarkInfo


def _other_title(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/Title"] = "Raport"


def _figure_without_alt(pdf: pikepdf.Pdf) -> None:
    figure = next(e for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/Figure")
    del figure.Alt


def _no_header_cells(pdf: pikepdf.Pdf) -> None:
    for element in _elements(pdf.Root.StructTreeRoot):
        if element.get("/S") == "/TH":
            element.S = pikepdf.Name("/TD")


def _header_cell_without_scope(pdf: pikepdf.Pdf) -> None:
    header = next(e for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/TH")
    del header.A.Scope


def _input_changed(pdf: pikepdf.Pdf) -> None:
    name = next(n for n in pdf.attachments if n != MANIFEST)
    spec = pdf.attachments[name]
    pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, spec.get_file().read_bytes() + b"\n1007023;oops",
                                                     filename=name)


def _unsorted_names(pdf: pikepdf.Pdf) -> None:
    names = pdf.Root.Names.EmbeddedFiles
    node = names if "/Names" in names else names.Kids[0]
    items = list(node.Names)
    node.Names = pikepdf.Array(items[2:4] + items[0:2] + items[4:])


BREAKAGES: list[tuple[str, Callable[[pikepdf.Pdf], None]]] = [
    ("/Lang = ", _drop_lang), ("PDF/A-3u", _pdfa_2), ("PDF/UA opisany w XMP", _no_pdfua_schema),
    ("sRGB", _no_output_intent), ("oznaczony tagami", _untagged), ("tytuł w metadanych", _other_title),
    ("każdy wykres z tekstem", _figure_without_alt), ("komórkami nagłówkowymi", _no_header_cells),
    ("SHA-256 zgodne", _input_changed), ("qpdf", _unsorted_names),
    # one Matterhorn line, to show its verdict reaches check_pdf (each one: test_matterhorn.py)
    ("Matterhorn 15-003", _header_cell_without_scope),
]


@pytest.mark.parametrize(("words", "breakage"), BREAKAGES, ids=[b[1].__name__.strip("_") for b in BREAKAGES])
def test_each_check_fails_when_its_feature_is_broken(example_report, tmp_path, words, breakage) -> None:
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(example_report.pdf) as pdf:
        breakage(pdf)
        pdf.save(broken)
    result = claim(findings(broken, example_report), words)
    assert not result.ok, result


def test_check_pdf_command_passes_on_the_example_report(example_report, capsys) -> None:
    from pipeline.cli import main

    out = example_report.pdf.parents[1]
    assert main(["check-pdf", "--rok", "2025", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "PDF spełnia wszystkie sprawdzane wymagania." in printed and "BŁĄD" not in printed
    assert all(f"Matterhorn {condition}: " in printed for condition in CONDITIONS)  # one line each
    extracts = [line for line in printed.splitlines() if "raport_opoczynski_2025_" in line]  # and every extract
    assert len(extracts) == 8 and all(line.startswith("OK ") for line in extracts)


def test_a_pdf_without_any_chart_passes_the_alt_text_claim(example_report, tmp_path) -> None:
    """An extract of a gmina without data holds no chart: none lacks its text (make fuzz found
    check-pdf failing such an extract, tests/fixtures/fuzz/data/4155380244-001_extract_without_a_chart)."""
    charts_gone = tmp_path / "bez-wykresow.pdf"
    with pikepdf.open(example_report.pdf) as pdf:
        for element in _elements(pdf.Root.StructTreeRoot):
            if element.get("/S") == "/Figure":
                element.S = pikepdf.Name("/Div")
        pdf.save(charts_gone)
    result = claim(findings(charts_gone, example_report), "każdy wykres z tekstem")
    assert result.ok and result.detail == "wykresy: 0"
