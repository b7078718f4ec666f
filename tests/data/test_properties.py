"""Property: whatever the loader accepts, it keeps the values the analyst typed.

Random tables of counts, amounts and Polish text are written the ways Excel writes
them (UTF-8 or Windows-1250, comma or semicolon, decimal comma or dot, grouped
thousands), loaded back, and must come back equal.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from babel.numbers import format_decimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.data.dataset import load_dataset

from ..conftest import INPUTS

CODES = ("1007013", "1007023", "1007032", "1007043", "1007052", "1007062", "1007072", "1007083")
POLISH = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄCĆEĘLŁNŃOÓSŚZŹŻ „”–-.,;!?()0123456789"

counts = st.one_of(st.none(), st.integers(min_value=0, max_value=2_000_000))
amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**8).map(lambda c: c / 100))
names = st.text(alphabet=POLISH, min_size=1, max_size=60).filter(lambda s: s.strip() and s.strip()[0] not in "-=+@")


def _number(value: float | int | None, decimal_comma: bool, grouped: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return format_decimal(value, format="#,##0" if grouped else "0", locale="pl_PL")
    text = format_decimal(value, format="#,##0.00" if grouped else "0.00", locale="pl_PL")
    return text if decimal_comma else text.replace("\u00a0", "").replace(",", ".")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(st.sampled_from(CODES), amounts, counts, amounts, counts), min_size=1, max_size=8,
                  unique_by=lambda r: r[0]),
    event_names=st.lists(names, min_size=1, max_size=5),
    windows=st.booleans(),
    grouped=st.booleans(),
)
def test_accepted_values_are_kept(rows, event_names, windows, grouped) -> None:
    delimiter = ";" if windows else ","
    patrols = io.StringIO()
    writer = csv.writer(patrols, delimiter=delimiter)
    writer.writerow(["teryt", "kwota_zl", "liczba_sluzb", "liczba_godzin", "mandaty"])
    for code, amount, services, hours, tickets in rows:
        writer.writerow([code, _number(amount, windows, grouped), _number(services, windows, grouped),
                         _number(hours, windows, grouped), _number(tickets, windows, grouped)])
    events = io.StringIO()
    writer = csv.writer(events, delimiter=delimiter)
    writer.writerow(["data", "teryt", "rodzaj", "nazwa", "grupa_docelowa", "uczestnicy"])
    for day, name in enumerate(event_names, start=1):
        writer.writerow([f"{day:02d}.03.2025", "1007023", "piknik", name, "mieszkancy", day])
    encoding = "cp1250" if windows else "utf-8"

    folder = Path(tempfile.mkdtemp())
    try:
        (folder / "2025").mkdir()
        shutil.copy(INPUTS / "powiat.toml", folder)
        (folder / "2025" / "sluzby_ponadnormatywne.csv").write_bytes(patrols.getvalue().encode(encoding))
        (folder / "2025" / "dzialania.csv").write_bytes(events.getvalue().encode(encoding))
        dataset = load_dataset(folder, 2025)
    finally:
        shutil.rmtree(folder)

    loaded = dataset.table("sluzby_ponadnormatywne", 2025).set_index("teryt")
    for code, amount, services, hours, tickets in rows:
        got = loaded.loc[code]
        for column, expected in (("kwota_zl", amount), ("liczba_sluzb", services),
                                 ("liczba_godzin", hours), ("mandaty", tickets)):
            value = got[column]
            assert (expected is None and value is __import__("pandas").NA) or value == expected, column
    assert list(dataset.table("dzialania", 2025)["nazwa"]) == [" ".join(n.split()) for n in event_names]
