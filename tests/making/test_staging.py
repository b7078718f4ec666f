"""Staging and private folders: removed by their run, and a killed run's by the next one,
never a live run's, even where file locks cannot be trusted. A run killed outright (kill -9,
a power cut, a closed WSL window) cannot clean up after itself: the next run does, whether
or not it finds anything changed, and two runs at once still both succeed."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.making import staging as staging_module
from pipeline.making.staging import OWNER, STAGING_PREFIX, private_folder, staging, sweep

from ..conftest import INPUTS, ROOT


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _left_behind(folder: Path, name: str, owner: dict | None, age: float = 0) -> Path:
    """A staging folder as a run leaves it when it is killed."""
    stage = folder / f"{STAGING_PREFIX}{name}"
    (stage / "executed").mkdir(parents=True)
    (stage / "executed" / "powiat.ipynb").write_text("{}", encoding="utf-8")
    if owner is not None:
        (stage / OWNER).write_text(json.dumps(owner), encoding="utf-8")
    if age:
        os.utime(stage, (time.time() - age,) * 2)
    return stage


def _owner(**changes) -> dict:
    me = staging_module._me()
    return {**me, **changes}


def test_a_run_leaves_nothing_and_its_private_folder_is_its_own(tmp_path) -> None:
    with staging(tmp_path) as stage, private_folder() as private:
        assert stage.parent == tmp_path and stage.name.startswith(STAGING_PREFIX)
        assert tmp_path not in private.parents  # never under reports/
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
        assert (stage / OWNER).is_file() and (private / OWNER).is_file()
    assert not stage.exists() and not private.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_exception_removes_them_too(tmp_path) -> None:
    with pytest.raises(KeyboardInterrupt), staging(tmp_path) as stage, private_folder() as private:
        raise KeyboardInterrupt
    assert not stage.exists() and not private.exists()


def test_a_live_runs_folder_is_kept_and_a_dead_runs_removed(tmp_path) -> None:
    dead = _left_behind(tmp_path, "zabity", _owner(pid=_dead_pid(), ticks=None))
    with staging(tmp_path) as live:
        other = sweep(tmp_path, STAGING_PREFIX)  # what a second run does while this one works
        assert live.is_dir() and other == []
    assert not dead.exists()


def test_where_locks_are_not_to_be_trusted_the_owner_file_decides(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(staging_module, "_try_lock", lambda file: True)  # SMB: every lock is granted
    with staging(tmp_path) as live:
        alive_elsewhere = _left_behind(tmp_path, "inny-komputer", _owner(host="inny-komputer", started=time.time()))
        long_ago = time.time() - 2 * 86400
        old_elsewhere = _left_behind(tmp_path, "inny-dawno", _owner(host="inny-komputer", started=long_ago))
        reborn = _left_behind(tmp_path, "ten-sam-pid", _owner(ticks=-1))  # our pid, another process's start
        rebooted = _left_behind(tmp_path, "przed-restartem", _owner(boot="inny-rozruch"))
        sweep(tmp_path, STAGING_PREFIX)
        assert live.is_dir() and alive_elsewhere.is_dir()
        assert not old_elsewhere.exists() and not reborn.exists() and not rebooted.exists()


def test_a_killed_run_not_yet_reaped_is_dead(tmp_path) -> None:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        ticks = staging_module._process(process.pid)[1]
        stage = _left_behind(tmp_path, "zombie", _owner(pid=process.pid, ticks=ticks))
        process.kill()
        deadline = time.monotonic() + 10
        while staging_module._process(process.pid)[0] != "Z" and time.monotonic() < deadline:
            time.sleep(0.05)
        sweep(tmp_path, STAGING_PREFIX)  # its parent (this test) has not waited for it yet
        assert not stage.exists()
    finally:
        process.wait()


def test_a_folder_without_an_owner_is_given_an_hour(tmp_path) -> None:
    young = _left_behind(tmp_path, "mlody", None)  # a run between making its folder and claiming it
    old = _left_behind(tmp_path, "stary", None, age=2 * 3600)  # or an older version's leftovers
    broken = _left_behind(tmp_path, "uciety", None)  # killed while writing its owner file
    (broken / OWNER).write_text('{"host": "', encoding="utf-8")
    os.utime(broken, (time.time() - 2 * 3600,) * 2)
    sweep(tmp_path, STAGING_PREFIX)
    assert young.is_dir() and not old.exists() and not broken.exists()


def test_only_its_own_kind_of_folder_is_swept(tmp_path) -> None:
    (tmp_path / ".cache").mkdir()
    (tmp_path / "notebooks").mkdir()
    _left_behind(tmp_path, "zabity", _owner(pid=_dead_pid(), ticks=None))
    sweep(tmp_path, STAGING_PREFIX)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "notebooks"]


def test_the_owner_file_says_who(tmp_path) -> None:
    with staging(tmp_path) as stage:
        owner = json.loads((stage / OWNER).read_text(encoding="utf-8"))
    assert owner["host"] == socket.gethostname() and owner["pid"] == os.getpid()
    assert abs(owner["started"] - time.time()) < 60


# ---------------------------------------------------------------- killed runs, runs at once

RUN_TIMEOUT = 600


def _command(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(out),
            "--jobs", "2", *extra]


def _start(out: Path, temp: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(_command(out, *extra), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True, env={**os.environ, "TMPDIR": str(temp)})


def _run(out: Path, temp: Path, *extra: str) -> str:
    done = subprocess.run(_command(out, *extra), cwd=ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT,
                          env={**os.environ, "TMPDIR": str(temp)}, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _kill_at(out: Path, temp: Path, moment: str) -> None:
    """Start a forced build and kill its whole process group (-9) once it prints `moment`."""
    process = _start(out, temp, "--force")
    seen = ""
    try:
        assert process.stdout is not None
        for line in process.stdout:
            seen += line
            if moment in line:
                os.killpg(process.pid, signal.SIGKILL)
                break
        else:
            raise AssertionError(f"the run ended before {moment!r}:\n{seen}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


def _left(folder: Path, temp: Path) -> tuple[list[str], list[str]]:
    """Hidden entries of the year folder but the cache, and the private folders in the temp
    folder (the build's, its kernels')."""
    hidden = sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".cache")
    return hidden, sorted(p.name for p in temp.glob("raport-*"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_report(example_report, out: Path) -> Path:
    """A copy of the example report's year folder in `out`, cache included; its year folder."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-a", str(example_report.pdf.parent), str(out)], check=True)  # -a: hard links stay links
    return out / "2025"


