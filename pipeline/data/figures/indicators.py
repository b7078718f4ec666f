"""The figures the report prints, computed from a validated `Dataset`.

An *area* is either a gmina's TERYT code or `None` for the whole powiat. Powiat figures
are the sum of the gminas plus the rows about the whole powiat (code `<teryt>000`).
A value that cannot be computed is `pd.NA` ("brak danych"), never 0.

Formulas (the annex of the report prints the same):
- dynamika = value ÷ value last year × 100 (last year = 100%), with the absolute change;
- wykrywalność = wykryte ÷ stwierdzone × 100;
- wskaźnik na 10 tys. mieszkańców = value ÷ ludność × 10 000; flagged when the value < 10;
- KMZB: potwierdzone = every "Potwierdzone…" status; share confirmed = potwierdzone ÷ all
  reports × 100; share eliminated = "Potwierdzone (wyeliminowane)" ÷ potwierdzone × 100;
- koszt godziny służby ponadnormatywnej = kwota ÷ liczba godzin.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..dataset import Dataset
from ..schema import (
    CONTROL_KINDS,
    CRIME_CATEGORIES,
    CRIME_GROUPS,
    EVENT_KINDS,
    KMZB_CONFIRMED,
    KMZB_ELIMINATED,
    KMZB_STATUSES,
    SEVEN_CATEGORIES,
    TABLES,
    TARGET_GROUPS,
)
from . import privacy

__all__ = ["COMPARISONS", "FEW_CASES", "RESIDUAL", "SEVEN_RESIDUAL", "Comparison", "comparison_figures",
           "crime_table", "crime_trend", "dynamika", "events", "events_by", "events_total", "gmina_rates",
           "gminas_rate", "interventions_table", "kmzb_by_category", "kmzb_by_gmina", "kmzb_summary",
           "patrols_table", "plan_next", "plan_vs_done", "population", "rate_per_10k", "roads_table", "total",
           "wykrywalnosc"]

FEW_CASES = 10  # no percentage, rate per 100 or dynamika on a base under this
# The crimes outside the groups (ogółem − kryminalne − gospodarcze − drogowe), and the criminal
# offences outside the 7 categories: every table of crimes by kind sums to its total.
RESIDUAL, SEVEN_RESIDUAL = "pozostale", "pozostale_kryminalne"
RESIDUAL_LABELS = {RESIDUAL: "pozostałe", SEVEN_RESIDUAL: "pozostałe przestępstwa kryminalne"}
ROAD_COLUMNS = ("wypadki", "zabici", "ranni", "kolizje", "nietrzezwi_kierujacy")
PATROL_RESULTS = ("legitymowani", "pouczeni", "mandaty", "wnioski_o_ukaranie", "zatrzymani")
Area = str | None


# ------------------------------------------------------------------ formulas


def dynamika(current: object, previous: object) -> object:
    """value ÷ last year × 100; NA when either is missing or last year was 0."""
    if pd.isna(current) or pd.isna(previous) or previous == 0:
        return pd.NA
    return float(current) / float(previous) * 100


def change(current: object, previous: object) -> object:
    if pd.isna(current) or pd.isna(previous):
        return pd.NA
    return current - previous


def wykrywalnosc(detected: object, reported: object) -> object:
    if pd.isna(detected) or pd.isna(reported) or reported == 0:
        return pd.NA
    return float(detected) / float(reported) * 100


def rate_per_10k(value: object, people: object) -> object:
    if pd.isna(value) or pd.isna(people) or people == 0:
        return pd.NA
    return float(value) / float(people) * 10_000


def _ratio(part: object, whole: object) -> object:
    if pd.isna(part) or pd.isna(whole) or whole == 0:
        return pd.NA
    return float(part) / float(whole)


def _share(part: object, whole: object) -> object:
    ratio = _ratio(part, whole)
    return ratio if pd.isna(ratio) else ratio * 100


# ------------------------------------------------------------------ selection


def _rows(ds: Dataset, table: str, year: int | None, area: Area) -> pd.DataFrame:
    """Rows of one year for an area; no rows for a missing file or no year at all."""
    frame = ds.table(table, year) if year is not None else ds.table(table).iloc[0:0]
    return frame if area is None else frame[frame["teryt"] == area]


def _sum(frame: pd.DataFrame, column: str) -> object:
    """Sum that stays NA when every cell is empty (an empty cell is "no data", not 0)."""
    if column not in frame or frame[column].notna().sum() == 0:
        return pd.NA
    return frame[column].sum()


def _value(ds: Dataset, table: str, column: str, year: int | None, area: Area, **where: str) -> object:
    """The total of `column` for an area and year.

    No file: NA. No rows: for a table with a row per gmina (population, crimes, roads) the
    gmina's row is missing, so NA; for a list of events or reports (KMZB, patrols, events)
    nothing happened, so 0.
    """
    if not ds.has(table, year):
        return pd.NA
    frame = _rows(ds, table, year, area)
    for key, value in where.items():
        frame = frame[frame[key] == value]
    if frame.empty and not TABLES[table].one_row_per_gmina:
        return 0
    return _sum(frame, column)


def total(ds: Dataset, table: str, column: str, year: int | None, area: Area = None, **where: str) -> object:
    """The total of `column` in `table` for an area and year; NA when the file is missing."""
    return _value(ds, table, column, year, area, **where)


def population(ds: Dataset, year: int | None, area: Area = None) -> object:
    return _value(ds, "ludnosc", "ludnosc", year, area)


def _compare(label: str, current: object, previous: object) -> dict[str, object]:
    return {"wskaznik": label, "poprzedni": previous, "biezacy": current,
            "dynamika": dynamika(current, previous), "zmiana": change(current, previous)}


# ------------------------------------------------------------------ crime


def crime_table(ds: Dataset, area: Area = None) -> pd.DataFrame:
    """Crimes by category: last year, this year, dynamika, change, detected and wykrywalność;
    with the residuals RESIDUAL (outside the groups) and SEVEN_RESIDUAL (criminal offences
    outside the 7 categories). A residual that would be negative (kinds that overlap) is NA
    with `ujemne` set: the report says so instead of printing it."""
    rows = {}
    for code, label in CRIME_CATEGORIES.items():
        rows[code] = {"wskaznik": label, **{key: _value(ds, "przestepstwa", column, year, area, kategoria=code)
                                            for key, column, year in _crime_cells(ds)}}
    groups = [c for c in CRIME_GROUPS if c != "ogolem"]
    rows[RESIDUAL] = _residual(rows, "ogolem", groups, RESIDUAL)
    rows[SEVEN_RESIDUAL] = _residual(rows, "kryminalne", list(SEVEN_CATEGORIES), SEVEN_RESIDUAL)
    table = []
    for code, row in rows.items():
        table.append({"kategoria": code, **_compare(row["wskaznik"], row["now"], row["before"]),
                      "wykryte": row["found"], "wykryte_poprzednio": row["found_before"],
                      "wykrywalnosc": wykrywalnosc(row["found"], row["now"]),
                      "wykrywalnosc_poprzednia": wykrywalnosc(row["found_before"], row["before"]),
                      "siedem": code in SEVEN_CATEGORIES, "ujemne": row.get("ujemne", False)})
    return pd.DataFrame(table).set_index("kategoria")


def _crime_cells(ds: Dataset) -> tuple[tuple[str, str, int | None], ...]:
    return (("now", "stwierdzone", ds.year), ("before", "stwierdzone", ds.previous_year),
            ("found", "wykryte", ds.year), ("found_before", "wykryte", ds.previous_year))


def _residual(rows: dict[str, dict[str, object]], whole: str, parts: list[str], code: str) -> dict[str, object]:
    """whole − parts for each cell; NA where a part is missing, and where it would be negative."""
    residual: dict[str, object] = {"wskaznik": RESIDUAL_LABELS[code]}
    for key in ("now", "before", "found", "found_before"):
        values = [rows[whole][key], *(rows[p][key] for p in parts)]
        left = pd.NA if any(pd.isna(v) for v in values) else values[0] - sum(values[1:])
        if not pd.isna(left) and left < 0:
            residual["ujemne"] = residual.get("ujemne", False) or key in ("now", "before")
            left = pd.NA
        residual[key] = left
    return residual


def crime_trend(ds: Dataset, area: Area = None, category: str = "ogolem") -> pd.DataFrame:
    """Reported and detected crimes of one category in every loaded year."""
    rows = []
    for year in ds.years:
        reported = _value(ds, "przestepstwa", "stwierdzone", year, area, kategoria=category)
        detected = _value(ds, "przestepstwa", "wykryte", year, area, kategoria=category)
        rows.append({"rok": year, "stwierdzone": reported, "wykryte": detected,
                     "wykrywalnosc": wykrywalnosc(detected, reported)})
    return pd.DataFrame(rows).set_index("rok")


def gmina_rates(ds: Dataset, table: str = "przestepstwa", column: str = "stwierdzone", count_rows: bool = False,
                **where: str) -> pd.DataFrame:
    """Every gmina's value per 10,000 residents this year, highest first.

    `count_rows` counts rows (events) instead of summing `column`.
    """
    where = _default_category(table, where)
    rows = []
    for gmina in ds.powiat.gminy:
        value = _count(ds, table, ds.year, gmina.teryt) if count_rows else \
            _value(ds, table, column, ds.year, gmina.teryt, **where)
        people = population(ds, ds.year, gmina.teryt)
        rows.append({"teryt": gmina.teryt, "gmina": gmina.nazwa, "wartosc": value, "ludnosc": people,
                     "na_10_tys": rate_per_10k(value, people),
                     "malo_przypadkow": bool(not pd.isna(value) and value < FEW_CASES)})
    frame = pd.DataFrame(rows).set_index("teryt")
    frame["na_10_tys"] = frame["na_10_tys"].astype("Float64")
    return frame.sort_values("na_10_tys", ascending=False, na_position="last")


def gminas_rate(ds: Dataset, table: str = "przestepstwa", column: str = "stwierdzone", count_rows: bool = False,
                **where: str) -> object:
    """The average the gminas are compared with: all gminas' events per 10,000 of their residents.

    Rows about the whole powiat are left out: no gmina's own rate could contain them.
    Gminas without a value or a population are left out of both sums.
    """
    rates = gmina_rates(ds, table, column, count_rows, **where)
    known = rates[rates["wartosc"].notna() & rates["ludnosc"].notna()]
    if known.empty:
        return pd.NA
    return rate_per_10k(known["wartosc"].sum(), known["ludnosc"].sum())


@dataclass(frozen=True)
class Comparison:
    """A rate per 10,000 residents on which a gmina is set against the average of all gminas."""

    key: str
    label: str
    table: str
    column: str
    where: tuple[tuple[str, str], ...] = ()
    count_rows: bool = False  # count events instead of summing a column

    def rates(self, ds: Dataset) -> pd.DataFrame:
        return gmina_rates(ds, self.table, self.column, self.count_rows, **dict(self.where))

    def average(self, ds: Dataset) -> object:
        if self.key in ds.comparison:  # a one-gmina view carries the averages of the full data
            return ds.comparison[self.key]
        return gminas_rate(ds, self.table, self.column, self.count_rows, **dict(self.where))


COMPARISONS = (
    Comparison("przestepstwa", "przestępstwa stwierdzone", "przestepstwa", "stwierdzone", (("kategoria", "ogolem"),)),
    Comparison("kryminalne", "przestępstwa kryminalne", "przestepstwa", "stwierdzone", (("kategoria", "kryminalne"),)),
    Comparison("wypadki", "wypadki drogowe", "ruch_drogowy", "wypadki"),
    Comparison("kolizje", "kolizje drogowe", "ruch_drogowy", "kolizje"),
    Comparison("kmzb", "zgłoszenia na KMZB", "kmzb", "liczba"),
    Comparison("dzialania", "działania profilaktyczne", "dzialania", "uczestnicy", count_rows=True),
)


def comparison_figures(ds: Dataset) -> dict[str, object]:
    """The averages of all gminas that every gmina chapter compares with, and which small counts it hides."""
    return {**{c.key: c.average(ds) for c in COMPARISONS}, privacy.HIDDEN_KEY: privacy.complementary(ds)}


def _default_category(table: str, where: dict[str, str]) -> dict[str, str]:
    return {"kategoria": "ogolem"} if table == "przestepstwa" and not where else where


def _count(ds: Dataset, table: str, year: int | None, area: Area) -> object:
    if not ds.has(table, year):
        return pd.NA
    return len(events(ds, area, year)) if table == "dzialania" else len(_rows(ds, table, year, area))


# ------------------------------------------------------------------ roads, interventions


def roads_table(ds: Dataset, area: Area = None) -> pd.DataFrame:
    labels = {"wypadki": "wypadki drogowe", "zabici": "zabici", "ranni": "ranni",
              "kolizje": "kolizje", "nietrzezwi_kierujacy": "nietrzeźwi kierujący"}
    rows = [
        {"kod": column, **_compare(labels[column],
                                   _value(ds, "ruch_drogowy", column, ds.year, area),
                                   _value(ds, "ruch_drogowy", column, ds.previous_year, area))}
        for column in ROAD_COLUMNS
    ]
    return pd.DataFrame(rows).set_index("kod")


def road_severity(ds: Dataset, area: Area = None) -> dict[str, object]:
    """Killed and injured per 100 accidents."""
    accidents = _value(ds, "ruch_drogowy", "wypadki", ds.year, area)
    return {"zabici_na_100": _share(_value(ds, "ruch_drogowy", "zabici", ds.year, area), accidents),
            "ranni_na_100": _share(_value(ds, "ruch_drogowy", "ranni", ds.year, area), accidents)}


def interventions_table(ds: Dataset, area: Area = None) -> pd.DataFrame | None:
    """None when no year has the optional interventions file."""
    if not ds.has("interwencje", ds.year):
        return None
    labels = {"interwencje": "interwencje ogółem", "interwencje_domowe": "interwencje domowe",
              "niebieskie_karty": "procedury Niebieskiej Karty"}
    rows = [{"kod": c, **_compare(label, _value(ds, "interwencje", c, ds.year, area),
                                  _value(ds, "interwencje", c, ds.previous_year, area))}
            for c, label in labels.items()]
    return pd.DataFrame(rows).set_index("kod")


# ------------------------------------------------------------------ KMZB


def kmzb_summary(ds: Dataset, area: Area, year: int | None) -> dict[str, object]:
    """Reports, confirmed, eliminated and their shares in `year` (all NA for no year)."""
    if not ds.has("kmzb", year):
        return {"zgloszenia": pd.NA, "potwierdzone": pd.NA, "wyeliminowane": pd.NA,
                "udzial_potwierdzonych": pd.NA, "udzial_wyeliminowanych": pd.NA}
    rows = _rows(ds, "kmzb", year, area)
    total = _value(ds, "kmzb", "liczba", year, area)
    confirmed = rows.loc[rows["status"].isin(KMZB_CONFIRMED), "liczba"].sum()
    eliminated = rows.loc[rows["status"] == KMZB_ELIMINATED, "liczba"].sum()
    return {"zgloszenia": total, "potwierdzone": confirmed, "wyeliminowane": eliminated,
            "udzial_potwierdzonych": _share(confirmed, total),
            "udzial_wyeliminowanych": _share(eliminated, confirmed)}


def kmzb_by_category(ds: Dataset, area: Area = None) -> pd.DataFrame:
    """Reports per category and status this year, most reported first, with last year's total."""
    rows = _rows(ds, "kmzb", ds.year, area)
    previous = _rows(ds, "kmzb", ds.previous_year, area)
    table = rows.pivot_table(index="kategoria", columns="status", values="liczba", aggfunc="sum",
                             fill_value=0)
    # Categories reported only last year stay in, so both years' columns add up to their totals.
    categories = sorted({*rows["kategoria"], *previous["kategoria"]})
    table = table.reindex(index=categories, columns=list(KMZB_STATUSES), fill_value=0)
    table["razem"] = table.sum(axis=1)
    table["potwierdzone"] = table[list(KMZB_CONFIRMED)].sum(axis=1)
    table["poprzedni"] = previous.groupby("kategoria")["liczba"].sum().reindex(table.index)
    if ds.has("kmzb", ds.previous_year):  # a category nobody reported last year: 0, not "no data"
        table["poprzedni"] = table["poprzedni"].fillna(0)
    return table.sort_values(["razem", "potwierdzone"], ascending=False)


