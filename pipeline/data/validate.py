"""Checking the analyst's tables and saying, in Polish, everything that is wrong at once.

Three passes over each table, each collecting every problem before the next:

1. columns: required ones present, unknown ones ignored with a warning;
2. cells (pandera, element-wise on the raw cells): numbers, dates, codes, names, choices;
3. rows (pandera, on the typed frame): duplicated keys, sums, years, cross-field rules.

The messages come from the parsers in `cells` (what is wrong with a cell) and from
`ROW_RULES` (what is wrong with a row). Every problem names the file, the Excel row,
the column and the value.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd
import pandera.pandas as pa

from ..errors import Problem, Severity
from . import cells
from .formatting import fmt_list
from .load import RawTable
from .registry import Powiat
from .schema import CRIME_GROUPS, GMINA_NAME_COLUMN, SEVEN_CATEGORIES, YEAR_COLUMN, Field, Kind, Table

__all__ = ["validate_table", "coverage_problems"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING


# ---------------------------------------------------------------- pass 1: columns


def _column_problems(raw: RawTable) -> list[Problem]:
    table, present = raw.table, list(raw.cells.columns)
    problems = []

    def add(severity: Severity, message: str, hint: str, column: str | None = None) -> None:
        problems.append(Problem(severity, raw.source, message, hint, column=column))

    for name in sorted({c for c in present if present.count(c) > 1}):
        add(ERROR, "kolumna występuje w nagłówku więcej niż raz", "zostaw jedną z nich", raw.headers[name])
    for name in table.required_columns:
        if name in present or (name == "teryt" and GMINA_NAME_COLUMN in present):
            continue
        hint = f"dodaj kolumnę „{name}” ({table.field(name).help})"
        if name == "teryt":
            hint += " albo kolumnę „gmina” z nazwą gminy"
        add(ERROR, f"brak kolumny „{name}”", hint)
    known = {*table.columns, GMINA_NAME_COLUMN, YEAR_COLUMN}
    for name in present:
        if name not in known:
            add(WARNING, "nieznana kolumna, pominięta",
                f"kolumny tej tabeli: {', '.join(table.columns)}", raw.headers[name])
    return problems


# ---------------------------------------------------------------- pass 2: cells


@dataclass(frozen=True)
class _Context:
    """What reading a cell may depend on: the registry, the year and the table."""

    powiat: Powiat
    year: int
    table: Table


def _read_code(value: Any, ctx: _Context) -> str:
    """A TERYT code of a gmina of this powiat (or of the powiat, where the table allows it)."""
    code = cells.parse_code(value)
    current, _ = ctx.powiat.current_code(code)
    listing = ", ".join(f"{g.teryt} {g.nazwa}" for g in ctx.powiat.gminy)
    if current is None:
        raise cells.CellError("nieznany kod TERYT", f"kody gmin: {listing}; cały powiat: {ctx.powiat.code}")
    if current == ctx.powiat.code and not ctx.table.powiat_rows:
        raise cells.CellError("w tej tabeli potrzebne są dane gmin, nie całego powiatu",
                              "wpisz wiersz dla każdej gminy; powiat to ich suma")
    return current


def _read_name(value: Any, ctx: _Context) -> str:
    code = ctx.powiat.code_for_name(str(value))
    if code is None:
        guess = ctx.powiat.suggest_name(str(value))
        hint = f"czy chodziło o „{guess}”? " if guess else ""
        names = ", ".join(g.nazwa for g in ctx.powiat.gminy)
        raise cells.CellError("nieznana gmina", f"{hint}gminy powiatu: {names}; cały powiat: „powiat”")
    if code == ctx.powiat.code and not ctx.table.powiat_rows:
        raise cells.CellError("w tej tabeli potrzebne są dane gmin, nie całego powiatu",
                              "wpisz wiersz dla każdej gminy; powiat to ich suma")
    return code


def _reader(field: Field, ctx: _Context) -> Callable[[Any], Any]:
    match field.kind:
        case Kind.TERYT:
            return partial(_read_code, ctx=ctx)
        case Kind.COUNT:
            return cells.parse_count
        case Kind.AMOUNT:
            return cells.parse_amount
        case Kind.DATE:
            return cells.parse_date
        case Kind.TERM:
            return cells.parse_term
        case Kind.CHOICE:
            return partial(cells.parse_choice, choices=field.choices)
        case Kind.YEAR:
            return cells.parse_year
        case Kind.TEXT:
            return cells.parse_text


def _readers(table: Table, ctx: _Context, present: list[str]) -> dict[str, Callable[[Any], Any]]:
    readers = {f.name: _reader(f, ctx) for f in table.fields if f.name in present}
    if GMINA_NAME_COLUMN in present:
        readers[GMINA_NAME_COLUMN] = partial(_read_name, ctx=ctx)
    if YEAR_COLUMN in present:
        readers[YEAR_COLUMN] = cells.parse_year
    return readers


def _reads(reader: Callable[[Any], Any], value: Any) -> bool:
    try:
        reader(value)
    except cells.CellError:
        return False
    return True


def _cell_schema(readers: dict[str, Callable[[Any], Any]], table: Table) -> pa.DataFrameSchema:
    columns = {}
    for name, reader in readers.items():
        not_empty = name in table.columns and table.field(name).not_empty and name != "teryt"
        columns[name] = pa.Column(
            object,
            pa.Check(partial(_reads, reader), element_wise=True, name=name),
            nullable=not not_empty,
        )
    return pa.DataFrameSchema(columns)


def _cell_problems(raw: RawTable, frame: pd.DataFrame, readers: dict[str, Callable[[Any], Any]],
                   schema: pa.DataFrameSchema) -> list[Problem]:
    problems = []
    for check, column, row in _failures(schema, frame):
        value = frame.at[row, column] if row is not None else None
        header = raw.headers.get(column, column)
        if check == "not_nullable":
            problems.append(Problem(ERROR, raw.source, "pusta komórka",
                                    f"wpisz {raw.table.field(column).help}", row, header))
            continue
        try:
            readers[column](value)
        except cells.CellError as err:
            problems.append(Problem(ERROR, raw.source, err.message, err.hint, row, header,
                                    _show(value)))
    return problems


def _show(value: Any) -> str:
    return "" if value is None else str(value)


def _failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> list[tuple[str, str, Any]]:
    """(check name, column, Excel row) of every failure, once each."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna()]
        seen = {}
        for case in cases.itertuples(index=False):
            key = (case.check, case.index)
            seen.setdefault(key, (str(case.check), str(case.column), case.index))
        return list(seen.values())
    return []


