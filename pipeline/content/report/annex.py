"""The annex: the source files with their SHA-256 and the quality of the data."""

from __future__ import annotations

from ...data.dataset import Dataset, SourceFile
from ...data.figures.goals import goals_set_last_year
from ...data.formatting import fmt_int, fmt_list
from ...data.glyphs import printable_message
from ...data.schema import TABLES
from .. import blocks
from ..blocks import Block, Column, Row
from ..narrative import plural
from .common import years_span

__all__ = ["SOURCE_FILES_MARKER", "data_quality", "data_sources", "source_files"]

SOURCE_FILES_MARKER = "source-files"  # where the assembly puts the table of the attached files
# What `validate` checks beyond the form of each cell (rules, plausibility), in a sentence.
CHECKS = ("Kontrola danych, przeprowadzona przed utworzeniem raportu, sprawdziła każdą komórkę (liczby, daty, kody "
          "gmin, kategorie) i to, co wie o bezpieczeństwie: czy żadna kategoria przestępstw nie przekracza ogółu, czy "
          "każdy wypadek drogowy ma ofiarę (bez ofiar to kolizja), czy to samo wydarzenie nie zostało wpisane dwa "
          "razy, czy kontrole drogowe nie są liczone jako działania profilaktyczne, czy partnerem nie jest jednostka "
          "policji i czy liczba gminy nie zmieniła się ponad trzykrotnie wobec poprzedniego roku.")


def data_sources(ds: Dataset) -> Block:
    """What the report was made from. The table of the attached files (names, SHA-256) is put
    in by the assembly (`source_files`): it changes with every input, the notebook need not."""
    return blocks.join([
        blocks.paragraphs(
            f"Raport przygotowano z danych {ds.powiat.policja_skrot.replace('KPP', 'Komendy Powiatowej Policji')} "
            f"i gmin {ds.powiat.nazwa_dopelniacz} za lata {years_span(ds)}. Poniższe pliki są dołączone do "
            "dokumentu PDF (w przeglądarce PDF: panel załączników) pod podanymi nazwami; skrót SHA-256 pozwala "
            "sprawdzić, że żaden z nich nie został zmieniony (np. poleceniem sha256sum albo certutil -hashfile)."),
        blocks.marker(SOURCE_FILES_MARKER),
    ])


def source_files(ds: Dataset, manifest: str) -> Block:
    """Every file the PDF carries, under its name inside the PDF, with its full SHA-256; and
    the `manifest` file that lists them for a program."""
    rows = [Row([s.attachment, fmt_int(s.rows), s.sha256]) for s in ds.sources]
    notes = [f"Dołączono też plik {manifest}: ten sam spis plików z SHA-256 i liczbą wierszy, z wersją programu, "
             "który utworzył raport, do sprawdzenia automatycznego."]
    notes += [f"Komentarz z pliku {s.label} dołączono jako {s.attachment}: tekst i zdjęcia tak, jak trafiły do "
              "raportu, bez uwag recenzentów i bez metadanych zdjęć (np. miejsca wykonania); SHA-256 pliku "
              f"oryginalnego: {s.original_sha256}." + _companions(s, manifest)
              for s in ds.sources if s.content is not None and not s.note]
    copies = [s for s in ds.sources if s.content is not None and s.note]
    if copies:
        notes.append(f"Zamiast plików {fmt_list([s.label for s in copies])} dołączono "
                     f"{fmt_list([s.attachment for s in copies])}: {copies[0].note.split(';')[0].split(' z pliku')[0]};"
                     f" oryginały zawierają dane osobowe, ich SHA-256 podaje {manifest}.")
    return blocks.table("Pliki źródłowe raportu",
                        [Column("plik w dokumencie PDF", False), Column("wiersze", True, "c-count"),
                         Column("SHA-256", False, "c-hash")], rows, css="sources fixed", row_headers=False,
                        notes=notes)


def _companions(source: SourceFile, manifest: str) -> str:
    if not source.companions:
        return ""
    count = len(source.companions)
    return (f" Oryginałów zdjęć ({fmt_int(count)} {plural(count, 'plik', 'pliki', 'plików')}) nie dołączono, bo "
            f"zawierają metadane; ich SHA-256 podaje {manifest}.")


def data_quality(ds: Dataset) -> Block:
    missing = sorted(ds.missing)
    # An optional table (interventions, goals, the survey) missing in an earlier year is no gap:
    # the report reads those only for the year it is about.
    notes = [f"{y} r.: brak pliku {t}.csv" for y, t in missing if (y == ds.year or not TABLES[t].optional)
             and not (t == "cele" and goals_set_last_year(ds))]  # this year's goals: set with last year's plan
    warnings = [printable_message(f"{p.where()}: {p.message}") for p in ds.problems
                if not p.is_error and p.message != "brak pliku"]
    empty = _empty_cells(ds)
    parts = [blocks.paragraphs(
        "Puste komórki w danych oznaczają brak danych, a nie zero; w tabelach oznaczono je skrótem „b.d.” "
        "(brak danych). Wartości dla powiatu są sumą gmin i danych przypisanych całemu powiatowi; "
        "jeśli dane gminy są niepełne, suma jest niepełna.")]
    if empty:
        parts.append(blocks.table("Brakujące wartości w danych", [Column("tabela", False), Column("rok"),
                                                                   Column("puste komórki")], empty))
    found = len(notes) + len(warnings)
    verdict = ("Nie znalazła błędów ani uwag: wszystkie pliki są kompletne." if not found else
               f"Nie znalazła błędów (te zatrzymałyby raport); "
               f"{plural(found, 'uwaga', 'uwagi', 'uwag')} do przeczytania: {fmt_int(found)}.")
    parts.append(blocks.paragraphs(f"{CHECKS} {verdict}"))
    if found:
        parts.append(blocks.bullets([*notes, *warnings], css="quality"))
    return blocks.join(parts)


def _empty_cells(ds: Dataset) -> list[Row]:
    rows = []
    for name, frame in ds.tables.items():
        required = [f.name for f in TABLES[name].fields if f.required and not f.not_empty]
        for year, part in frame.groupby("rok"):
            count = int(part[required].isna().sum().sum()) if len(part) else 0
            if count:
                rows.append(Row([f"{name}.csv", str(year), fmt_int(count)]))
    return rows
