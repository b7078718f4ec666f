"""The first page's findings: each a fact, which way it went and whether it needs attention."""

from __future__ import annotations

import shutil

import pytest

from pipeline import report
from pipeline.content.findings import ATTENTION, findings

from ..conftest import INPUTS


@pytest.fixture(scope="module")
def example():
    return report.load(INPUTS, 2025)


def test_five_to_seven_findings_in_the_order_of_the_report(example) -> None:
    found = findings(example)
    assert 5 <= len(found) <= 7
    assert found[0].headline.startswith("Przestępczość")
    assert found[-1].headline.startswith("Najwyższy wskaźnik przestępczości: gmina")


def test_a_change_for_the_worse_says_it_needs_attention(example) -> None:
    for finding in findings(example):
        assert (ATTENTION in finding.headline) == finding.attention, finding


def _with_crimes(tmp_path, category: str, previous: int, current: int):
    """The example data with one category of crime set to `previous` in 2024 and `current` in 2025
    in every gmina's first row of it (so the powiat sums change predictably)."""
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    for year, value in ((2024, previous), (2025, current)):
        path = inputs / str(year) / "przestepstwa.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [i for i, line in enumerate(lines) if f",{category}," in line]
        for n, index in enumerate(rows):
            teryt, code, _, _ = lines[index].split(",")
            lines[index] = f"{teryt},{code},{value if n == 0 else 0},0"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report.load(inputs, 2025)


def test_a_rise_on_a_small_base_is_given_in_numbers_not_percent(tmp_path) -> None:
    ds = _with_crimes(tmp_path, "kradziez_samochodu", 1, 9)
    seven = next(f for f in findings(ds) if "kradzieży samochodów" in f.headline)
    assert seven.attention and "(+8)" in seven.text and "%" not in seven.text


def test_missing_data_gives_no_finding(tmp_path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    (inputs / "2025" / "ruch_drogowy.csv").unlink()
    (inputs / "2025" / "wypadki.csv").unlink()  # else the road figures come from the accidents one by one
    headlines = [f.headline for f in findings(report.load(inputs, 2025))]
    assert not any("drogach" in h or "wypadków" in h for h in headlines)
