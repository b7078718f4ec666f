"""HTML -> PDF with WeasyPrint, fetching nothing but the project's own assets.

The document only ever needs its stylesheet, its fonts and the charts (embedded as
`data:` URLs). Anything else it asks for (`http:`, `https:`, a `file:` outside the
assets) means text from the inputs became markup somewhere; the fetcher then stops the
render with a clear error instead of reaching out to the network or the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .errors import RenderError
from .theme import FONT_DIR, TEMPLATES

__all__ = ["AssetFetcher", "render_pdf"]

LOG = logging.getLogger(__name__)


class AssetFetcher(URLFetcher):
    """Serves `data:` URLs and files under the allowed folders; refuses everything else."""

    def __init__(self, roots: Iterable[Path] = (TEMPLATES, FONT_DIR)) -> None:
        super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True)
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlparse(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and self._allowed(url):
            return super().fetch(url, headers)
        self.refused.append(url)
        raise FatalURLFetchingError(f"Dokument próbował pobrać zasób spoza projektu: {url[:200]}")

    def _allowed(self, url: str) -> bool:
        path = Path(url2pathname(unquote(urlparse(url).path))).resolve()
        return path.is_file() and any(path.is_relative_to(root) for root in self.roots)


def render_pdf(html: str, target: Path, **options: object) -> None:
    """Render `html` into the PDF file `target` (the caller makes the write atomic)."""
    fetcher = AssetFetcher()
    try:
        document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher)
        document.write_pdf(target, **options)
    except FatalURLFetchingError as error:
        raise RenderError(f"Renderowanie przerwane: {error}. Tekst z danych nie może odwoływać się do "
                          "plików ani adresów; sprawdź nazwy wydarzeń i partnerów.") from error
