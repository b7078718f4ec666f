"""The bundled example data: generated deterministically, committed, valid and plausible."""

from __future__ import annotations

import re
import shutil

import pytest

from pipeline.data.dataset import load_dataset
from pipeline.data.example_data import YEARS, generate
from pipeline.data.load import read_year

from ..conftest import INPUTS


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(INPUTS, 2025)


def test_the_committed_files_are_exactly_what_the_generator_writes(tmp_path) -> None:
    shutil.copy(INPUTS / "powiat.toml", tmp_path)
    generate(tmp_path)
    for year in YEARS:
        for committed in sorted(p for p in (INPUTS / str(year)).rglob("*") if p.is_file()):
            written = tmp_path / committed.relative_to(INPUTS)
            assert written.read_bytes() == committed.read_bytes(), committed


def test_example_data_passes_validation_without_a_single_problem(dataset) -> None:
    assert dataset.years == YEARS
    assert list(dataset.problems) == []


def test_150_to_300_events_a_year(dataset) -> None:
    for year in YEARS:
        assert 150 <= len(dataset.table("dzialania", year)) <= 300


def test_years_before_2024_use_the_former_codes_of_bialaczow_and_zarnow() -> None:
    for year in YEARS:
        raws, _ = read_year(INPUTS / str(year), year)
        codes = set(raws["ludnosc"].cells["teryt"])
        expected = {"1007012", "1007082"} if year < 2024 else {"1007013", "1007083"}
        assert expected <= codes, year


def test_older_years_come_as_windows_1250_with_semicolons() -> None:
    data = (INPUTS / "2021" / "dzialania.csv").read_bytes()
    assert data.startswith(b"data;teryt;")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "ł".encode("cp1250") in data


def test_figures_are_plausible(dataset) -> None:
    for year in YEARS:
        crimes = dataset.table("przestepstwa", year)
        total = crimes[crimes["kategoria"] == "ogolem"]["stwierdzone"].sum()
        people = dataset.table("ludnosc", year)["ludnosc"].sum()
        assert 100 < total / people * 10_000 < 400  # crimes per 10,000 residents
        assert dataset.table("kmzb", year)["status"].nunique() >= 4
        assert len(dataset.table("sluzby_ponadnormatywne", year)) >= 2
    totals = [dataset.table("przestepstwa", y).query("kategoria == 'ogolem'")["stwierdzone"].sum() for y in YEARS]
    changes = [b / a for a, b in zip(totals, totals[1:], strict=False)]
    assert all(0.8 < c < 1.25 for c in changes)


def test_event_names_fit_their_dates(dataset) -> None:
    """The first report a new user sees: no "Bezpieczne Ferie" in September, no school lesson in
    July, one yearly tournament, a plan whose terms fit the actions."""
    for year in YEARS:
        events = dataset.table("dzialania", year)
        month = events["data"].dt.month
        assert month[events["nazwa"].str.startswith("Bezpieczne Ferie")].isin([1, 2]).all()
        assert month[events["nazwa"].str.startswith("Bezpieczna Droga do Szkoły")].eq(9).all()
        assert not month[events["nazwa"].str.contains("w szkole|lekcja BRD|Na ratunek")].isin([7, 8]).any()
        assert events["nazwa"].str.startswith("Halowy Turniej").sum() == 1
        plan = dataset.table("plan", year)
        tournament = plan[plan["nazwa"].str.startswith("Halowy Turniej")]
        assert [t.first_month for t in tournament["termin"]] == [2]  # February, not "cały rok"


def test_the_example_commentary_has_a_foreword_two_gminas_and_photos_with_a_position_to_strip() -> None:
    text = (INPUTS / "2025" / "komentarz.md").read_text(encoding="utf-8")
    assert text.startswith("# Słowo wstępne") and "# Gmina Drzewica" in text and "# Gmina Opoczno" in text
    photos = sorted((INPUTS / "2025" / "zdjecia").glob("*.jpg"))
    assert len(photos) == 3
    assert all(b"Exif" in p.read_bytes() for p in photos)  # as a phone saves them: the report must drop it


def test_the_example_reads_as_a_police_document_would(dataset, tmp_path) -> None:
    """Plausible names and words: what tests/language.py marks never comes from the example,
    and its first-aid picture is the first-aid sign (white on green), never the Red Cross emblem."""
    from PIL import Image

    from pipeline.data.commentary.example import write_example_commentary

    from ..language import wrong_forms

    write_example_commentary(tmp_path, 2025)
    markdown = (tmp_path / "komentarz.md").read_text(encoding="utf-8")
    text = re.sub(r'!\[([^\]]*)\]\(\S+ "([^"]*)"\)', r"\1. \2.", markdown)  # a picture: its words, not its file
    names = [str(v) for year in YEARS for name in ("dzialania", "plan")
             for v in dataset.table(name, year)[["nazwa", "partnerzy"]].stack()]
    assert not [*wrong_forms(text), *wrong_forms("; ".join(names))]
    assert "przykładow" not in text.split("# Najważniejsze wnioski")[0]  # the foreword is a Komendant's
    with Image.open(tmp_path / "zdjecia" / "na-ratunek.jpg") as picture:
        centre, corner = picture.getpixel((800, 450)), picture.getpixel((520, 170))
    assert min(centre) > 230  # a white cross
    assert corner[1] > 100 and corner[0] < 60 and corner[2] < 100  # on green
