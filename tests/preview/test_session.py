"""`python -m pipeline podglad` as the analyst runs it: it serves the report at once, shows a
commentary change and a data change on the page that holds them, shows a bad save's messages
as `validate` prints them and recovers on the next good save, ignores Office's lock files,
listens on 127.0.0.1 only, publishes what `make report` would, and stops on Ctrl-C promptly."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader

from pipeline.cli import main
from pipeline.content.narrative import plural
from pipeline.making.chain import build_report

from ..conftest import INPUTS, ROOT
from ..making.test_staging import copy_report

pytestmark = pytest.mark.e2e

PROMPT_EXIT = 10  # seconds: what "stops at once" means for a person at the terminal
ZARNOW = "1007083"


class Preview:
    """The preview process, followed the way its page in a browser follows it."""

    def __init__(self, inputs: Path, out: Path) -> None:
        self.inputs, self.out = inputs, out
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "podglad", "--inputs", str(inputs), "--rok", "2025", "--out", str(out),
             "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.fullmatch(r"Podgląd raportu za 2025 r\.: (http://127\.0\.0\.1:\d+/)\n", line)
        assert found, line + self.process.stderr.read() if self.process.poll() is not None else line
        self.address = found.group(1)

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.address + path, timeout=120) as answer:
            return answer.read().decode("utf-8")

    def state(self) -> dict:
        return json.loads(self.get("__podglad/stan"))

    def settled(self, builds: int, timeout: float = 300) -> dict:
        """The state once `builds` builds have ended and none runs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = self.state()
            if now["zbudowane"] >= builds and now["budowane"] is None:
                return now
            time.sleep(0.1)
        raise AssertionError(f"no build ended in {timeout} s: {self.state()}")

    def after_save(self, page: str, save: Callable[[], None]) -> str:
        """Save, then wait on `page` as its reload script does; the page as reloaded, once the
        build that the save started has ended."""
        content, banner = re.search(r'data-tresc="(\w+)" data-pasek="(\d+)"', self.get(page)).groups()
        builds = self.state()["zbudowane"]
        save()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            news = json.loads(self.get(f"__podglad/czekaj?strona={page}&tresc={content}&pasek={banner}"))
            if news["tresc"] != content:
                break
            banner = news["pasek"]
        self.settled(builds + 1)
        return self.get(page)

    def interrupt(self) -> tuple[int, str, str, float]:
        """Ctrl-C as a terminal sends it (to the whole group): exit code, output, seconds taken."""
        helpers = psutil.Process(self.process.pid).children(recursive=True)
        os.killpg(self.process.pid, signal.SIGINT)
        started = time.monotonic()
        try:
            out, err = self.process.communicate(timeout=60)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
        took = time.monotonic() - started
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in helpers if _alive(p)], "workers or kernels outlived the preview"
        return self.process.returncode, out, err, took


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _edit_csv(path: Path, teryt: str, column: str, value: Callable[[str], str]) -> None:
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    index, where = rows[0].index(column), rows[0].index("teryt")
    mine = [r for r in rows[1:] if r[where] == teryt]
    if "uczestnicy" in rows[0]:  # an event: the biggest, which the gmina's chapter names
        mine.sort(key=lambda r: -int(r[rows[0].index("uczestnicy")]))
    mine[0][index] = value(mine[0][index])
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)


def _copy(example_report, folder: Path) -> tuple[Path, Path]:
    inputs, out = folder / "inputs", folder / "reports"
    shutil.copytree(INPUTS, inputs)
    copy_report(example_report, out)
    return inputs, out


@pytest.fixture(scope="module")
def preview(example_report, tmp_path_factory) -> Iterator[Preview]:
    running = Preview(*_copy(example_report, tmp_path_factory.mktemp("podglad")))
    try:
        yield running
    finally:
        if running.process.poll() is None:
            os.killpg(running.process.pid, signal.SIGKILL)
            running.process.wait()


def test_it_serves_the_report_at_once_on_loopback_only(preview: Preview, example_report) -> None:
    pages = len(PdfReader(example_report.pdf).pages)
    state = preview.settled(1)
    assert state["blad"] is None and state["pdf"]["strony"] == pages
    page = preview.get()
    assert "Informacja o stanie bezpieczeństwa" in page and "Podgląd na żywo" in page
    assert f"raport_opoczynski_2025.pdf</a>, {pages} {plural(pages, 'strona', 'strony', 'stron')}" in page
    listening = [c for p in [psutil.Process(preview.process.pid)] for c in p.net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN]
    assert listening and {c.laddr.ip for c in listening} == {"127.0.0.1"}


