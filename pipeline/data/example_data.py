"""Deterministic example data: plausible figures for every gmina of a registry, 2021-2025.

    python -m pipeline.data.example_data --out inputs            # the bundled example
    python -m pipeline.data.example_data --out /tmp/big --gminas 30 --events 5000

Same seed, same bytes. Figures scale with population and change from year to year by
realistic amounts; prevention events are named after the actions in the source article.
Older years are written the way older files really arrive (Windows-1250, semicolons,
decimal commas, the gminas' former TERYT codes); newer ones as UTF-8 CSV.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .commentary.example import GMINAS, write_example_commentary
from .example_sections import (
    SECTIONS_FROM,
    benchmarks,
    institutions,
    public_order,
    records,
    resources,
    roads_with_victims,
)
from .plausibility import entered_twice
from .registry import Gmina, Powiat, read_powiat
from .schema import CRIME_CATEGORIES, SEVEN_CATEGORIES, SURVEY_ANSWERS, TABLES

__all__ = ["generate", "write_synthetic_powiat"]

SEED = 20251231
YEARS = (2021, 2022, 2023, 2024, 2025)
FIRST_UTF8_YEAR = 2024  # older years come as Excel's Windows-1250 CSV with semicolons

# Residents around 2021 (GUS, rounded); other registries fall back to 45 per km².
BASE_POPULATION = {
    "1007013": 5600, "1007023": 9900, "1007032": 4800, "1007043": 32200,
    "1007052": 4400, "1007062": 3000, "1007072": 7600, "1007083": 5900,
}
FUNDING_GMINAS = ("1007043", "1007023", "1007062", "1007032", "1007072")

# Reported per 10,000 residents a year, with the share of each group that is detected.
CRIME_RATES = {
    "ogolem": (185.0, 0.74), "kryminalne": (112.0, 0.62), "gospodarcze": (24.0, 0.88),
    "drogowe": (23.0, 0.97), "kradziez_cudzej_rzeczy": (24.0, 0.41),
    "kradziez_z_wlamaniem": (10.5, 0.38), "rozboj": (1.1, 0.82),
    "uszczerbek_na_zdrowiu": (2.2, 0.9), "bojka_pobicie": (1.0, 0.86),
    "uszkodzenie_rzeczy": (9.5, 0.45), "kradziez_samochodu": (1.0, 0.35),
}

KMZB_WEIGHTS = {
    "Nieprawidłowe parkowanie": 14, "Przekraczanie dozwolonej prędkości": 16,
    "Spożywanie alkoholu w miejscach niedozwolonych": 12, "Niewłaściwa infrastruktura drogowa": 9,
    "Dzikie wysypiska śmieci": 7, "Akty wandalizmu": 6, "Zła organizacja ruchu drogowego": 6,
    "Grupowanie się małoletnich zagrożonych demoralizacją": 5, "Nielegalne rajdy samochodowe": 4,
    "Wałęsające się bezpańskie psy": 4, "Używanie środków odurzających": 3,
    "Znęcanie się nad zwierzętami": 2, "Wypalanie traw": 2, "Nielegalna wycinka drzew": 1,
    "Poruszanie się po terenach leśnych quadami": 2, "Niszczenie zieleni": 1,
    "Osoba bezdomna wymagająca pomocy": 1, "Kłusownictwo": 1, "Żebractwo": 1,
    "Miejsca niebezpieczne na wodach": 1, "Zdarzenia drogowe z udziałem zwierząt leśnych": 2,
}
KMZB_STATUS_SHARES = {
    "Potwierdzone (wyeliminowane)": 0.42, "Niepotwierdzone": 0.33, "Potwierdzone": 0.09,
    "Potwierdzone (przekazane poza Policję)": 0.12, "Weryfikacja": 0.03, "Nowe": 0.01,
}


ALL_YEAR = tuple(range(1, 13))
SCHOOL_YEAR = (1, 2, 3, 4, 5, 6, 9, 10, 11, 12)  # no lessons in July and August


@dataclass(frozen=True)
class EventName:
    """One action as people name it, who it is for and the months it fits (no ferie in September)."""

    text: str
    groups: tuple[str, ...]
    months: tuple[int, ...] = ALL_YEAR
    kind: str = ""  # when not its type's kind: a sobriety check goes with road safety, but is no prevention


@dataclass(frozen=True)
class EventType:
    """A kind of prevention event held in a gmina: the actions of that kind and their partners."""

    kind: str
    names: tuple[EventName, ...]
    participants: tuple[int, int]
    programme: str = ""
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnnualEvent:
    """An event of the whole powiat, held once a year (the source article names each of them)."""

    kind: str
    name: EventName
    participants: tuple[int, int]
    programme: str = ""
    partners: tuple[str, ...] = ()


SCHOOL = "{szkola}"  # partners name themselves: see example_sections.institutions
EVENT_TYPES = (
    EventType("debata_spoleczna",
              (EventName("Debata społeczna o bezpieczeństwie w gminie {gmina}", ("mieszkancy",), SCHOOL_YEAR),
               EventName("Debata społeczna „Bezpieczny Senior” w gminie {gmina}", ("seniorzy",), SCHOOL_YEAR)),
              (25, 90), "Razem Bezpieczniej", ("{urzad}", "{kultura}")),
    EventType("akcja_edukacyjna",
              (EventName("Odpowiedzialność prawna nieletnich – spotkanie w szkole",
                         ("szkola_podstawowa", "szkola_ponadpodstawowa"), SCHOOL_YEAR),
               EventName("Bezpieczne Ferie – spotkanie z uczniami", ("szkola_podstawowa",), (1, 2)),
               EventName("Bezpieczne Wakacje – spotkanie z uczniami", ("szkola_podstawowa",), (6,)),
               EventName("Cyberprzemoc i bezpieczeństwo w sieci",
                         ("szkola_podstawowa", "szkola_ponadpodstawowa", "rodzice"), SCHOOL_YEAR),
               EventName("„Bezpieczny Senior” – jak nie dać się oszukać", ("seniorzy",))),
              (20, 160), "Razem Bezpieczniej", (SCHOOL, "{pomoc}")),
    EventType("akcja_brd",
              (EventName("Bezpieczna Droga do Szkoły", ("przedszkole", "szkola_podstawowa"), (9,)),
               EventName("Kręci mnie bezpieczeństwo – lekcja BRD", ("przedszkole", "szkola_podstawowa"), SCHOOL_YEAR),
               EventName("Akcja „Świeć przykładem” – odblaski dla pieszych", ("seniorzy", "mieszkancy"),
                         (1, 2, 10, 11, 12)),
               EventName("Bezpieczny przejazd – kontrola stanu trzeźwości kierujących", ("kierowcy",),
                         kind="kontrola_drogowa")),
              (15, 180), "Kręci mnie bezpieczeństwo",
              ("Zarząd Dróg Powiatowych w Opocznie", "{przedszkole}")),
    EventType("pierwsza_pomoc", (EventName("Akcja „Na ratunek” – nauka pierwszej pomocy",
                                           ("szkola_podstawowa", "szkola_ponadpodstawowa"), SCHOOL_YEAR),),
              (30, 140), "", ("Falck Opoczno", SCHOOL)),
    EventType("spotkanie_z_gosciem", (EventName("Spotkanie z ratownikiem medycznym", ("szkola_ponadpodstawowa",),
                                                SCHOOL_YEAR),),
              (40, 160), "", ("Liceum Ogólnokształcące w Opocznie",)),
    EventType("piknik", (EventName("Piknik rodzinny „Bezpieczne Wakacje”", ("mieszkancy", "rodzice"), (6, 7, 8)),),
              (100, 400), "Bezpieczne Wakacje", ("{urzad}", "{osp}", "Falck Opoczno")),
    EventType("rajd_rowerowy", (EventName("Rajd rowerowy dla uczniów klas VI szkół podstawowych",
                                          ("szkola_podstawowa",), (5, 6, 9)),),
              (40, 120), "Kręci mnie bezpieczeństwo", (SCHOOL,)),
    EventType("turniej_sportowy", (EventName("Gminny turniej piłki nożnej „Sport zamiast używek”",
                                             ("szkola_podstawowa", "szkola_ponadpodstawowa"), (4, 5, 6, 9, 10)),),
              (40, 160), "", (SCHOOL, "{urzad}")),
)
KIND_WEIGHTS = {"akcja_edukacyjna": 0.38, "akcja_brd": 0.32, "debata_spoleczna": 0.07,
                "pierwsza_pomoc": 0.08, "spotkanie_z_gosciem": 0.04, "piknik": 0.05,
                "rajd_rowerowy": 0.03, "turniej_sportowy": 0.03}
# The powiat's own events, once a year each, for young people and residents of every gmina.
ANNUAL_EVENTS = (
    AnnualEvent("turniej_sportowy", EventName("Halowy Turniej Piłki Nożnej o Puchar Komendanta Powiatowego Policji "
                                              "„Alkohol?, Narkotyki? Nie!, Dziękuję!”",
                                              ("szkola_podstawowa",), (2,)),
                (420, 560), "", ("Starostwo Powiatowe w Opocznie", "Ośrodek Sportu i Rekreacji w Opocznie")),
    AnnualEvent("spotkanie_z_gosciem", EventName("Spotkanie z Piotrem Stępniakiem ps. Gepard – kampania "
                                                 "profilaktyczna dla uczniów liceów", ("szkola_ponadpodstawowa",),
                                                 (3, 10)),
                (360, 400), "", ("Liceum Ogólnokształcące w Opocznie",)),
    AnnualEvent("pierwsza_pomoc", EventName("Akcja „Na ratunek” – pierwsza pomoc dla młodzieży szkół powiatu",
                                            ("szkola_ponadpodstawowa",), (4, 5)),
                (200, 320), "", ("Falck Opoczno", "Starostwo Powiatowe w Opocznie")),
    AnnualEvent("rajd_rowerowy", EventName("Powiatowy rajd rowerowy dla uczniów klas VI szkół podstawowych",
                                           ("szkola_podstawowa",), (6,)),
                (120, 220), "Kręci mnie bezpieczeństwo", ("Starostwo Powiatowe w Opocznie",)),
    AnnualEvent("piknik", EventName("Piknik Profilaktyczny z okazji Święta Policji", ("mieszkancy",), (7,)),
                (400, 900), "",
                ("Starostwo Powiatowe w Opocznie", "Falck Opoczno",
                 "Komenda Powiatowa Państwowej Straży Pożarnej w Opocznie")),
    AnnualEvent("debata_spoleczna", EventName("Powiatowa debata społeczna o bezpieczeństwie", ("mieszkancy",), (11,)),
                (60, 120), "Razem Bezpieczniej", ("Starostwo Powiatowe w Opocznie",)),
)


class _Writer:
    """Writes one year's CSV files the way that year's files arrive."""

    def __init__(self, folder: Path, year: int) -> None:
        self.folder = folder
        self.windows = year < FIRST_UTF8_YEAR
        folder.mkdir(parents=True, exist_ok=True)

    def number(self, value: float) -> str:
        text = f"{value:.2f}"
        return text.replace(".", ",") if self.windows else text

    def date(self, day: dt.date) -> str:
        return day.strftime("%d.%m.%Y") if self.windows else day.isoformat()

    def write(self, table: str, rows: Sequence[Sequence[object]]) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";" if self.windows else ",",
                            lineterminator="\r\n" if self.windows else "\n")
        writer.writerow(TABLES[table].columns)
        writer.writerows(rows)
        encoding = "cp1250" if self.windows else "utf-8"
        (self.folder / TABLES[table].filename).write_bytes(buffer.getvalue().encode(encoding))


def _code(gmina: Gmina, year: int) -> str:
    """The code a file of that year would carry."""
    for former in gmina.former_codes:
        if year <= former.until_year:
            return former.teryt
    return gmina.teryt


def _population(gmina: Gmina) -> int:
    return BASE_POPULATION.get(gmina.teryt, int(gmina.powierzchnia_km2 * 45))


class _Generator:
    def __init__(self, powiat: Powiat, seed: int, events_per_year: tuple[int, int]) -> None:
        self.powiat = powiat
        self.rng = np.random.default_rng(seed)
        self.events_per_year = events_per_year
        self._events: float | None = None
        # A persistent level per gmina and indicator, drifting year to year.
        self.level = {(g.teryt, k): self.rng.lognormal(0, 0.18) for g in powiat.gminy for k in CRIME_RATES}
        self.urban = {g.teryt: 1.35 if g.rodzaj != "wiejska" and _population(g) > 15000 else 1.0
                      for g in powiat.gminy}
        self.names = {g.teryt: institutions(g, _population(g)) for g in powiat.gminy}

    def drift(self) -> None:
        for key in self.level:
            self.level[key] *= self.rng.lognormal(-0.01, 0.09)

    def population(self, gmina: Gmina, year: int) -> int:
        return int(_population(gmina) * (0.994 ** (year - YEARS[0])) + self.rng.integers(-40, 40))

    def crimes(self, gmina: Gmina, year: int, people: int) -> Iterator[list[object]]:
        counts = {}
        for category, (rate, _) in CRIME_RATES.items():
            mean = rate * people / 10_000 * self.level[(gmina.teryt, category)] * self.urban[gmina.teryt]
            counts[category] = int(self.rng.poisson(mean))
        # Keep the parts inside the whole, as real statistics are: the 7 categories are
        # criminal offences, and the three groups are parts of the total.
        seven = sum(counts[c] for c in SEVEN_CATEGORIES)
        counts["kryminalne"] = max(counts["kryminalne"], seven)
        groups = counts["kryminalne"] + counts["gospodarcze"] + counts["drogowe"]
        counts["ogolem"] = max(counts["ogolem"], groups + int(self.rng.poisson(0.04 * groups)))
        for category in CRIME_CATEGORIES:
            found = int(self.rng.binomial(counts[category], CRIME_RATES[category][1]))
            yield [_code(gmina, year), category, counts[category], found]

    def roads(self, gmina: Gmina, year: int, people: int) -> list[object]:
        accidents = int(self.rng.poisson(2.6 * people / 10_000 * self.urban[gmina.teryt]))
        killed = int(self.rng.binomial(accidents, 0.11))
        # A wypadek has at least one victim (without one it is a kolizja).
        injured = max(int(self.rng.poisson(1.25 * accidents)), accidents - killed)
        collisions = int(self.rng.poisson(24 * people / 10_000))
        drunk = int(self.rng.poisson(9 * people / 10_000))
        return [_code(gmina, year), accidents, killed, injured, collisions, drunk]

    def kmzb(self, gmina: Gmina, year: int, people: int) -> Iterator[list[object]]:
        categories = list(KMZB_WEIGHTS)
        weights = np.array(list(KMZB_WEIGHTS.values()), dtype=float)
        total = int(self.rng.poisson(2.2 * people / 1000 * (1 + 0.08 * (year - YEARS[0]))))
        per_category = self.rng.multinomial(total, weights / weights.sum())
        statuses = list(KMZB_STATUS_SHARES)
        shares = np.array(list(KMZB_STATUS_SHARES.values()))
        for category, count in zip(categories, per_category, strict=True):
            for status, n in zip(statuses, self.rng.multinomial(count, shares / shares.sum()), strict=True):
                if n:
                    yield [_code(gmina, year), category, status, int(n)]

    def patrols(self, payer: str, year: int, writer: _Writer) -> list[object]:
        services = int(self.rng.integers(8, 32))
        hours = services * 8
        amount = hours * float(self.rng.choice([46.0, 48.5, 50.0, 52.5]))
        results = [int(self.rng.poisson(services * k)) for k in (6.0, 2.5, 1.2, 0.3, 0.15)]
        return [payer, writer.number(amount), services, writer.number(hours), *results]

    def interventions(self, gmina: Gmina, year: int, people: int) -> list[object]:
        total = int(self.rng.poisson(420 * people / 10_000))
        domestic = int(self.rng.binomial(total, 0.16))
        cards = int(self.rng.binomial(domestic, 0.22))
        return [_code(gmina, year), total, domestic, cards]

    def events(self, year: int, writer: _Writer) -> list[list[object]]:
        rows = [self._reception_point(g, year, month, writer) for g in self.powiat.gminy for month in (3, 6, 9, 12)]
        rows += [self._annual(event, year) for event in ANNUAL_EVENTS]
        target = self.events_target(year)
        types = {t.kind: t for t in EVENT_TYPES}
        kinds = list(KIND_WEIGHTS)
        probabilities = np.array(list(KIND_WEIGHTS.values()))
        people = np.array([_population(g) ** 0.6 for g in self.powiat.gminy])
        seen = set()
        while len(rows) < target:
            kind = types[str(self.rng.choice(kinds, p=probabilities / probabilities.sum()))]
            gmina = self.powiat.gminy[int(self.rng.choice(len(people), p=people / people.sum()))]
            event = self._event(kind, gmina, year)
            if (key := (event[0], event[1], event[3])) not in seen:  # one event a day per place and name
                seen.add(key)
                rows.append(event)
        rows.sort(key=lambda r: (r[0], str(r[1]), str(r[3])))
        return [[writer.date(r[0]), *r[1:]] for r in _once(rows)]

    def events_target(self, year: int) -> int:
        """How many events this year: a level drawn once, changing by about 10% a year."""
        low, high = self.events_per_year
        if self._events is None:
            self._events = float(self.rng.integers(low + (high - low) // 4, high - (high - low) // 4 + 1))
        self._events = min(max(self._events * self.rng.lognormal(0.02, 0.1), low), high)
        return int(self._events)

    def _reception_point(self, gmina: Gmina, year: int, month: int, writer: _Writer) -> list[object]:
        day = dt.date(year, month, int(self.rng.integers(3, 26)))
        name = f"Punkt przyjęć interesantów – dzielnicowy w gminie {gmina.nazwa}"
        return [day, _code(gmina, year), "punkt_przyjec", name, "Dzielnicowy bliżej nas", "mieszkancy",
                int(self.rng.integers(3, 18)), self.names[gmina.teryt]["urzad"]]

    def _annual(self, event: AnnualEvent, year: int) -> list[object]:
        day = dt.date(year, int(self.rng.choice(event.name.months)), int(self.rng.integers(1, 29)))
        low, high = event.participants
        return [day, self.powiat.code, event.kind, event.name.text, event.programme, event.name.groups[0],
                int(self.rng.integers(low, high + 1)), "; ".join(event.partners)]

    def _event(self, kind: EventType, gmina: Gmina, year: int) -> list[object]:
        name = kind.names[int(self.rng.integers(len(kind.names)))]
        day = dt.date(year, int(self.rng.choice(name.months)), int(self.rng.integers(1, 29)))
        group = str(self.rng.choice(name.groups))
        low, high = kind.participants
        partners = "; ".join(p.format(**self.names[gmina.teryt]) for p in kind.partners
                             if self.rng.random() < 0.7)
        return [day, _code(gmina, year), name.kind or kind.kind, name.text.format(gmina=gmina.nazwa), kind.programme,
                group,
                int(self.rng.integers(low, high + 1)), partners]

    def plan(self, year: int) -> list[list[object]]:
        types = {t.kind: t for t in EVENT_TYPES}
        rows = []
        for gmina in self.powiat.gminy:
            rows.append([_code(gmina, year), "punkt_przyjec", f"Punkt przyjęć interesantów w gminie {gmina.nazwa}",
                         "cały rok", "mieszkancy", self.names[gmina.teryt]["urzad"]])
            for kind in self.rng.choice(list(KIND_WEIGHTS), size=int(self.rng.integers(3, 7)), replace=False):
                event = types[str(kind)]
                name = event.names[int(self.rng.integers(len(event.names)))]
                rows.append([_code(gmina, year), name.kind or event.kind, name.text.format(gmina=gmina.nazwa),
                             self._term(name),
                             str(self.rng.choice(name.groups)),
                             "; ".join(p.format(**self.names[gmina.teryt]) for p in event.partners[:1])])
        for annual in ANNUAL_EVENTS:
            rows.append([self.powiat.code, annual.kind, annual.name.text, self._term(annual.name),
                         annual.name.groups[0], annual.partners[0]])
        return rows

    def _term(self, name: EventName) -> str:
        """When the plan puts an action: the whole year, a quarter or a month it fits."""
        if name.months == ALL_YEAR:
            return "cały rok"
        month = int(self.rng.choice(name.months))
        quarter = (month - 1) // 3
        if set(range(3 * quarter + 1, 3 * quarter + 4)) <= set(name.months) and self.rng.random() < 0.5:
            return f"{('I', 'II', 'III', 'IV')[quarter]} kwartał"
        return MONTHS[month - 1]


def _once(rows: list[list[object]]) -> list[list[object]]:
    """The events without those that repeat the day before's event of the same name and place
    with about as many people: drawn at random, they would read as one event entered twice."""
    kept: list[list[object]] = []
    last: dict[tuple[object, object], list[object]] = {}
    for row in rows:  # in date order
        day, code, name, people = row[0], row[1], row[3], row[6]
        before = last.get((code, name))
        if before is not None and entered_twice(pd.Timestamp(before[0]), before[6], pd.Timestamp(day), people):
            continue
        last[(code, name)] = row
        kept.append(row)
    return kept


MONTHS = ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień",
          "październik", "listopad", "grudzień")


def generate(inputs: Path, years: Sequence[int] = YEARS, seed: int = SEED,
             events_per_year: tuple[int, int] = (150, 300)) -> None:
    """Write every table of `years` into `inputs/<rok>/`, for the gminas of `inputs/powiat.toml`."""
    powiat = read_powiat(inputs)
    gen = _Generator(powiat, seed, events_per_year)
    for year in years:
        writer = _Writer(inputs / str(year), year)
        gen.drift()
        people = {g.teryt: gen.population(g, year) for g in powiat.gminy}
        writer.write("ludnosc", [[_code(g, year), people[g.teryt]] for g in powiat.gminy])
        writer.write("przestepstwa", [r for g in powiat.gminy for r in gen.crimes(g, year, people[g.teryt])])
        roads = [gen.roads(g, year, people[g.teryt]) for g in powiat.gminy]
        if year >= SECTIONS_FROM:  # with accidents one by one, each accident has its victims
            roads = [roads_with_victims(row) for row in roads]
            writer.write("wypadki", records(powiat, year, roads, seed))
            writer.write("zasoby", resources(powiat, year, people, seed))
            writer.write("porownanie", benchmarks(year))
        writer.write("ruch_drogowy", roads)
        writer.write("kmzb", [r for g in powiat.gminy for r in gen.kmzb(g, year, people[g.teryt])])
        payers = [g for g in powiat.gminy if g.teryt in FUNDING_GMINAS or len(powiat.gminy) > 8]
        funded = [g for g in payers if gen.rng.random() < 0.8]
        patrols = [gen.patrols(_code(g, year), year, writer) for g in funded]
        if year >= 2023:
            patrols.append(gen.patrols(powiat.code, year, writer))
        writer.write("sluzby_ponadnormatywne", patrols)
        if year >= SECTIONS_FROM:
            writer.write("porzadek", public_order(powiat, year, people, patrols, seed))
        writer.write("dzialania", gen.events(year, writer))
        writer.write("plan", gen.plan(year))
        if year >= 2023:
            writer.write("interwencje", [gen.interventions(g, year, people[g.teryt]) for g in powiat.gminy])
        if year >= FIRST_SURVEY_YEAR:
            writer.write("ankieta", _survey(powiat, year, people, seed))
            # The goals are set with the plan, for the next year; the first year's came from the programme.
            if year == FIRST_SURVEY_YEAR:
                writer.write("cele", _goals(powiat, year))
            writer.write("plan_cele", _goals(powiat, year + 1))
        if year == years[-1] and GMINAS <= {g.nazwa for g in powiat.gminy}:
            write_example_commentary(inputs / str(year), year)


FIRST_SURVEY_YEAR = 2024
# The answers' shares in a typical gmina, in the question's order (see schema.SURVEY_ANSWERS).
SURVEY_SHARES = (0.24, 0.50, 0.10, 0.11, 0.05)
NO_SURVEY = "1007062"  # Poświętne held no debate with a questionnaire: its goal has no data


def _survey(powiat: Powiat, year: int, people: dict[str, int], seed: int) -> list[list[object]]:
    """Answers per gmina (about one resident in a hundred asks, a small gmina may have under 30)
    and some at powiat-wide events. A generator of its own, so the other tables stay as they were."""
    rng = np.random.default_rng(seed + year)
    rows = []
    for gmina in powiat.gminy:
        if gmina.teryt == NO_SURVEY and year > FIRST_SURVEY_YEAR:
            continue
        size = int(people[gmina.teryt] / 100 * rng.uniform(0.45, 1.2))
        shares = rng.dirichlet(np.array(SURVEY_SHARES) * 60) * (1 + 0.04 * (year - FIRST_SURVEY_YEAR))
        counts = rng.multinomial(size, shares / shares.sum())
        rows += [[_code(gmina, year), answer, int(n)] for answer, n in zip(SURVEY_ANSWERS, counts, strict=True)]
    counts = rng.multinomial(int(rng.integers(50, 90)), SURVEY_SHARES)
    return rows + [[powiat.code, answer, int(n)] for answer, n in zip(SURVEY_ANSWERS, counts, strict=True)]


def _goals(powiat: Powiat, year: int) -> list[list[object]]:
    """The three goals of the source article with targets from the council's programme, measured
    by outcomes; with the bundled data one is met, one missed and one undecided (a survey share
    within its margin of the target), and one gmina's measure has no data. The year after the
    last example year gets targets of its own (the plan's `plan_cele.csv`)."""
    crimes, safety = {FIRST_SURVEY_YEAR: (1700, 74), FIRST_SURVEY_YEAR + 1: (1750, 73)}.get(year, (1700, 75))
    codes = [g.teryt for g in powiat.gminy]
    small_gmina = NO_SURVEY if NO_SURVEY in codes else codes[0]
    return [
        ["Ograniczenie przestępczości", "przestepstwa_ogolem", "spadek", crimes, ""],
        ["Ograniczenie przestępczości", "kradziez_z_wlamaniem", "spadek", "", ""],
        ["Ograniczenie przestępczości", "wykrywalnosc", "wzrost", "75%", ""],
        ["Zmniejszenie liczby zagrożeń", "wypadki", "spadek", 25, ""],
        ["Zmniejszenie liczby zagrożeń", "zabici", "spadek", "", ""],
        ["Zmniejszenie liczby zagrożeń", "kmzb_wyeliminowane", "wzrost", "70%", ""],
        ["Zwiększenie poczucia bezpieczeństwa mieszkańców", "poczucie_bezpieczenstwa", "wzrost", f"{safety}%", ""],
        ["Zwiększenie poczucia bezpieczeństwa mieszkańców", "poczucie_bezpieczenstwa", "wzrost", "70%", small_gmina],
    ]


def write_synthetic_powiat(inputs: Path, gminas: int) -> None:
    """A powiat.toml with `gminas` invented gminas, for measuring how the report scales."""
    inputs.mkdir(parents=True, exist_ok=True)
    lines = ["[raport]", "dane_przykladowe = true", "", "[raport.data_opracowania]",
             *(f"{y} = {y + 1}-03-16" for y in YEARS), "", "[powiat]", 'teryt = "1099"',
             'nazwa = "powiat przykładowy"', 'nazwa_dopelniacz = "powiatu przykładowego"',
             'nazwa_miejscownik = "powiecie przykładowym"',
             'policja = "Komenda Powiatowa Policji w Przykładowie"', 'policja_skrot = "KPP w Przykładowie"',
             'rada = "Rada Powiatu Przykładowego"', 'rada_celownik = "Radzie Powiatu Przykładowego"']
    for i in range(gminas):
        kind = ("wiejska", "miejsko-wiejska")[i % 2]
        lines += ["", "[[gmina]]", f'teryt = "1099{i + 1:02d}{2 + i % 2}"',
                  f'nazwa = "Gmina Przykładowa {i + 1}"'.replace("Gmina ", ""), f'rodzaj = "{kind}"',
                  f'miejscownik = "Przykładowej {i + 1}"',
                  f"powierzchnia_km2 = {80 + (i * 37) % 120}.0"]
    (inputs / "powiat.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder z powiat.toml (dane trafią do <rok>/)")
    parser.add_argument("--gminas", type=int, help="wygeneruj też powiat.toml z tyloma gminami")
    parser.add_argument("--events", type=int, help="liczba wydarzeń profilaktycznych rocznie")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.gminas:
        write_synthetic_powiat(args.out, args.gminas)
    events = (args.events, args.events) if args.events else (150, 300)
    generate(args.out, seed=args.seed, events_per_year=events)


if __name__ == "__main__":
    main()
