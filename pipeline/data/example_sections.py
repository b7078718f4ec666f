"""The example data of the newer tables, consistent with the rest of the example year.

- `zasoby.csv`: the komenda's posts, vacancies, cars and mean response times, the dzielnicowi
  of each gmina and the unit that serves it;
- `porzadek.csv`: misdemeanours and how they ended, detentions, sobering-up, mass events and
  missing persons per gmina, never fewer than the extra patrols alone achieved there;
- `wypadki.csv`: one row per accident, adding up to the year's `ruch_drogowy.csv`;
- `porownanie.csv`: the region and the country in the right orders of magnitude;
- the names partners and institutions give themselves, by the gmina's kind and seat.

Each table draws from a generator of its own, so the older tables stay as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from .registry import Gmina, Powiat
from .schema import BENCHMARKS, ROAD_CAUSES, TABLES, VICTIM_ROLES

__all__ = ["SECTIONS_FROM", "benchmarks", "institutions", "public_order", "records", "resources", "roads_with_victims"]

SECTIONS_FROM = 2024  # the first year with the newer tables
BIG_TOWN = 15_000  # residents: the powiat's seat, with a komenda and numbered schools

CAUSE_SHARES = {"predkosc": 0.26, "pierwszenstwo": 0.28, "pieszy_na_przejsciu": 0.10, "wyprzedzanie": 0.06,
                "odleglosc": 0.08, "blad_pieszego": 0.07, "inne": 0.15}
ROLE_SHARES = {"pieszy": 0.20, "rowerzysta": 0.12, "kierujacy": 0.45, "pasazer": 0.23}
PLACES = ("droga krajowa", "droga wojewódzka", "droga powiatowa", "droga gminna", "ulica w mieście")
assert CAUSE_SHARES.keys() == ROAD_CAUSES.keys() and ROLE_SHARES.keys() == VICTIM_ROLES.keys()

# Województwo łódzkie and Poland in 2024: orders of magnitude of the police's and GUS's figures.
REGION = {"ludnosc": 2_340_000, "przestepstwa_ogolem": 52_000, "kryminalne": 33_500, "gospodarcze": 7_900,
          "drogowe": 5_600, "wykrywalnosc": 71.8, "wypadki": 1_650, "zabici": 160, "ranni": 1_900}
COUNTRY = {"ludnosc": 37_490_000, "przestepstwa_ogolem": 820_000, "kryminalne": 505_000, "gospodarcze": 148_000,
           "drogowe": 76_000, "wykrywalnosc": 73.4, "wypadki": 21_500, "zabici": 1_900, "ranni": 24_800}
SOURCES = {"ludnosc": "GUS BDL", "wypadki": "KGP (wypadki drogowe)", "zabici": "KGP (wypadki drogowe)",
           "ranni": "KGP (wypadki drogowe)"}
assert REGION.keys() == COUNTRY.keys() == BENCHMARKS.keys()


def institutions(gmina: Gmina, people: int) -> dict[str, str]:
    """How a gmina's office, school, culture centre, welfare centre and fire brigade name themselves."""
    where = gmina.miejscownik or gmina.nazwa
    town, seat = gmina.rodzaj != "wiejska", people > BIG_TOWN
    return {
        "gmina": gmina.nazwa,
        "urzad": gmina.urzad or f"Urząd Gminy {gmina.nazwa}",
        "szkola": f"Szkoła Podstawowa nr 2 w {where}" if seat else
                  f"Zespół Szkół w {where}" if town else f"Szkoła Podstawowa w {where}",
        "kultura": f"Miejski Dom Kultury w {where}" if seat else
                   f"{'Miejsko-Gminny' if town else 'Gminny'} Ośrodek Kultury w {where}",
        "pomoc": f"{'Miejski' if seat else 'Miejsko-Gminny' if town else 'Gminny'} Ośrodek Pomocy Społecznej "
                 f"w {where}",
        "przedszkole": f"Przedszkole Samorządowe w {where}",
        "osp": f"OSP w {where}",
    }


def _rng(seed: int, year: int, table: str) -> np.random.Generator:
    return np.random.default_rng([seed, year, sum(map(ord, table))])


