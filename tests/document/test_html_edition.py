"""What the HTML edition says about a file to download."""

from __future__ import annotations

import pytest

from pipeline.document.html_edition import Download


@pytest.mark.parametrize(("download", "details"), [
    (Download("Pełny raport", "pliki/r.pdf", "PDF", 1_458_870, 45), "PDF, 45 stron, 1,5 MB"),
    (Download("Gmina Żarnów", "pliki/g.pdf", "PDF", 467_722, 9), "PDF, 9 stron, 468 kB"),
    (Download("Gmina Żarnów", "pliki/g.pdf", "PDF", 467_722, 22), "PDF, 22 strony, 468 kB"),
    (Download("Opis", "pliki/opis.txt", "TXT", 300), "TXT, 1 kB"),
    (Download("Gmina Żarnów", "pliki/g.pdf"), "PDF"),  # not made yet: no size
])
def test_a_download_says_its_format_pages_and_size(download, details) -> None:
    assert download.details.replace("\u00a0", " ") == details
