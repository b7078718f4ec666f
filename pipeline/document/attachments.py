"""The files a PDF carries, put in at merge time, so that a front (the cover and contents of
the report or of an extract) is rendered once per layout, not once per change in the data.

A front carries every input file (PDF/A-3 associated files, see `provenance`), so before,
any change in the data meant rendering every front again, though its pages were the same.
Now a front is rendered with as many *placeholder* files as there are real ones, and the
real ones are rendered once per build into a small *carrier* PDF; the merge then swaps the
carrier's files into the placeholders' objects and sets the document's /ID.

Why placeholders and not files added afterwards: qpdf groups objects into object streams in
the order of their numbers, so the bytes of the merged PDF depend on where the files' objects
stand among the front's. WeasyPrint writes two objects per file and one name tree wherever
the files are, whatever they hold: a front with placeholders numbers its objects exactly as
the front with the real files would, and once the files are swapped in, the merged PDF is the
very same bytes. Both the placeholders and the carrier are written by WeasyPrint itself, so
the files' objects are exactly what it would have written into the front.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

from .pdfdata import EmbeddedFile

__all__ = ["CARRIER", "PLACEHOLDER_IDENTIFIER", "placeholders", "swap_in"]

# The carrier's own page: nothing but what a valid tagged PDF/A needs.
CARRIER = ('<!DOCTYPE html><html lang="pl-PL"><head><meta charset="utf-8"><title>Pliki źródłowe</title></head>'
           "<body></body></html>")
PLACEHOLDER_IDENTIFIER = b"0" * 32  # a front's /ID until the merge sets the document's own


def placeholders(count: int) -> list[EmbeddedFile]:
    """`count` files that stand in for the real ones: one object each, in the same order."""
    return [EmbeddedFile(f"{number:04d}", str(number).encode("ascii"), "", "Unspecified") for number in range(count)]


def swap_in(target: Pdf, carrier: bytes, identifier: bytes) -> None:
    """Put the carrier's files into the placeholders of `target` (a front, or a document
    merged onto one), keeping the placeholders' objects, and set the document's /ID."""
    with Pdf.open(io.BytesIO(carrier)) as source:
        real = list(_names(source))
        held = _names(target)
        if len(real) != len(held):
            raise ValueError(f"the front holds {len(held) // 2} placeholders for {len(real) // 2} files")
        for index in range(0, len(real), 2):
            held[index] = String(bytes(real[index]))
            _replace_dictionary(held[index + 1], real[index + 1], keep=("/EF",))
            _replace_stream(held[index + 1].EF.F, real[index + 1].EF.F)
    target.trailer.ID = Array([String(identifier), String(identifier)])  # qpdf keeps the first, derives the second


def _names(pdf: Pdf) -> Array:
    """The flat name tree of embedded files WeasyPrint writes: name, file, name, file..."""
    return pdf.Root.Names.EmbeddedFiles.Names


def _replace_dictionary(held: Dictionary, real: Dictionary, keep: Sequence[str] = ()) -> None:
    for key in [k for k in held.keys() if k not in keep]:
        del held[key]
    for key, value in real.items():
        if key not in keep:
            held[key] = _copy(value)


def _replace_stream(held: pikepdf.Stream, real: pikepdf.Stream) -> None:
    """The real file's bytes as they are (already compressed) and its dictionary."""
    held.write(real.read_raw_bytes(), filter=_copy(real.get("/Filter")), decode_parms=_copy(real.get("/DecodeParms")))
    _replace_dictionary(held.stream_dict, real.stream_dict, keep=("/Length", "/Filter", "/DecodeParms"))


def _copy(value: object) -> object:
    """A direct value of another PDF, made anew (qpdf copies only indirect objects across)."""
    if value is None:
        return None
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(item) for key, item in value.items()})
    if isinstance(value, Array):
        return Array([_copy(item) for item in value])
    if isinstance(value, Name):
        return Name(str(value))
    if isinstance(value, String):
        return String(bytes(value))
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        raise ValueError("an embedded file's description refers to another object")
    return value
