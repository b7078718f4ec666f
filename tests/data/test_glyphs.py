"""What the report's font can print: Polish and other Latin names, Greek and Cyrillic; an emoji
or a Chinese character is named for the analyst (with its place) and left out of the report."""

from __future__ import annotations

import pytest

from pipeline.data.dataset import load_dataset
from pipeline.data.glyphs import MESSAGE, describe, printable_message, printable_text, unprintable
from pipeline.data.registry import read_powiat
from pipeline.errors import DataError, Severity

from ..conftest import INPUTS


@pytest.mark.parametrize("text", ["Zażółć gęślą jaźń", "Fundacja „Олександр Ґанок”", "Ελλάδα", "Łódź – 12 345,6 zł",
                                  "Nguyễn Thị Minh Khai", "Ærø; Øresund; Straße", "wskaźnik ≥ 10 ✓"])
def test_latin_greek_and_cyrillic_are_printable(text: str) -> None:
    assert unprintable(text) == []
    assert printable_text(text) == text


def test_what_the_font_lacks_is_named_once_each_and_left_out() -> None:
    text = "Piknik 😀 rodzinny 😀 中文 ‐"
    assert unprintable(text) == ["😀", "中", "文", "\u2010"]  # U+2010 HYPHEN: the font has only "-"
    assert printable_text(text) == "Piknik  rodzinny   "
    assert describe(["😀", "\u2010"]) == "„😀” (U+1F600 GRINNING FACE), „‐” (U+2010 HYPHEN)"


def test_the_charts_have_latin_letters_only() -> None:
    assert unprintable("Gmina Olexandria Олександрія", latin_only=True) == list(dict.fromkeys("Олександрія"))


def test_a_table_s_text_names_each_character_and_the_report_leaves_it_out(make_inputs) -> None:
    inputs = make_inputs({"dzialania.csv": "data;teryt;rodzaj;nazwa;grupa_docelowa;uczestnicy;partnerzy\n"
                                           "14.03.2025;1007023;piknik;Piknik 🎉 rodzinny;mieszkancy;120;"
                                           "Fundacja Олександр\n"})
    ds = load_dataset(inputs, 2025)
    problem, = [p for p in ds.problems if p.file == "2025/dzialania.csv"]
    assert (problem.severity, problem.row, problem.column, problem.value) == (
        Severity.WARNING, 2, "nazwa", "Piknik 🎉 rodzinny")
    assert "„🎉” (U+1F389 PARTY POPPER)" in problem.message and "pominie" in problem.message
    events = ds.table("dzialania", 2025)
    assert list(events["nazwa"]) == ["Piknik rodzinny"]  # the spaces around it folded into one
    assert list(events["partnerzy"]) == ["Fundacja Олександр"]  # Cyrillic is printed


def test_a_name_in_powiat_toml_the_charts_cannot_draw_is_an_error(tmp_path) -> None:
    text = (INPUTS / "powiat.toml").read_text(encoding="utf-8").replace('nazwa = "Drzewica"', 'nazwa = "Drzewica 🌲"')
    (tmp_path / "powiat.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_powiat(tmp_path)
    problem, = raised.value.problems
    assert problem.message.startswith("gmina Drzewica 🌲: znaki, których nie ma w czcionce raportu: „🌲”")
    assert "literami alfabetu łacińskiego" in problem.hint


def test_a_name_of_nothing_but_emoji_is_an_error_not_an_empty_name(make_inputs) -> None:
    inputs = make_inputs({"dzialania.csv": "data;teryt;rodzaj;nazwa;grupa_docelowa;uczestnicy\n"
                                           "14.03.2025;1007023;piknik;🎉🎉;mieszkancy;120\n"})
    with pytest.raises(DataError) as raised:
        load_dataset(inputs, 2025)
    problem, = [p for p in raised.value.problems if p.file == "2025/dzialania.csv"]
    assert (problem.severity, problem.row, problem.column) == (Severity.ERROR, 2, "nazwa")
    assert problem.message.startswith("tekst składa się tylko ze znaków, których nie ma w czcionce raportu: „🎉”")


def test_the_annex_prints_such_a_warning_without_the_character() -> None:
    message = "wiersz 2: " + MESSAGE.format(describe(["🎉", "中"]))
    assert printable_message(message) == ("wiersz 2: znaki, których nie ma w czcionce raportu: (U+1F389 PARTY POPPER), "
                                          "(U+4E2D CJK UNIFIED IDEOGRAPH-4E2D); raport je pominie")
