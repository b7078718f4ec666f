"""Checking the analyst's tables and saying, in Polish, everything that is wrong at once.

Three passes over each table, each collecting every problem before the next:

1. columns: required ones present, unknown ones ignored with a warning;
2. cells (pandera, element-wise on the raw cells): numbers, dates, codes, names, choices;
3. rows (pandera, on the typed frame): duplicated keys, sums, years, cross-field rules.

The messages come from the parsers in `cells` (what is wrong with a cell) and from
`rules.ROW_RULES` (what is wrong with a row). Every problem names the file, the Excel row,
the column and the value.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import pandera.pandas as pa

from ..errors import Problem, Severity
from . import cells
from .formatting import fmt_list
from .load import RawTable
from .plausibility import event_problems
from .registry import Powiat
from .rules import ROW_RULES, Context, RowRule
from .schema import GMINA_NAME_COLUMN, YEAR_COLUMN, Field, Kind, Table
from .section_rules import SECTION_RULES
from .textnorm import closest

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


def _read_code(value: Any, ctx: Context) -> str:
    """A TERYT code of a gmina of this powiat (or of the powiat, where the table allows it)."""
    try:
        code = cells.parse_code(value)
    except cells.CellError as error:  # the example: this powiat's gmina closest to what was typed
        gminas = {**{g.teryt: g for g in ctx.powiat.gminy}, **{g.nazwa: g for g in ctx.powiat.gminy}}
        example = gminas[closest(str(value), list(gminas))]
        hint = (f"wpisz kod gminy, np. {example.teryt} ({example.nazwa}), albo powiatu: {ctx.powiat.code}; "
                "możesz też zamiast kolumny teryt użyć kolumny gmina z nazwą")
        raise cells.CellError(error.message, hint) from None
    current, _ = ctx.powiat.current_code(code)
    listing = ", ".join(f"{g.teryt} {g.nazwa}" for g in ctx.powiat.gminy)
    if current is None:
        raise cells.CellError("nieznany kod TERYT", f"kody gmin: {listing}; cały powiat: {ctx.powiat.code}")
    if current == ctx.powiat.code and not ctx.table.powiat_rows:
        raise cells.CellError("w tej tabeli potrzebne są dane gmin, nie całego powiatu",
                              "wpisz wiersz dla każdej gminy; powiat to ich suma")
    return current


def _read_name(value: Any, ctx: Context) -> str:
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


def _reader(field: Field, ctx: Context) -> Callable[[Any], Any]:
    match field.kind:
        case Kind.TERYT:
            return partial(_read_code, ctx=ctx)
        case Kind.COUNT:
            return cells.parse_count
        case Kind.AMOUNT:
            return cells.parse_amount
        case Kind.TARGET:
            return cells.parse_target
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


def _readers(table: Table, ctx: Context, present: list[str]) -> dict[str, Callable[[Any], Any]]:
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


def _typed(frame: pd.DataFrame, readers: dict[str, Callable[[Any], Any]], ctx: Context) -> pd.DataFrame:
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
    if ctx.table.empty_teryt_is_powiat:  # no gmina given: the row is about the whole powiat
        typed["teryt"] = typed["teryt"].where(~typed["_pusty"], ctx.powiat.code)
        typed["_pusty"] = False
    for f in ctx.table.fields:
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
        case Kind.AMOUNT | Kind.TARGET:
            return series.astype("Float64")
        case Kind.DATE:
            return pd.to_datetime(series)
        case Kind.TERM:
            return series.astype(object)
        case _:
            return series.astype(object).where(series.notna(), None)


# ---------------------------------------------------------------- pass 3: rows


def _row_schema(rules: list[RowRule], ctx: Context) -> pa.DataFrameSchema:
    checks = [pa.Check(lambda df, rule=rule: ~rule.broken(df, ctx), name=rule.name) for rule in rules]
    return pa.DataFrameSchema(checks=checks)


def _row_problems(raw: RawTable, typed: pd.DataFrame, ctx: Context) -> list[Problem]:
    rules = [r for r in (*ROW_RULES, *SECTION_RULES) if not r.tables or raw.table.name in r.tables]
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


def _duplicate_problems(raw: RawTable, typed: pd.DataFrame, ctx: Context, key_columns: tuple[str, ...],
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


def _describe(value: Any, column: str, ctx: Context) -> str:
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
    ctx = Context(powiat, year, raw.table)
    known = {*raw.table.columns, GMINA_NAME_COLUMN, YEAR_COLUMN}
    frame = raw.cells[[c for c in raw.cells.columns if c in known]]
    readers = _readers(raw.table, ctx, list(frame.columns))
    problems += _cell_problems(raw, frame, readers, _cell_schema(readers, raw.table))
    typed = _typed(frame, readers, ctx)
    problems += _row_problems(raw, typed, ctx)
    if "partnerzy" in raw.table.columns:  # the events and the plan: checks that know the domain
        problems += event_problems(raw.table.name, raw.source, typed, raw.headers, powiat)
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
