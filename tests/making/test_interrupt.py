"""Ctrl-C halfway through leaves the previous report as it was and no partial files; an
interrupted or failed run exits at once, whatever it was doing (on every supported Python:
before 3.11.5, a worker killed while a task was being written to it hung the process)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from ..conftest import INPUTS, ROOT

pytestmark = pytest.mark.e2e


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_ctrl_c_while_chapters_run_keeps_the_old_report(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    folder = out / "2025"
    (folder / "notebooks").mkdir(parents=True)
    old_pdf = folder / "raport_opoczynski_2025.pdf"
    old_pdf.write_bytes(b"%PDF-1.7 the previous report")
    (folder / "notebooks" / "powiat.ipynb").write_text("{}", encoding="utf-8")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(out),
         "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    group = os.getpgid(process.pid)
    try:
        started = _wait_for(lambda: any(folder.glob(".budowa-*/executed/*.ipynb")), 120)
        assert started, "no chapter was ever written"
        helpers = psutil.Process(process.pid).children(recursive=True)  # workers and their kernels
        kernels = [p for p in helpers if "ipykernel" in " ".join(_cmdline(p))]
        os.killpg(group, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole foreground group
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(group, signal.SIGKILL)

    assert process.returncode == 130, err
    assert "Przerwano." in err and "Traceback" not in err
    # The old report, byte for byte, and nothing else; only whole cache entries may have been
    # kept (they are named by content, written atomically, and make the next run faster).
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts}
    assert after == before
    assert not [p for p in (folder / ".cache").rglob("*") if p.name.startswith(".tmp")]
    assert kernels, "the run was interrupted before any kernel started"
    assert _wait_for(lambda: not [p for p in helpers if _alive(p)], 15), "kernels or workers outlived the run"


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


PROMPT_EXIT = 10  # seconds: what "exits at once" means for a person at the terminal


def _start_report(out: Path, notebooks: Path | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "pipeline", "report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(out),
               "--jobs", "2", "--force"]
    if notebooks is not None:
        command += ["--notebooks", str(notebooks)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def _read_until(process: subprocess.Popen[str], text: str) -> str:
    seen = ""
    assert process.stdout is not None
    for line in process.stdout:
        seen += line
        if text in line:
            return seen
    raise AssertionError(f"the run ended before {text!r}:\n{seen}")


def test_ctrl_c_while_parts_render_exits_at_once(tmp_path: Path) -> None:
    process = _start_report(tmp_path / "reports")
    group = os.getpgid(process.pid)
    try:
        _read_until(process, "3/4 wyrenderowana")  # parts are rendering: tasks with whole documents in flight
        os.killpg(group, signal.SIGINT)
        interrupted = time.monotonic()
        output, _ = process.communicate(timeout=PROMPT_EXIT)
        took = time.monotonic() - interrupted
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running {PROMPT_EXIT} s after Ctrl-C") from None
    finally:
        if process.poll() is None:
            os.killpg(group, signal.SIGKILL)
    assert process.returncode == 130, output
    assert "Przerwano." in output and "Traceback" not in output
    assert took < PROMPT_EXIT


def test_a_chapter_failing_while_parts_render_exits_at_once(tmp_path: Path) -> None:
    """The last gmina's chapter fails late, when the other chapters' parts are rendering."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    failed_at = tmp_path / "failed-at"
    gmina = json.loads((notebooks / "gmina.ipynb").read_text(encoding="utf-8"))
    gmina["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": (
        "import time, pathlib\n"
        "if teryt == '1007083':\n"
        "    time.sleep(3)\n"
        f"    pathlib.Path({str(failed_at)!r}).write_text(str(time.time()))\n"
        "    raise RuntimeError('awaria rozdziału')")})
    (notebooks / "gmina.ipynb").write_text(json.dumps(gmina), encoding="utf-8")

    process = _start_report(tmp_path / "reports", notebooks)
    try:
        output, _ = process.communicate(timeout=180)
        ended = time.time()
    finally:
        if process.poll() is None:
            os.killpg(os.getpgid(process.pid), signal.SIGKILL)
    assert process.returncode == 1, output
    assert "gmina Żarnów" in output and "awaria rozdziału" in output and "Traceback" not in output
    assert "3/4 wyrenderowana" in output, "no part was rendering when the chapter failed"
    assert ended - float(failed_at.read_text()) < PROMPT_EXIT
