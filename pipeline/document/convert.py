"""nbconvert: an executed notebook to HTML with the project's own template.

The template (`templates/nbconvert/raport`) keeps the prose and the outputs only: no code,
no prompts, no stream output, no Jupyter chrome. Cells tagged for people who open the
notebook in Jupyter (`tylko-notatnik`) are left out.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbformat import NotebookNode

from . import TEMPLATES

__all__ = ["NOTEBOOK_ONLY_TAG", "chapter_html"]

NOTEBOOK_ONLY_TAG = "tylko-notatnik"  # cells for people who open the notebook, not for the report


def chapter_html(notebook: NotebookNode | Path) -> str:
    """The HTML of one executed notebook: prose and outputs, nothing of Jupyter."""
    exporter = HTMLExporter(template_name="raport", extra_template_basedirs=[str(TEMPLATES / "nbconvert")],
                            exclude_anchor_links=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={NOTEBOOK_ONLY_TAG}), enabled=True)
    if isinstance(notebook, Path):
        notebook = nbformat.read(notebook, as_version=4)
    body, _ = exporter.from_notebook_node(copy.deepcopy(notebook))
    return body
