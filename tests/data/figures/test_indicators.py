"""The report's figures on a tiny two-year dataset whose answers are worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.data.dataset import load_dataset
from pipeline.data.figures import indicators as ind
from pipeline.data.figures.keyfigures import key_figures

DRZEWICA, OPOCZNO, POWIAT = "1007023", "1007043", "1007000"

YEAR_2024 = {
    "ludnosc.csv": "teryt,ludnosc\n1007023,10000\n1007043,30000\n",
    "przestepstwa.csv": ("teryt,kategoria,stwierdzone,wykryte\n1007023,ogolem,100,80\n1007023,rozboj,4,2\n"
                         "1007043,ogolem,300,150\n1007000,ogolem,20,10\n"),
    "ruch_drogowy.csv": "teryt,wypadki,zabici,ranni,kolizje,nietrzezwi_kierujacy\n1007023,5,1,6,40,8\n",
    "kmzb.csv": ("teryt,kategoria,status,liczba\n1007023,Nieprawidłowe parkowanie,Potwierdzone (wyeliminowane),6\n"
                 "1007023,Nieprawidłowe parkowanie,Niepotwierdzone,4\n"),
    "sluzby_ponadnormatywne.csv": "teryt,kwota_zl,liczba_sluzb,liczba_godzin\n1007023,4800,12,96\n",
    "dzialania.csv": ("data,teryt,rodzaj,nazwa,grupa_docelowa,uczestnicy\n"
                      "01.06.2024,1007023,piknik,Piknik,mieszkancy,100\n"
                      "02.03.2024,1007023,debata_spoleczna,Debata,mieszkancy,40\n"),
    "plan.csv": ("teryt,rodzaj,nazwa,termin,grupa_docelowa\n1007023,piknik,Piknik,II kwartał,mieszkancy\n"
                 "1007023,debata_spoleczna,Debata,I kwartał,mieszkancy\n"
                 "1007023,rajd_rowerowy,Rajd,maj,szkola_podstawowa\n"),
}
YEAR_2025 = {
    "ludnosc.csv": "teryt,ludnosc\n1007023,9900\n1007043,29900\n",
    "przestepstwa.csv": ("teryt,kategoria,stwierdzone,wykryte\n1007023,ogolem,90,72\n1007023,rozboj,6,6\n"
                         "1007043,ogolem,330,200\n1007000,ogolem,30,10\n"),
    "ruch_drogowy.csv": "teryt,wypadki,zabici,ranni,kolizje,nietrzezwi_kierujacy\n1007023,4,0,5,44,9\n",
    "kmzb.csv": ("teryt,kategoria,status,liczba\n1007023,Nieprawidłowe parkowanie,Potwierdzone (wyeliminowane),3\n"
                 "1007023,Nieprawidłowe parkowanie,Potwierdzone,1\n1007023,Nieprawidłowe parkowanie,Niepotwierdzone,4\n"
                 "1007023,Akty wandalizmu,Nowe,2\n"),
    "sluzby_ponadnormatywne.csv": ("teryt,kwota_zl,liczba_sluzb,liczba_godzin,mandaty\n1007023,6000,15,120,7\n"
                                   "1007000,2400,6,48,\n"),
    "dzialania.csv": ("data,teryt,rodzaj,nazwa,grupa_docelowa,uczestnicy\n"
                      "01.06.2025,1007023,piknik,Piknik,mieszkancy,150\n"
                      "01.07.2025,1007023,piknik,Piknik letni,rodzice,50\n"
                      "10.09.2025,1007043,akcja_brd,Bezpieczna Droga do Szkoły,przedszkole,30\n"),
    "plan.csv": "teryt,rodzaj,nazwa,termin,grupa_docelowa\n1007043,akcja_brd,Odblaski,IV kwartał,seniorzy\n",
}


@pytest.fixture
def ds(make_inputs):
    make_inputs(YEAR_2024, year=2024)
    return load_dataset(make_inputs(YEAR_2025, year=2025), 2025)


def test_formulas() -> None:
    assert ind.dynamika(90, 100) == 90.0
    assert ind.dynamika(5, 0) is pd.NA and ind.dynamika(pd.NA, 3) is pd.NA
    assert ind.wykrywalnosc(72, 90) == 80.0
    assert ind.rate_per_10k(90, 9900) == pytest.approx(90.909, abs=1e-3)


def test_powiat_is_the_gminas_plus_its_own_rows(ds) -> None:
    crimes = ind.crime_table(ds)
    assert crimes.at["ogolem", "biezacy"] == 450 and crimes.at["ogolem", "poprzedni"] == 420
    assert crimes.at["ogolem", "dynamika"] == pytest.approx(107.142857)
    assert crimes.at["ogolem", "zmiana"] == 30
    assert crimes.at["ogolem", "wykrywalnosc"] == pytest.approx(282 / 450 * 100)
    assert crimes.at["rozboj", "dynamika"] == 150.0


def test_a_gmina_alone(ds) -> None:
    crimes = ind.crime_table(ds, DRZEWICA)
    assert (crimes.at["ogolem", "biezacy"], crimes.at["ogolem", "dynamika"]) == (90, 90.0)
    assert crimes.at["ogolem", "wykrywalnosc"] == 80.0
    assert crimes.at["kradziez_samochodu", "biezacy"] is pd.NA  # not reported: no data, not 0


def test_trend_covers_every_loaded_year(ds) -> None:
    trend = ind.crime_trend(ds, DRZEWICA)
    assert list(trend.index) == [2024, 2025]
    assert list(trend["stwierdzone"]) == [100, 90]


def test_rates_per_10k_are_sorted_and_flag_few_cases(ds) -> None:
    rates = ind.gmina_rates(ds)
    assert list(rates.index[:2]) == [OPOCZNO, DRZEWICA]
    assert rates.at[OPOCZNO, "na_10_tys"] == pytest.approx(330 / 29900 * 10_000)
    assert rates["na_10_tys"].isna().sum() == 6  # gminas without data come last, as NA
    robberies = ind.gmina_rates(ds, kategoria="rozboj")
    assert robberies.at[DRZEWICA, "malo_przypadkow"]  # 6 cases
    # The gminas' average leaves out the 30 crimes filed for the whole powiat.
    assert ind.gminas_rate(ds) == pytest.approx((90 + 330) / 39800 * 10_000)
    events = ind.gmina_rates(ds, "dzialania", "uczestnicy", count_rows=True)
    assert events.at[DRZEWICA, "wartosc"] == 2


def test_kmzb_shares(ds) -> None:
    summary = ind.kmzb_summary(ds, DRZEWICA, 2025)
    assert (summary["zgloszenia"], summary["potwierdzone"], summary["wyeliminowane"]) == (10, 4, 3)
    assert summary["udzial_potwierdzonych"] == 40.0
    assert summary["udzial_wyeliminowanych"] == 75.0
    by_category = ind.kmzb_by_category(ds)
    assert by_category.index[0] == "Nieprawidłowe parkowanie"
    assert by_category.at["Nieprawidłowe parkowanie", "poprzedni"] == 10


def test_extra_patrols_cost_per_hour(ds) -> None:
    patrols = ind.patrols_table(ds, None, 2025)
    assert patrols.at[DRZEWICA, "koszt_godziny"] == 50.0
    assert patrols.at[POWIAT, "platnik"] == "powiat opoczyński"
    assert patrols["kwota_zl"].sum() == 8400
    assert patrols.at[POWIAT, "mandaty"] is pd.NA


def test_events_by_kind_and_by_group(ds) -> None:
    kinds = ind.events_by(ds, "rodzaj", DRZEWICA)
    assert (kinds.at["piknik", "wydarzenia"], kinds.at["piknik", "uczestnicy"]) == (2, 200)
    assert kinds.at["piknik", "wydarzenia_poprzednio"] == 1
    groups = ind.events_by(ds, "grupa_docelowa")
    assert groups.at["przedszkole", "uczestnicy"] == 30


def test_last_years_plan_against_what_was_done(ds) -> None:
    table = ind.plan_vs_done(ds).set_index("rodzaj")
    assert table.at["piknik", "zaplanowane"] == 1 and table.at["piknik", "zrealizowane"] == 2
    assert table.at["piknik", "realizacja"] == 100.0  # more of one kind does not count twice
    assert table.at["debata_spoleczna", "realizacja"] == 0.0
    assert table.at["rajd_rowerowy", "zrealizowane"] == 0


def test_next_years_plan(ds) -> None:
    plan = ind.plan_next(ds)
    assert list(plan["nazwa"]) == ["Odblaski"]


def test_key_figures_compare_with_last_year(ds) -> None:
    figures = {f.code: f for f in key_figures(ds)}
    crimes = figures["przestepstwa"]
    assert (crimes.current, crimes.previous, crimes.change) == (450, 420, 30)
    assert figures["dzialania"].current == 3
    assert figures["kwota"].current == 8400
    assert figures["rozboj"].dynamika == 150.0


def test_a_year_without_a_file_has_no_data_rather_than_zero(make_inputs) -> None:
    make_inputs({"ludnosc.csv": YEAR_2024["ludnosc.csv"]}, year=2024)
    ds = load_dataset(make_inputs(YEAR_2025, year=2025), 2025)
    crimes = ind.crime_table(ds)
    assert crimes.at["ogolem", "poprzedni"] is pd.NA
    assert crimes.at["ogolem", "dynamika"] is pd.NA
    assert ind.plan_vs_done(ds) is None
