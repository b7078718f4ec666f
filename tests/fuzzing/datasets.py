"""Valid input sets generated from the contract itself: the registry's rules for
`powiat.toml`, the schema's tables, columns, kinds and choices (`pipeline.data.schema`), and
the validator as the judge of what else a row must satisfy.

A set has 1 to 30 gminas (a new one among them, former TERYT codes too), one to three years,
any table missing (all optional ones at once), a gmina without rows in a year, counts of
zero everywhere or in the billions, and names with quotes, "<", emoji, Cyrillic and 200
characters. Rows follow the schema's kinds; the few sums the rules are known to check
(the categories of crime within the total, domestic interventions within all) are drawn
within their totals so most rows survive. Whatever else `validate` refuses, today's rules
or tomorrow's, `valid` removes: the rows an error names, until none is left. So a new rule
never breaks the generator; it only thins the rows out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from hypothesis import strategies as st

from pipeline.data.dataset import Dataset, load_dataset
from pipeline.data.registry import GMINA_KINDS
from pipeline.data.schema import CRIME_GROUPS, MEASURES, SEVEN_CATEGORIES, TABLES, Field, Kind, Table
from pipeline.errors import DataError

from .checks import bad_tokens

__all__ = ["InputSet", "input_sets", "repaired", "valid", "write"]

YEAR = 2025
POWIAT = "1099"
KIND_DIGIT = {"miejska": "1", "wiejska": "2", "miejsko-wiejska": "3"}
TERMS = ("styczeń", "03", "II kwartał", "Q4", "cały rok", "grudzień")


@dataclass(frozen=True)
class Gmina:
    teryt: str
    nazwa: str
    rodzaj: str
    area: float
    former: str | None = None  # a code used until 2023 (the gmina changed its kind)
    new: bool = False  # no rows before the report year


@dataclass
class InputSet:
    """An inputs folder in memory: the registry and, per year, each table's rows as cells."""

    gminy: tuple[Gmina, ...]
    years: tuple[int, ...]
    tables: dict[tuple[int, str], list[dict[str, str]]] = field(default_factory=dict)
    removed: int = 0  # rows `valid` emptied


# ---------------------------------------------------------------- text

WILD = ('„Bezpieczny Senior”', '"cudzysłów" i \'apostrof\'', "<b>nie</b> znacznik", "a < b & c > d", "🎉 Piknik 🚓",
        "Фонд „Олександр”", "Ελλάδα", "中文", "=SUMA(A1:A9)", "+48 123", "-", "@policja", "; ; ;", "x" * 200,
        "Zażółć gęślą jaźń " * 11, "NULL", "b.d.", "0", "–")
LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"


def _names(max_size: int = 200) -> st.SearchStrategy[str]:
    words = st.text(LETTERS, min_size=1, max_size=12)
    plain = st.lists(words, min_size=1, max_size=6).map(lambda w: " ".join(w).capitalize())
    return st.one_of(plain, plain, st.sampled_from(WILD), st.tuples(plain, st.sampled_from(WILD)).map(" ".join)) \
        .map(lambda s: s[:max_size]).filter(lambda s: not bad_tokens(s))  # "None" typed is the analyst's word


def _gmina_names(count: int) -> st.SearchStrategy[list[str]]:
    """Names the registry takes: Polish letters, spaces, hyphens, quotes, "<"; unique as typed
    or folded, and not a word the tables use for the whole powiat."""
    from pipeline.data.textnorm import fold

    name = st.one_of(st.text(LETTERS + "- ", min_size=2, max_size=24).map(lambda s: s.strip(" -").title()),
                     st.sampled_from(['Nowe „Miasto”', "Wola <Dolna>", 'Stara "Wieś"', "Ząbki-Ostrów", "A" * 200]))
    usable = name.filter(lambda n: len(fold(n)) > 1 and not bad_tokens(n) and not bad_tokens(fold(n))  # "Nan"
                         and not fold(n).startswith(("powiat", "gmina", "miasto", "starostwo", "gm_", "mig_")))
    return st.lists(usable, min_size=count, max_size=count, unique_by=fold)


# ---------------------------------------------------------------- registry

