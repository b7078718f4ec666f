"""`make fuzz`: generated commentaries and input sets, end to end, as the analyst runs them.

    python scripts/fuzz.py [--examples 5] [--seed N] [--kind komentarz|dane|oba] [--jobs 2]

The cases come from the same hypothesis strategies as the property suites of `make test`
(tests/fuzzing/); here each goes through the real command line in a fresh process:
`python -m pipeline validate`, then `report` (notebooks, kernels, WeasyPrint, extracts, the
HTML edition and the open data), then `check-pdf`. A case passes when

- a commentary: validate stops with exit 1 and Polish problems (no traceback), or the
  report is made with exit 0;
- an input set (valid by construction): the report is made with exit 0, and check-pdf
  passes.

and, when the report is made, its PDF, every gmina's extract, the HTML edition and the open
data hold no "nan", "None", "inf" or "-0", nothing is drawn outside a page's text block,
every photo is described and no caption is empty.

The seed is printed first: `--seed` repeats a run. Every failing case is saved as a fixture
(tests/fixtures/fuzz/<commentary|data>/<seed>-<n>/, with `failure.txt` saying what failed), and
tests/test_fuzz_fixtures.py replays every fixture in `make test`. Exit code 1 when any case
failed. Jupyter and matplotlib keep their state in a temporary folder, never in $HOME.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fuzzing: the strategies and checks the property suites use

import pdfplumber  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from pipeline.data.registry import read_powiat  # noqa: E402
from tests.fuzzing.checks import bad_tokens, check_edition, outside_text_block, visible_text  # noqa: E402
from tests.fuzzing.commentary import Document, documents, write  # noqa: E402
from tests.fuzzing.datasets import YEAR, InputSet, input_sets, valid  # noqa: E402
from tests.fuzzing.fixtures import save_commentary, save_data  # noqa: E402

INPUTS = ROOT / "inputs"
STATE_VARIABLES = ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "MPLCONFIGDIR",
                   "XDG_CACHE_HOME")


class Failed(Exception):
    """A case broke a promise: what, with the command's output."""


def _run(command: list[str], env: dict[str, str], timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *command], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=timeout)


def _no_traceback(result: subprocess.CompletedProcess[str], what: str) -> None:
    if "Traceback" in result.stdout + result.stderr or result.returncode not in (0, 1):
        raise Failed(f"{what}: exit {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}")


def _pdf_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def _check_outputs(year_folder: Path, gminas: int) -> None:
    """The report, the extracts, the HTML edition and the open data, as a reader gets them."""
    pdfs = sorted(year_folder.glob("raport_*.pdf"))
    extracts = sorted((year_folder / "gminy").glob("*.pdf"))
    if len(pdfs) != 1 or len(extracts) != gminas:
        raise Failed(f"brak plików: raport {len(pdfs)}, wyciągi {len(extracts)} z {gminas}")
    for pdf in [*pdfs, *extracts]:
        if bad := bad_tokens(_pdf_text(pdf)):
            raise Failed(f"{pdf.name}: {bad[:5]}")
        if outside := outside_text_block(pdf.read_bytes()):
            raise Failed(f"{pdf.name}: poza blokiem tekstu: {outside[:5]}")
    html = {p.relative_to(year_folder / "html").as_posix(): p.read_bytes()
            for p in (year_folder / "html").rglob("*") if p.is_file()}
    check_edition(html)
    for name, data in html.items():
        if name.endswith(".html") and (bad := bad_tokens(visible_text(data.decode()))):
            raise Failed(f"html/{name}: {bad[:5]}")
    for table in (year_folder / "dane").glob("*.csv"):
        if bad := bad_tokens(table.read_text(encoding="utf-8-sig")):
            raise Failed(f"dane/{table.name}: {bad[:5]}")