def kmzb_by_gmina(ds: Dataset) -> pd.DataFrame:
    rows = []
    for gmina in ds.powiat.gminy:
        summary = kmzb_summary(ds, gmina.teryt, ds.year)
        people = population(ds, ds.year, gmina.teryt)
        rows.append({"teryt": gmina.teryt, "gmina": gmina.nazwa, **summary,
                     "na_10_tys": rate_per_10k(summary["zgloszenia"], people)})
    return pd.DataFrame(rows).set_index("teryt")


# ------------------------------------------------------------------ extra patrols


def patrols_table(ds: Dataset, area: Area, year: int | None) -> pd.DataFrame:
    """Who paid for extra patrols in `year`, what an hour cost and what the patrols did."""
    rows = _rows(ds, "sluzby_ponadnormatywne", year, area)
    columns = ["kwota_zl", "liczba_sluzb", "liczba_godzin", *PATROL_RESULTS]
    table = rows.groupby("teryt")[columns].sum(min_count=1) if not rows.empty else \
        pd.DataFrame(columns=columns)
    table.insert(0, "platnik", [ds.powiat.label_of(code) for code in table.index])
    table["koszt_godziny"] = [_ratio(k, h) for k, h in zip(table["kwota_zl"], table["liczba_godzin"], strict=True)]
    return table


