"""A run with nothing changed stops at once, unless an output is gone or other outputs are asked for."""

from __future__ import annotations

import hashlib

from pipeline.making.record import build_key, up_to_date, write_record
from pipeline.making.tasks import NOTEBOOKS

from ..conftest import INPUTS


def _built(out) -> None:
    folder = out / "2025"
    (folder / "gminy").mkdir(parents=True)
    (folder / "gminy" / "raport_opoczynski_2025_zarnow.pdf").write_bytes(b"%PDF extract")
    (folder / "raport_opoczynski_2025.pdf").write_bytes(b"%PDF report")
    write_record(folder, {"key": build_key(INPUTS, 2025, NOTEBOOKS), "rok": 2025, "pdf": "raport_opoczynski_2025.pdf",
                          "pdf_sha256": hashlib.sha256(b"%PDF report").hexdigest(),
                          "outputs": ["gminy/raport_opoczynski_2025_zarnow.pdf"]})


def test_nothing_changed_and_everything_there(tmp_path) -> None:
    _built(tmp_path)
    assert up_to_date(INPUTS, 2025, tmp_path, NOTEBOOKS) is not None


def test_a_deleted_extract_makes_the_next_run_build_again(tmp_path) -> None:
    _built(tmp_path)
    (tmp_path / "2025" / "gminy" / "raport_opoczynski_2025_zarnow.pdf").unlink()
    assert up_to_date(INPUTS, 2025, tmp_path, NOTEBOOKS) is None


def test_the_report_alone_is_not_the_report_with_its_copies(tmp_path) -> None:
    _built(tmp_path)
    assert up_to_date(INPUTS, 2025, tmp_path, NOTEBOOKS, readers=False) is None
