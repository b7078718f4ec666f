"""The first page's findings: the year's heaviest changes, good and bad alike, outcomes only
beyond chance, and a gmina that stopped paying for patrols always named."""

from __future__ import annotations

import shutil

import pytest

from pipeline import report
from pipeline.content.findings import ATTENTION, GMINA_FINDINGS, MAX_FINDINGS, MIN_FINDINGS, PATROLS, findings

from ..conftest import INPUTS

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def example():
    return report.load(INPUTS, 2025)


def _texts(found) -> list[str]:
    return [f"{f.headline} {f.text}".replace(NBSP, " ") for f in found]


def test_the_example_names_what_weighs_most(example) -> None:
    """The stopped patrol funding, the fall in debates and the drunk drivers with the checks."""
    found = findings(example)
    assert MIN_FINDINGS <= len(found) <= MAX_FINDINGS
    texts = _texts(found)
    assert texts[0].startswith("Gminy Drzewica i Poświętne przestały opłacać służby policji")
    assert any("Mniej debat społecznych" in t and "Debat społecznych: 16 (w 2024 r.: 28)" in t for t in texts)
    drunk = next(t for t in texts if "nietrzeźwych kierujących" in t)
    assert "80" in drunk and "54" in drunk and "32 kontrole drogowe (w 2024 r.: 14)" in drunk
    assert texts[-1].startswith("Powyżej średniej gmin") and "pozostałe (181 z 314)" in texts[-1]


def test_noise_is_never_called_a_trend(example) -> None:
    """Robberies 4 -> 9 are within chance (p ≈ 0,27): no finding, no "wymaga uwagi"."""
    assert not any("rozbój" in t for t in _texts(findings(example)))


def test_heaviest_first_and_bad_news_said_plainly(example) -> None:
    found = findings(example)
    weights = [f.weight for f in found[:-1]]
    assert weights == sorted(weights, reverse=True)
    for finding in found:
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
    ds = _with_crimes(tmp_path, "kradziez_samochodu", 1, 9)  # p ≈ 0,02: beyond chance
    seven = next(f for f in findings(ds) if "kradzieży samochodów" in f.headline)
    assert seven.attention and "9 wobec 1" in seven.text and "%" not in seven.text


def test_a_rise_and_the_same_fall_weigh_alike(tmp_path) -> None:
    rise = next(f for f in findings(_with_crimes(tmp_path / "a", "kradziez_samochodu", 3, 40))
                if "kradzieży samochodów" in f.headline)
    fall = next(f for f in findings(_with_crimes(tmp_path / "b", "kradziez_samochodu", 40, 3))
                if "kradzieży samochodów" in f.headline)
    assert rise.weight == pytest.approx(fall.weight)
    assert rise.headline.startswith("Więcej") and rise.attention
    assert fall.headline.startswith("Mniej") and not fall.attention


def test_a_gmina_that_stopped_paying_is_always_a_finding(tmp_path) -> None:
    """However small the patrols it paid for, the council hears that they stopped."""
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    path = inputs / "2024" / "sluzby_ponadnormatywne.csv"
    path.write_text(path.read_text(encoding="utf-8") + "1007052,400.00,1,8.00,3,1,0,0,0\n", encoding="utf-8")
    texts = _texts(findings(report.load(inputs, 2025)))
    assert any("Paradyż" in t and "8 godzin w 2024 r., w 2025 r. żadnej" in t for t in texts)


def test_missing_data_gives_no_finding(tmp_path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    (inputs / "2025" / "ruch_drogowy.csv").unlink()
    (inputs / "2025" / "wypadki.csv").unlink()  # else the road figures come from the accidents one by one
    headlines = [f.headline for f in findings(report.load(inputs, 2025))]
    assert not any("drogach" in h or "wypadków" in h or "kierujących" in h for h in headlines)


# ------------------------------------------------------------------ one gmina, by the same rule


def test_a_gmina_gets_its_own_findings_by_the_same_rule(example) -> None:
    """Drzewica: the stopped patrols first (always a finding), crime up beyond chance, and its own
    place in the funnel last, as the powiat's page ends with the gminas'."""
    found = findings(example, "1007023")
    assert GMINA_FINDINGS[0] <= len(found) <= GMINA_FINDINGS[1]
    texts = _texts(found)
    assert texts[0].startswith(f"Gmina Drzewica przestała opłacać służby policji – {ATTENTION}. W 2024 r. gmina "
                               "sfinansowała 112 godzin służb ponadnormatywnych za 5 600 zł, w 2025 r. – żadnej.")
    assert found[0].about == PATROLS
    assert any(t.startswith(f"Przestępczość wzrosła – {ATTENTION}. Stwierdzono 314 przestępstw") for t in texts)
    assert texts[-1] == (f"Przestępczość powyżej średniej gmin, poza granicami zwykłych wahań – {ATTENTION}. 326,1 "
                         "przestępstwa na 10 tys. mieszkańców wobec średniej gmin powiatu 256,7; najwięcej wśród "
                         "nich przestępstwa pozostałe (181 z 314).")


def test_every_gmina_has_four_to_six_and_its_place_last(example) -> None:
    for gmina in example.powiat.gminy:
        found = findings(example, gmina.teryt)
        assert GMINA_FINDINGS[0] <= len(found) <= GMINA_FINDINGS[1], gmina.nazwa
        assert found[-1].headline.startswith("Przestępczość ") and "średniej gmin" in found[-1].headline
        assert not any("Samorządy" in t for t in _texts(found))  # a gmina pays for itself


def test_a_gmina_within_the_funnel_is_said_to_be_so(example) -> None:
    opoczno = findings(example, "1007043")[-1]  # 279,9 against 256,7: a big town, yet within the limits
    assert opoczno.headline == "Przestępczość w granicach zwykłych wahań wokół średniej gmin."
    assert not opoczno.attention