# ------------------------------------------------------------------ prevention


def events(ds: Dataset, area: Area, year: int | None, controls: bool = False) -> pd.DataFrame:
    """The prevention events of `year` (of an area), in date order; with `controls`, the checks
    of drivers instead (CONTROL_KINDS), which are no prevention: the drivers they stop are
    counted apart, never as participants."""
    rows = _rows(ds, "dzialania", year, area)
    return rows[rows["rodzaj"].isin(CONTROL_KINDS) == controls].sort_values(["data", "nazwa"])


def events_by(ds: Dataset, by: str, area: Area = None) -> pd.DataFrame:
    """Prevention events and participants by `rodzaj` or `grupa_docelowa`, this year and last."""
    labels = {k: v for k, v in EVENT_KINDS.items() if k not in CONTROL_KINDS} if by == "rodzaj" else TARGET_GROUPS
    now = events(ds, area, ds.year).groupby(by)["uczestnicy"].agg(["size", "sum"])
    before = events(ds, area, ds.previous_year).groupby(by)["uczestnicy"].agg(["size", "sum"])
    table = pd.DataFrame(index=list(labels))
    table["etykieta"] = list(labels.values())
    table["wydarzenia"] = now["size"].reindex(table.index).fillna(0).astype(int)
    table["uczestnicy"] = now["sum"].reindex(table.index).astype("Int64").fillna(0)
    table["wydarzenia_poprzednio"] = before["size"].reindex(table.index).astype("Int64")
    if ds.has("dzialania", ds.previous_year):
        table["wydarzenia_poprzednio"] = table["wydarzenia_poprzednio"].fillna(0)
    return table


