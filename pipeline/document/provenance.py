"""What the PDF says about where it came from: its date, its identifier and its evidence.

The report's date comes from the settings (`[raport.data_opracowania]` in powiat.toml)
or, failing that, from SOURCE_DATE_EPOCH; never from the clock, so the same inputs and
code give the same bytes. The PDF carries the input files it was made from and a
manifest with each file's SHA-256, its row count and the project's version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import RenderError
from .pdfdata import EmbeddedFile

if TYPE_CHECKING:
    from ..data.dataset import Dataset

__all__ = ["MANIFEST", "document_identifier", "embedded_files", "manifest", "report_date"]

MANIFEST = "manifest.json"


def report_date(ds: Dataset) -> dt.date | None:
    """The date on the cover and in the metadata."""
    configured = ds.powiat.report_date(ds.year)
    if configured is not None:
        return configured
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return None


def manifest(ds: Dataset) -> bytes:
    content = {
        "projekt": "raport-bezpieczenstwa",
        "wersja": __version__,
        "powiat": ds.powiat.nazwa,
        "rok": ds.year,
        "lata": list(ds.years),
        "pliki": [{"plik": s.label, "zalacznik": s.attachment, "sha256": s.sha256, "wiersze": s.rows,
                   **({"sha256_oryginalu": s.original_sha256,
                       "uwaga": s.note or "dołączona kopia do publikacji: tekst i zdjęcia z raportu, bez uwag "
                                          "recenzentów i metadanych zdjęć"} if s.content is not None else {}),
                   **({"zdjecia_niedolaczone": [{"plik": label, "sha256": sha} for label, sha in s.companions]}
                      if s.companions else {})}
                  for s in ds.sources],
    }
    return (json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def embedded_files(ds: Dataset) -> list[EmbeddedFile]:
    files = [EmbeddedFile(MANIFEST, manifest(ds), "Spis plików źródłowych: SHA-256, liczba wierszy, wersja programu",
                          "Supplement")]
    for source in ds.sources:
        data = source.path.read_bytes()
        if hashlib.sha256(data).hexdigest() != (source.original_sha256 or source.sha256):
            raise RenderError(f"Plik {source.label} zmienił się w trakcie tworzenia raportu. Uruchom raport ponownie.")
        if source.content is not None:  # a copy fit to publish (the commentary, road accidents), not the file
            files.append(EmbeddedFile(source.attachment, source.content, source.note or
                                      f"Komentarz do raportu z pliku {source.label}: tekst i zdjęcia bez uwag "
                                      "recenzentów i metadanych", "Source"))
            continue
        files.append(EmbeddedFile(source.attachment, data, f"Plik źródłowy raportu: {source.label}", "Source"))
    # The PDF's name tree of embedded files must be sorted by name.
    return sorted(files, key=lambda f: f.name)


def document_identifier(ds: Dataset, variant: str = "") -> bytes:
    """A fixed /ID: the same inputs and version give the same identifier; each `variant` of
    the report (a gmina's extract: its TERYT code) gets its own."""
    return hashlib.md5(manifest(ds) + variant.encode("utf-8"), usedforsecurity=False).hexdigest().encode("ascii")
