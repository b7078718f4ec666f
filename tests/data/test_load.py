"""Reading files as analysts produce them: encodings, delimiters, Polish numbers, Excel."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from pipeline.data.cells import Term
from pipeline.data.dataset import load_dataset
from pipeline.errors import DataError

from ..conftest import FIXTURES

LOAD = FIXTURES / "load"
PLAN_ROW = {
    "teryt": "1007083",
    "rodzaj": "debata_spoleczna",
    "nazwa": "Debata w Żarnowie – „Bezpieczny Senior”",
    "termin": Term(4, 6),
    "grupa_docelowa": "seniorzy",
    "partnerzy": "Urząd Gminy Żarnów; OSP",
}


@pytest.mark.parametrize("fixture", ["cp1250_semicolon", "utf8_bom_comma", "utf16_tab"])
def test_every_encoding_and_delimiter_gives_the_same_polish_text(make_inputs, fixture: str) -> None:
    dataset = load_dataset(make_inputs({"plan.csv": LOAD / f"{fixture}.csv"}))
    row = dataset.table("plan", 2025).iloc[0]
    assert {key: row[key] for key in PLAN_ROW} == PLAN_ROW


def test_decimal_commas_thousands_separators_and_currency_are_read(make_inputs) -> None:
    dataset = load_dataset(make_inputs({"sluzby_ponadnormatywne.csv": LOAD / "decimal_comma_thousands.csv"}))
    rows = dataset.table("sluzby_ponadnormatywne", 2025).set_index("teryt")
    assert rows.at["1007043", "kwota_zl"] == 12240.50
    assert rows.at["1007043", "liczba_godzin"] == 200.5
    assert rows.at["1007023", "kwota_zl"] == 4800.0
    assert rows.at["1007023", "liczba_godzin"] == 96.0
    assert rows.at["1007000", "kwota_zl"] == 1234.56  # the powiat's own row
    assert pd.isna(rows.at["1007043", "mandaty"])  # empty: no data, not 0


def test_columns_in_any_order_with_stray_spaces_and_capitals(make_inputs) -> None:
    dataset = load_dataset(make_inputs({"przestepstwa.csv": LOAD / "columns_any_order_trailing_spaces.csv"}))
    row = dataset.table("przestepstwa", 2025).iloc[0]
    assert (row["teryt"], row["kategoria"], row["stwierdzone"], row["wykryte"]) == ("1007023", "ogolem", 100, 80)


def test_former_teryt_codes_land_on_todays_gmina(make_inputs) -> None:
    inputs = make_inputs({"ludnosc.csv": LOAD / "old_teryt_codes.csv"}, year=2023)
    dataset = load_dataset(inputs, 2023)
    people = dataset.table("ludnosc", 2023).set_index("teryt")["ludnosc"]
    assert people["1007013"] == 5600  # Białaczów, filed as 1007012
    assert people["1007083"] == 5900  # Żarnów, filed as 1007082
    assert not [p for p in dataset.problems if "kod używany" in p.message]  # right for its year


def test_a_former_code_after_its_last_year_is_mapped_with_a_warning(make_inputs) -> None:
    dataset = load_dataset(make_inputs({"ludnosc.csv": LOAD / "old_teryt_codes.csv"}))
    people = dataset.table("ludnosc", 2025).set_index("teryt")["ludnosc"]
    assert people["1007013"] == 5600
    warnings = [p for p in dataset.problems if "kod używany do 2023 r." in p.message]
    assert [w.row for w in warnings] == [2, 3]


def test_row_numbers_count_blank_lines_as_excel_does(make_inputs) -> None:
    with pytest.raises(DataError) as raised:
        load_dataset(make_inputs({"ludnosc.csv": LOAD / "blank_lines_keep_row_numbers.csv"}))
    (problem,) = [p for p in raised.value.problems if p.is_error]
    assert (problem.row, problem.value) == (5, "abc")


def test_a_gmina_column_with_names_replaces_teryt(make_inputs) -> None:
    text = "gmina,ludnosc\nBIAŁACZÓW,5500\nbialaczow ,1\ngm. Sławno,7400\nMiasto i Gmina Opoczno,31000\n"
    with pytest.raises(DataError) as raised:  # the first two are the same gmina
        load_dataset(make_inputs({"ludnosc.csv": text}))
    assert [p.row for p in raised.value.problems if p.is_error] == [3]
    dataset = load_dataset(make_inputs({"ludnosc.csv": text.replace("bialaczow ,1\n", "")}))
    assert set(dataset.table("ludnosc", 2025)["teryt"]) == {"1007013", "1007072", "1007043"}


def _workbook(path, sheets: dict[str, list[list[object]]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_an_excel_workbook_with_numbers_dates_and_text(make_inputs, tmp_path) -> None:
    inputs = make_inputs({})
    _workbook(inputs / "2025" / "dane_2025.xlsx", {
        "ludnosc": [["teryt", "ludnosc"], [1007023, 9700.0], ["1007043", "31 400"]],
        "Działania": [["data", "teryt", "rodzaj", "nazwa", "grupa_docelowa", "uczestnicy"],
                      [dt.datetime(2025, 3, 14), 1007023, "piknik", 2025, "mieszkancy", 120]],
    })
    dataset = load_dataset(inputs, 2025)
    people = dataset.table("ludnosc", 2025).set_index("teryt")["ludnosc"]
    assert people.to_dict() == {"1007023": 9700, "1007043": 31400}
    event = dataset.table("dzialania", 2025).iloc[0]
    assert event["data"] == pd.Timestamp("2025-03-14")
    assert event["nazwa"] == "2025"  # a number typed as a name stays text


def test_excel_rows_are_numbered_as_excel_shows_them(make_inputs) -> None:
    inputs = make_inputs({})
    _workbook(inputs / "2025" / "dane_2025.xlsx", {
        "ludnosc": [["teryt", "ludnosc"], [1007023, 9700], [None, None], [1007043, "dużo"]],
    })
    with pytest.raises(DataError) as raised:
        load_dataset(inputs, 2025)
    (problem,) = [p for p in raised.value.problems if p.is_error]
    assert problem.file == "2025/dane_2025.xlsx, arkusz ludnosc"
    assert (problem.row, problem.column, problem.value) == (4, "ludnosc", "dużo")


def test_a_broken_workbook_is_reported_not_raised(make_inputs) -> None:
    inputs = make_inputs({"dane_2025.xlsx": b"this is not a zip file"})
    with pytest.raises(DataError) as raised:
        load_dataset(inputs, 2025)
    assert any("nie da się otworzyć skoroszytu" in p.message for p in raised.value.problems)


def test_inputs_are_never_modified(make_inputs) -> None:
    inputs = make_inputs({"plan.csv": LOAD / "cp1250_semicolon.csv",
                          "przestepstwa.csv": FIXTURES / "validate" / "text_in_number.csv"})
    before = {p: p.read_bytes() for p in inputs.rglob("*") if p.is_file()}
    with pytest.raises(DataError):
        load_dataset(inputs, 2025)
    after = {p: p.read_bytes() for p in inputs.rglob("*") if p.is_file()}
    assert after == before


def test_windows_1250_that_also_happens_to_be_valid_utf8_is_read_as_polish(make_inputs) -> None:
    # "ÓŚ" in Windows-1250 is the bytes D3 8C, which UTF-8 reads as the Cyrillic "ӌ".
    text = "data;teryt;rodzaj;nazwa;grupa_docelowa;uczestnicy\r\n01.03.2025;1007023;piknik;ÓŚ;mieszkancy;5\r\n"
    dataset = load_dataset(make_inputs({"dzialania.csv": text.encode("cp1250")}))
    assert dataset.table("dzialania", 2025).iloc[0]["nazwa"] == "ÓŚ"