def events_total(ds: Dataset, year: int | None, area: Area = None, controls: bool = False) -> tuple[object, object]:
    """How many prevention events (or, with `controls`, checks of drivers) and their participants
    (the drivers checked); NA without the file."""
    if not ds.has("dzialania", year):
        return pd.NA, pd.NA
    rows = events(ds, area, year, controls)
    return len(rows), 0 if rows.empty else _sum(rows, "uczestnicy")


def plan_vs_done(ds: Dataset, area: Area = None) -> pd.DataFrame | None:
    """Last year's plan for this year against what was done, by gmina and kind of action.

    None when last year's plan is missing. `realizacja` = done ÷ planned × 100, capped at
    100 for a single line (doing more of one kind does not make up for another).
    """
    if not ds.has("plan", ds.previous_year):
        return None
    planned = _rows(ds, "plan", ds.previous_year, area).groupby(["teryt", "rodzaj"]).size()
    done = _rows(ds, "dzialania", ds.year, area).groupby(["teryt", "rodzaj"]).size()
    table = pd.DataFrame({"zaplanowane": planned}).join(pd.DataFrame({"zrealizowane": done}), how="left")
    table["zrealizowane"] = table["zrealizowane"].fillna(0).astype(int)
    table["realizacja"] = (table["zrealizowane"].clip(upper=table["zaplanowane"])
                           / table["zaplanowane"] * 100)
    table = table.reset_index()
    table.insert(1, "obszar", [ds.powiat.name_of(code) for code in table["teryt"]])
    table.insert(3, "rodzaj_etykieta", [EVENT_KINDS[k] for k in table["rodzaj"]])
    return table


def plan_next(ds: Dataset, area: Area = None) -> pd.DataFrame | None:
    """This year's plan for the next year, in order of its term."""
    if not ds.has("plan", ds.year):
        return None
    plan = _rows(ds, "plan", ds.year, area).copy()
    plan["obszar"] = [ds.powiat.name_of(code) for code in plan["teryt"]]
    return plan.sort_values(["termin", "obszar", "nazwa"], key=_term_sort_key)


def _term_sort_key(column: pd.Series) -> pd.Series:
    """Whole-year actions first, then by the month they start in, a month before its quarter."""
    if column.name == "termin":
        return column.map(lambda t: (t.last_month - t.first_month < 11, t.first_month, t.last_month))
    return column