def test_a_commentary_change_shows_on_its_page(preview: Preview) -> None:
    path = preview.inputs / "2025" / "komentarz.md"
    sentence = "Zdanie dopisane podczas podglądu na żywo."
    text = path.read_text(encoding="utf-8")
    page = preview.after_save("gmina-drzewica.html", lambda: path.write_text(
        text.replace("# Gmina Opoczno", f"{sentence}\n\n# Gmina Opoczno", 1), encoding="utf-8"))
    assert sentence in page
    published = (preview.out / "2025" / "html" / "gmina-drzewica.html").read_text(encoding="utf-8")
    assert sentence in published and "<script" not in published  # published as make report does, script-free


def test_a_data_change_shows_on_its_page(preview: Preview) -> None:
    page = preview.after_save("gmina-zarnow.html", lambda: _edit_csv(
        preview.inputs / "2025" / "dzialania.csv", ZARNOW, "nazwa", lambda _: "Festyn rodzinny podczas podglądu"))
    assert "Festyn rodzinny podczas podglądu" in page


def test_a_bad_save_shows_validate_s_messages_until_the_next_good_save(preview: Preview, capsys) -> None:
    path = preview.inputs / "2025" / "przestepstwa.csv"
    good = path.read_bytes()
    pdf = preview.out / "2025" / "raport_opoczynski_2025.pdf"
    before = pdf.read_bytes()
    page = preview.after_save("index.html", lambda: _edit_csv(path, ZARNOW, "stwierdzone", lambda _: "dwa"))
    assert main(["validate", "--inputs", str(preview.inputs), "--rok", "2025"]) == 1
    messages = capsys.readouterr().err.strip()
    shown = preview.state()["blad"]
    assert shown == messages  # the very words of make validate
    assert "Raport nie powstał" in page and "to nie jest liczba. Wartość: „dwa”" in page
    assert "to nie jest liczba" in preview.get("gmina-zarnow.html")
    assert pdf.read_bytes() == before  # the published report stays as it was

    page = preview.after_save("index.html", lambda: path.write_bytes(good))
    assert preview.state()["blad"] is None and "Raport nie powstał" not in page
    assert "Najważniejsze wnioski" in page


def test_office_s_lock_files_make_no_rebuild(preview: Preview) -> None:
    builds = preview.settled(1)["zbudowane"]
    (preview.inputs / "2025" / "~$komentarz.docx").write_bytes(b"owner")
    (preview.inputs / "2025" / ".~lock.dane_2025.xlsx#").write_text("lock", encoding="utf-8")
    time.sleep(3)
    state = preview.state()
    assert state["zbudowane"] == builds and state["budowane"] is None


def test_it_publishes_what_make_report_makes(preview: Preview, tmp_path: Path) -> None:
    preview.settled(1)
    made = build_report(preview.inputs, 2025, tmp_path / "reports", jobs=2)
    assert made.pdf.read_bytes() == (preview.out / "2025" / made.pdf.name).read_bytes()
    assert main(["report", "--inputs", str(preview.inputs), "--rok", "2025", "--out", str(preview.out)]) == 0


def test_ctrl_c_when_idle_stops_it_within_10_s(preview: Preview) -> None:
    preview.settled(1)
    code, out, err, took = preview.interrupt()
    assert code == 0 and "Podgląd zatrzymany." in out and "Traceback" not in err
    assert took < PROMPT_EXIT


def test_ctrl_c_while_it_builds_stops_it_within_10_s_and_keeps_the_report(example_report, tmp_path: Path) -> None:
    running = Preview(*_copy(example_report, tmp_path))
    folder = running.out / "2025"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts}
    running.settled(1)
    _edit_csv(running.inputs / "2025" / "ruch_drogowy.csv", ZARNOW, "wypadki", lambda n: str(int(n) + 1))
    deadline = time.monotonic() + 60
    while not any(folder.glob(".budowa-*/executed/*.ipynb")) and time.monotonic() < deadline:
        time.sleep(0.05)  # chapters are being executed
    code, out, err, took = running.interrupt()
    assert code == 0 and "Podgląd zatrzymany." in out and "Traceback" not in err, err
    assert took < PROMPT_EXIT
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts}
    assert after == before  # published only when whole; the staging folder is gone
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [".cache"]


def test_ctrl_c_in_its_first_second_prints_no_traceback(example_report, tmp_path: Path) -> None:
    """The fork server imports its modules then, and ignores Ctrl-C only afterwards: it is
    started with Ctrl-C ignored (`workers`), so only the preview answers it."""
    running = Preview(*_copy(example_report, tmp_path))
    time.sleep(0.3)
    code, out, err, took = running.interrupt()
    assert code == 0 and "Podgląd zatrzymany." in out
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert took < PROMPT_EXIT
