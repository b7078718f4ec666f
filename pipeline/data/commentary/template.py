"""The Word document `komentarz_<rok>.docx` an analyst fills in (python-docx).

Every chapter and section heading of the report is already in place, in Word's own
"Nagłówek 1" / "Nagłówek 2" styles, with a grey hint under each on what to write there and
a note on photos' text alternatives at the top. The hints are in a style of their own
("Wskazówka") that the report never prints, so a filled-in template renders as it is:
a heading with nothing under it shows nothing.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor

from ...errors import UsageError
from ..registry import Powiat
from .places import GOALS, Places

__all__ = ["HINT_STYLE", "commentary_template_name", "write_commentary_template"]

HINT_STYLE = "Wskazówka"
HINTS = {
    "slowo_wstepne": "Słowo wstępne komendanta albo starosty do Rady Powiatu (cały rozdział, osobna strona).",
    "wnioski": "Ocena roku w kilku zdaniach: co się udało, co wymaga uwagi rady.",
    GOALS: "Komentarz do celów programu: dlaczego cel został albo nie został osiągnięty.",
    "powiat": "Ogólna ocena stanu bezpieczeństwa w powiecie.",
    "plan": "Wnioski na kolejny rok i prośby do samorządów.",
    "aneks": "Dodatkowe wyjaśnienia do danych (nieobowiązkowe).",
}
GMINA_HINT = "Ocena sytuacji w gminie: co się wydarzyło, co wyjaśnia liczby."
SECTION_HINT = "Ocena policji do tej części (trafi na jej koniec, po tabelach i wykresach)."
NOTE = ("Pisz pod szarą wskazówką zwykłym tekstem (styl „Normalny”); szare wskazówki nie trafiają do raportu, "
        "a nagłówek bez tekstu pod nim raport pominie. Nagłówków 1 i 2 nie zmieniaj. Zdjęcie wklej do tekstu "
        "(Wstaw → Obrazy) i opisz je: prawy przycisk myszy → „Edytuj tekst alternatywny”; podpis pod zdjęciem "
        "wpisz w stylu „Legenda”. Przed zapisaniem zaakceptuj wszystkie zmiany (Recenzja → Zaakceptuj).")


def commentary_template_name(year: int) -> str:
    return f"komentarz_{year}.docx"


def write_commentary_template(powiat: Powiat, year: int, folder: Path) -> Path:
    """Write the template for `year` into `folder`; an existing file is never overwritten."""
    path = folder / commentary_template_name(year)
    if path.exists():
        raise UsageError(f"Plik {path} już istnieje – nie nadpisuję go. Usuń go albo przenieś, jeśli chcesz nowy.")
    document = Document()
    hint = document.styles.add_style(HINT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    hint.base_style = document.styles["Normal"]
    hint.font.italic, hint.font.size, hint.font.color.rgb = True, Pt(9), RGBColor(0x80, 0x80, 0x80)
    document.add_paragraph(NOTE, style=HINT_STYLE)
    places = Places(powiat, year)
    for chapter in places.chapters:
        document.add_heading(chapter.title, level=1)
        document.add_paragraph(HINTS.get(chapter.key, GMINA_HINT), style=HINT_STYLE)
        for section in chapter.sections:
            document.add_heading(section.names(year)[0], level=2)
            document.add_paragraph(SECTION_HINT, style=HINT_STYLE)
    folder.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
