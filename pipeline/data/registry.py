"""The powiat and its gminas, read from `inputs/powiat.toml`.

Nothing about a particular powiat is written in code: names, codes, the police unit,
the council and the TERYT history all come from this file.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError, Problem, Severity
from .textnorm import fold, suggest

__all__ = ["FormerCode", "Gmina", "Powiat", "Programme", "read_powiat"]

SETTINGS_FILE = "powiat.toml"
GMINA_KINDS = ("miejska", "miejsko-wiejska", "wiejska")
KIND_DIGITS = {"miejska": "1", "wiejska": "2", "miejsko-wiejska": "3"}  # the 7th digit of a gmina's TERYT code
# Words people put before a gmina's name that do not change which gmina it is.
_NAME_PREFIXES = ("miasto_i_gmina_", "gmina_miejsko_wiejska_", "gmina_wiejska_", "gmina_",
                  "miasto_", "gm_", "mig_")
_POWIAT_TEXT = ("powiat", "caly_powiat", "starostwo", "starostwo_powiatowe")


@dataclass(frozen=True)
class FormerCode:
    """A TERYT code a gmina used until the end of `until_year`."""

    teryt: str
    until_year: int


@dataclass(frozen=True)
class Gmina:
    teryt: str
    nazwa: str
    rodzaj: str
    powierzchnia_km2: float
    former_codes: tuple[FormerCode, ...] = ()
    miejscownik: str = ""  # the seat after "w": "Drzewicy", "Mniszkowie"
    urzad: str = ""  # "Urząd Miejski w Drzewicy", "Urząd Gminy Mniszków"
    rada: str = ""  # "Rada Miejska w Drzewicy", "Rada Gminy Mniszków"

    @property
    def title(self) -> str:
        return f"Gmina {self.nazwa}"

    @property
    def slug(self) -> str:
        """ASCII name for file names: "zarnow"."""
        return fold(self.nazwa).replace("_", "-")

    @property
    def head_celownik(self) -> str:
        """Who heads the gmina, in the dative ("wójtowi"): a burmistrz where the gmina has a town
        (ustawa o samorządzie gminnym, art. 26), a wójt in a rural gmina."""
        return "wójtowi" if self.rodzaj == "wiejska" else "burmistrzowi"

    @property
    def head_dopelniacz(self) -> str:
        return "wójta" if self.rodzaj == "wiejska" else "burmistrza"

    @property
    def rada_celownik(self) -> str:
        """ "Radzie Miejskiej w Drzewicy", "Radzie Gminy Mniszków" (to whom a report is given)."""
        return _decline(self.rada, _DATIVE)

    @property
    def rada_dopelniacz(self) -> str:
        """ "Rady Miejskiej w Drzewicy", "Rady Gminy Mniszków" (for whom a copy is)."""
        return _decline(self.rada, _GENITIVE)


@dataclass(frozen=True)
class Programme:
    """The council's programme the cooperation serves, and the resolution that adopted it."""

    nazwa: str
    uchwala: str  # the resolution's number, e.g. "XXXVIII/312/2021"
    data: dt.date


@dataclass(frozen=True)
class Powiat:
    """The settings of the report and the registry of gminas."""

    teryt: str  # 4 digits, e.g. "1007"
    nazwa: str  # "powiat opoczyński"
    nazwa_dopelniacz: str  # "powiatu opoczyńskiego"
    nazwa_miejscownik: str  # "powiecie opoczyńskim"
    policja: str
    policja_skrot: str
    rada: str
    rada_celownik: str
    gminy: tuple[Gmina, ...]
    example_data: bool
    report_dates: dict[int, dt.date]
    source: Path
    program: Programme | None = None
    wojewodztwo: str = ""  # "łódzkie": the region the powiat is compared with (porownanie.csv)

    @property
    def code(self) -> str:
        """The 7-digit code that rows about the whole powiat carry, e.g. 1007000."""
        return f"{self.teryt}000"

    @property
    def slug(self) -> str:
        """ASCII name for file names: "opoczynski"."""
        return fold(self.nazwa.removeprefix("powiat ")).replace("_", "-")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(g.teryt for g in self.gminy)

    def gmina(self, teryt: str) -> Gmina:
        return next(g for g in self.gminy if g.teryt == teryt)

    def name_of(self, teryt: str) -> str:
        """The name to print for a canonical code (a gmina or the whole powiat)."""
        if teryt == self.code:
            return self.nazwa
        return self.gmina(teryt).nazwa

    def label_of(self, teryt: str) -> str:
        """ "gmina Drzewica" or "powiat opoczyński": a name that says what kind of area it is."""
        return self.nazwa if teryt == self.code else f"gmina {self.gmina(teryt).nazwa}"

    def current_code(self, code: str) -> tuple[str | None, FormerCode | None]:
        """Map any code this registry knows to today's code; also say if it was a former one."""
        if code == self.code or code in self.codes:
            return code, None
        for gmina in self.gminy:
            for former in gmina.former_codes:
                if former.teryt == code:
                    return gmina.teryt, former
        return None, None

    def code_for_name(self, name: str) -> str | None:
        """The code of a gmina (or the powiat) written by name, ignoring case and Polish letters."""
        key = _strip_prefix(fold(name))
        for gmina in self.gminy:
            if key == fold(gmina.nazwa):
                return gmina.teryt
        if key in _POWIAT_TEXT or key in (fold(self.nazwa), fold(self.nazwa_dopelniacz)):
            return self.code
        return None

    def suggest_name(self, name: str) -> str | None:
        return suggest(_strip_prefix(fold(name)), [g.nazwa for g in self.gminy])

    def report_date(self, year: int) -> dt.date | None:
        return self.report_dates.get(year)


