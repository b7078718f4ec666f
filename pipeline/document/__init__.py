"""From executed notebooks to the PDF: convert (nbconvert), assemble, render (WeasyPrint),
merge (pikepdf), provenance and the PDF's checks. The templates and the print stylesheet
live in `templates/`."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
