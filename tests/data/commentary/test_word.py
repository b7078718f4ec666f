"""A Word file opened as a hostile file: zip bombs, XXE, tracked changes and linked pictures
are refused; comments, text boxes and the like are left out with a warning."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from pipeline.data.commentary.word import WordError, read_docx


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    document.add_heading("Gmina Drzewica", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_part(data: bytes, name: str, change) -> bytes:
    """The same .docx with one part's bytes changed by `change`."""
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, change(content) if item.filename == name else content)
    return buffer.getvalue()


def test_a_plain_document_becomes_semantic_html() -> None:
    html = read_docx(_docx("Tekst o gminie.")).html
    assert "<h1>Gmina Drzewica</h1>" in html and "<p>Tekst o gminie.</p>" in html


def test_unaccepted_tracked_changes_are_refused() -> None:
    tracked = _with_part(_docx("Tekst."), "word/document.xml", lambda xml: xml.replace(
        b"<w:r>", b'<w:ins w:id="1" w:author="Recenzent" w:date="2025-01-01T00:00:00Z"><w:r>', 1).replace(
        b"</w:r>", b"</w:r></w:ins>", 1))
    with pytest.raises(WordError) as raised:
        read_docx(tracked)
    assert "niezaakceptowane zmiany" in raised.value.message and "Zaakceptuj" in raised.value.hint


def test_an_xml_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TAJNE", encoding="utf-8")
    hostile = _with_part(_docx("Tekst."), "word/document.xml", lambda xml: xml.replace(
        b"?>", f'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'.encode(), 1).replace(
        b"Tekst.", b"&x;"))
    with pytest.raises(WordError) as raised:
        read_docx(hostile)
    assert "DTD lub encje" in raised.value.message


def test_a_zip_bomb_is_refused_before_anything_unpacks_it() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/bomb.bin", b"\0" * (400 * 2**20))  # 400 MB of zeros, a few hundred kB packed
    with pytest.raises(WordError) as raised:
        read_docx(buffer.getvalue())
    assert "bomba zip" in raised.value.message


def test_a_picture_linked_to_a_file_is_refused() -> None:
    linked = _with_part(_docx("Tekst."), "word/document.xml", lambda xml: xml.replace(
        b"<w:r>", b'<w:r><w:drawing><a:blip xmlns:a="x" xmlns:r="y" r:link="rId99"/></w:drawing>', 1))
    with pytest.raises(WordError) as raised:
        read_docx(linked)
    assert "połączone z plikiem" in raised.value.message


def test_not_a_word_file_says_so() -> None:
    with pytest.raises(WordError) as raised:
        read_docx(b"PK\x03\x04 not really a zip")
    assert "to nie jest dokument Word" in raised.value.message


def test_comments_and_text_boxes_are_left_out_with_a_warning() -> None:
    document = Document()
    document.add_heading("Powiat", level=1)
    paragraph = document.add_paragraph("Tekst z komentarzem.")
    document.add_comment(paragraph.runs, text="Do poprawy!", author="Recenzent")
    buffer = io.BytesIO()
    document.save(buffer)
    boxed = _with_part(buffer.getvalue(), "word/document.xml", lambda xml: xml.replace(
        b"</w:body>", b"<w:p><w:r><w:t>x</w:t></w:r><w:r><w:pict><w:txbxContent/></w:pict></w:r></w:p></w:body>"))
    result = read_docx(boxed)
    assert {what for what, _ in result.dropped} >= {"komentarze recenzentów", "pole tekstowe"}
    assert "Do poprawy" not in result.html
