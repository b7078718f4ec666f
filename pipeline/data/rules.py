"""The rules about whole rows of the analyst's tables: sums that cannot exceed totals, dates
outside the year, codes that ended, a goal's target that is no percentage... Each rule says
which rows break it and what to tell the analyst, in Polish; `validate` runs them (pandera).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import Severity
from .registry import Powiat
from .schema import CRIME_GROUPS, MEASURES, SEVEN_CATEGORIES, YEAR_COLUMN, Table

__all__ = ["ROW_RULES", "Context", "RowRule"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Context:
    """What reading a cell may depend on: the registry, the year and the table."""

    powiat: Powiat
    year: int
    table: Table


@dataclass(frozen=True)
class RowRule:
    """A rule about whole rows: which rows break it, and what to tell the analyst."""

    name: str
    severity: Severity
    column: str  # the column the message points at
    broken: Callable[[pd.DataFrame, Context], pd.Series]  # True where the row breaks the rule
    message: Callable[[pd.Series, Context], str]
    hint: str
    tables: tuple[str, ...] = ()  # empty: every table


def _crimes_seven_sum(df: pd.DataFrame) -> pd.Series:
    seven = df[df["kategoria"].isin(list(SEVEN_CATEGORIES))]
    return seven.groupby("teryt")["stwierdzone"].sum(min_count=1)


def _over_total(df: pd.DataFrame, categories: list[str]) -> pd.Series:
    """Rows of `categories` whose stwierdzone exceed their gmina's ogolem."""
    totals = df[df["kategoria"] == "ogolem"].set_index("teryt")["stwierdzone"]
    total = df["teryt"].map(totals).astype("Float64")
    return (df["kategoria"].isin(categories) & (df["stwierdzone"] > total)).fillna(False)


def _seven_over_total(df: pd.DataFrame, ctx: Context) -> pd.Series:
    sums = df["teryt"].map(_crimes_seven_sum(df)).astype("Float64")
    return ((df["kategoria"] == "ogolem") & (sums > df["stwierdzone"])).fillna(False)


def _groups_over_total(df: pd.DataFrame, ctx: Context) -> pd.Series:
    groups = df[df["kategoria"].isin([c for c in CRIME_GROUPS if c != "ogolem"])]
    sums = df["teryt"].map(groups.groupby("teryt")["stwierdzone"].sum(min_count=1)).astype("Float64")
    return ((df["kategoria"] == "ogolem") & (sums > df["stwierdzone"])).fillna(False)


def _seven_message(row: pd.Series, ctx: Context) -> str:
    return (f"suma 7 wybranych kategorii większa niż przestępstwa ogółem ({row['stwierdzone']}) "
            f"w gminie {ctx.powiat.name_of(row['teryt'])}")


def _year_mismatch(df: pd.DataFrame, ctx: Context) -> pd.Series:
    if YEAR_COLUMN not in df:
        return pd.Series(False, index=df.index)
    return (df[YEAR_COLUMN].notna() & (df[YEAR_COLUMN] != ctx.year)).astype(bool)


def _no_gmina(df: pd.DataFrame, ctx: Context) -> pd.Series:
    return df["_pusty"].astype(bool)


def _name_and_code_differ(df: pd.DataFrame, ctx: Context) -> pd.Series:
    both = df["_kod"].notna() & df["_nazwa"].notna()
    return (both & (df["_kod"] != df["_nazwa"])).astype(bool)


