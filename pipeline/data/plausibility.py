"""Checks that know the domain: what a police analyst would notice reading the tables.

The row rules (`rules`) judge one row at a time; these judge rows together (one event
entered twice on consecutive days), the words in a row (a sobriety check filed as a
prevention event, the police's own unit named as its partner) or two years of one figure
(a gmina's count that trebled). All of them are warnings: the analyst reads them, the
report's annex lists them, and `validate` prints them with the rows they concern.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from ..errors import Problem, Severity
from .formatting import fmt_int
from .registry import Powiat
from .schema import CONTROL_KINDS, CONTROLLED, EVENT_KINDS, TABLES
from .textnorm import fold

__all__ = ["JUMP", "JUMP_BASE", "SAME_PEOPLE", "entered_twice", "event_problems", "year_on_year_problems"]

WARNING = Severity.WARNING
JUMP = 3  # a gmina's figure that moved by more than this factor against last year...
JUMP_BASE = 10  # ...when both years have at least this many
SAME_PEOPLE = 0.1  # two days' participants this close (share of the larger) look like one event

# Words of an event's name that say it is a check of drivers, not a prevention event.
_CONTROL_WORDS = ("trzezw", "drogow", "predkos", "ruchu", "kierujac")
# Words that name a unit of the police itself (a partner is someone else).
_POLICE_WORDS = ("policj", "komisariat", "posterun", "dzielnicow")
_POLICE_ABBREVIATIONS = ("kpp", "kmp", "kwp", "kgp")


def event_problems(table: str, source: str, typed: pd.DataFrame, headers: Mapping[str, str],
                   powiat: Powiat) -> list[Problem]:
    """The domain's warnings about the events (`dzialania`) or the plan (`plan`)."""
    problems = _police_partners(source, typed, headers)
    if table == "dzialania":
        problems += _consecutive_days(source, typed, headers, powiat) + _controls(source, typed, headers)
    return problems


def entered_twice(day: pd.Timestamp, people: object, next_day: pd.Timestamp, next_people: object) -> bool:
    """Two events of one name and place that look like one event entered twice: on consecutive
    days, with participants that differ by at most SAME_PEOPLE of the larger (or unknown)."""
    if (next_day - day).days != 1:
        return False
    if pd.isna(people) or pd.isna(next_people):
        return True
    return abs(float(people) - float(next_people)) <= SAME_PEOPLE * max(float(people), float(next_people))


def _consecutive_days(source: str, typed: pd.DataFrame, headers: Mapping[str, str],
                      powiat: Powiat) -> list[Problem]:
    """Two events with the same name in the same place on consecutive days with about as many
    participants (356 and 352): usually one event entered twice."""
    known = typed[typed["data"].notna() & typed["nazwa"].notna() & typed["teryt"].notna()]
    problems = []
    for (teryt, name), group in known.groupby(["teryt", "nazwa"], sort=False):
        group = group.sort_values("data")
        for first, second in zip(group.index[:-1], group.index[1:], strict=True):
            day, people = group.at[first, "data"], group.at[first, "uczestnicy"]
            next_day, next_people = group.at[second, "data"], group.at[second, "uczestnicy"]
            if entered_twice(day, people, next_day, next_people):
                problems.append(Problem(
                    WARNING, source,
                    f"„{name}” ({powiat.label_of(teryt)}) w dwóch kolejnych dniach: {day:%d.%m.%Y} (wiersz {first}, "
                    f"{_people(people)}) i {next_day:%d.%m.%Y} (wiersz {second}, {_people(next_people)}); "
                    "możliwe, że to jedno wydarzenie wpisane dwa razy",
                    "jeśli to jedno wydarzenie, usuń jeden z wierszy; jeśli dwa, zostaw oba",
                    second, headers.get("nazwa", "nazwa")))
    return problems


def _people(count: object) -> str:
    return "uczestnicy: b.d." if pd.isna(count) else f"uczestnicy: {fmt_int(count)}"