# ---------------------------------------------------------------- typed frame


def _typed(frame: pd.DataFrame, readers: dict[str, Callable[[Any], Any]], table: Table) -> pd.DataFrame:
    """The values as Python reads them; a cell that failed pass 2 becomes missing.

    The gmina of a row comes from `teryt` or, failing that, from the `gmina` name. Three
    helper columns keep what pass 3 needs to judge that: `_kod` (from the code), `_nazwa`
    (from the name) and `_wpisany` (the code as typed, to spot a former code).
    """
    typed = pd.DataFrame(index=frame.index)
    for name, reader in readers.items():
        typed[name] = frame[name].map(partial(_read_or_none, reader))
    empty = pd.Series(None, index=frame.index, dtype=object)
    typed["_kod"] = typed.get("teryt", empty)
    typed["_nazwa"] = typed.get(GMINA_NAME_COLUMN, empty)
    typed["_wpisany"] = frame.get("teryt", empty).map(partial(_read_or_none, cells.parse_code))
    typed["_pusty"] = frame.get("teryt", empty).isna() & frame.get(GMINA_NAME_COLUMN, empty).isna()
    typed["teryt"] = typed["_kod"].where(typed["_kod"].notna(), typed["_nazwa"])
    for f in table.fields:
        if f.name not in typed:
            typed[f.name] = None
        typed[f.name] = _as_dtype(typed[f.name], f.kind)
    return typed


def _read_or_none(reader: Callable[[Any], Any], value: Any) -> Any:
    if value is None:
        return None
    try:
        return reader(value)
    except cells.CellError:
        return None