def resources(powiat: Powiat, year: int, people: dict[str, int], seed: int) -> list[list[object]]:
    """A row per gmina (its unit and dzielnicowi), then the komenda's own row."""
    rng = _rng(seed, year, "zasoby")
    rows = []
    for gmina in powiat.gminy:
        where = gmina.miejscownik or gmina.nazwa
        unit = powiat.policja if people[gmina.teryt] > BIG_TOWN else \
            f"{'Komisariat' if gmina.rodzaj != 'wiejska' else 'Posterunek'} Policji w {where}"
        officers = max(1, round(people[gmina.teryt] / 3800))
        rows.append([gmina.teryt, unit, officers, "", "", "", "", ""])
    posts = round(sum(people.values()) / 430)
    vacant = int(rng.integers(posts // 14, posts // 9))
    cars = int(posts / 4 + rng.integers(-2, 3))
    town, country = rng.normal(9.4 - 0.3 * (year - SECTIONS_FROM), 0.2), rng.normal(13.6, 0.4)
    rows.append([powiat.code, powiat.policja, "", posts, vacant, cars, f"{town:.1f}", f"{country:.1f}"])
    return rows


def public_order(powiat: Powiat, year: int, people: dict[str, int], patrols: Sequence[Sequence[object]],
                 seed: int) -> list[list[object]]:
    """Per gmina, at least what the gmina's extra patrols alone achieved (`sluzby_ponadnormatywne`)."""
    rng = _rng(seed, year, "porzadek")
    achieved = {str(p[0]): [int(v) for v in p[5:9]] for p in patrols}  # pouczeni, mandaty, wnioski, zatrzymani
    rows = []
    for gmina in powiat.gminy:
        n = people[gmina.teryt] / 10_000
        scale = 1.3 if people[gmina.teryt] > BIG_TOWN else 1.0
        offences = int(rng.poisson(560 * n * scale))
        warned, fined, motions, detained = achieved.get(_code(gmina, year), [0, 0, 0, 0])
        fines = max(int(rng.binomial(offences, 0.58)), fined)
        motions = max(int(rng.binomial(offences, 0.11)), motions)
        warnings = max(int(rng.binomial(offences, 0.28)), warned)
        offences = max(offences, fines + motions + warnings)  # every one ended somehow, most with a fine
        missing = int(rng.poisson(5.2 * n))
        rows.append([_code(gmina, year), offences, fines, motions, warnings,
                     max(int(rng.poisson(34 * n * scale)), detained), int(rng.poisson(21 * n * scale)),
                     int(rng.poisson(0.4 * n * scale)), missing, missing - int(rng.binomial(missing, 0.04))])
    return rows


def roads_with_victims(row: list[object]) -> list[object]:
    """A wypadek has someone killed or injured (without victims it is a kolizja): at least one
    injured person per accident that killed nobody."""
    code, accidents, killed, injured, *rest = row
    return [code, accidents, killed, max(int(injured), int(accidents) - int(killed)), *rest]


def records(powiat: Powiat, year: int, roads: Sequence[Sequence[object]], seed: int) -> list[list[object]]:
    """One row per accident, adding up to each gmina's accidents, killed and injured."""
    rng = _rng(seed, year, "wypadki")
    by_code = {str(r[0]): r for r in roads}
    rows = []
    for gmina in powiat.gminy:
        _, accidents, killed, injured, *_ = by_code[_code(gmina, year)]
        for victims in _spread(rng, int(accidents), int(killed), int(injured)):
            day = dt.date(year, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))
            cause = str(rng.choice(list(CAUSE_SHARES), p=list(CAUSE_SHARES.values())))
            place = f"{PLACES[int(rng.integers(len(PLACES)))]}, gm. {gmina.nazwa}"
            rows.append([day.isoformat(), _code(gmina, year), place, cause, "tak" if rng.random() < 0.1 else "nie",
                         *_by_role(rng, victims), *_children(rng, victims)])
    return sorted(rows, key=lambda r: (r[0], r[1]))


def _spread(rng: np.random.Generator, accidents: int, killed: int, injured: int) -> list[tuple[int, int]]:
    """(killed, injured) per accident: every accident has a victim, the totals are kept."""
    dead = np.bincount(rng.integers(0, accidents, killed), minlength=accidents) if accidents else np.zeros(0, int)
    hurt = np.array([0 if d else 1 for d in dead], dtype=int)
    extra = injured - int(hurt.sum())
    if extra > 0:
        hurt += np.bincount(rng.integers(0, accidents, extra), minlength=accidents)
    return [(int(d), int(h)) for d, h in zip(dead, hurt, strict=True)]


def _by_role(rng: np.random.Generator, victims: tuple[int, int]) -> list[int]:
    shares = np.array(list(ROLE_SHARES.values()))
    dead, hurt = (rng.multinomial(n, shares) for n in victims)
    return [int(v) for pair in zip(dead, hurt, strict=True) for v in pair]


def _children(rng: np.random.Generator, victims: tuple[int, int]) -> list[int]:
    return [int(rng.binomial(victims[0], 0.03)), int(rng.binomial(victims[1], 0.09))]


# How each figure moves in a year (a ratio; detection: points), region first, country second.
DRIFT = {"ludnosc": (0.994, 0.996), "przestepstwa_ogolem": (0.972, 0.981), "kryminalne": (0.965, 0.977),
         "gospodarcze": (1.018, 1.031), "drogowe": (0.958, 0.969), "wykrywalnosc": (0.4, 0.3),
         "wypadki": (0.962, 0.978), "zabici": (0.941, 0.962), "ranni": (0.969, 0.981)}
assert DRIFT.keys() == BENCHMARKS.keys()


def benchmarks(year: int) -> list[list[object]]:
    """The region and the country, moving from 2024 as `DRIFT` says."""
    years = year - SECTIONS_FROM
    rows = []
    for number, (area, figures) in enumerate((("wojewodztwo", REGION), ("kraj", COUNTRY))):
        for key, value in figures.items():
            move = DRIFT[key][number]
            if key == "wykrywalnosc":
                shown = f"{value + move * years:.1f}"
            else:
                shown = str(round(value * move ** years))
            source = SOURCES.get(key, "KGP (statystyka.policja.pl)" if area == "kraj" else
                                 "KWP w Łodzi (statystyka.policja.pl)")
            rows.append([area, key, shown, source])
    return rows


def _code(gmina: Gmina, year: int) -> str:
    for former in gmina.former_codes:
        if year <= former.until_year:
            return former.teryt
    return gmina.teryt


assert {"zasoby", "porzadek", "wypadki", "porownanie"} <= TABLES.keys()
