"""The benchmark's floor: the same report without notebooks, kernels, nbconvert or parts.

One process runs the code cells of the chapter notebooks directly (the same calls into
`pipeline.report`, so the same charts and tables), assembles the same HTML document and
renders it with one WeasyPrint call. The chain (`make report`) is measured against it.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import mistune
import nbformat

from pipeline.data.dataset import load_dataset
from pipeline.document.assemble import chapters_of, whole_document
from pipeline.document.convert import NOTEBOOK_ONLY_TAG
from pipeline.document.provenance import document_identifier, embedded_files, report_date
from pipeline.document.render import render
from pipeline.making.tasks import NOTEBOOKS

__all__ = ["floor_report"]


def _chapter(notebook: Path, parameters: dict[str, Any]) -> str:
    """The chapter's HTML: markdown cells as HTML, each code cell's last value as its HTML."""
    namespace: dict[str, Any] = dict(parameters)
    parts = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        tags = cell.metadata.get("tags", [])
        if NOTEBOOK_ONLY_TAG in tags or "parameters" in tags:
            continue
        if cell.cell_type == "markdown":
            parts.append(mistune.html(cell.source))
            continue
        tree = ast.parse(cell.source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(notebook), "exec"), namespace)  # noqa: S102 - our own notebooks
        if last is not None:
            value = eval(compile(ast.Expression(last.value), str(notebook), "eval"), namespace)  # noqa: S307
            if hasattr(value, "_repr_html_"):
                parts.append(value._repr_html_())
    return "\n".join(parts)


def floor_report(inputs: Path, year: int, target: Path) -> int:
    """Render the report in one process, one WeasyPrint call; returns its page count."""
    ds = load_dataset(inputs, year)
    common = {"rok": ds.year, "inputs": str(inputs.resolve())}
    powiat = _chapter(NOTEBOOKS / "powiat.ipynb", common)
    gminas = [(g, _chapter(NOTEBOOKS / "gmina.ipynb", {**common, "teryt": g.teryt})) for g in ds.powiat.gminy]
    html = whole_document(ds, chapters_of(ds, powiat, gminas))
    rendered = render(html, embedded=embedded_files(ds), date=report_date(ds), identifier=document_identifier(ds))
    target.write_bytes(rendered.data)
    return rendered.pages


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inputs", type=Path, required=True)
    parser.add_argument("--rok", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(floor_report(args.inputs, args.rok, args.out))
