"""No percentage, rate per 100 or dynamika on a base under 10, anywhere: a report of a powiat
whose every count is a handful, scanned in the PDF, each gmina's extract, the HTML edition and
the open data. Only the texts that explain the rules ("Jak czytać raport", the annex's
definitions), the levels of limits ("granice 99,8%") and the goals' own targets may carry a "%"."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from pipeline.data.example_data import write_synthetic_powiat
from pipeline.making.chain import build_report

from .pdf_reading import plain

pytestmark = pytest.mark.e2e

GMINAS = ("1099012", "1099023")
PERCENT = re.compile(r"\d\s?%")
# Where a "%" belongs to the rules or to a goal's target, not to a share of a handful.
ALLOWED = (
    re.compile(r"Jak czytać raport.*?pkt proc\. – punkty procentowe\.", re.S),
    re.compile(r"(co najmniej|najwyżej) \d+(,\d+)?\s?%"),
    re.compile(r"Definicje i wzory.*?Źródła danych", re.S),
    re.compile(r"(przedzia|granic)\w* [^%.]{0,30}?(95|99,8)\s?%"),  # the level of a limit, not a share
)


def _tables(year: int) -> dict[str, str]:
    """Every table of one year with every count under 10, the powiat's sums of both gminas too
    (a base of 1 to 9); even the money and the hours of the paid patrols."""
    crimes = [("ogolem", 4, 2), ("kryminalne", 2, 1), ("gospodarcze", 1, 1), ("drogowe", 1, 1),
              ("kradziez_cudzej_rzeczy", 1, 0), ("kradziez_z_wlamaniem", 1, 1)]
    shift = year - 2024  # a little change from year to year
    rows = {
        "ludnosc": [f"{g},{3000 + 900 * i}" for i, g in enumerate(GMINAS)],
        "przestepstwa": [f"{g},{c},{n + (shift if i and c == 'ogolem' else 0)},{d}" for i, g in enumerate(GMINAS)
                         for c, n, d in crimes],
        "ruch_drogowy": [f"{g},1,0,{1 + i},{2 + i},{1 + shift + i}" for i, g in enumerate(GMINAS)],
        "kmzb": [f"{g},Nieprawidłowe parkowanie,Potwierdzone (wyeliminowane),{1 + i}" for i, g in enumerate(GMINAS)]
        + [f"{g},Akty wandalizmu,Niepotwierdzone,1" for g in GMINAS],
        "sluzby_ponadnormatywne": [f"{GMINAS[0]},{6 + shift}.00,1,{4 + shift}.00,2,1,1,0,0"],
        "dzialania": [f"{year}-03-1{i},{g},debata_spoleczna,Debata społeczna w gminie,mieszkancy,{2 + i},Urząd Gminy"
                      for i, g in enumerate(GMINAS)]
        + [f"{year}-05-2{i},{g},kontrola_drogowa,Kontrola trzeźwości kierujących,kierowcy,{3 + i}," for i, g in
           enumerate(GMINAS)],
        "plan": [f"{g},debata_spoleczna,Debata społeczna w gminie,marzec,mieszkancy," for g in GMINAS]
        + [f"{g},piknik,Piknik rodzinny,lipiec,mieszkancy," for g in GMINAS],
        "interwencje": [f"{g},{3 + shift},1,1" for g in GMINAS],
        "ankieta": [f"{g},{a},{n}" for g in GMINAS for a, n in zip(
            ("bardzo_bezpiecznie", "raczej_bezpiecznie", "raczej_niebezpiecznie"),
            (1, 2, 1) if shift < 1 else (1, 1, 2), strict=True)],
        "cele": ["Ograniczenie przestępczości,wykrywalnosc,wzrost,75%,",
                 "Ograniczenie przestępczości,przestepstwa_ogolem,spadek,20,",
                 "Poczucie bezpieczeństwa,poczucie_bezpieczenstwa,wzrost,70%,",
                 "Zmniejszenie liczby zagrożeń,kmzb_wyeliminowane,wzrost,60%,"],
    }
    headers = {
        "ludnosc": "teryt,ludnosc", "przestepstwa": "teryt,kategoria,stwierdzone,wykryte",
        "ruch_drogowy": "teryt,wypadki,zabici,ranni,kolizje,nietrzezwi_kierujacy",
        "kmzb": "teryt,kategoria,status,liczba",
        "sluzby_ponadnormatywne": "teryt,kwota_zl,liczba_sluzb,liczba_godzin,legitymowani,pouczeni,mandaty,"
                                  "wnioski_o_ukaranie,zatrzymani",
        "dzialania": "data,teryt,rodzaj,nazwa,grupa_docelowa,uczestnicy,partnerzy",
        "plan": "teryt,rodzaj,nazwa,termin,grupa_docelowa,partnerzy",
        "interwencje": "teryt,interwencje,interwencje_domowe,niebieskie_karty",
        "ankieta": "teryt,odpowiedz,liczba", "cele": "cel,miernik,kierunek,wartosc_docelowa,teryt",
    }
    return {name: "\n".join([headers[name], *lines]) + "\n" for name, lines in rows.items()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("small") / "inputs"
    write_synthetic_powiat(inputs, len(GMINAS))
    for year in (2023, 2024, 2025):
        folder = inputs / str(year)
        folder.mkdir()
        for name, text in _tables(year).items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return build_report(inputs, 2025, tmp_path_factory.mktemp("out"), jobs=2).pdf.parent


def _unexplained(text: str) -> list[str]:
    for allowed in ALLOWED:
        text = allowed.sub(" ", text)
    return [text[max(0, m.start() - 60):m.end() + 10] for m in PERCENT.finditer(text)] + \
        re.findall(r".{0,40}na 100 wypadków.{0,20}", text)


def _pdf_text(path: Path) -> str:
    return " ".join(plain(page.extract_text()) for page in PdfReader(path).pages)


def test_the_report_has_no_percentage_of_a_handful(small) -> None:
    pdf = next(small.glob("raport_*.pdf"))
    text = _pdf_text(pdf)
    assert "Jak czytać raport" in text and " z " in text  # the counts stand where the shares would
    assert _unexplained(text) == []


def test_nor_has_any_gmina_s_extract(small) -> None:
    extracts = sorted((small / "gminy").glob("*.pdf"))
    assert len(extracts) == len(GMINAS)
    for extract in extracts:
        assert _unexplained(_pdf_text(extract)) == [], extract.name


def test_nor_has_the_html_edition(small) -> None:
    pages = sorted((small / "html").glob("*.html"))
    assert pages
    for page in pages:
        text = plain(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" "))
        assert _unexplained(text) == [], page.name


def test_the_open_data_leave_the_cell_empty_and_say_why(small) -> None:
    files = sorted((small / "dane").glob("*.csv"))
    assert files
    reasons = 0
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header, *rows = list(csv.reader(handle, delimiter=";"))
        shares = [i for i, h in enumerate(header) if "[%]" in h or "[pkt proc.]" in h]
        units = header.index("jednostka") if "jednostka" in header else None
        for row in rows:
            assert all(row[i] == "" for i in shares), (path.name, row)
            assert units is None or row[units] not in ("%", "pkt proc."), (path.name, row)
        notes = [i for i, h in enumerate(header) if h.endswith("(opis)")]
        reasons += sum("mniej niż 10" in row[i] for row in rows for i in notes)
    assert reasons > 20  # each emptied cell says why, with the counts where there are some
