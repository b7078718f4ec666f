"""A full disk, a folder that may not be written, a read-only drive: exit 1 with a Polish
message naming the folder and what to do, no traceback, the previous report untouched and
no staging folder left. On a real small disk (tmpfs) when the tests may mount one (root,
as in CI), and with writes made to fail otherwise."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.data.dataset import load_dataset
from pipeline.data.store import Store
from pipeline.errors import DiskError, LockedFileError
from pipeline.making import chain, disk
from pipeline.making.disk import as_pipeline_error, ensure_space, flush
from pipeline.making.outputs import ReportPaths, publish
from pipeline.making.staging import staging

from ..conftest import INPUTS
from .test_staging import copy_report

MB = 2**20


def _snapshot(folder: Path) -> dict[Path, bytes]:
    """The report as a reader sees it: every file but the cache."""
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts}


def _old_report(out: Path) -> Path:
    folder = out / "2025"
    for name in ("notebooks", "gminy", "html", "dane"):
        (folder / name).mkdir(parents=True)
        (folder / name / "poprzedni.txt").write_text(name, encoding="utf-8")
    (folder / "raport_opoczynski_2025.pdf").write_bytes(b"%PDF-1.7 the previous report")
    return folder


def _report(out: Path, *extra: str) -> int:
    return cli.main(["report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(out), "--jobs", "2", *extra])


@pytest.fixture
def private_temp(tmp_path, monkeypatch) -> Path:
    """The system's temporary folder for this test alone: what a run leaves there shows."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# ---------------------------------------------------------------- messages


def test_no_space_names_the_folder_and_how_much_to_free(tmp_path) -> None:
    folder = _old_report(tmp_path)
    error = as_pipeline_error(OSError(errno.ENOSPC, "No space left on device", str(folder / ".budowa-x" / "a.pdf")),
                              INPUTS, folder)
    assert isinstance(error, DiskError)
    assert str(error).startswith(f"Brak miejsca na dysku w {folder}: zwolnij co najmniej ~")
    assert " MB i uruchom ponownie" in str(error) and "Poprzedni raport pozostał bez zmian" in str(error)
    quota = as_pipeline_error(OSError(errno.EDQUOT, "Disk quota exceeded"), INPUTS, folder)
    assert str(quota).startswith("Przekroczony limit miejsca (quota) w ")


def test_a_refused_write_names_the_folder(tmp_path) -> None:
    target = str(tmp_path / "2025" / ".budowa-abc")
    denied = as_pipeline_error(PermissionError(errno.EACCES, "Permission denied", target), INPUTS, tmp_path / "2025")
    assert str(denied).startswith(f"Nie można zapisać w {tmp_path}: brak uprawnień.")
    read_only = as_pipeline_error(OSError(errno.EROFS, "Read-only file system", target), INPUTS, tmp_path / "2025")
    assert str(read_only).startswith(f"Nie można zapisać w {tmp_path}: dysk jest tylko do odczytu.")


def test_an_input_excel_holds_open_says_to_close_it() -> None:
    csv = INPUTS / "2025" / "przestepstwa.csv"
    error = as_pipeline_error(PermissionError(errno.EACCES, "Permission denied", str(csv)), INPUTS, None)
    assert isinstance(error, LockedFileError)
    assert str(error) == (f"Nie można odczytać pliku {csv}: jest otwarty w innym programie albo brak uprawnień do "
                          "jego odczytu – zamknij plik w Excelu i uruchom ponownie.")
    docx = INPUTS / "2025" / "komentarz.docx"
    assert "zamknij plik w Wordzie" in str(as_pipeline_error(PermissionError(13, "x", str(docx)), INPUTS, None))


def test_other_errors_are_not_dressed_up() -> None:
    assert as_pipeline_error(FileNotFoundError(errno.ENOENT, "No such file", "/x"), INPUTS, None) is None


def test_the_free_space_is_checked_before_starting(tmp_path, monkeypatch) -> None:
    folder = _old_report(tmp_path)
    (folder / "html" / "duzy.bin").write_bytes(b"\0" * (3 * MB))
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10 * MB, 9 * MB, MB))
    with pytest.raises(DiskError, match=rf"Brak miejsca na dysku w {folder}: zwolnij co najmniej ~3 MB"):
        ensure_space(folder, INPUTS)
    ensure_space(tmp_path / "2031", INPUTS)  # no report yet: nothing to go by, no guess that could be wrong


def test_flush_writes_every_file_and_folder_once(tmp_path, monkeypatch) -> None:
    (tmp_path / "html" / "pliki").mkdir(parents=True)
    (tmp_path / "raport.pdf").write_bytes(b"%PDF")
    os.link(tmp_path / "raport.pdf", tmp_path / "html" / "pliki" / "raport.pdf")
    synced = []
    monkeypatch.setattr(disk, "_fsync", synced.append)
    flush([tmp_path / "raport.pdf", tmp_path / "html"])
    assert sorted(p.relative_to(tmp_path).as_posix() for p in synced) == ["html", "html/pliki", "raport.pdf"]


