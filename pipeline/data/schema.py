"""The input contract: tables, their columns and the allowed values.

This module is the one place that says what the analyst's files contain. The loader,
the validator, the Excel template, the example-data generator and the documentation all
read it; nothing else lists a category or a column.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .vocabulary import (
    BENCHMARK_AREAS,
    BENCHMARKS,
    CONTROL_KINDS,
    CONTROLLED,
    CRIME_CATEGORIES,
    CRIME_GROUPS,
    DIRECTIONS,
    EVENT_KINDS,
    KMZB_CATEGORIES,
    KMZB_CONFIRMED,
    KMZB_ELIMINATED,
    KMZB_STATUSES,
    MEASURES,
    ROAD_CAUSES,
    SAFE_ANSWERS,
    SEVEN_CATEGORIES,
    SURVEY_ANSWERS,
    TARGET_GROUPS,
    VICTIM_ROLES,
    Measure,
)

__all__ = [
    "BENCHMARK_AREAS",
    "BENCHMARKS",
    "COMMENTARY_FILES",
    "CONTROLLED",
    "CONTROL_KINDS",
    "ROAD_CAUSES",
    "VICTIM_ROLES",
    "CRIME_CATEGORIES",
    "CRIME_GROUPS",
    "DIRECTIONS",
    "EVENT_KINDS",
    "KMZB_CATEGORIES",
    "KMZB_CONFIRMED",
    "KMZB_ELIMINATED",
    "KMZB_STATUSES",
    "MEASURES",
    "PHOTO_FOLDER",
    "SAFE_ANSWERS",
    "SEVEN_CATEGORIES",
    "SURVEY_ANSWERS",
    "TABLES",
    "TARGET_GROUPS",
    "Field",
    "Kind",
    "Measure",
    "Table",
]


class Kind(Enum):
    """How a column's text is read and checked."""

    TERYT = "teryt"  # a gmina or powiat code; the `gmina` name column may stand in
    COUNT = "count"  # a whole number >= 0
    AMOUNT = "amount"  # a number >= 0 with at most 2 decimals (zł, hours)
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"  # one of `Field.choices`
    TERM = "term"  # a month or a quarter of the next year
    YEAR = "year"  # the optional `rok` column; must match its folder
    TARGET = "target"  # a number >= 0, a "%" after it allowed (a goal's target)


# The analyst's own words for a year (one of the two) and the folder of the Markdown variant's photos.
COMMENTARY_FILES: tuple[str, ...] = ("komentarz.docx", "komentarz.md")
PHOTO_FOLDER = "zdjecia"

# Column names a `gmina` name column may carry instead of `teryt`.
GMINA_NAME_COLUMN = "gmina"
YEAR_COLUMN = "rok"


@dataclass(frozen=True)
class Field:
    """One column of an input table."""

    name: str
    kind: Kind
    help: str  # Polish, shown to the analyst in the template and the docs
    required: bool = True  # the column must be present (its cells may still be empty)
    not_empty: bool = False  # every cell must be filled (keys, names, dates)
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """One input file (`<name>.csv`) or sheet of `dane_<rok>.xlsx`."""

    name: str
    title: str  # Polish, for messages and the template
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()  # columns that identify a row; duplicates are errors
    repeat_key: tuple[str, ...] = ()  # rows equal in these are probably pasted twice: a warning
    optional: bool = False  # a missing file is not even worth a note
    one_row_per_gmina: bool = False  # the template pre-fills the gminas
    powiat_rows: bool = True  # rows with the powiat's own code are allowed
    empty_teryt_is_powiat: bool = False  # a row without a gmina is about the whole powiat

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _teryt(help: str = "kod TERYT gminy (7 cyfr) albo powiatu (kod powiatu i 000)") -> Field:
    return Field("teryt", Kind.TERYT, help, not_empty=True)