def _report(inputs: Path, out: Path, env: dict[str, str], jobs: int, gminas: int, must_be_valid: bool) -> str:
    """validate, report and check-pdf through the command line; "made" or "stopped"."""
    checked = _run(["validate", "--inputs", str(inputs), "--rok", str(YEAR)], env)
    _no_traceback(checked, "validate")
    if checked.returncode == 1:
        if must_be_valid or "BŁĄD" not in checked.stdout + checked.stderr:
            raise Failed(f"validate: exit 1\n{checked.stdout[-3000:]}\n{checked.stderr[-3000:]}")
        return "stopped"
    made = _run(["report", "--inputs", str(inputs), "--rok", str(YEAR), "--out", str(out), "--jobs", str(jobs)], env)
    _no_traceback(made, "report")
    if made.returncode != 0:
        raise Failed(f"report: exit {made.returncode} after validate passed\n{made.stdout[-3000:]}\n"
                     f"{made.stderr[-3000:]}")
    pdfcheck = _run(["check-pdf", "--inputs", str(inputs), "--rok", str(YEAR), "--out", str(out)], env)
    if pdfcheck.returncode != 0:
        failed = [line for line in pdfcheck.stdout.splitlines() if "BŁĄD" in line]
        raise Failed(f"check-pdf: exit {pdfcheck.returncode}: " + "\n".join(failed) + f"\n{pdfcheck.stderr[-3000:]}")
    _check_outputs(out / str(YEAR), gminas)
    return "made"


# ---------------------------------------------------------------- the two kinds of case


def _commentary_case(work: Path, env: dict[str, str], jobs: int) -> Callable[[Document], str]:
    """The example year with a generated commentary in place of its own. One output folder
    for every case: only the chapters whose words changed are made again."""
    inputs, out = work / "inputs", work / "reports"
    shutil.copytree(INPUTS, inputs)
    gminas = len(read_powiat(inputs).gminy)

    def case(document: Document) -> str:
        year = inputs / str(YEAR)
        for old in ("komentarz.md", "komentarz.docx", "zdjecia"):
            path = year / old
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        write(document, year)
        return _report(inputs, out, env, jobs, gminas, must_be_valid=False)

    return case


def _data_case(work: Path, env: dict[str, str], jobs: int) -> Callable[[InputSet], str]:
    def case(inputs: InputSet) -> str:
        folder, out = work / "dane", work / "reports-dane"
        shutil.rmtree(out, ignore_errors=True)
        valid(inputs, folder)  # what validate refuses, out: the set is valid by construction
        return _report(folder, out, env, jobs, len(inputs.gminy), must_be_valid=True)

    return case


# ---------------------------------------------------------------- the run


def _fuzz(kind: str, examples: int, run_seed: int, case: Callable[[object], str],
          save: Callable[[object, str], Path]) -> list[Path]:
    strategy = documents(read_powiat(INPUTS)) if kind == "komentarz" else input_sets()
    failures: list[Path] = []
    number = 0

    @seed(run_seed)
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(example: object) -> None:  # never raises: every failure is kept, none is shrunk
        nonlocal number
        number += 1
        started = time.perf_counter()
        try:
            outcome = case(example)
        except Exception as error:  # noqa: BLE001 - a failure of the case, whatever it is
            detail = str(error) if isinstance(error, Failed) else "".join(traceback.format_exception(error))
            fixture = save(example, f"{run_seed}-{number:03d}")
            (fixture / "failure.txt").write_text(detail + "\n", encoding="utf-8")
            failures.append(fixture)
            outcome = f"BŁĄD -> {fixture.relative_to(ROOT)}\n    " + detail.strip().splitlines()[0][:300]
        print(f"  [{kind} {number}/{examples}] {time.perf_counter() - started:5.1f} s  {outcome}", flush=True)

    one()
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=5, help="cases of each kind")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run (printed at its start)")
    parser.add_argument("--kind", choices=("komentarz", "dane", "oba"), default="oba")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    run_seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"fuzz: seed {run_seed}, {args.examples} case(s) of each kind "
          f"(again: make fuzz SEED={run_seed} N={args.examples})", flush=True)
    started = time.perf_counter()
    failures: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="raport-fuzz-") as temporary:
        work = Path(temporary)
        env = {**os.environ, **{name: str(work / "state" / name.lower()) for name in STATE_VARIABLES},
               "JUPYTER_PLATFORM_DIRS": "1"}
        if args.kind in ("komentarz", "oba"):
            failures += _fuzz("komentarz", args.examples, run_seed, _commentary_case(work, env, args.jobs),
                              lambda doc, name: save_commentary(doc, name))
        if args.kind in ("dane", "oba"):
            failures += _fuzz("dane", args.examples, run_seed, _data_case(work, env, args.jobs),
                              lambda inputs, name: save_data(work / "dane", name))
    print(f"fuzz: seed {run_seed}: {len(failures)} failure(s) in {time.perf_counter() - started:.0f} s"
          + "".join(f"\n  {f.relative_to(ROOT)}" for f in failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