def _controls(source: str, typed: pd.DataFrame, headers: Mapping[str, str]) -> list[Problem]:
    """A sobriety check or a traffic control filed as a prevention event: the drivers stopped
    would be counted as participants of prevention."""
    control = CONTROL_KINDS[0]
    problems = []
    for row, record in typed.iterrows():
        name = fold(str(record["nazwa"] or ""))
        if record["rodzaj"] in CONTROL_KINDS or "kontrol" not in name:
            continue
        if any(word in name for word in _CONTROL_WORDS):
            problems.append(Problem(
                WARNING, source,
                f"„{record['nazwa']}” to kontrola kierujących, a wpisano ją jako działanie profilaktyczne "
                f"({EVENT_KINDS.get(record['rodzaj'], record['rodzaj'])}): zatrzymani do kontroli kierowcy "
                "liczyliby się jako uczestnicy profilaktyki",
                f"wpisz rodzaj {control}: raport policzy ich osobno jako „{CONTROLLED}”",
                row, headers.get("rodzaj", "rodzaj"), str(record["rodzaj"])))
    return problems


def _is_police(partner: str) -> bool:
    words = fold(partner).split("_")
    return any(w.startswith(_POLICE_WORDS) for w in words) or any(w in _POLICE_ABBREVIATIONS for w in words)


def _police_partners(source: str, typed: pd.DataFrame, headers: Mapping[str, str]) -> list[Problem]:
    """The police's own units named as partners: they are not partners of the police."""
    problems = []
    for row, text in typed["partnerzy"].items():
        if not isinstance(text, str):
            continue
        own = [p.strip() for p in text.split(";") if p.strip() and _is_police(p)]
        if own:
            problems.append(Problem(
                WARNING, source, f"partnerem jest jednostka Policji ({'; '.join(own)}); policja nie jest swoim "
                "partnerem, a raport liczy ją wśród partnerów",
                "usuń ją z kolumny partnerzy (działania policji są w raporcie tak czy inaczej)",
                row, headers.get("partnerzy", "partnerzy"), text))
    return problems


# ------------------------------------------------------------------ two years


def _figures(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """One row per gmina (and category) and figure: the value and its Excel row."""
    keys = [k for k in TABLES[table].key if k != "teryt"]
    columns = [f.name for f in TABLES[table].fields if f.kind.value == "count" and f.name in frame]
    long = frame.melt(id_vars=["teryt", "rok", "wiersz", *keys], value_vars=columns, var_name="kolumna",
                      value_name="wartosc")
    return long.dropna(subset=["wartosc"])


def year_on_year_problems(tables: Mapping[str, pd.DataFrame], year: int, files: Collection[str],
                          powiat: Powiat) -> list[Problem]:
    """A gmina's figure in `year` that is more than JUMP times last year's, or less than a
    JUMP-th of it, when both are at least JUMP_BASE: often a typo or a wrong row."""
    problems = []
    gminas = {g.teryt for g in powiat.gminy}
    for name, table in TABLES.items():
        frame = tables.get(name)
        if not table.one_row_per_gmina or frame is None or frame.empty:
            continue
        long = _figures(frame[frame["teryt"].isin(gminas)], name)
        keys = ["teryt", "kolumna", *[k for k in table.key if k != "teryt"]]
        now = long[long["rok"] == year].set_index(keys)
        before = long[long["rok"] == year - 1].set_index(keys)["wartosc"]
        both = now.join(before.rename("poprzednio"), how="inner")
        for key, row in both.iterrows():
            current, previous = float(row["wartosc"]), float(row["poprzednio"])
            if min(current, previous) < JUMP_BASE or max(current, previous) <= JUMP * min(current, previous):
                continue
            teryt, column, *rest = key
            what = f"{column}{f' ({rest[0]})' if rest else ''}"
            problems.append(Problem(
                WARNING, _source(name, year, files),
                f"{powiat.label_of(teryt)}: {what} {fmt_int(current)} wobec {fmt_int(previous)} w {year - 1} r. – "
                f"zmiana ponad {JUMP}-krotna",
                "sprawdź, czy liczba jest wpisana we właściwym wierszu i kolumnie (i bez literówki)",
                int(row["wiersz"]), column))
    return problems


def _source(table: str, year: int, files: Collection[str]) -> str:
    """How the analyst knows the file: "2025/przestepstwa.csv" or the workbook's sheet."""
    csv = f"{year}/{TABLES[table].filename}"
    return csv if csv in files else f"{year}/dane_{year}.xlsx, arkusz {table}"