def _count(name: str, help: str, required: bool = True) -> Field:
    return Field(name, Kind.COUNT, help, required=required)


def _event_kind() -> Field:
    return Field("rodzaj", Kind.CHOICE, "rodzaj działania", not_empty=True, choices=tuple(EVENT_KINDS))


def _target_group() -> Field:
    return Field(
        "grupa_docelowa", Kind.CHOICE, "do kogo skierowane", not_empty=True, choices=tuple(TARGET_GROUPS)
    )


def _partners(example: str = "") -> Field:
    return Field(
        "partnerzy", Kind.TEXT, f"partnerzy rozdzieleni średnikiem{example} (nieobowiązkowe)", required=False
    )


def _goal_fields() -> tuple[Field, ...]:
    return (
        Field("cel", Kind.TEXT, "nazwa celu, np. Ograniczenie przestępczości", not_empty=True),
        Field("miernik", Kind.CHOICE, "czym mierzony jest cel: klucz z listy w docs/dane.md",
              not_empty=True, choices=tuple(MEASURES)),
        Field("kierunek", Kind.CHOICE, "spadek albo wzrost: która zmiana jest dobra", not_empty=True,
              choices=DIRECTIONS),
        Field("wartosc_docelowa", Kind.TARGET, "wartość docelowa na rok (nieobowiązkowe; bez niej celem jest "
              "zmiana we właściwym kierunku)", required=False),
        Field("teryt", Kind.TERYT, "kod gminy dla celu gminy; puste albo kod powiatu = cały powiat",
              required=False),
    )