def _strip_prefix(key: str) -> str:
    for prefix in _NAME_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key



# ---------------------------------------------------------------- a gmina's office and council
# A gmina whose seat is a town has a burmistrz, a *Rada Miejska* and usually a *Urząd Miejski*
# ("Rada Miejska w Drzewicy"); a rural gmina has a wójt, a *Rada Gminy* and a *Urząd Gminy*
# ("Rada Gminy Mniszków"). Each gmina's statute fixes the exact names, so powiat.toml may write
# them as they are (`urzad`, `rada`); `_usual_office` gives the common form when it does not.
# Only the leading words ("Rada Miejska", "Urząd Gminy") change with the case.

_OFFICES = ("Urząd Miejski", "Urząd Miasta i Gminy", "Urząd Gminy i Miasta", "Urząd Miasta", "Urząd Gminy")
_COUNCILS = ("Rada Miejska", "Rada Miasta i Gminy", "Rada Miasta", "Rada Gminy")
_TOWN_ONLY = ("Urząd Miejski", "Urząd Miasta", "Rada Miejska", "Rada Miasta")  # a rural gmina has no town

_DATIVE, _GENITIVE = "celownik", "dopelniacz"
# The words of a name that change with its case; every other word stays as written.
_FORMS = {
    "Rada": {_DATIVE: "Radzie", _GENITIVE: "Rady"},
    "Miejska": {_DATIVE: "Miejskiej", _GENITIVE: "Miejskiej"},
    "Urząd": {_DATIVE: "Urzędowi", _GENITIVE: "Urzędu"},
    "Miejski": {_DATIVE: "Miejskiemu", _GENITIVE: "Miejskiego"},
}
_WHAT = {"urzad": ("urzędu gminy", _OFFICES), "rada": ("rady gminy", _COUNCILS)}


def _decline(name: str, case: str) -> str:
    """ "Rada Miejska w Drzewicy" -> "Radzie Miejskiej w Drzewicy" (dative); the head words only."""
    words = name.split(" ")
    head = 2 if len(words) > 1 and words[1] in _FORMS else 1
    return " ".join([_FORMS.get(w, {}).get(case, w) for w in words[:head]] + words[head:])


def _usual_office(key: str, kind: str, name: str, seat_locative: str) -> str:
    """The common name of a gmina's office (`urzad`) or council (`rada`) for its kind."""
    if kind == "wiejska":
        return f"{'Urząd' if key == 'urzad' else 'Rada'} Gminy {name}"
    return f"Urząd Miejski w {seat_locative}" if key == "urzad" else f"Rada Miejska w {seat_locative}"


def _office_problem(key: str, value: object, kind: str, allowed: tuple[str, ...]) -> tuple[str, str] | None:
    """What is wrong with the name of an office or council, and how to fix it (None: nothing)."""
    what, _ = _WHAT[key]
    if not isinstance(value, str) or not value.strip():
        return f"brak nazwy {what} (pole {key})", f'np. {key} = "{allowed[0]} w Drzewicy"'
    if not any(value.startswith(f"{start} ") for start in allowed):
        return (f"nazwa {what} powinna zaczynać się od jednego z: {', '.join(allowed)}",
                f'np. {key} = "{allowed[0]} w Drzewicy" albo "{allowed[-1]} Mniszków"')
    if kind == "wiejska" and value.startswith(_TOWN_ONLY):
        return (f"„{value.split(' w ')[0]}” to nazwa dla gminy z miastem, a ta gmina jest wiejska",
                f'sprawdź rodzaj gminy albo wpisz np. {key} = "{allowed[-1]} Mniszków"')
    return None


def read_powiat(inputs: Path) -> Powiat:
    """Read and check `powiat.toml`; every problem is reported at once as a DataError."""
    path = inputs / SETTINGS_FILE
    reader = _SettingsReader(path)
    powiat = reader.read()
    if reader.problems or powiat is None:
        raise DataError(reader.problems)
    return powiat


