"""What the reader needs once, before the first chapter: how to read the tables ("Jak czytać
raport") and what the abbreviations stand for.

Notes that apply to every table are explained here once instead of under each table; the
tables refer to them by their symbols ("–", "b.d.", "*", "▲"). The first use of an
abbreviation in each chapter is spelled out by the assembly (`document.assemble`), from
`ABBREVIATIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.figures.indicators import FEW_CASES
from ..data.figures.privacy import FEW_PEOPLE
from ..data.formatting import MISSING, NOT_APPLICABLE
from . import blocks
from .blocks import Block

__all__ = ["ABBREVIATIONS", "HOW_TO_READ", "SYMBOLS", "Abbreviation", "how_to_read"]


@dataclass(frozen=True)
class Abbreviation:
    """What an abbreviation stands for, in the cases a sentence may need: "zgłoszenia KMZB" is
    spelled out as "zgłoszenia Krajowej Mapy Zagrożeń Bezpieczeństwa (KMZB)", "na KMZB" as "na
    Krajowej Mapie …" (`document.assemble` chooses the case from the word before it)."""

    nominative: str
    genitive: str
    locative: str


ABBREVIATIONS: dict[str, Abbreviation] = {
    "KMZB": Abbreviation("Krajowa Mapa Zagrożeń Bezpieczeństwa", "Krajowej Mapy Zagrożeń Bezpieczeństwa",
                         "Krajowej Mapie Zagrożeń Bezpieczeństwa"),
    "BRD": Abbreviation("bezpieczeństwo ruchu drogowego", "bezpieczeństwa ruchu drogowego",
                        "bezpieczeństwie ruchu drogowego"),
    "KPP": Abbreviation("Komenda Powiatowa Policji", "Komendy Powiatowej Policji", "Komendzie Powiatowej Policji"),
    "PSP": Abbreviation("Państwowa Straż Pożarna", "Państwowej Straży Pożarnej", "Państwowej Straży Pożarnej"),
    "OSP": Abbreviation("Ochotnicza Straż Pożarna", "Ochotniczej Straży Pożarnej", "Ochotniczej Straży Pożarnej"),
    "SP": Abbreviation("szkoła podstawowa", "szkoły podstawowej", "szkole podstawowej"),
}

HOW_TO_READ: tuple[tuple[str, str], ...] = (
    ("dynamika", "wartość w roku raportu ÷ wartość z poprzedniego roku × 100 (poprzedni rok = 100%); podawana, "
                 f"gdy w poprzednim roku było co najmniej {FEW_CASES} zdarzeń."),
    ("zmiana", "różnica wobec poprzedniego roku („+” wzrost, „−” spadek), przy wskaźnikach w procentach "
               f"w punktach procentowych (pkt proc.); przy mniej niż {FEW_CASES} zdarzeniach udział podajemy "
               "liczbami („1 z 1”), bo procent z kilku zdarzeń wprowadza w błąd."),
    ("w granicach zwykłych wahań (≈)", "zmiana liczby zdarzeń (przestępstw, wypadków, zgłoszeń), jaką często daje "
                                   "sam przypadek (dokładny test, poziom 5%): nie świadczy o trendzie. Zmiany działań "
                                   "policji i samorządów są faktami i tej ocenie nie podlegają."),
    ("waga zmiany", "na stronę „Najważniejsze wnioski” trafiają zmiany największe względnie, dobre i złe (dwukrotny "
                    "wzrost waży tyle, co spadek o połowę); zmiana zdarzeń – tylko poza granicami zwykłych wahań, "
                    "gmina, która przestała lub zaczęła opłacać służby – zawsze."),
    (f"„{NOT_APPLICABLE}”", f"nie dotyczy: dynamika przy mniej niż {FEW_CASES} zdarzeniach w poprzednim roku albo przy "
                     "wskaźniku w procentach, udział liczony z zera."),
    (f"mniej niż {FEW_PEOPLE}, ukryte", "liczby osób od 1 do 2 w sprawach, które mogłyby wskazać konkretną osobę "
                                        "(zaginieni, zatrzymani, doprowadzeni do wytrzeźwienia, interwencje domowe, "
                                        "„Niebieskie Karty”, dzieci – ofiary wypadków), nie podajemy; gdy w kolumnie "
                                        "ukryto tak jedną gminę, ukrywamy też liczbę innej, by nie dało się jej "
                                        "wyliczyć z sumy powiatu."),
    (MISSING, "brak danych: pusta komórka w danych źródłowych, a nie zero."),
    ("na 10 tys. mieszkańców", "liczba zdarzeń ÷ ludność × 10 000, by porównać gminy różnej wielkości; średnia gmin "
                               "to zdarzenia w gminach ÷ ich łączna ludność × 10 000 (bez zdarzeń całego powiatu, "
                               "np. wydarzeń ogólnopowiatowych)."),
    ("▲ wyżej, ≈ w granicach, ▼ niżej", "gmina wobec średniej gmin: „wyżej” lub „niżej” tylko poza granicami 99,8% "
                                        "dla gminy tej wielkości (wykres lejkowy w rozdziale o powiecie), inaczej "
                                        "„w granicach” – w małej gminie nawet przy dużej różnicy."),
    ("*", f"mniej niż {FEW_CASES} zdarzeń: wskaźnik niestabilny, różnica może być przypadkowa."),
    ("± nierozstrzygnięty", "cel mierzony ankietą, której wynik z przedziałem błędu (95%) obejmuje wartość docelową: "
                            "nie wiadomo, czy cel osiągnięto."),
    ("realizacja planu", "rodzaj działania zaplanowany na rok jest zrealizowany, gdy odbyło się co najmniej jedno "
                         "takie działanie; wydarzenia ponad plan nie podnoszą realizacji."),
    ("skróty", "; ".join(f"{short} – {long.nominative}" for short, long in ABBREVIATIONS.items())
     + "; pkt proc. – punkty procentowe."),
)


def how_to_read() -> Block:
    return blocks.join([blocks.heading(2, "Jak czytać raport"),
                        blocks.led_items(HOW_TO_READ, css="how-to-read", separator=":")])


# The symbols of the tables in a few words, for a legend where they are used (the HTML
# edition's pages); HOW_TO_READ says the rest.
SYMBOLS: tuple[tuple[str, str], ...] = (
    ("▲", "wzrost ponad zwykłe wahania; gmina: wyżej niż średnia gmin (poza granicami 99,8%)"),
    ("▼", "spadek ponad zwykłe wahania; gmina: niżej niż średnia gmin (poza granicami 99,8%)"),
    ("≈", "w granicach zwykłych wahań: zmiana albo różnica, jaką daje sam przypadek"),
    ("*", f"mniej niż {FEW_CASES} zdarzeń: wskaźnik niestabilny"),
    ("±", "przedział błędu ankiety (95%); cel nierozstrzygnięty – wynik w granicach błędu"),
    ("✓", "cel osiągnięty"),
    ("×", "cel nieosiągnięty"),
    ("?", "brak danych, by ocenić cel"),
    (NOT_APPLICABLE, "nie dotyczy: np. dynamika przy mniej niż 10 zdarzeniach w poprzednim roku"),
    (MISSING, "brak danych"),
)
