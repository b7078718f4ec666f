"""End to end: the printed page of the report and of every gmina's extract, as a proof-reader
marks it (tests/pdf_layout.py): nothing outside the text block, no heading stranded at the foot
of a page, no number cut from its noun at a line end."""

from __future__ import annotations

import pytest

from .pdf_layout import layout_problems

pytestmark = pytest.mark.e2e


def test_the_reports_pages_have_nothing_a_proof_reader_would_mark(example_report) -> None:
    problems = layout_problems(example_report.pdf)
    assert not problems, "\n".join(problems)


def test_every_extracts_pages_have_nothing_a_proof_reader_would_mark(example_report) -> None:
    extracts = sorted(example_report.pdf.parent.glob("gminy/*.pdf"))
    assert extracts
    problems = [f"{path.name}: {problem}" for path in extracts for problem in layout_problems(path)]
    assert not problems, "\n".join(problems)
