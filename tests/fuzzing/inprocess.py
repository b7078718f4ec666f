"""The report's chapters made in one process, without papermill, kernels or nbconvert.

The chapter notebooks' code cells run here directly, with the same `report` calls (as
scripts/floor.py does), so the chapters hold what the notebooks would put in them. With
`only`, every other call of the notebooks' API shows nothing: the commentary suite then
builds just the chapters' frame (headings, facts) and the analyst's words, in milliseconds.
Charts can be left undrawn (`draw_charts=False`): their figures, text alternatives and
captions are all made, only the raster image is not.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import functools
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import mistune
import nbformat
from PIL import Image

from pipeline import report
from pipeline.content import blocks, charts
from pipeline.content.charts import Chart
from pipeline.data.dataset import Dataset
from pipeline.data.figures import indicators as ind
from pipeline.document.assemble import ChapterDoc, chapters_of
from pipeline.document.convert import NOTEBOOK_ONLY_TAG
from pipeline.document.html_edition import Download, Downloads, html_index, html_pages
from pipeline.document.open_data import open_data_files
from pipeline.making.tasks import NOTEBOOKS

__all__ = ["FRAME", "Made", "chapters", "editions"]

# The calls that make a chapter's frame and place the analyst's words (see `chapters`): the
# headings, and the plan's sections, whose headings come with them.
FRAME = frozenset({"load", "commentary", "foreword", "gmina_chapters_here", "powiat_heading", "gmina_heading",
                   "plan_done", "plan_next_year"})

def _pixel() -> bytes:
    """What an undrawn chart carries instead of its image: one white pixel."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(buffer, "PNG")
    return buffer.getvalue()


_PIXEL = _pixel()


def _api(ds: Dataset, only: frozenset[str] | None) -> SimpleNamespace:
    """The notebooks' `report`, loading `ds` whatever the notebook asks for; with `only`, the
    other calls show nothing."""
    comparison = functools.cache(lambda: ind.comparison_figures(ds))  # the same for every gmina

    def load(inputs: object, rok: int, teryt: str | None = None) -> Dataset:
        return ds if teryt is None else ds.restricted_to(teryt, comparison())

    calls = {name: getattr(report, name) for name in report.__all__}
    if only is not None:
        calls = {name: call if name in only else (lambda *a, **k: blocks.join([])) for name, call in calls.items()}
    return SimpleNamespace(**{**calls, "load": load})


@functools.cache
def _cells(notebook: Path) -> tuple[tuple[str, Any, Any], ...]:
    """The notebook's cells, ready to run: ("html", markup, None) for a markdown cell,
    ("code", statements, last expression or None) for a code cell."""
    cells = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        tags = cell.metadata.get("tags", [])
        if NOTEBOOK_ONLY_TAG in tags or "parameters" in tags:
            continue
        if cell.cell_type == "markdown":
            cells.append(("html", mistune.html(cell.source), None))
            continue
        tree = ast.parse(cell.source.replace("from pipeline import report", "pass"))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        cells.append(("code", compile(tree, str(notebook), "exec"),
                      None if last is None else compile(ast.Expression(last.value), str(notebook), "eval")))
    return tuple(cells)


def _chapter(notebook: Path, api: SimpleNamespace, parameters: dict[str, Any]) -> str:
    namespace: dict[str, Any] = {**parameters, "report": api}
    parts = []
    for kind, body, last in _cells(notebook):
        if kind == "html":
            parts.append(body)
            continue
        exec(body, namespace)  # noqa: S102 - our own notebooks
        value = None if last is None else eval(last, namespace)  # noqa: S307
        if hasattr(value, "_repr_html_"):
            parts.append(value._repr_html_())
    return "\n".join(parts)


@contextlib.contextmanager
def _undrawn_charts() -> Iterator[None]:
    def render(figure: Any, alt: str, caption: str, fmt: Any = None) -> Chart:
        return Chart(_PIXEL, "image/png", alt, caption, figure.get_figwidth())

    with mock.patch.object(charts, "_render", render):
        yield


def chapters(ds: Dataset, only: frozenset[str] | None = None, draw_charts: bool = True) -> list[ChapterDoc]:
    """The report's chapters in reading order, as the chain assembles them."""
    api = _api(ds, only)
    common = {"rok": ds.year, "inputs": "."}
    with contextlib.nullcontext() if draw_charts else _undrawn_charts():
        powiat = _chapter(NOTEBOOKS / "powiat.ipynb", api, common)
        gminas = [(g, _chapter(NOTEBOOKS / "gmina.ipynb", api, {**common, "teryt": g.teryt}))
                  for g in ds.powiat.gminy]
    return chapters_of(ds, powiat, gminas)


@dataclasses.dataclass(frozen=True)
class Made:
    """The readers' copies made from the chapters: the HTML edition's files and the open data's."""

    html: dict[str, bytes]
    data: dict[str, bytes]


def editions(ds: Dataset, docs: Sequence[ChapterDoc]) -> Made:
    """The HTML edition and the open data, as the chain makes them (downloads not sized)."""
    tables, data = open_data_files(ds, docs)
    downloads = Downloads(Download("Pełny raport", "pliki/raport.pdf"),
                          {g.teryt: Download(g.title, f"pliki/gminy/{g.slug}.pdf") for g in ds.powiat.gminy},
                          [Download("Wszystkie tabele", "pliki/dane/tabele.xlsx", "XLSX")],
                          {t.source.number: f"pliki/dane/{t.file}" for t in tables})
    return Made({**html_pages(ds, docs, downloads), **html_index(ds, docs, downloads)}, data)
