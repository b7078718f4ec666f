"""HTML -> PDF/A-3u with WeasyPrint: tagged, archival, reproducible, fetching nothing foreign.

Why PDF/A-3u (and not 3a): level "a" claims that *all* content is in the structure tree
or marked as an artifact; WeasyPrint keeps the running headers and footers out of the tree
without marking them as artifacts (it can only do that in PDF 2.0). The merge step marks
them (`pdfua`) and makes the whole PDF/UA-1, checked condition by condition
(`matterhorn`); a render on its own is PDF/A-3 with Unicode text ("u"), embedded fonts
and an sRGB output intent, tagged. PDF/A-3 (not 2) because it lets the PDF carry its own
evidence: the input files and a manifest of their SHA-256 sums, embedded as associated
files.

The document only ever needs its stylesheet, its fonts and the charts (embedded as
`data:` URLs). Anything else it asks for (`http:`, `https:`, a `file:` outside the
assets) means text from the inputs became markup somewhere; the fetcher then stops the
render with a clear error instead of reaching out to the network or the disk.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from weasyprint import HTML, Attachment
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..content.theme import FONT_DIR, FONT_FAMILY, SUPPLEMENT_FAMILY
from ..errors import RenderError
from . import TEMPLATES
from .pdfdata import EmbeddedFile, Rendered

__all__ = ["PDF_VARIANT", "AssetFetcher", "EmbeddedFile", "Rendered", "render", "render_pdf"]

PDF_VARIANT = "pdf/a-3u"
# WeasyPrint's notice that it subsets fonts with fontTools when the system lacks
# HarfBuzz-Subset: a speed matter, not a problem with the document.
BENIGN = ("HarfBuzz-Subset",)


class AssetFetcher(URLFetcher):
    """Serves `data:` URLs and files under the allowed folders; refuses everything else."""

    def __init__(self, roots: Sequence[Path] = (TEMPLATES, FONT_DIR)) -> None:
        super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True)
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlparse(url).scheme.lower()
        if scheme == "data" or (scheme == "file" and self._allowed(url)):
            return super().fetch(url, headers)
        self.refused.append(url)
        raise FatalURLFetchingError(f"Dokument próbował pobrać zasób spoza projektu: {url[:200]}")

    def _allowed(self, url: str) -> bool:
        path = Path(url2pathname(unquote(urlparse(url).path))).resolve()
        return path.is_file() and any(path.is_relative_to(root) for root in self.roots)


class _Collector(logging.Handler):
    """Keeps WeasyPrint's warnings: about the document they are errors for us."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not any(text in message for text in BENIGN):
            self.messages.append(message)


@contextmanager
def _weasyprint_warnings() -> Iterator[_Collector]:
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def render(html: str, *, embedded: Sequence[EmbeddedFile] = (), date: dt.date | None = None,
           identifier: bytes | None = None) -> Rendered:
    """One WeasyPrint render of `html` into a tagged PDF/A-3u.

    `date` stamps the embedded files (never the clock, so the bytes are reproducible);
    `identifier` is the PDF's fixed /ID. Missing glyphs, foreign fonts, unsupported CSS
    and refused resources stop the render with a RenderError.
    """
    fetcher = AssetFetcher()
    stamp = dt.datetime.combine(date or dt.date(2000, 1, 1), dt.time())
    attachments = [Attachment(string=f.data, name=f.name, description=f.description, created=stamp,
                              modified=stamp, relationship=f.relationship) for f in embedded]
    with _weasyprint_warnings() as warnings, _fixed_clock(stamp):
        try:
            document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher).render()
            # Whole fonts, already reduced to what a Polish report needs (see fonts.py): no
            # subsetting per document, and merged parts can share one copy of each.
            data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=attachments,
                                      pdf_identifier=identifier or True, full_fonts=True)
            _check_fonts(document.fonts.values())  # known only once the pages are drawn
        except FatalURLFetchingError as error:
            raise RenderError(f"Renderowanie przerwane: {error}. Tekst z danych nie może odwoływać się do "
                              "plików ani adresów; sprawdź nazwy wydarzeń i partnerów.") from error
    if warnings.messages:
        raise RenderError("WeasyPrint zgłosił problemy z dokumentem:\n  - " + "\n  - ".join(warnings.messages))
    anchors = {name: index for index, page in enumerate(document.pages) for name in page.anchors}
    return Rendered(data, len(document.pages), anchors)


def render_pdf(html: str, target: Path, **options: Any) -> None:
    """Render `html` into the PDF file `target` (see `render`)."""
    target.write_bytes(render(html, **options).data)


@contextmanager
def _fixed_clock(stamp: dt.datetime) -> Iterator[None]:
    """fontTools stamps each font subset with the time unless SOURCE_DATE_EPOCH says otherwise."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.replace(tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def _check_fonts(fonts: Iterable[Any]) -> None:
    """Every glyph must come from the project's font: a fallback means a character it lacks."""
    families = {f.family.decode() if isinstance(f.family, bytes) else str(f.family) for f in fonts}
    foreign = sorted(f for f in families if f not in (FONT_FAMILY, SUPPLEMENT_FAMILY))
    if foreign:
        raise RenderError(f"Część tekstu wymagała czcionki spoza projektu ({', '.join(foreign)}): dokument zawiera "
                          f"znak, którego nie ma w czcionce {FONT_FAMILY}.")
