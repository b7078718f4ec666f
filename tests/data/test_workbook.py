"""The Excel template: every sheet and header, gminas pre-filled, drop-downs, and it loads."""

from __future__ import annotations

import datetime as dt

import openpyxl

from pipeline.data.dataset import load_dataset
from pipeline.data.schema import CRIME_CATEGORIES, KMZB_CATEGORIES, TABLES
from pipeline.data.workbook import write_template


def test_every_sheet_with_its_headers_and_an_instruction_first(powiat, tmp_path) -> None:
    path = write_template(powiat, 2026, tmp_path)
    assert path.name == "dane_2026.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "instrukcja"
    assert book["listy"].sheet_state == "hidden"
    for table in TABLES.values():
        headers = [c.value for c in book[table.name][1]]
        assert headers == ["teryt", "gmina", *[c for c in table.columns if c != "teryt"]]
    text = " ".join(str(c.value) for row in book["instrukcja"].iter_rows() for c in row if c.value)
    assert "Pusta komórka oznacza „brak danych”" in text
    assert "przestępstwa wykryte" in text


def test_gminas_are_prefilled_where_a_table_has_a_row_per_gmina(powiat, tmp_path) -> None:
    book = openpyxl.load_workbook(write_template(powiat, 2026, tmp_path))
    names = [row[1] for row in book["ludnosc"].iter_rows(min_row=2, values_only=True)]
    assert names == [g.nazwa for g in powiat.gminy]
    assert book["przestepstwa"].max_row == 1 + len(powiat.gminy) * len(CRIME_CATEGORIES)
    assert book["dzialania"].max_row == 1


def test_drop_down_lists_hold_every_allowed_value(powiat, tmp_path) -> None:
    book = openpyxl.load_workbook(write_template(powiat, 2026, tmp_path))
    validations = {str(v.sqref).split(":")[0]: v for v in book["kmzb"].data_validations.dataValidation}
    category = validations["C2"]  # teryt, gmina, kategoria, ...
    assert category.type == "list"
    sheet_range = category.formula1.split("!")[1].replace("$", "")
    values = [c.value for row in book["listy"][sheet_range] for c in row]
    assert tuple(values) == KMZB_CATEGORIES
    counts = validations["E2"]  # liczba
    assert (counts.type, counts.operator, counts.formula1) == ("whole", "greaterThanOrEqual", "0")


def test_a_filled_in_template_loads_with_no_change(powiat, tmp_path) -> None:
    inputs = tmp_path / "inputs"
    (inputs / "2026").mkdir(parents=True)
    (inputs / "powiat.toml").write_text((powiat.source).read_text(encoding="utf-8"), encoding="utf-8")
    path = write_template(powiat, 2026, inputs / "2026")
    book = openpyxl.load_workbook(path)
    for row in range(2, 2 + len(powiat.gminy)):
        book["ludnosc"].cell(row, 3, 1000 * row)
    book["dzialania"].append([None, "Drzewica", dt.datetime(2026, 5, 12), "piknik", "Piknik rodzinny", None,
                              "mieszkancy", 250, "Falck; OSP"])
    book["plan"].append(["1007000", None, "turniej_sportowy", "Halowy Turniej", "I kwartał", "szkola_podstawowa"])
    book["kmzb"].append([None, "Żarnów", "Wypalanie traw", "Potwierdzone (wyeliminowane)", 3])
    book.save(path)

    dataset = load_dataset(inputs, 2026)
    assert not [p for p in dataset.problems if p.is_error]
    people = dataset.table("ludnosc", 2026)["ludnosc"].tolist()
    assert people == [1000 * row for row in range(2, 2 + len(powiat.gminy))]
    event = dataset.table("dzialania", 2026).iloc[0]
    assert (event["teryt"], event["uczestnicy"], event["partnerzy"]) == ("1007023", 250, "Falck; OSP")
    assert dataset.table("kmzb", 2026).iloc[0]["teryt"] == "1007083"
    assert dataset.table("plan", 2026).iloc[0]["teryt"] == "1007000"


def test_an_existing_workbook_is_never_overwritten(powiat, tmp_path) -> None:
    from pipeline.errors import UsageError

    path = tmp_path / "dane_2026.xlsx"
    path.write_bytes(b"the analyst's work")
    with __import__("pytest").raises(UsageError, match="już istnieje"):
        write_template(powiat, 2026, tmp_path)
    assert path.read_bytes() == b"the analyst's work"
