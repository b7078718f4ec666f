"""Polish an editor would sign, read the way a proof-reader reads the text: the forms that must
never appear in what the report prints (the PDF, each extract, the HTML edition and its text
alternatives), each with why it is wrong."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from babel import Locale

from pipeline.content.glossary import ABBREVIATIONS

_PL = Locale.parse("pl_PL")


@dataclass(frozen=True)
class Wrong:
    pattern: re.Pattern[str]
    why: str
    in_file_list: bool = True  # wrong in the annex's list of attached files too


def _wrong(pattern: str, why: str, in_file_list: bool = True) -> Wrong:
    return Wrong(re.compile(pattern), why, in_file_list)


# An abbreviation spelled out in the nominative whatever its sentence: "klas VI SP (szkoła
# podstawowa)", "Wydział Ruchu Drogowego KPP (Komenda Powiatowa Policji)".
_NOMINATIVE_AFTER = [_wrong(re.escape(f"{short} ({long.nominative.split()[0]}"),
                            f"rozwinięcie skrótu {short} w mianowniku, niezależnie od zdania")
                     for short, long in ABBREVIATIONS.items()]

NEVER: tuple[Wrong, ...] = (
    *_NOMINATIVE_AFTER,
    _wrong(r"\) \(", "dwa nawiasy z rzędu"),
    _wrong(r"(?<![\d,])0:", "„0:” zamiast zdania („W obu latach nie stwierdzono …”)"),
    _wrong(r", [^,.;:()–„”]+ i [^,.;:()–„”]+ i [^,.;:()–„”]+\.", "wyliczenie z dwoma „i”"),
    _wrong(r"tekst przykładowy", "słowo wstępne ma brzmieć jak słowo komendanta"),
    _wrong(r"\(ilustracja\)|Zdjęcie \d+\. [^.]*\(ilustracja", "ilustracja podpisana jako zdjęcie"),
    _wrong(r"statusy? „?Potwierdzone|Potwierdzone \((wyeliminowane|przekazane)",
           "wartości z danych zamiast słów"),
    _wrong(r"\.toml\b|\.csv\b|\.docx\b", "nazwa pliku w tekście", in_file_list=False),
    _wrong(r"zdjecia/|folderu \w+/", "nazwa folderu w tekście"),
    _wrong(r"niszczeni\w+ mienia", "jedna nazwa dla jednej rzeczy: „uszkodzenie rzeczy”"),
    _wrong(r"\d / \d", "skrót „1 773 / 43” zamiast słów"),
    _wrong(r"przypadało \d+,\d+ (zabitych|rannych)", "ułamek osoby w zdaniu"),
    _wrong(r"osiągnięto \d+ z \d+ cel", "podsumowanie celów, które nie mówi o każdym wyniku"),
    _wrong(r"\bklas[ay]? \d", "klasy szkolne cyframi rzymskimi („klas VI”)"),
    _wrong(r"Urząd Gminy Opoczno|Szkoła Podstawowa w gminie|w gminie \w+ \(szkoła",
           "instytucja, która tak się nie nazywa"),
    _wrong(r"czerwon\w+ krzyż", "znak Czerwonego Krzyża w materiale policji"),
)

# Nouns the report counts, as one, few and many ("1 przestępstwo, 2 przestępstwa, 5 przestępstw").
COUNTED = (("przestępstwo", "przestępstwa", "przestępstw"), ("osoba", "osoby", "osób"),
           ("wydarzenie", "wydarzenia", "wydarzeń"), ("zgłoszenie", "zgłoszenia", "zgłoszeń"),
           ("działanie", "działania", "działań"), ("wypadek", "wypadki", "wypadków"),
           ("godzina", "godziny", "godzin"), ("kontrola", "kontrole", "kontroli"), ("plik", "pliki", "plików"),
           ("cel", "cele", "celów"), ("interwencja", "interwencje", "interwencji"))
# After these a number and its noun stand in the genitive whatever the number ("z 3 celów",
# "z udziałem 22 403 osób").
_GENITIVE_BEFORE = {"z", "ze", "od", "do", "dla", "bez", "u", "wobec", "spośród", "wśród", "około", "ponad",
                    "powyżej", "poniżej", "niż", "udziałem"}
# A whole number (never the tail of "1 928" or of "−3") and the word after it.
_COUNT = re.compile(r"(?<![\d,.−+±-])(?<!\d[ \u00a0])(?P<number>\d{1,3}(?:[ \u00a0]\d{3})*)[ \u00a0](?P<noun>\w+)")
_FORMS = {form: forms for forms in COUNTED for form in forms}


def _disagreeing_counts(text: str) -> Iterator[str]:
    """ "64 przestępstw" (64 takes "przestępstwa"), "2 osób": a number whose noun does not agree."""
    for match in _COUNT.finditer(text):
        forms = _FORMS.get(match["noun"])
        before = re.findall(r"\w+", text[max(0, match.start() - 20):match.start()])
        if forms is None or (before and before[-1].lower() in _GENITIVE_BEFORE):
            continue
        number = int(re.sub(r"\D", "", match["number"]))
        expected = {"one": forms[0], "few": forms[1]}.get(_PL.plural_form(number), forms[2])
        if match["noun"] != expected:
            yield (f"„…{text[max(0, match.start() - 30):match.end() + 10]}…”: {number} {match['noun']} "
                   f"(powinno być: {number} {expected})")


# The annex's list of the files the PDF carries is where file names belong.
_FILE_LIST = re.compile(r"Tabela \d+\. Pliki źródłowe raportu.*?(Jakość danych|$)", re.S)


def wrong_forms(text: str) -> Iterator[str]:
    """Every place in `text` a proof-reader would mark, with its neighbourhood and why."""
    narrative = _FILE_LIST.sub(" ", text)
    for wrong in NEVER:
        scanned = text if wrong.in_file_list else narrative
        for match in wrong.pattern.finditer(scanned):
            yield f"„…{scanned[max(0, match.start() - 40):match.end() + 20]}…”: {wrong.why}"
    yield from _disagreeing_counts(narrative)