@st.composite
def _gminy(draw: st.DrawFn) -> tuple[Gmina, ...]:
    count = draw(st.one_of(st.integers(1, 8), st.integers(1, 8), st.integers(9, 30)))
    names = draw(_gmina_names(count))
    gminy = []
    for number, name in enumerate(names, start=1):
        kind = draw(st.sampled_from(GMINA_KINDS))
        changed = draw(st.integers(0, 7)) == 0
        former = f"{POWIAT}{number + 50:02d}{KIND_DIGIT[kind]}" if changed else None
        gminy.append(Gmina(f"{POWIAT}{number:02d}{KIND_DIGIT[kind]}", name, kind,
                           draw(st.floats(0.5, 2000, allow_nan=False).map(lambda a: round(a, 1))), former))
    if len(gminy) > 1 and draw(st.booleans()):
        gminy[-1] = replace(gminy[-1], new=True)
    return tuple(gminy)


def _toml(gminy: tuple[Gmina, ...], years: tuple[int, ...]) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["[raport]", "dane_przykladowe = true", "", "[raport.data_opracowania]",
             *(f"{y} = {y + 1}-03-16" for y in years), "", "[powiat]", f'teryt = "{POWIAT}"',
             'nazwa = "powiat przykładowy"', 'nazwa_dopelniacz = "powiatu przykładowego"',
             'nazwa_miejscownik = "powiecie przykładowym"', 'policja = "Komenda Powiatowa Policji w Przykładowie"',
             'policja_skrot = "KPP w Przykładowie"', 'rada = "Rada Powiatu Przykładowego"',
             'rada_celownik = "Radzie Powiatu Przykładowego"']
    for g in gminy:
        lines += ["", "[[gmina]]", f'teryt = "{g.teryt}"', f"nazwa = {quoted(g.nazwa)}", f'rodzaj = "{g.rodzaj}"',
                  f"miejscownik = {quoted(g.nazwa)}", f"powierzchnia_km2 = {g.area}"]
        if g.former:
            lines.append(f'teryt_wczesniej = [{{ teryt = "{g.former}", do_roku = 2023 }}]')
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- rows, from the schema

def _count(scale: str) -> st.SearchStrategy[int]:
    return {"zero": st.just(0), "small": st.integers(0, 30), "large": st.integers(10**6, 10**9),
            "mixed": st.one_of(st.just(0), st.integers(1, 12), st.integers(0, 5000), st.integers(10**5, 10**9))}[scale]


def _cell(draw: st.DrawFn, item: Field, year: int, scale: str) -> str:
    """A value of `item`'s kind as the analyst types it (an empty cell where one is allowed)."""
    if not item.not_empty and item.kind is not Kind.TERYT and draw(st.integers(0, 9)) == 0:
        return ""
    match item.kind:
        case Kind.COUNT:
            return str(draw(_count(scale)))
        case Kind.AMOUNT:
            return f"{draw(_count(scale)) / 100:.2f}".replace(".", ",")
        case Kind.TARGET:
            return draw(st.one_of(st.integers(0, 100).map(str), st.integers(0, 100).map(lambda n: f"{n}%"),
                                  _count(scale).map(str)))
        case Kind.TEXT:
            return draw(_names())
        case Kind.DATE:
            day = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
            return draw(st.sampled_from([day.isoformat(), day.strftime("%d.%m.%Y")]))
        case Kind.CHOICE:
            return draw(st.sampled_from(item.choices))
        case Kind.TERM:
            return draw(st.sampled_from(TERMS))
        case _:
            return ""


def _codes(gminy: tuple[Gmina, ...], year: int, table: Table) -> list[str]:
    """The codes a file of `year` uses: each gmina's (its former code before the change), and
    the powiat's where the table takes rows about the whole powiat."""
    codes = [g.former if g.former and year <= 2023 else g.teryt for g in gminy if not (g.new and year < YEAR)]
    return codes + ([f"{POWIAT}000"] if table.powiat_rows else [])


@st.composite
def _rows(draw: st.DrawFn, table: Table, gminy: tuple[Gmina, ...], year: int, scale: str) -> list[dict[str, str]]:
    codes = _codes(gminy, year, table)
    present = [c for c in codes if draw(st.integers(0, 9)) > 0]  # a gmina without rows this year
    rows = []
    if "kategoria" in table.key or "odpowiedz" in table.key:  # a row per code and choice
        choice = table.field("kategoria" if "kategoria" in table.key else "odpowiedz")
        for code in present:
            for value in draw(st.lists(st.sampled_from(choice.choices), min_size=1, unique=True)):
                rows.append({**_row(draw, table, year, scale), "teryt": code, choice.name: value})
    elif table.key == ("teryt",):
        rows = [{**_row(draw, table, year, scale), "teryt": code} for code in present]
    else:  # events, plans, goals: any number of rows
        for _ in range(draw(st.integers(0, 12))):
            code = draw(st.sampled_from(codes + ([""] if table.empty_teryt_is_powiat else [])))
            rows.append({**_row(draw, table, year, scale), "teryt": code})
    return _shaped(table.name, rows, draw)


