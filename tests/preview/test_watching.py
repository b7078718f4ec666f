"""Which saves count: the report's inputs, not what Office and editors keep beside them; a
burst of writes is one batch; drives that send no events are polled."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from pipeline.preview import watching
from pipeline.preview.watching import InputsFilter, changes, needs_polling


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    (folder / "2025" / "zdjecia").mkdir(parents=True)
    (folder / "2019").mkdir()
    (folder / "powiat.toml").write_text("[powiat]\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["2025/dzialania.csv", "2025/dane_2025.xlsx", "2025/komentarz.docx",
                                  "2025/zdjecia/festyn.jpg", "powiat.toml", "2024/kmzb.csv"])
def test_the_report_s_inputs_count(inputs: Path, name: str) -> None:
    assert InputsFilter(inputs, [2021, 2022, 2023, 2024, 2025])(None, str(inputs / name))


@pytest.mark.parametrize("name", [
    "2025/~$komentarz.docx",  # Word's owner file of an open document
    "2025/~WRL0001.tmp", "2025/~WRD0000.tmp",  # Word's temporary copies while saving
    "2025/.~lock.dane_2025.xlsx#",  # LibreOffice's lock
    "2025/A1B2C3D4",  # Excel's new workbook before it is renamed
    "2025/dane_2025.xlsx.tmp", "2025/.komentarz.md.swp", "2025/komentarz.md~",  # editors' copies
    "2025/zdjecia/Thumbs.db",
    "2025/sedPC3MT9",  # sed -i's file before it replaces the edited one
    "2019/kmzb.csv",  # a year the report does not cover
    "notatki.txt", "2025",  # outside the year folders; the folder itself
])
def test_what_office_and_editors_keep_beside_a_document_does_not(inputs: Path, name: str) -> None:
    assert not InputsFilter(inputs, [2021, 2022, 2023, 2024, 2025])(None, str(inputs / name))


def test_a_burst_of_saves_is_one_batch_and_lock_files_are_none(inputs: Path) -> None:
    year = inputs / "2025"

    def save_like_word() -> None:
        time.sleep(0.5)  # the watcher is watching by now
        (year / "~$komentarz.docx").write_bytes(b"owner")
        (year / "~WRL0001.tmp").write_bytes(b"part")
        for chunk in range(5):  # Word writes the document in several steps
            with (year / "komentarz.docx").open("ab") as file:
                file.write(b"x" * 1000 * (chunk + 1))
            time.sleep(0.02)
        (year / "~WRL0001.tmp").unlink()

    writer = threading.Thread(target=save_like_word)
    writer.start()
    batch = next(changes(inputs, [2025], polling=False))
    writer.join()
    assert batch == ["2025/komentarz.docx"]


def test_polling_where_the_system_sends_no_events(inputs: Path, monkeypatch) -> None:
    mounts = {"/": "ext4", "/mnt/c": "9p", "/srv/wspolny": "cifs", str(inputs.parent): "ext4"}
    monkeypatch.setattr(watching, "_mounts", lambda: mounts)
    assert needs_polling(Path("/mnt/c/Users/analityk/raport/inputs"))
    assert needs_polling(Path("/srv/wspolny/inputs"))
    assert not needs_polling(inputs)
    assert not needs_polling(Path("/mnt/cdrom"))  # not under /mnt/c: a prefix is not a folder


def test_polling_sees_saves_too(inputs: Path) -> None:
    def save() -> None:
        time.sleep(1)
        (inputs / "2025" / "kmzb.csv").write_text("teryt;kategoria\n", encoding="utf-8")

    writer = threading.Thread(target=save)
    writer.start()
    batch = next(changes(inputs, [2025], polling=True))
    writer.join()
    assert batch == ["2025/kmzb.csv"]
