"""The closed lists of the contract and how the report names them: crime categories, KMZB
categories and statuses, kinds of events, target groups, the goals' measures, road causes and
victims' roles, the areas of comparison, the survey's answers.

`schema` builds the input tables from these and is what the rest of the code imports them
through; nothing else lists a category.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BENCHMARKS",
    "BENCHMARK_AREAS",
    "CONTROLLED",
    "CONTROL_KINDS",
    "CRIME_CATEGORIES",
    "CRIME_GROUPS",
    "DIRECTIONS",
    "EVENT_KINDS",
    "KMZB_CATEGORIES",
    "KMZB_CONFIRMED",
    "KMZB_ELIMINATED",
    "KMZB_STATUSES",
    "MEASURES",
    "Measure",
    "ROAD_CAUSES",
    "SAFE_ANSWERS",
    "SEVEN_CATEGORIES",
    "SURVEY_ANSWERS",
    "TARGET_GROUPS",
    "VICTIM_ROLES",
]


# code -> label used in the report. Dicts keep the report's order.
CRIME_GROUPS: dict[str, str] = {
    "ogolem": "ogółem",
    "kryminalne": "o charakterze kryminalnym",
    "gospodarcze": "o charakterze gospodarczym",
    "drogowe": "drogowe",
}

SEVEN_CATEGORIES: dict[str, str] = {
    "kradziez_cudzej_rzeczy": "kradzież cudzej rzeczy",
    "kradziez_z_wlamaniem": "kradzież z włamaniem",
    "rozboj": "rozbój, kradzież i wymuszenie rozbójnicze",
    "uszczerbek_na_zdrowiu": "uszczerbek na zdrowiu",
    "bojka_pobicie": "bójka lub pobicie",
    "uszkodzenie_rzeczy": "uszkodzenie rzeczy",
    "kradziez_samochodu": "kradzież samochodu",
}

CRIME_CATEGORIES: dict[str, str] = {**CRIME_GROUPS, **SEVEN_CATEGORIES}

KMZB_CATEGORIES: tuple[str, ...] = (
    "Akty wandalizmu", "Dzikie wysypiska śmieci", "Grupowanie się małoletnich zagrożonych demoralizacją",
    "Kłusownictwo", "Miejsca niebezpieczne na wodach", "Miejsce niebezpiecznej działalności rozrywkowej",
    "Nielegalna wycinka drzew", "Nielegalne rajdy samochodowe", "Nieprawidłowe parkowanie",
    "Niestrzeżone przejście przez tory", "Niestrzeżony przejazd kolejowy", "Niewłaściwa infrastruktura drogowa",
    "Niszczenie zieleni", "Osoba bezdomna wymagająca pomocy", "Poruszanie się po terenach leśnych quadami",
    "Przekraczanie dozwolonej prędkości", "Spożywanie alkoholu w miejscach niedozwolonych",
    "Używanie środków odurzających", "Wałęsające się bezpańskie psy", "Wypalanie traw",
    "Zdarzenia drogowe z udziałem zwierząt leśnych", "Znęcanie się nad zwierzętami",
    "Zła organizacja ruchu drogowego", "Żebractwo",
    # Older or seasonal categories that still appear in exports.
    "Dzikie kąpieliska", "Utonięcia",
)

KMZB_STATUSES: tuple[str, ...] = (
    "Nowe",
    "Weryfikacja",
    "Potwierdzone",
    "Niepotwierdzone",
    "Potwierdzone (wyeliminowane)",
    "Potwierdzone (przekazane poza Policję)",
)
KMZB_CONFIRMED: tuple[str, ...] = tuple(s for s in KMZB_STATUSES if s.startswith("Potwierdzone"))
KMZB_ELIMINATED = "Potwierdzone (wyeliminowane)"

EVENT_KINDS: dict[str, str] = {
    "debata_spoleczna": "debata społeczna",
    "punkt_przyjec": "punkt przyjęć interesantów",
    "turniej_sportowy": "turniej sportowy",
    "akcja_edukacyjna": "akcja edukacyjna",
    "pierwsza_pomoc": "zajęcia z pierwszej pomocy",  # as the findings say it: "zajęć z pierwszej pomocy: 11"
    "rajd_rowerowy": "rajd rowerowy",
    "piknik": "piknik",
    "spotkanie_z_gosciem": "spotkanie z ciekawym gościem",
    "akcja_brd": "akcja BRD",
    "kontrola_drogowa": "kontrola drogowa",
    "inne": "inne",
}
# Kinds that are checks of drivers, not prevention: the people stopped are counted apart, as
# CONTROLLED, never as participants of prevention.
CONTROL_KINDS: tuple[str, ...] = ("kontrola_drogowa",)
CONTROLLED = "skontrolowani kierujący"

TARGET_GROUPS: dict[str, str] = {
    "przedszkole": "przedszkolaki",
    "szkola_podstawowa": "uczniowie szkół podstawowych",
    "szkola_ponadpodstawowa": "uczniowie szkół ponadpodstawowych",
    "rodzice": "rodzice",
    "seniorzy": "seniorzy",
    "kierowcy": "kierowcy",
    "mieszkancy": "mieszkańcy",
}



@dataclass(frozen=True)
class Measure:
    """A figure a goal of the cooperation is measured by (`cele.csv`, column `miernik`)."""

    label: str  # Polish, as the report prints it
    percent: bool = False  # a share in %: compared in percentage points


# miernik -> what it measures; the values come from the same indicators as the rest of the report.
MEASURES: dict[str, Measure] = {
    "przestepstwa_ogolem": Measure("przestępstwa stwierdzone"),
    "wykrywalnosc": Measure("wykrywalność sprawców", percent=True),
    **{code: Measure(label) for code, label in SEVEN_CATEGORIES.items()},
    "wypadki": Measure("wypadki drogowe"),
    "zabici": Measure("zabici w wypadkach"),
    "ranni": Measure("ranni w wypadkach"),
    "kolizje": Measure("kolizje drogowe"),
    "nietrzezwi_kierujacy": Measure("nietrzeźwi kierujący"),
    "kmzb_zgloszenia": Measure("zgłoszenia na KMZB"),
    "kmzb_potwierdzone": Measure("zgłoszenia KMZB potwierdzone", percent=True),
    "kmzb_wyeliminowane": Measure("potwierdzone zagrożenia KMZB wyeliminowane", percent=True),
    "dzialania": Measure("działania profilaktyczne"),
    "uczestnicy": Measure("uczestnicy działań profilaktycznych"),
    "godziny_sluzb": Measure("godziny służb ponadnormatywnych"),
    "poczucie_bezpieczenstwa": Measure("poczucie bezpieczeństwa mieszkańców", percent=True),
}
DIRECTIONS: tuple[str, ...] = ("spadek", "wzrost")  # which way is good for a goal's measure

# Why a road accident happened: the main cause the police record for it (`wypadki.csv`).
ROAD_CAUSES: dict[str, str] = {
    "predkosc": "niedostosowanie prędkości do warunków ruchu", "pierwszenstwo": "nieustąpienie pierwszeństwa przejazdu",
    "pieszy_na_przejsciu": "nieustąpienie pierwszeństwa pieszemu", "wyprzedzanie": "nieprawidłowe wyprzedzanie",
    "odleglosc": "niezachowanie bezpiecznej odległości", "blad_pieszego": "błąd pieszego", "inne": "inna przyczyna",
}
# Who was killed or injured (`wypadki.csv`: <rola>_zabici, <rola>_ranni), with the plural the report prints.
VICTIM_ROLES: dict[str, str] = {"pieszy": "piesi", "rowerzysta": "rowerzyści", "kierujacy": "kierujący",
                                "pasazer": "pasażerowie"}
# `porownanie.csv`: the areas the powiat is set against, and the figures given for them.
BENCHMARK_AREAS: dict[str, str] = {"wojewodztwo": "województwo", "kraj": "Polska"}
BENCHMARKS: dict[str, str] = {
    "ludnosc": "ludność", "przestepstwa_ogolem": "przestępstwa stwierdzone", "kryminalne": "przestępstwa kryminalne",
    "gospodarcze": "przestępstwa gospodarcze", "drogowe": "przestępstwa drogowe",
    "wykrywalnosc": "wykrywalność sprawców", "wypadki": "wypadki drogowe", "zabici": "zabici w wypadkach",
    "ranni": "ranni w wypadkach",
}

# The standard question "Czy czuje się Pan/Pani bezpiecznie w swojej okolicy?", its answers in order.
SURVEY_ANSWERS: dict[str, str] = {
    "bardzo_bezpiecznie": "bardzo bezpiecznie",
    "raczej_bezpiecznie": "raczej bezpiecznie",
    "trudno_powiedziec": "trudno powiedzieć",
    "raczej_niebezpiecznie": "raczej niebezpiecznie",
    "bardzo_niebezpiecznie": "bardzo niebezpiecznie",
}
SAFE_ANSWERS: tuple[str, ...] = ("bardzo_bezpiecznie", "raczej_bezpiecznie")
