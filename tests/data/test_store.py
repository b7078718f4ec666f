"""The cache: an entry that cannot be trusted is a miss, never an error, and never code."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline.data.store import Store

KEY = "ab" * 32


def _damage(path: Path, how: str) -> None:
    """What a crash, a sync tool or a half-copied folder does to a file."""
    data = path.read_bytes()
    if how == "cut":
        path.write_bytes(data[: len(data) // 2])
    elif how == "junk":
        path.write_bytes(os.urandom(len(data)))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "directory":
        path.unlink()
        (path / "plik").mkdir(parents=True)
    else:
        raise AssertionError(how)


DAMAGE = ("cut", "junk", "empty", "directory")


def test_an_entry_comes_back_as_it_was_written(tmp_path) -> None:
    store = Store(tmp_path / ".cache")
    store.write("parts", KEY, ".pdf", b"%PDF part")
    store.write_json("validated", KEY, {"liczba": 1, "tekst": "Żarnów"})
    again = Store(tmp_path / ".cache")
    assert again.read("parts", KEY, ".pdf") == b"%PDF part"
    assert again.read_json("validated", KEY) == {"liczba": 1, "tekst": "Żarnów"}
    assert again.read("parts", "cd" * 32, ".pdf") is None and again.damaged == []  # a plain miss


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_entry_is_a_miss_and_is_written_anew(tmp_path, how) -> None:
    store = Store(tmp_path / ".cache")
    path = store.write("chapters", KEY, ".html", b"<p>rozdzial</p>" * 100)
    _damage(path, how)
    again = Store(tmp_path / ".cache")
    assert again.read("chapters", KEY, ".html") is None
    assert again.damaged == [f"chapters/{KEY}.html"]
    again.write("chapters", KEY, ".html", b"<p>nowy</p>")  # the folder in its place is no obstacle
    assert Store(tmp_path / ".cache").read("chapters", KEY, ".html") == b"<p>nowy</p>"


def test_an_entry_copied_under_another_key_is_not_taken_for_it(tmp_path) -> None:
    store = Store(tmp_path / ".cache")
    path = store.write("parts", KEY, ".pdf", b"%PDF one")
    shutil.copyfile(path, path.with_name(f"{'cd' * 32}.pdf"))
    assert store.read("parts", "cd" * 32, ".pdf") is None and store.damaged == [f"parts/{'cd' * 32}.pdf"]


def test_json_that_does_not_parse_is_a_miss(tmp_path) -> None:
    store = Store(tmp_path / ".cache")
    store.write("validated", KEY, ".json", b"{not json")
    assert store.read_json("validated", KEY) is None and store.damaged == [f"validated/{KEY}.json"]


def test_a_file_where_the_cache_or_its_folders_were_is_repaired(tmp_path) -> None:
    (tmp_path / ".cache").write_bytes(b"junk")
    store = Store(tmp_path / ".cache")
    assert store.read("parts", KEY, ".pdf") is None
    store.write("parts", KEY, ".pdf", b"%PDF")
    shutil.rmtree(tmp_path / ".cache" / "parts")
    (tmp_path / ".cache" / "parts").write_bytes(b"junk")
    assert store.read("parts", KEY, ".pdf") is None
    store.write("parts", KEY, ".pdf", b"%PDF again")
    assert store.read("parts", KEY, ".pdf") == b"%PDF again"


def test_a_forced_build_reads_nothing(tmp_path, monkeypatch) -> None:
    Store(tmp_path / ".cache").write("parts", KEY, ".pdf", b"%PDF")
    forced = Store(tmp_path / ".cache", read=False)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
    assert forced.read("parts", KEY, ".pdf") is None and forced.read_json("validated", KEY) is None


def test_pruning_keeps_what_was_used_and_what_another_run_is_writing(tmp_path) -> None:
    store = Store(tmp_path / ".cache")
    used = store.write("parts", KEY, ".pdf", b"%PDF")
    old = Store(tmp_path / ".cache").write("parts", "cd" * 32, ".pdf", b"%PDF old")
    writing = tmp_path / ".cache" / "parts" / ".tmp-inny-proces"
    writing.write_bytes(b"half")
    left_by_a_killed_run = tmp_path / ".cache" / "chapters" / ".tmp-dawno"
    left_by_a_killed_run.parent.mkdir()
    left_by_a_killed_run.write_bytes(b"half")
    os.utime(left_by_a_killed_run, (time.time() - 7200,) * 2)
    (tmp_path / ".cache" / "build.json").write_text("{}", encoding="utf-8")
    store.prune()
    assert used.is_file() and writing.is_file() and (tmp_path / ".cache" / "build.json").is_file()
    assert not old.exists() and not left_by_a_killed_run.exists()