def _as_dtype(series: pd.Series, kind: Kind) -> pd.Series:
    match kind:
        case Kind.COUNT:
            return series.astype("Int64")
        case Kind.AMOUNT:
            return series.astype("Float64")
        case Kind.DATE:
            return pd.to_datetime(series)
        case Kind.TERM:
            return series.astype(object)
        case _:
            return series.astype(object).where(series.notna(), None)


# ---------------------------------------------------------------- pass 3: rows


@dataclass(frozen=True)
class RowRule:
    """A rule about whole rows: which rows break it, and what to tell the analyst."""

    name: str
    severity: Severity
    column: str  # the column the message points at
    broken: Callable[[pd.DataFrame, _Context], pd.Series]  # True where the row breaks the rule
    message: Callable[[pd.Series, _Context], str]
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


def _seven_over_total(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    sums = df["teryt"].map(_crimes_seven_sum(df)).astype("Float64")
    return ((df["kategoria"] == "ogolem") & (sums > df["stwierdzone"])).fillna(False)


def _groups_over_total(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    groups = df[df["kategoria"].isin([c for c in CRIME_GROUPS if c != "ogolem"])]
    sums = df["teryt"].map(groups.groupby("teryt")["stwierdzone"].sum(min_count=1)).astype("Float64")
    return ((df["kategoria"] == "ogolem") & (sums > df["stwierdzone"])).fillna(False)


def _seven_message(row: pd.Series, ctx: _Context) -> str:
    return (f"suma 7 wybranych kategorii większa niż przestępstwa ogółem ({row['stwierdzone']}) "
            f"w gminie {ctx.powiat.name_of(row['teryt'])}")


def _year_mismatch(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    if YEAR_COLUMN not in df:
        return pd.Series(False, index=df.index)
    return (df[YEAR_COLUMN].notna() & (df[YEAR_COLUMN] != ctx.year)).astype(bool)


def _no_gmina(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    return df["_pusty"].astype(bool)


def _name_and_code_differ(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    both = df["_kod"].notna() & df["_nazwa"].notna()
    return (both & (df["_kod"] != df["_nazwa"])).astype(bool)


def _former_code(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    """Codes that had ended before this year: still mapped, but worth a word."""
    def ended(code: Any) -> bool:
        former = ctx.powiat.current_code(code)[1] if isinstance(code, str) else None
        return former is not None and ctx.year > former.until_year
    return df["_wpisany"].map(ended).astype(bool)


def _former_code_message(row: pd.Series, ctx: _Context) -> str:
    former = ctx.powiat.current_code(row["_wpisany"])[1]
    until = former.until_year if former else "?"
    return f"kod używany do {until} r.; wiersz przypisano gminie {ctx.powiat.name_of(row['teryt'])}"


def _outside_year(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    return (df["data"].notna() & (df["data"].dt.year != ctx.year)).astype(bool)


def _count_pair(df: pd.DataFrame, part: str, whole: str) -> pd.Series:
    return (df[part] > df[whole]).fillna(False).astype(bool)


def _hour_cost_odd(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    cost = df["kwota_zl"] / df["liczba_godzin"].where(df["liczba_godzin"] > 0)
    return ((cost < 20) | (cost > 300)).fillna(False).astype(bool)


def _casualties_without_accidents(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    hurt = df["zabici"].fillna(0) + df["ranni"].fillna(0)
    return ((df["wypadki"] == 0) & (hurt > 0)).fillna(False).astype(bool)


LONG_TEXT = 300  # characters; longer names are usually something pasted by mistake


def _long_name(df: pd.DataFrame, ctx: _Context) -> pd.Series:
    return df["nazwa"].map(lambda text: isinstance(text, str) and len(text) > LONG_TEXT).astype(bool)


def _gmina_label(row: pd.Series, ctx: _Context) -> str:
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
    RowRule("dluga_nazwa", WARNING, "nazwa", _long_name,
            lambda r, c: f"bardzo długa nazwa ({len(r['nazwa'])} znaków); w raporcie zostanie podana w całości",
            "sprawdź, czy do komórki nie wklejono przez pomyłkę innego tekstu", ("dzialania", "plan")),
    RowRule("nietypowy_koszt_godziny", WARNING, "kwota_zl", _hour_cost_odd,
            lambda r, c: f"koszt godziny służby ({r['kwota_zl'] / r['liczba_godzin']:.2f} zł) "
                         "wygląda nietypowo",
            "sprawdź kwotę i liczbę godzin (przecinek dziesiętny, separator tysięcy)",
            ("sluzby_ponadnormatywne",)),
)


def _row_schema(rules: list[RowRule], ctx: _Context) -> pa.DataFrameSchema:
    checks = [pa.Check(lambda df, rule=rule: ~rule.broken(df, ctx), name=rule.name) for rule in rules]
    return pa.DataFrameSchema(checks=checks)


def _row_problems(raw: RawTable, typed: pd.DataFrame, ctx: _Context) -> list[Problem]:
    rules = [r for r in ROW_RULES if not r.tables or raw.table.name in r.tables]
    problems = []
    by_name = {r.name: r for r in rules}
    for check, _, row in _failures(_row_schema(rules, ctx), typed):
        rule = by_name[check]
        record = typed.loc[row]
        problems.append(Problem(rule.severity, raw.source, rule.message(record, ctx), rule.hint, row,
                                raw.headers.get(rule.column, rule.column),
                                _show(raw.cells.at[row, rule.column]) if rule.column in raw.cells else None))
    problems += _duplicate_problems(raw, typed, ctx, raw.table.key, ERROR,
                                    "zostaw jeden wiersz albo zsumuj liczby w jednym")
    problems += _duplicate_problems(raw, typed, ctx, raw.table.repeat_key, WARNING,
                                    "usuń powtórzony wiersz, jeśli wpisano go przez pomyłkę")
    return problems


def _duplicate_problems(raw: RawTable, typed: pd.DataFrame, ctx: _Context, key_columns: tuple[str, ...],
                        severity: Severity, hint: str) -> list[Problem]:
    """Rows that share a key, named together in one message."""
    key = list(key_columns)
    if not key:
        return []
    keyed = typed[typed[key].notna().all(axis=1)]
    schema = pa.DataFrameSchema(unique=key, report_duplicates="all")
    rows = sorted({row for _, _, row in _failures(schema, keyed[key].astype(str))})
    problems = []
    for _, group in keyed.loc[rows].groupby(key, sort=False):
        numbers = list(group.index)
        described = ", ".join(f"{k}={_describe(group.iloc[0][k], k, ctx)}" for k in key)
        problems.append(Problem(severity, raw.source,
                                f"powtórzony wiersz ({described}) w wierszach {fmt_list([str(n) for n in numbers])}",
                                hint, numbers[-1], raw.headers.get(key[0], key[0])))
    return problems


def _describe(value: Any, column: str, ctx: _Context) -> str:
    if column == "teryt":
        return f"{value} ({ctx.powiat.name_of(value)})"
    if isinstance(value, pd.Timestamp):
        return f"{value:%d.%m.%Y}"
    return str(value)


# ---------------------------------------------------------------- one table


def validate_table(raw: RawTable, year: int, powiat: Powiat) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Every problem of one table, and its typed rows (None when its columns are unusable)."""
    problems = _column_problems(raw)
    if any(p.is_error for p in problems):
        return None, problems
    ctx = _Context(powiat, year, raw.table)
    known = {*raw.table.columns, GMINA_NAME_COLUMN, YEAR_COLUMN}
    frame = raw.cells[[c for c in raw.cells.columns if c in known]]
    readers = _readers(raw.table, ctx, list(frame.columns))
    problems += _cell_problems(raw, frame, readers, _cell_schema(readers, raw.table))
    typed = _typed(frame, readers, raw.table)
    problems += _row_problems(raw, typed, ctx)
    return typed[["teryt", *[c for c in raw.table.columns if c != "teryt"]]], problems


def coverage_problems(table: Table, typed: pd.DataFrame, source: str, powiat: Powiat) -> list[Problem]:
    """A table with a row per gmina that leaves a gmina out: the report will say "brak danych"."""
    if not table.one_row_per_gmina:
        return []
    missing = [g.nazwa for g in powiat.gminy if g.teryt not in set(typed["teryt"].dropna())]
    if not missing:
        return []
    return [Problem(WARNING, source, f"brak danych dla gmin: {', '.join(missing)}",
                    "dopisz wiersze tych gmin; bez nich raport pokaże „brak danych”")]
