"""The rules about whole rows of the newer tables: the police's resources (`zasoby`), public
order (`porzadek`), road accidents one by one (`wypadki`), the region and the country
(`porownanie`) and next year's goals (`plan_cele`). Same shape as `rules.ROW_RULES`, which
`validate` runs together with these.
"""

from __future__ import annotations

import pandas as pd

from ..errors import Severity
from .rules import Context, RowRule
from .schema import BENCHMARK_AREAS, MEASURES, VICTIM_ROLES

__all__ = ["SECTION_RULES", "victims"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING
LONG_RESPONSE = 60  # minutes: a mean response time above this is usually seconds or a typo
RESPONSE_TIMES = ("czas_reakcji_pilne_miasto", "czas_reakcji_pilne_wies")


def victims(frame: pd.DataFrame, what: str) -> pd.Series:
    """Killed (`what`="zabici") or injured in each accident, all roles together."""
    return sum((frame[f"{role}_{what}"].fillna(0) for role in VICTIM_ROLES), pd.Series(0, index=frame.index))


def _whole(value: object) -> int:
    return 0 if pd.isna(value) else int(value)


def _no_victims(df: pd.DataFrame, ctx: Context) -> pd.Series:
    return ((victims(df, "zabici") + victims(df, "ranni")) == 0).astype(bool)


def _children_over(what: str) -> RowRule:
    def broken(df: pd.DataFrame, ctx: Context) -> pd.Series:
        return (df[f"dzieci_{what}"] > victims(df, what)).fillna(False).astype(bool)

    return RowRule(f"dzieci_{what}_ponad_ofiary", ERROR, f"dzieci_{what}", broken,
                   lambda r, c: f"dzieci ({what}: {r[f'dzieci_{what}']}) więcej niż wszystkich ({what}: "
                                f"{sum(_whole(r[f'{role}_{what}']) for role in VICTIM_ROLES)})",
                   "dzieci liczy się też w kolumnach ról (pieszy, rowerzysta, kierujący, pasażer)", ("wypadki",))


def _outside_year(df: pd.DataFrame, ctx: Context) -> pd.Series:
    return (df["data"].notna() & (df["data"].dt.year != ctx.year)).astype(bool)


def _response_in_gmina_row(df: pd.DataFrame, ctx: Context) -> pd.Series:
    given = df[list(RESPONSE_TIMES)].notna().any(axis=1)
    return (given & (df["teryt"] != ctx.powiat.code)).astype(bool)


def _response_long(df: pd.DataFrame, ctx: Context) -> pd.Series:
    return (df[list(RESPONSE_TIMES)] > LONG_RESPONSE).any(axis=1).fillna(False).astype(bool)


def _endings_over_offences(df: pd.DataFrame, ctx: Context) -> pd.Series:
    endings = df[["mandaty", "wnioski_o_ukaranie", "pouczenia"]].sum(axis=1, min_count=1)
    return (endings > df["wykroczenia"]).fillna(False).astype(bool)


def _percent_over_100(df: pd.DataFrame, ctx: Context) -> pd.Series:
    return ((df["wskaznik"] == "wykrywalnosc") & (df["wartosc"] > 100)).fillna(False).astype(bool)


def _target_no_percentage(df: pd.DataFrame, ctx: Context) -> pd.Series:
    percent = df["miernik"].map(lambda key: key in MEASURES and MEASURES[key].percent).astype(bool)
    return (percent & (df["wartosc_docelowa"] > 100)).fillna(False).astype(bool)


SECTION_RULES: tuple[RowRule, ...] = (
    RowRule("wypadek_bez_ofiar", ERROR, "pieszy_zabici", _no_victims,
            lambda r, c: "wypadek bez zabitych i rannych: według definicji policyjnej to kolizja",
            "wpisz zabitych lub rannych według ich roli; kolizji nie wpisuje się do tego pliku", ("wypadki",)),
    _children_over("zabici"),
    _children_over("ranni"),
    RowRule("wypadek_poza_rokiem", ERROR, "data", _outside_year,
            lambda r, c: f"wypadek z {r['data']:%d.%m.%Y} w danych za {c.year} r.",
            "popraw datę albo przenieś wiersz do danych właściwego roku", ("wypadki",)),
    RowRule("wakaty_ponad_etaty", ERROR, "wakaty", lambda df, c: (df["wakaty"] > df["etaty"]).fillna(False),
            lambda r, c: f"wakatów ({r['wakaty']}) więcej niż etatów ({r['etaty']})",
            "wakaty to nieobsadzona część etatów; sprawdź obie liczby", ("zasoby",)),
    RowRule("czas_reakcji_w_gminie", ERROR, "czas_reakcji_pilne_miasto", _response_in_gmina_row,
            lambda r, c: f"czas reakcji w wierszu gminy {c.powiat.name_of(r['teryt'])}: system policyjny podaje go "
                         "dla całej komendy",
            "wpisz czasy reakcji tylko w wierszu całego powiatu (kod powiatu z 000 na końcu albo „powiat”)",
            ("zasoby",)),
    RowRule("czas_reakcji_dlugi", WARNING, "czas_reakcji_pilne_wies", _response_long,
            lambda r, c: f"średni czas reakcji ponad {LONG_RESPONSE} minut",
            "czas wpisuje się w minutach (np. 9,5), nie w sekundach ani jako 9:30", ("zasoby",)),
    RowRule("rozstrzygniecia_ponad_wykroczenia", WARNING, "wykroczenia", _endings_over_offences,
            lambda r, c: f"mandatów, wniosków o ukaranie i pouczeń razem więcej niż wykroczeń ({r['wykroczenia']})",
            "to możliwe, gdy rozstrzygnięto sprawy z poprzedniego roku; jeśli nie, popraw liczby", ("porzadek",)),
    RowRule("odnalezieni_ponad_zaginionych", WARNING, "odnalezieni",
            lambda df, c: (df["odnalezieni"] > df["zaginieni"]).fillna(False),
            lambda r, c: f"odnalezionych ({r['odnalezieni']}) więcej niż zaginionych ({r['zaginieni']})",
            "to możliwe, gdy odnaleziono osoby zaginione w poprzednich latach", ("porzadek",)),
    RowRule("wykrywalnosc_ponad_100", ERROR, "wartosc", _percent_over_100,
            lambda r, c: f"wykrywalność {r['wartosc']:g}% przekracza 100% ({BENCHMARK_AREAS[r['obszar']]})",
            "wpisz odsetek od 0 do 100, np. 72,4", ("porownanie",)),
    RowRule("cel_planu_ponad_100_procent", ERROR, "wartosc_docelowa", _target_no_percentage,
            lambda r, c: f"miernik {r['miernik']} to odsetek, a wartość docelowa {r['wartosc_docelowa']:g} "
                         "przekracza 100",
            "wpisz odsetek od 0 do 100, np. 75 albo 75%", ("plan_cele",)),
)