class _SettingsReader:
    """Reads powiat.toml and collects every problem instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, message: str, hint: str = "", value: object = None) -> None:
        text = None if value is None else str(value)
        self.problems.append(Problem(Severity.ERROR, SETTINGS_FILE, message, hint, value=text))

    def read(self) -> Powiat | None:
        data = self._load()
        if data is None:
            return None
        powiat = self._table(data, "powiat")
        report = self._table(data, "raport")
        teryt = self._text(powiat, "powiat.teryt")
        if teryt and not re.fullmatch(r"\d{4}", teryt):
            self.error("kod TERYT powiatu musi mieć 4 cyfry", 'np. teryt = "1007"', teryt)
        gminy = self._gminy(data.get("gmina"), teryt or "")
        example = report.get("dane_przykladowe", False)
        if not isinstance(example, bool):
            self.error("raport.dane_przykladowe musi być true albo false", value=example)
        dates = self._dates(report.get("data_opracowania", {}))
        texts = {
            name: self._text(powiat, f"powiat.{name}")
            for name in ("nazwa", "nazwa_dopelniacz", "nazwa_miejscownik", "policja",
                         "policja_skrot", "rada", "rada_celownik")
        }
        program = self._programme(data.get("program"))
        region = powiat.get("wojewodztwo", "")
        if not isinstance(region, str):
            self.error("powiat.wojewodztwo musi być tekstem", 'np. wojewodztwo = "łódzkie"', region)
        if self.problems:
            return None
        return Powiat(teryt=teryt or "", gminy=gminy, example_data=bool(example), report_dates=dates,
                      source=self.path, program=program, wojewodztwo=str(region).strip(),
                      **{k: v or "" for k, v in texts.items()})

    def _programme(self, table: object) -> Programme | None:
        """The optional [program]: its name, the resolution's number and date, all three or none."""
        if table is None:
            return None
        hint = 'np. nazwa = "Powiatowy program …", uchwala = "XXXVIII/312/2021", data_uchwaly = 2021-12-20'
        if not isinstance(table, dict):
            self.error("[program] musi być sekcją z polami nazwa, uchwala i data_uchwaly", hint)
            return None
        texts = [self._text(table, f"program.{key}") for key in ("nazwa", "uchwala")]
        day = table.get("data_uchwaly")
        if not isinstance(day, dt.date):
            self.error("program.data_uchwaly musi być datą", "np. data_uchwaly = 2021-12-20 (bez cudzysłowu)", day)
            return None
        if texts[0] is None or texts[1] is None:
            return None
        return Programme(texts[0], texts[1].removeprefix("nr ").removeprefix("Nr "), day)

    def _load(self) -> dict[str, Any] | None:
        if not self.path.is_file():
            self.error("brak pliku z ustawieniami powiatu i rejestrem gmin",
                       f"utwórz {self.path} (wzór i opis: docs/dane.md)")
            return None
        try:
            return tomllib.loads(self.path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            self.error("plik nie jest zapisany w UTF-8", "zapisz go jako UTF-8")
        except tomllib.TOMLDecodeError as exc:
            self.error(f"błąd składni TOML ({exc})", "popraw wskazany wiersz pliku")
        return None

    def _table(self, data: dict[str, Any], name: str) -> dict[str, Any]:
        table = data.get(name)
        if not isinstance(table, dict):
            self.error(f"brak sekcji [{name}]", "dodaj ją według wzoru z docs/dane.md")
            return {}
        return table

    def _text(self, table: dict[str, Any], dotted: str) -> str | None:
        key = dotted.rsplit(".", 1)[-1]
        value = table.get(key)
        if table and (not isinstance(value, str) or not value.strip()):
            self.error(f"brak tekstu w polu {dotted}", f'dodaj np. {key} = "…"', value)
            return None
        return value.strip() if isinstance(value, str) else None

    def _dates(self, table: object) -> dict[int, dt.date]:
        if not isinstance(table, dict):
            self.error("raport.data_opracowania musi być tabelą rok = data", "np. 2025 = 2026-03-16")
            return {}
        dates = {}
        for year, value in table.items():
            if not (str(year).isdigit() and isinstance(value, dt.date)):
                self.error("raport.data_opracowania: oczekiwano wpisu rok = data",
                           "np. 2025 = 2026-03-16", f"{year} = {value}")
                continue
            dates[int(year)] = value
        return dates

    def _gminy(self, entries: object, powiat_teryt: str) -> tuple[Gmina, ...]:
        if not isinstance(entries, list) or not entries:
            self.error("brak gmin w rejestrze", "dodaj sekcję [[gmina]] dla każdej gminy")
            return ()
        gminy = tuple(g for g in (self._gmina(e, powiat_teryt) for e in entries) if g)
        self._check_unique(gminy)
        return gminy

    def _gmina(self, entry: dict[str, Any], powiat_teryt: str) -> Gmina | None:
        label = f"gmina {entry.get('nazwa', '?')}"
        nazwa = entry.get("nazwa")
        teryt = str(entry.get("teryt", ""))
        rodzaj = entry.get("rodzaj")
        area = entry.get("powierzchnia_km2")
        ok = True
        if not isinstance(nazwa, str) or not nazwa.strip():
            self.error("gmina bez nazwy", 'dodaj nazwa = "…"', teryt)
            ok = False
        if not re.fullmatch(rf"{powiat_teryt}\d{{2}}[123]", teryt):
            example = f"{powiat_teryt or '1007'}01{KIND_DIGITS.get(str(rodzaj), '2')}"
            self.error(f"{label}: kod TERYT musi mieć 7 cyfr i zaczynać się od {powiat_teryt}",
                       f'np. teryt = "{example}" (5. i 6. cyfra: numer gminy w powiecie; 7.: 1 miejska, 2 wiejska, '
                       '3 miejsko-wiejska)', teryt)
            ok = False
        if rodzaj not in GMINA_KINDS:
            self.error(f"{label}: nieznany rodzaj gminy", f"wpisz jeden z: {', '.join(GMINA_KINDS)}",
                       rodzaj)
            ok = False
        if not isinstance(area, int | float) or area <= 0:
            self.error(f"{label}: powierzchnia_km2 musi być liczbą dodatnią",
                       "np. powierzchnia_km2 = 118.2", area)
            ok = False
        former = self._former_codes(entry.get("teryt_wczesniej", []), label, powiat_teryt)
        names = self._offices(entry, label, rodzaj)
        if not ok or former is None or names is None:
            return None
        return Gmina(teryt, nazwa.strip(), rodzaj, float(area), former, *names)

    def _offices(self, entry: dict[str, Any], label: str, rodzaj: object) -> tuple[str, str, str] | None:
        """The seat's locative and the names of the gmina's office and council: as written, or
        the usual ones for the gmina's kind (see `offices`)."""
        if rodzaj not in GMINA_KINDS:  # already reported: its office's usual name is unknown
            return "", "", ""
        where = entry.get("miejscownik")
        if not isinstance(where, str) or not where.strip():
            self.error(f"{label}: brak pola miejscownik (siedziba gminy po „w”)",
                       'np. miejscownik = "Drzewicy" (w Drzewicy) albo "Mniszkowie" (w Mniszkowie)', where)
            return None
        names = []
        for key, kinds in (("urzad", _OFFICES), ("rada", _COUNCILS)):
            value = entry.get(key)
            if value is None:
                value = _usual_office(key, str(rodzaj), str(entry.get("nazwa", "")), where.strip())
            problem = _office_problem(key, value, str(rodzaj), kinds)
            if problem is not None:
                self.error(f"{label}: {problem[0]}", problem[1], value)
                return None
            names.append(str(value).strip())
        return where.strip(), names[0], names[1]

    def _former_codes(self, entries: object, label: str, powiat_teryt: str) -> tuple[FormerCode, ...] | None:
        code = powiat_teryt or "1007"
        example = f'{{ teryt = "{code}012", do_roku = 2023 }}'
        if not isinstance(entries, list):
            self.error(f"{label}: teryt_wczesniej musi być listą", f"np. teryt_wczesniej = [{example}]")
            return None
        codes = []
        for entry in entries:
            teryt = str(entry.get("teryt", "")) if isinstance(entry, dict) else ""
            until = entry.get("do_roku") if isinstance(entry, dict) else None
            if not re.fullmatch(r"\d{7}", teryt) or not isinstance(until, int):
                self.error(f"{label}: wpis teryt_wczesniej wymaga pól teryt (7 cyfr) i do_roku", example, entry)
                return None
            codes.append(FormerCode(teryt, until))
        return tuple(codes)

    def _check_unique(self, gminy: tuple[Gmina, ...]) -> None:
        seen: dict[str, str] = {}
        for gmina in gminy:
            for code in (gmina.teryt, *(f.teryt for f in gmina.former_codes)):
                if code in seen:
                    self.error(f"kod {code} występuje dwa razy: {seen[code]} i {gmina.nazwa}",
                               "każdy kod może należeć tylko do jednej gminy", code)
                seen[code] = gmina.nazwa
        names = [fold(g.nazwa) for g in gminy]
        for gmina in gminy:
            if names.count(fold(gmina.nazwa)) > 1:
                self.error("dwie gminy o tej samej nazwie", "nazwy gmin muszą być różne", gmina.nazwa)
