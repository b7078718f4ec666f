"""One generated case through the cheap report (see `inprocess`), with every check it must pass.

`commentary_case`: a generated commentary is read as `make validate` reads it; it either stops
there with the analyst's problems, in Polish, or goes on into the chapters (their frame and
the analyst's words), the PDF parts that hold it, the HTML edition and the open data.

`data_case`: a generated input set, less what validate refuses, goes through every chapter
(charts made but not drawn), the HTML edition and the open data: no "nan", "None", "inf" or
"-0" in any of them, text alternatives of the charts included.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
from collections.abc import Collection
from pathlib import Path

import pikepdf
from bs4 import BeautifulSoup

from pipeline.data.commentary.places import GOALS, Places
from pipeline.data.commentary.reading import read_commentary
from pipeline.data.dataset import Dataset, load_dataset
from pipeline.data.glyphs import unprintable
from pipeline.document.assemble import part_document
from pipeline.document.matterhorn import check_matterhorn
from pipeline.document.render import render
from pipeline.errors import format_problems

from .checks import bad_tokens, check_edition, check_problems, outside_text_block, visible_text
from .commentary import Document, write
from .datasets import InputSet, valid
from .inprocess import FRAME, chapters, editions

__all__ = ["MARKER", "commentary_case", "commentary_folder_case", "data_case", "dataset_case", "example_dataset",
           "markers"]

MARKER = re.compile(r"znacznik\d+")
# What the merge of the parts adds (artifacts, the XMP claim, the headers' scopes): a part lacks it.
ADDED_BY_THE_MERGE = {"01-005", "06-002", "15-003"}
INPUTS = Path(__file__).resolve().parents[2] / "inputs"


@functools.cache
def example_dataset() -> Dataset:
    """The example year the commentary cases put their words into."""
    return load_dataset(INPUTS, 2025)


def commentary_case(document: Document, folder: Path, base: Dataset, render_parts: bool = True) -> str:
    """Check one generated commentary; "stopped" when validate stops on it, else "made"."""
    folder.mkdir(parents=True, exist_ok=True)
    write(document, folder)
    return commentary_folder_case(folder, document.places(base.powiat), base, markers(document), render_parts)


def commentary_folder_case(folder: Path, places: Places, base: Dataset, written: set[str] | None,
                           render_parts: bool = True) -> str:
    """Check the commentary in `folder` (the markers `written` in it, when known)."""
    commentary, problems = read_commentary(folder, "2025", places)
    check_problems(problems, "2025")
    if any(p.is_error for p in problems):
        assert "Popraw błędy i uruchom ponownie." in format_problems(problems)  # what validate prints, exit 1
        return "stopped"
    if commentary is None:
        return "made"
    read = {m for piece in commentary.pieces for m in MARKER.findall(piece.html)}
    if not problems and written is not None:  # nothing said: nothing may have been left out
        assert read == written, sorted(written - read)
    ds = dataclasses.replace(base, commentary=commentary)
    docs = chapters(ds, FRAME)
    placed = {m for piece in commentary.pieces if piece.chapter != GOALS for m in MARKER.findall(piece.html)}
    shown = {m for doc in docs for m in MARKER.findall(doc.markup)}
    assert placed <= shown, sorted(placed - shown)  # the goals chapter is left out of the frame
    photos = sum(piece.html.count('<figure class="photo">') for piece in commentary.pieces if piece.chapter != GOALS)
    assert sum(doc.markup.count('<figure class="photo">') for doc in docs) == photos
    made = editions(ds, docs)
    check_edition(made.html)
    assert sum(page.count(b'<figure class="photo">') for page in made.html.values()) == photos
    assert read <= set(MARKER.findall(commentary.published.decode("utf-8")))
    held = [doc for doc in docs if 'class="commentary' in doc.markup or 'class="foreword' in doc.markup]
    if render_parts and held:  # one part of every chapter the words went into: one render
        part = dataclasses.replace(held[0], markup="".join(doc.markup for doc in held))
        pdf = render(part_document(ds, [part], 0)).data
        outside = outside_text_block(pdf)
        assert not outside, outside[:5]
        with pikepdf.open(io.BytesIO(pdf)) as document:
            broken = [f"{v.condition} {v.description}: {v.detail}" for v in check_matterhorn(document)
                      if not v.ok and v.condition not in ADDED_BY_THE_MERGE]
        assert not broken, broken  # PDF/UA, as check-pdf judges the report
    return "made"


def markers(document: Document) -> set[str]:
    """The markers a generated document holds."""
    return {m for block in document.blocks for run in (*block.runs, *(r for _, rs in block.items for r in rs))
            for m in MARKER.findall(run.text)}


def data_case(inputs: InputSet, folder: Path, rendered: Collection[str] = ("powiat",)) -> str:
    """Check one generated input set, less the rows validate refuses."""
    dataset_case(valid(inputs, folder), rendered)
    return "made" if not inputs.removed else "made without refused rows"


def dataset_case(ds: Dataset, rendered: Collection[str] | None = None) -> None:
    """Every chapter (charts made, not drawn), the HTML edition and the open data of `ds`:
    problems in Polish, no forbidden token anywhere, the edition whole; the chapters whose id
    starts with one of `rendered` (all with None) rendered, nothing outside the text block."""
    check_problems(ds.problems, "")
    docs = chapters(ds, draw_charts=False)
    made = editions(ds, docs)
    texts = {doc.id: visible_text(doc.markup) for doc in docs}
    texts |= {name: visible_text(data.decode()) for name, data in made.html.items() if name.endswith(".html")}
    texts |= {name: data.decode("utf-8-sig") for name, data in made.data.items() if name.endswith((".csv", ".txt"))}
    found = {name: bad for name, text in texts.items() if (bad := bad_tokens(text))}
    assert not found, found
    check_edition(made.html)
    printed = {doc.id: missing for doc in docs if (missing := unprintable(BeautifulSoup(doc.markup, "html.parser")
                                                                          .get_text(" ")))}
    assert not printed, printed  # what the PDF would have to draw with a font it does not have
    for index, doc in enumerate(docs):
        if rendered is None or doc.id.startswith(tuple(rendered)):
            outside = outside_text_block(render(part_document(ds, docs, index)).data)
            assert not outside, (doc.id, outside[:5])
