"""A front rendered with placeholders and given its files at merge time is the same PDF, byte
for byte, as a front rendered with the files in it: what lets a build keep its fronts."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pytest

from pipeline.document.attachments import CARRIER, PLACEHOLDER_IDENTIFIER, placeholders
from pipeline.document.merge import merge_parts
from pipeline.document.render import EmbeddedFile, render

from .conftest import FRONT, PART, RUNNING, numbering
from .test_render import page

DAY = dt.date(2026, 3, 31)
IDENTIFIER = b"0123456789abcdef0123456789abcdef"
FILES = [EmbeddedFile("2025-dzialania.csv", "data;nazwa\n2025-03-01;Bezpieczny Żarnów\n".encode(), "Plik źródłowy"),
         EmbeddedFile("manifest.json", b'{"pliki": []}\n', "Spis plik\u00f3w", "Supplement"),
         EmbeddedFile("powiat.toml", b"[powiat]\nnazwa = 'opoczy\xc5\x84ski'\n", "Ustawienia")]


@pytest.fixture(scope="module")
def pieces() -> tuple[bytes, bytes]:
    part = render(page(PART, RUNNING))
    return part.data, render(numbering(2 + part.pages)).data


def test_the_files_swapped_in_at_merge_give_the_same_bytes(pieces) -> None:
    part, numbers = pieces
    whole = render(page(FRONT, RUNNING), embedded=FILES, date=DAY, identifier=IDENTIFIER)
    held = render(page(FRONT, RUNNING), embedded=placeholders(len(FILES)), date=DAY, identifier=PLACEHOLDER_IDENTIFIER)
    carrier = render(CARRIER, embedded=FILES, date=DAY)
    assert held.data != whole.data
    expected = merge_parts(whole.data, [part], numbers, [])
    assert merge_parts(held.data, [part], numbers, [], carrier.data, IDENTIFIER) == expected
    with pikepdf.open(io.BytesIO(expected)) as pdf:
        assert bytes(pdf.attachments["2025-dzialania.csv"].get_file().read_bytes()).decode() == \
            "data;nazwa\n2025-03-01;Bezpieczny Żarnów\n"
        assert bytes(pdf.trailer.ID[0]) == IDENTIFIER


def test_a_front_holding_another_number_of_files_is_refused(pieces) -> None:
    part, numbers = pieces
    held = render(page(FRONT, RUNNING), embedded=placeholders(2), date=DAY, identifier=PLACEHOLDER_IDENTIFIER)
    carrier = render(CARRIER, embedded=FILES, date=DAY)
    with pytest.raises(ValueError, match="2 placeholders for 3 files"):
        merge_parts(held.data, [part], numbers, [], carrier.data, IDENTIFIER)
