"""The chapter notebooks are committed clean, so a diff shows only a real change."""

from __future__ import annotations

import nbformat
import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_both_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == ["gmina.ipynb", "powiat.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_counts_or_volatile_metadata(path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert set(notebook.metadata) <= {"kernelspec", "language_info"}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source
        assert set(cell.metadata) <= {"tags"}, cell.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_for_papermill(path) -> None:
    notebook = nbformat.read(path, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "rok = " in tagged[0].source and "inputs = " in tagged[0].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_only_call_the_package(path) -> None:
    """Notebooks narrate; numbers, tables and charts come from tested functions."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            for line in cell.source.splitlines():
                assert line == "" or line.startswith(("report.", "from pipeline import", "ds = report.load")), line


def _headings(path, level: str) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [line[len(level) + 1:].strip() for cell in notebook.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith(level + " ")]


def test_the_section_headings_are_the_places_the_commentary_can_name() -> None:
    """The notebooks print the headings; `data.commentary.places` lists them for the commentary: one truth."""
    from pipeline.data.commentary.places import ANNEX_SECTIONS, GMINA_SECTIONS, POWIAT_SECTIONS

    assert _headings(ROOT / "notebooks" / "gmina.ipynb", "##") == [s.title for s in GMINA_SECTIONS]
    powiat = _headings(ROOT / "notebooks" / "powiat.ipynb", "##")
    assert powiat == [s.title for s in (*POWIAT_SECTIONS, *ANNEX_SECTIONS)]


def test_every_commentary_cell_names_a_place_that_exists() -> None:
    import re

    from pipeline.data.commentary.places import Places
    from pipeline.data.registry import read_powiat

    places = Places(read_powiat(ROOT / "inputs"), 2025, ["cel"])
    calls = [m for path in NOTEBOOKS for cell in nbformat.read(path, as_version=4).cells
             for m in re.findall(r'report\.commentary\(ds, (teryt|"\w+")(?:, "(\w+)")?\)', cell.source)]
    assert len(calls) > 20
    for chapter, section in calls:
        place = places.place("1007023" if chapter == "teryt" else chapter.strip('"'))
        assert not section or section in {s.key for s in place.sections}, (chapter, section)