def test_a_rename_that_fails_puts_the_previous_report_back(tmp_path, monkeypatch) -> None:
    paths = ReportPaths.of(tmp_path, load_dataset(INPUTS, 2025))
    _old_report(tmp_path)
    before = _snapshot(paths.folder)
    real_replace = Path.replace

    def refuse_the_pdf(self: Path, target):
        if Path(target) == paths.pdf:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", refuse_the_pdf)
    with staging(paths.folder) as stage:
        for folder in paths.folders:
            (stage / folder.name).mkdir()
            (stage / folder.name / "nowy.txt").write_text("nowy", encoding="utf-8")
        (stage / paths.pdf.name).write_bytes(b"%PDF new")
        with pytest.raises(PermissionError):
            publish(stage, paths)
    assert _snapshot(paths.folder) == before


# ---------------------------------------------------------------- writes that fail (any machine)


def test_a_full_disk_while_checking_the_data_keeps_the_old_report(tmp_path, monkeypatch, capsys, private_temp) -> None:
    folder = _old_report(tmp_path / "reports")
    before = _snapshot(folder)

    def full(self, kind, key, suffix, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "write", full)
    assert _report(tmp_path / "reports", "--force") == 1
    err = capsys.readouterr().err
    assert "Brak miejsca na dysku w " in err and "zwolnij co najmniej ~" in err and "Traceback" not in err
    assert _snapshot(folder) == before
    assert not list(folder.glob(".budowa-*")) and not list(private_temp.glob("raport-prywatne-*"))


def test_a_folder_that_may_not_be_written(tmp_path, monkeypatch, capsys, private_temp) -> None:
    folder = _old_report(tmp_path / "reports")
    before = _snapshot(folder)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder / ".budowa-xyz"))

    monkeypatch.setattr("pipeline.making.staging.tempfile.mkdtemp", denied)
    assert _report(tmp_path / "reports", "--force") == 1
    err = capsys.readouterr().err
    assert f"Błąd: Nie można zapisać w {folder}: brak uprawnień." in err and "Traceback" not in err
    assert _snapshot(folder) == before


# ---------------------------------------------------------------- a real small disk (root)


@pytest.fixture
def small_disk(tmp_path):
    """Mount a tmpfs of the given size (MB) at a new folder; skip where mounting is not allowed."""
    mounted: list[Path] = []

    def mount(megabytes: int) -> Path:
        point = tmp_path / f"dysk-{uuid.uuid4().hex[:6]}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(point)],
                              capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"tmpfs cannot be mounted here ({done.stderr.decode().strip()}); see the monkeypatched tests")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def _fill(disk_root: Path, leave: int) -> None:
    """Take all the free space but `leave` bytes."""
    free = shutil.disk_usage(disk_root).free
    with (disk_root / "wypelniacz.bin").open("wb") as file:
        file.truncate(0)
        file.write(b"\0" * max(0, free - leave))


@pytest.mark.e2e
def test_a_full_disk_is_found_before_starting(example_report, small_disk, capsys, private_temp) -> None:
    root = small_disk(40)
    folder = copy_report(example_report, root / "reports")
    _fill(root, 4 * MB)
    before = _snapshot(folder)
    assert _report(root / "reports", "--force") == 1
    err = capsys.readouterr().err
    assert f"Błąd: Brak miejsca na dysku w {folder}: zwolnij co najmniej ~" in err and "Traceback" not in err
    assert _snapshot(folder) == before and not list(folder.glob(".budowa-*"))


@pytest.mark.e2e
def test_a_disk_that_fills_up_during_the_build(example_report, small_disk, capsys, monkeypatch, private_temp) -> None:
    root = small_disk(40)
    folder = copy_report(example_report, root / "reports")
    _fill(root, 6 * MB)  # room for the start, not for a whole new report
    before = _snapshot(folder)
    monkeypatch.setattr(chain, "ensure_space", lambda *args: None)  # as if the estimate had been too low
    assert _report(root / "reports", "--force") == 1
    err = capsys.readouterr().err
    assert f"Brak miejsca na dysku w {root}" in err and "zwolnij co najmniej ~" in err and "Traceback" not in err
    assert _snapshot(folder) == before
    assert not list(folder.glob(".budowa-*")) and not list(private_temp.glob("raport-prywatne-*"))


@pytest.mark.e2e
def test_a_read_only_output_folder(example_report, small_disk, capsys, private_temp) -> None:
    root = small_disk(40)
    folder = copy_report(example_report, root / "reports")
    before = _snapshot(folder)
    subprocess.run(["mount", "-o", "remount,ro", str(root)], check=True)  # root ignores chmod, not a read-only mount
    assert _report(root / "reports", "--force") == 1
    err = capsys.readouterr().err
    assert f"Błąd: Nie można zapisać w {folder}: dysk jest tylko do odczytu." in err and "Traceback" not in err
    assert _snapshot(folder) == before
    assert _report(root / "reports") == 0  # nothing changed: nothing to write, the report is there
