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
        if "teryt" in table.columns:  # a table about gminas: the code and the name first
            assert headers == ["teryt", "gmina", *[c for c in table.columns if c != "teryt"]]
        else:  # the region and the country
            assert headers == list(table.columns)
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


def test_the_newer_sheets_round_trip(powiat, tmp_path) -> None:
    """szablon -> filled in Excel -> validate: resources, public order, accidents one by one, the region
    and the country, next year's goals; the gminas (and the komenda's own row) are already written in."""
    inputs = tmp_path / "inputs"
    (inputs / "2026").mkdir(parents=True)
    (inputs / "powiat.toml").write_text((powiat.source).read_text(encoding="utf-8"), encoding="utf-8")
    path = write_template(powiat, 2026, inputs / "2026")
    book = openpyxl.load_workbook(path)
    resources = book["zasoby"]
    assert [row[1] for row in resources.iter_rows(min_row=2, values_only=True)] == \
        [g.nazwa for g in powiat.gminy] + ["powiat"]
    for row in range(2, 2 + len(powiat.gminy)):
        resources.cell(row, 3, "Posterunek Policji")
        resources.cell(row, 4, 2)
    komenda = 2 + len(powiat.gminy)
    for column, value in ((5, 160), (6, 12), (7, 40), (8, 9.5), (9, 13.2)):
        resources.cell(komenda, column, value)
    for row in range(2, 2 + len(powiat.gminy)):  # wykroczenia, mandaty, ..., zaginieni, odnalezieni
        for column, value in enumerate((300, 180, 30, 60, 20, 12, 1, 4, 4), start=3):
            book["porzadek"].cell(row, column, value)
    book["wypadki"].append([None, "Sławno", dt.datetime(2026, 4, 2), "DK12", "predkosc", "nie",
                            0, 0, 0, 0, 0, 2, 0, 1, 0, 1])
    book["porownanie"].append(["wojewodztwo", "ludnosc", 2_300_000, "GUS BDL"])
    book["porownanie"].append(["kraj", "wypadki", 21_000, "KGP"])
    book["plan_cele"].append([None, None, "Mniej wypadków", "wypadki", "spadek", 20])
    book.save(path)

    dataset = load_dataset(inputs, 2026)
    assert not [p for p in dataset.problems if p.is_error]
    komenda_row = dataset.table("zasoby", 2026).set_index("teryt").loc[powiat.code]
    assert (komenda_row["etaty"], komenda_row["czas_reakcji_pilne_miasto"]) == (160, 9.5)
    accident = dataset.table("wypadki", 2026).iloc[0]
    assert (accident["teryt"], accident["kierujacy_ranni"], accident["dzieci_ranni"]) == ("1007072", 2, 1)
    # Without ruch_drogowy.csv the year's accidents, killed and injured come from the records.
    roads = dataset.table("ruch_drogowy", 2026).set_index("teryt")
    assert (roads.at["1007072", "wypadki"], roads.at["1007072", "ranni"]) == (1, 3)
    assert dataset.table("porownanie", 2026)["wartosc"].tolist() == [2_300_000, 21_000]
    assert dataset.table("plan_cele", 2026).iloc[0]["teryt"] == powiat.code
