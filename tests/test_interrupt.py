"""Ctrl-C halfway through leaves the previous report as it was and no partial files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from .conftest import INPUTS, ROOT

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