# `porzadek.csv`: column -> what it counts.
PUBLIC_ORDER: dict[str, str] = {
    "wykroczenia": "wykroczenia ujawnione", "mandaty": "mandaty karne", "wnioski_o_ukaranie": "wnioski o ukaranie",
    "pouczenia": "pouczenia", "zatrzymani": "osoby zatrzymane", "doprowadzeni_do_wytrzezwienia":
    "osoby doprowadzone do wytrzeźwienia", "imprezy_masowe": "zabezpieczone imprezy masowe",
    "zaginieni": "zgłoszenia osób zaginionych", "odnalezieni": "osoby zaginione odnalezione",
}


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "ludnosc",
            "Ludność gmin",
            (
                _teryt("kod TERYT gminy (7 cyfr)"),
                _count("ludnosc", "liczba mieszkańców na 31 grudnia"),
            ),
            key=("teryt",),
            one_row_per_gmina=True,
            powiat_rows=False,
        ),
        Table(
            "przestepstwa",
            "Przestępstwa stwierdzone i wykryte",
            (
                _teryt(),
                Field(
                    "kategoria",
                    Kind.CHOICE,
                    "kategoria przestępstw (ogolem, kryminalne, ... albo jedna z 7 kategorii)",
                    not_empty=True,
                    choices=tuple(CRIME_CATEGORIES),
                ),
                _count("stwierdzone", "przestępstwa stwierdzone"),
                _count("wykryte", "przestępstwa wykryte"),
            ),
            key=("teryt", "kategoria"),
            one_row_per_gmina=True,
        ),
        Table(
            "ruch_drogowy",
            "Bezpieczeństwo w ruchu drogowym",
            (
                _teryt(),
                _count("wypadki", "wypadki drogowe"),
                _count("zabici", "ofiary śmiertelne wypadków"),
                _count("ranni", "ranni w wypadkach"),
                _count("kolizje", "kolizje drogowe"),
                _count("nietrzezwi_kierujacy", "zatrzymani nietrzeźwi kierujący"),
            ),
            key=("teryt",),
            one_row_per_gmina=True,
        ),
        Table(
            "kmzb",
            "Krajowa Mapa Zagrożeń Bezpieczeństwa",
            (
                _teryt(),
                Field(
                    "kategoria",
                    Kind.CHOICE,
                    "kategoria zagrożenia, dokładnie jak w KMZB",
                    not_empty=True,
                    choices=KMZB_CATEGORIES,
                ),
                Field(
                    "status",
                    Kind.CHOICE,
                    "status zgłoszenia, dokładnie jak w KMZB",
                    not_empty=True,
                    choices=KMZB_STATUSES,
                ),
                _count("liczba", "liczba zgłoszeń"),
            ),
            key=("teryt", "kategoria", "status"),
        ),
        Table(
            "sluzby_ponadnormatywne",
            "Służby ponadnormatywne finansowane przez samorządy",
            (
                _teryt("kod TERYT tego, kto zapłacił: gminy albo powiatu (kod powiatu i 000)"),
                Field("kwota_zl", Kind.AMOUNT, "kwota przekazana i wykorzystana, w złotych"),
                _count("liczba_sluzb", "liczba służb (patroli)"),
                Field("liczba_godzin", Kind.AMOUNT, "liczba godzin służby"),
                _count("legitymowani", "osoby wylegitymowane", required=False),
                _count("pouczeni", "osoby pouczone", required=False),
                _count("mandaty", "nałożone mandaty karne", required=False),
                _count("wnioski_o_ukaranie", "wnioski o ukaranie do sądu", required=False),
                _count("zatrzymani", "osoby zatrzymane", required=False),
            ),
            key=("teryt",),
        ),
        Table(
            "dzialania",
            "Działania profilaktyczne (jedno wydarzenie w wierszu)",
            (
                Field("data", Kind.DATE, "data wydarzenia, np. 14.03.2025", not_empty=True),
                _teryt(),
                _event_kind(),
                Field("nazwa", Kind.TEXT, "nazwa wydarzenia", not_empty=True),
                Field("program", Kind.TEXT, "program profilaktyczny (nieobowiązkowe)", required=False),
                _target_group(),
                _count("uczestnicy", "liczba uczestników"),
                _partners(", np. Falck; SP nr 2"),
            ),
            repeat_key=("data", "teryt", "nazwa"),
        ),
        Table(
            "plan",
            "Plan działań na kolejny rok",
            (
                _teryt(),
                _event_kind(),
                Field("nazwa", Kind.TEXT, "nazwa planowanego działania", not_empty=True),
                Field(
                    "termin",
                    Kind.TERM,
                    "miesiąc albo kwartał, np. marzec, 03, II kwartał, cały rok",
                    not_empty=True,
                ),
                _target_group(),
                _partners(),
            ),
            repeat_key=("teryt", "rodzaj", "nazwa", "termin"),
        ),
        Table(
            "interwencje",
            "Interwencje policji",
            (
                _teryt(),
                _count("interwencje", "interwencje ogółem"),
                _count("interwencje_domowe", "interwencje domowe"),
                _count("niebieskie_karty", "wszczęte procedury Niebieskiej Karty"),
            ),
            key=("teryt",),
            optional=True,
            one_row_per_gmina=True,
        ),
        Table(
            "cele",
            "Cele współpracy i ich mierniki (jeden miernik w wierszu)",
            _goal_fields(),
            key=("cel", "miernik", "teryt"),
            optional=True,
            empty_teryt_is_powiat=True,
        ),
        Table("plan_cele", "Cele na kolejny rok, razem z planem (jeden miernik w wierszu)", _goal_fields(),
              key=("cel", "miernik", "teryt"), optional=True, empty_teryt_is_powiat=True),
        Table(
            "zasoby",
            "Siły i środki Policji",
            (
                _teryt("kod gminy (jej dzielnicowi i jednostka) albo powiatu (cała komenda)"),
                Field("jednostka", Kind.TEXT, "jednostka Policji obsługująca gminę, np. Komisariat Policji w Drzewicy "
                      "(nieobowiązkowe)", required=False),
                _count("dzielnicowi", "dzielnicowi pełniący służbę w gminie", required=False),
                _count("etaty", "etaty policyjne (w wierszu powiatu: cała komenda z jednostkami)", required=False),
                _count("wakaty", "wakaty: etaty nieobsadzone na 31 grudnia", required=False),
                _count("radiowozy", "radiowozy (pojazdy służbowe oznakowane)", required=False),
                Field("czas_reakcji_pilne_miasto", Kind.AMOUNT, "średni czas reakcji na zdarzenia pilne w mieście, "
                      "w minutach (średnia z systemu policyjnego; tylko w wierszu powiatu), np. 9,5", required=False),
                Field("czas_reakcji_pilne_wies", Kind.AMOUNT, "średni czas reakcji na zdarzenia pilne poza miastem, "
                      "w minutach (tylko w wierszu powiatu), np. 13,2", required=False),
            ),
            key=("teryt",),
            optional=True,
            one_row_per_gmina=True,
        ),
        Table(
            "porzadek",
            "Porządek publiczny",
            (
                _teryt(),
                *(_count(name, help) for name, help in PUBLIC_ORDER.items()),
            ),
            key=("teryt",),
            optional=True,
            one_row_per_gmina=True,
        ),
        Table(
            "wypadki",
            "Wypadki drogowe (jeden wypadek w wierszu; dane osobowe: plik nie trafia do raportu)",
            (
                Field("data", Kind.DATE, "data wypadku, np. 14.03.2025", not_empty=True),
                _teryt("kod TERYT gminy (7 cyfr), w której doszło do wypadku"),
                Field("miejsce", Kind.TEXT, "miejscowość albo droga, np. DK12 Opoczno (nieobowiązkowe)",
                      required=False),
                Field("przyczyna", Kind.CHOICE, "główna przyczyna wypadku", not_empty=True, choices=tuple(ROAD_CAUSES)),
                Field("alkohol", Kind.CHOICE, "czy uczestnik był pod wpływem alkoholu: tak albo nie", not_empty=True,
                      choices=("tak", "nie")),
                *(Field(f"{role}_{what}", Kind.COUNT, f"{label}: {what} (0, gdy nikt)", not_empty=True)
                  for role, label in VICTIM_ROLES.items() for what in ("zabici", "ranni")),
                *(Field(f"dzieci_{what}", Kind.COUNT, f"w tym dzieci do 14 lat: {what} (puste = nie wiadomo)",
                        required=False) for what in ("zabici", "ranni")),
            ),
            repeat_key=("data", "teryt", "miejsce"),
            optional=True,
            powiat_rows=False,
        ),
        Table(
            "porownanie",
            "Województwo i kraj: dane do porównania",
            (
                Field("obszar", Kind.CHOICE, "wojewodztwo albo kraj", not_empty=True, choices=tuple(BENCHMARK_AREAS)),
                Field("wskaznik", Kind.CHOICE, "który wskaźnik: klucz z listy w docs/dane.md", not_empty=True,
                      choices=tuple(BENCHMARKS)),
                Field("wartosc", Kind.AMOUNT, "wartość w roku folderu (wykrywalność w %)", not_empty=True),
                Field("zrodlo", Kind.TEXT, "skąd pochodzi liczba, np. statystyka.policja.pl albo GUS BDL",
                      not_empty=True),
            ),
            key=("obszar", "wskaznik"),
            optional=True,
            empty_teryt_is_powiat=True,
        ),
        Table(
            "ankieta",
            "Ankieta: czy czuje się Pan/Pani bezpiecznie w swojej okolicy?",
            (
                _teryt("kod gminy albo powiatu (odpowiedzi nieprzypisane do gminy)"),
                Field("odpowiedz", Kind.CHOICE, "odpowiedź", not_empty=True, choices=tuple(SURVEY_ANSWERS)),
                _count("liczba", "liczba odpowiedzi"),
            ),
            key=("teryt", "odpowiedz"),
            optional=True,
        ),
    )
}