@pytest.fixture
def report_copy(example_report, tmp_path) -> tuple[Path, Path, Path]:
    """(out, its year folder, a temp folder of its own) with the example report already made."""
    out, temp = tmp_path / "reports", tmp_path / "temp"
    temp.mkdir()
    return out, copy_report(example_report, out), temp


@pytest.mark.e2e
def test_three_killed_runs_are_cleaned_up_by_the_next_run(report_copy, example_report) -> None:
    out, folder, temp = report_copy
    expected = _sha256(example_report.pdf)

    _kill_at(out, temp, "1/4 sprawdzanie danych")  # while the data is checked
    stages, private = _left(folder, temp)
    assert len(stages) == 1 and stages[0].startswith(".budowa-") and private, (stages, private)
    output = _run(out, temp)  # nothing changed: it answers at once, and still cleans up
    assert "Raport jest aktualny" in output
    assert _left(folder, temp) == ([], [])

    _kill_at(out, temp, "2/4 gotowy rozdział")  # while chapters run
    killed_with_chapters = _left(folder, temp)
    _kill_at(out, temp, "4/4 strona tytułowa")  # while the parts are rendered and merged
    killed_merging = _left(folder, temp)
    assert len(killed_merging[0]) == 1  # this run removed the one before
    assert not set(killed_merging[0]) & set(killed_with_chapters[0])
    (folder / ".cache" / "build.json").unlink()  # the next run cannot know that nothing changed
    output = _run(out, temp)
    assert "Gotowe" in output
    assert _left(folder, temp) == ([], [])
    assert _sha256(folder / "raport_opoczynski_2025.pdf") == expected


@pytest.mark.e2e
def test_two_runs_at_once_both_succeed(report_copy, example_report) -> None:
    out, folder, temp = report_copy
    (folder / ".cache" / "build.json").unlink()  # both make the report (from the cache: quick, and at once)
    first = _start(out, temp)
    assert first.stdout is not None
    seen = ""
    for line in first.stdout:  # the second starts, and sweeps, while the first holds its staging folder
        seen += line
        if "1/4 sprawdzanie danych" in line:
            break
    second = _start(out, temp)
    outputs = [seen + first.communicate(timeout=RUN_TIMEOUT)[0], second.communicate(timeout=RUN_TIMEOUT)[0]]
    assert (first.returncode, second.returncode) == (0, 0), outputs
    assert all("Gotowe" in output for output in outputs)
    assert _sha256(folder / "raport_opoczynski_2025.pdf") == _sha256(example_report.pdf)
    assert _left(folder, temp) == ([], [])
