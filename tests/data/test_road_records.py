"""Accidents one by one are personal data: the report counts them and carries only the counts,
with the original's SHA-256; a workbook that holds them is carried without their sheet."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

import openpyxl

from pipeline.data.dataset import load_dataset
from pipeline.data.road_records import aggregate
from pipeline.data.workbook import write_template

RECORDS = ("data,teryt,miejsce,przyczyna,alkohol,pieszy_zabici,pieszy_ranni,rowerzysta_zabici,rowerzysta_ranni,"
           "kierujacy_zabici,kierujacy_ranni,pasazer_zabici,pasazer_ranni,dzieci_zabici,dzieci_ranni\n"
           "12.03.2025,1007023,ul. Stawowa 4 (przy szkole),pieszy_na_przejsciu,nie,0,1,0,0,0,0,0,0,0,1\n"
           "02.05.2025,1007023,DW728,predkosc,tak,0,0,0,0,1,2,0,1,0,0\n"
           "20.09.2025,1007043,DK12,pierwszenstwo,nie,0,0,0,1,0,1,0,0,0,0\n")


def test_the_counts_per_gmina(make_inputs) -> None:
    dataset = load_dataset(make_inputs({"wypadki.csv": RECORDS}), 2025)
    counted = aggregate(dataset.table("wypadki", 2025))
    drzewica = counted.loc["1007023"]
    assert (drzewica["wypadki"], drzewica["zabici"], drzewica["ranni"]) == (2, 1, 4)
    assert (drzewica["pieszy_ranni"], drzewica["dzieci_ranni"], drzewica["alkohol_tak"]) == (1, 1, 1)
    assert (drzewica["przyczyna_predkosc"], drzewica["przyczyna_pieszy_na_przejsciu"]) == (1, 1)


def test_the_pdf_carries_the_counts_and_the_originals_hash_never_the_accidents(make_inputs) -> None:
    inputs = make_inputs({"wypadki.csv": RECORDS})
    dataset = load_dataset(inputs, 2025)
    (source,) = [s for s in dataset.sources if s.label == "2025/wypadki.csv"]
    assert source.attachment == "2025-wypadki-zbiorczo.csv"
    assert source.original_sha256 == hashlib.sha256((inputs / "2025" / "wypadki.csv").read_bytes()).hexdigest()
    assert source.sha256 == hashlib.sha256(source.content).hexdigest()
    text = source.content.decode("utf-8")
    assert "Stawowa" not in text and "2025-03-12" not in text and "12.03.2025" not in text  # no place, no date
    rows = {r["teryt"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["1007023"]["gmina"] == "Drzewica" and rows["1007023"]["wypadki"] == "2"
    assert rows["1007000"]["wypadki"] == "3"  # the powiat's total
    assert "personal" not in source.note and "dane osobowe" in source.note


def test_a_workbook_with_accidents_is_carried_without_their_sheet(powiat, tmp_path) -> None:
    inputs = tmp_path / "inputs"
    (inputs / "2026").mkdir(parents=True)
    (inputs / "powiat.toml").write_text(powiat.source.read_text(encoding="utf-8"), encoding="utf-8")
    path = write_template(powiat, 2026, inputs / "2026")
    book = openpyxl.load_workbook(path)
    book["wypadki"].append([None, "Sławno", dt.datetime(2026, 4, 2), "ul. Kościelna 1", "predkosc", "nie",
                            0, 1, 0, 0, 0, 0, 0, 0])
    book.save(path)
    first, second = (next(s for s in load_dataset(inputs, 2026).sources if s.label == "2026/dane_2026.xlsx")
                     for _ in range(2))
    assert first.content == second.content  # the same workbook, the same bytes
    assert first.original_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    copy = openpyxl.load_workbook(io.BytesIO(first.content))
    assert "wypadki" not in copy.sheetnames and "ludnosc" in copy.sheetnames
    assert first.attachment == "2026-dane_2026.xlsx"


def test_an_empty_sheet_of_accidents_is_no_data(powiat, tmp_path) -> None:
    """The template's empty sheet neither derives nor contradicts the road figures."""
    inputs = tmp_path / "inputs"
    (inputs / "2026").mkdir(parents=True)
    (inputs / "powiat.toml").write_text(powiat.source.read_text(encoding="utf-8"), encoding="utf-8")
    write_template(powiat, 2026, inputs / "2026")
    dataset = load_dataset(inputs, 2026)
    assert dataset.table("ruch_drogowy", 2026)["wypadki"].isna().all()
    source = next(s for s in dataset.sources if s.label == "2026/dane_2026.xlsx")
    assert source.content is None  # nothing personal in it: carried as it is
