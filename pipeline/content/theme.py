"""The house style shared by the charts and the print stylesheet: palette and fonts.

The PDF and the charts use the same font files, made from a Python dependency
(font-source-sans-pro, SIL Open Font License; see `fonts`), so every machine renders the
same glyphs, Polish letters included, whatever fonts the system has.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .fonts import FONT_FAMILY, SUPPLEMENT_FAMILY, font_dir, font_files, supplement_files

__all__ = ["FONT_DIR", "FONT_FAMILY", "FONT_FILES", "PALETTE", "SUPPLEMENT_FAMILY", "SUPPLEMENT_FILES", "Palette"]

# (weight, style) -> file; the PDF and matplotlib load exactly these.
FONT_FILES: dict[tuple[int, str], Path] = font_files()
# weight -> file: Greek and Cyrillic, which the PDF falls back to (the charts never need them).
SUPPLEMENT_FILES: dict[int, Path] = supplement_files()
FONT_DIR = font_dir()


@dataclass(frozen=True)
class Palette:
    """Colours chosen to stay apart in lightness, so a black-and-white print keeps them apart.

    Series that must be told apart in print also get a hatch (charts) or a border (tables).
    """

    ink: str = "#1b1f24"  # text
    primary: str = "#1f3b73"  # the year of the report: dark navy
    secondary: str = "#7f9fcf"  # last year, or a second series: mid blue
    tertiary: str = "#c9d6ea"  # a third series: pale blue, dotted in dark so it shows in grey print
    accent: str = "#c8611d"  # the powiat average, a reference line: orange
    muted: str = "#6b7480"  # secondary text, few cases, missing data: a grey that still prints
    rule: str = "#c9ced6"  # table rules and grid lines
    band: str = "#f2f4f7"  # table header and zebra background
    warning: str = "#b3261e"  # "DANE PRZYKŁADOWE"

    @property
    def series(self) -> tuple[str, ...]:
        return (self.primary, self.secondary, self.tertiary, self.muted, self.accent)

    @property
    def hatches(self) -> tuple[str, ...]:
        return ("", "////", "....", "xxxx", "\\\\\\\\")

    @property
    def hatch_colours(self) -> tuple[str, ...]:
        """Hatch lines light on dark fills, dark on pale ones: visible either way."""
        return ("white", "white", self.primary, "white", "white")

    def css_variables(self) -> str:
        """The palette as CSS custom properties, so the stylesheet never repeats a colour."""
        names = ("ink", "primary", "secondary", "tertiary", "accent", "muted", "rule", "band", "warning")
        return ":root{" + ";".join(f"--{name}:{getattr(self, name)}" for name in names) + "}"


PALETTE = Palette()