def _row(draw: st.DrawFn, table: Table, year: int, scale: str) -> dict[str, str]:
    return {f.name: _cell(draw, f, year, scale) for f in table.fields if f.name != "teryt"}


def _shaped(name: str, rows: list[dict[str, str]], draw: st.DrawFn) -> list[dict[str, str]]:
    """The sums the rules check, drawn within their totals (`valid` removes what still breaks one)."""
    if name == "przestepstwa":
        totals = {r["teryt"]: r for r in rows if r["kategoria"] == "ogolem" and r["stwierdzone"]}
        parts = [r for r in rows if r["kategoria"] in (*SEVEN_CATEGORIES, *CRIME_GROUPS) and r["kategoria"] != "ogolem"]
        for row in parts:
            total = totals.get(row["teryt"])
            if total is not None and row["stwierdzone"]:
                share = draw(st.integers(0, 8))
                row["stwierdzone"] = str(int(total["stwierdzone"]) * share // 100)
    if name == "interwencje":
        for row in rows:
            if row["interwencje"] and row["interwencje_domowe"]:
                row["interwencje_domowe"] = str(min(int(row["interwencje_domowe"]), int(row["interwencje"])))
    if name == "cele":
        for row in rows:
            if MEASURES[row["miernik"]].percent and row["wartosc_docelowa"].rstrip("%").isdigit():
                row["wartosc_docelowa"] = str(min(int(row["wartosc_docelowa"].rstrip("%")), 100))
    return rows


@st.composite
def input_sets(draw: st.DrawFn) -> InputSet:
    gminy = draw(_gminy())
    years = tuple(sorted({YEAR, *draw(st.lists(st.integers(YEAR - 4, YEAR - 1), max_size=2))}))
    scale = draw(st.sampled_from(["zero", "small", "large", "mixed", "mixed"]))
    skipped = draw(st.sampled_from(["none", "optional", "some"]))
    tables = {}
    for year in years:
        for name, table in TABLES.items():
            if (skipped == "optional" and table.optional) or (skipped == "some" and draw(st.integers(0, 5)) == 0):
                continue  # a missing file: "brak danych" in the report (no word at all for an optional one)
            tables[(year, name)] = draw(_rows(table, gminy, year, scale))
    return InputSet(gminy, years, tables)


# ---------------------------------------------------------------- the folder, and what validate takes

def write(inputs: InputSet, folder: Path) -> None:
    """The set as an inputs folder: powiat.toml and a CSV per table and year (UTF-8)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "powiat.toml").write_text(_toml(inputs.gminy, inputs.years), encoding="utf-8")
    for year in inputs.years:
        (folder / str(year)).mkdir()
    for (year, name), rows in inputs.tables.items():
        columns = TABLES[name].columns
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:  # a row `valid` took out stays as an empty line: the others keep their numbers
            writer.writerow([row.get(c, "") for c in columns]) if row else buffer.write("\n")
        (folder / str(year) / TABLES[name].filename).write_text(buffer.getvalue(), encoding="utf-8")


def valid(inputs: InputSet, folder: Path) -> Dataset:
    """The set written to `folder` and loaded, without the rows `validate` refuses."""
    write(inputs, folder)
    ds, inputs.removed = repaired(folder)
    return ds


def repaired(folder: Path, rounds: int = 6) -> tuple[Dataset, int]:
    """The inputs in `folder` loaded, the rows validate refuses emptied in place (their lines
    stay, so the other rows keep their numbers) until it accepts them; how many were emptied.
    A saved fixture goes through it too, so a rule added later does not break it either."""
    removed = 0
    for _ in range(rounds):
        try:
            return load_dataset(folder, YEAR), removed
        except DataError as error:
            unplaced = [str(p) for p in error.problems if p.is_error and p.row is None]
            assert not unplaced, unplaced  # a whole file refused: the generator is wrong
            for label, row in {(p.file, p.row) for p in error.problems if p.is_error}:
                path = folder / label
                lines = path.read_text(encoding="utf-8").split("\n")
                lines[row - 1] = ""  # Excel's numbers: the header is row 1
                path.write_text("\n".join(lines), encoding="utf-8")
                removed += 1
    raise AssertionError("validate still refuses rows after emptying the ones it named")