def _former_code(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Codes that had ended before this year: still mapped, but worth a word."""
    def ended(code: Any) -> bool:
        former = ctx.powiat.current_code(code)[1] if isinstance(code, str) else None
        return former is not None and ctx.year > former.until_year
    return df["_wpisany"].map(ended).astype(bool)


def _former_code_message(row: pd.Series, ctx: Context) -> str:
    former = ctx.powiat.current_code(row["_wpisany"])[1]
    until = former.until_year if former else "?"
    return f"kod używany do {until} r.; wiersz przypisano gminie {ctx.powiat.name_of(row['teryt'])}"


def _outside_year(df: pd.DataFrame, ctx: Context) -> pd.Series:
    return (df["data"].notna() & (df["data"].dt.year != ctx.year)).astype(bool)


def _count_pair(df: pd.DataFrame, part: str, whole: str) -> pd.Series:
    return (df[part] > df[whole]).fillna(False).astype(bool)


def _hour_cost_odd(df: pd.DataFrame, ctx: Context) -> pd.Series:
    cost = df["kwota_zl"] / df["liczba_godzin"].where(df["liczba_godzin"] > 0)
    return ((cost < 20) | (cost > 300)).fillna(False).astype(bool)


def _casualties_without_accidents(df: pd.DataFrame, ctx: Context) -> pd.Series:
    hurt = df["zabici"].fillna(0) + df["ranni"].fillna(0)
    return ((df["wypadki"] == 0) & (hurt > 0)).fillna(False).astype(bool)


def _accident_without_victims(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """A *wypadek* has at least one person killed or injured (otherwise it is a *kolizja*), so
    the victims cannot be fewer than the accidents (when both counts of victims are known)."""
    hurt = df["zabici"].fillna(0) + df["ranni"].fillna(0)
    known = df["zabici"].notna() & df["ranni"].notna()
    return (known & (df["wypadki"] > 0) & (hurt < df["wypadki"])).fillna(False).astype(bool)


def _victims(row: pd.Series) -> int:
    return int(sum(0 if pd.isna(row[c]) else row[c] for c in ("zabici", "ranni")))


def _percent_measure(df: pd.DataFrame) -> pd.Series:
    return df["miernik"].map(lambda key: key in MEASURES and MEASURES[key].percent).astype(bool)


def _target_no_percentage(df: pd.DataFrame, ctx: Context) -> pd.Series:
    return (_percent_measure(df) & (df["wartosc_docelowa"] > 100)).fillna(False).astype(bool)


def _target_a_fraction(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """0,75 for a share: what Excel stores when "75%" is typed into a percentage cell."""
    target = df["wartosc_docelowa"]
    return (_percent_measure(df) & (target > 0) & (target <= 1)).fillna(False).astype(bool)


LONG_TEXT = 300  # characters; longer names are usually something pasted by mistake


def _long_name(df: pd.DataFrame, ctx: Context) -> pd.Series:
    return df["nazwa"].map(lambda text: isinstance(text, str) and len(text) > LONG_TEXT).astype(bool)


def _gmina_label(row: pd.Series, ctx: Context) -> str:
    code = row["teryt"]
    return ctx.powiat.name_of(code) if isinstance(code, str) else "?"


ROW_RULES: tuple[RowRule, ...] = (
    RowRule("brak_gminy", ERROR, "teryt", _no_gmina,
            lambda r, c: "nie wiadomo, której gminy dotyczy wiersz",
            "wpisz kod TERYT w kolumnie teryt albo nazwę w kolumnie gmina"),
    RowRule("teryt_i_nazwa_rozne", ERROR, "gmina", _name_and_code_differ,
            lambda r, c: f"kod TERYT wskazuje gminę {c.powiat.name_of(r['_kod'])}, "
                         f"a nazwa gminę {c.powiat.name_of(r['_nazwa'])}",
            "popraw kod albo nazwę, tak by wskazywały tę samą gminę"),
    RowRule("kod_nieaktualny", WARNING, "teryt", _former_code, _former_code_message,
            "wpisz obecny kod TERYT gminy (rejestr: inputs/powiat.toml)"),
    RowRule("rok_niezgodny", ERROR, YEAR_COLUMN, _year_mismatch,
            lambda r, c: f"rok {r[YEAR_COLUMN]} w wierszu, a plik leży w folderze roku {c.year}",
            "popraw rok albo przenieś plik do właściwego folderu"),
    RowRule("data_poza_rokiem", ERROR, "data", _outside_year,
            lambda r, c: f"wydarzenie z {r['data']:%d.%m.%Y} w danych za {c.year} r.",
            "popraw datę albo przenieś wiersz do danych właściwego roku", ("dzialania",)),
    RowRule("suma_7_kategorii", ERROR, "stwierdzone", _seven_over_total, _seven_message,
            "sprawdź liczby w 7 kategoriach i w wierszu ogolem tej gminy", ("przestepstwa",)),
    RowRule("grupy_ponad_ogolem", WARNING, "stwierdzone", _groups_over_total,
            lambda r, c: f"przestępstwa kryminalne, gospodarcze i drogowe razem przekraczają ogółem "
                         f"({r['stwierdzone']}) w gminie {_gmina_label(r, c)}",
            "te grupy zwykle się nie pokrywają; sprawdź, czy liczby są wpisane we właściwych wierszach",
            ("przestepstwa",)),
    RowRule("kategoria_ponad_ogolem", ERROR, "stwierdzone",
            lambda df, c: _over_total(df, [k for k in CRIME_GROUPS if k != "ogolem"] + list(SEVEN_CATEGORIES)),
            lambda r, c: f"więcej przestępstw w kategorii {r['kategoria']} niż ogółem w gminie "
                         f"{_gmina_label(r, c)}",
            "liczba w kategorii nie może przekraczać liczby ogółem", ("przestepstwa",)),
    RowRule("wykryte_ponad_stwierdzone", WARNING, "wykryte",
            lambda df, c: _count_pair(df, "wykryte", "stwierdzone"),
            lambda r, c: f"wykrytych ({r['wykryte']}) więcej niż stwierdzonych ({r['stwierdzone']})",
            "to możliwe, gdy wykryto sprawy z lat wcześniejszych; jeśli nie, popraw liczby",
            ("przestepstwa",)),
    RowRule("domowe_ponad_wszystkie", ERROR, "interwencje_domowe",
            lambda df, c: _count_pair(df, "interwencje_domowe", "interwencje"),
            lambda r, c: f"interwencji domowych ({r['interwencje_domowe']}) więcej niż wszystkich "
                         f"({r['interwencje']})",
            "interwencje domowe są częścią wszystkich interwencji", ("interwencje",)),
    RowRule("ofiary_bez_wypadkow", WARNING, "wypadki", _casualties_without_accidents,
            lambda r, c: "są zabici lub ranni, a liczba wypadków wynosi 0",
            "sprawdź liczbę wypadków", ("ruch_drogowy",)),
    RowRule("wypadki_bez_ofiar", ERROR, "wypadki", _accident_without_victims,
            lambda r, c: f"wypadków {r['wypadki']}, a zabitych i rannych razem {_victims(r)} w gminie "
                         f"{_gmina_label(r, c)}: wypadek drogowy ma co najmniej jedną ofiarę",
            "zdarzenie bez zabitych i rannych to kolizja: przenieś je do kolumny kolizje albo popraw liczbę ofiar",
            ("ruch_drogowy",)),
    RowRule("dluga_nazwa", WARNING, "nazwa", _long_name,
            lambda r, c: f"bardzo długa nazwa ({len(r['nazwa'])} znaków); w raporcie zostanie podana w całości",
            "sprawdź, czy do komórki nie wklejono przez pomyłkę innego tekstu", ("dzialania", "plan")),
    RowRule("cel_ponad_100_procent", ERROR, "wartosc_docelowa", _target_no_percentage,
            lambda r, c: f"miernik {r['miernik']} to odsetek, a wartość docelowa {r['wartosc_docelowa']:g} "
                         "przekracza 100",
            "wpisz odsetek od 0 do 100, np. 75 albo 75%", ("cele",)),
    RowRule("cel_jak_ulamek", WARNING, "wartosc_docelowa", _target_a_fraction,
            lambda r, c: f"wartość docelowa {r['wartosc_docelowa']:g} dla miernika {r['miernik']} (odsetek) wygląda "
                         "na ułamek z komórki procentowej Excela; raport przyjmie ją jako tyle procent",
            "jeśli chodziło o np. 75%, wpisz 75", ("cele",)),
    RowRule("nietypowy_koszt_godziny", WARNING, "kwota_zl", _hour_cost_odd,
            lambda r, c: f"koszt godziny służby ({r['kwota_zl'] / r['liczba_godzin']:.2f} zł) "
                         "wygląda nietypowo",
            "sprawdź kwotę i liczbę godzin (przecinek dziesiętny, separator tysięcy)",
            ("sluzby_ponadnormatywne",)),
)


