"""Benchmark of the report chain against its floor, as `make bench` runs it.

    python scripts/bench.py [--runs 3] [--skip-scale]

Every scenario runs as a fresh process, the way an analyst runs `make report`, and every
figure is the median of --runs runs:

1. the floor: the same project functions drawing the same charts and tables in one
   process, without notebooks, rendered by one WeasyPrint call (scripts/floor.py);
2. the chain cold (no cache), with all cores and with --jobs 1; the same with --tylko-pdf
   (the report alone), to tell what the readers' copies cost: the gminas' extracts, the
   HTML edition and the open data;
3. a rerun with nothing changed;
4. a rerun after an edit local to one gmina's chapter (an event renamed), after one gmina's
   commentary changed, and after a figure that moves the averages every gmina is compared with;
5. what each chart format costs (PNG at 150/200/300 dpi, SVG);
6. a generated powiat of 30 gminas with 5,000 prevention events a year;
7. the live preview (`make podglad`, scripts/bench_preview.py): from a save to the reloaded
   page and to the published PDF, for a commentary paragraph, an event's name and a figure
   that moves the averages; its memory over --rebuilds rebuilds.

The machine's load (processes waiting for a core) is printed at the start and the end: on a
shared machine, compare figures within one run, not across runs.

Memory is sampled every 25 ms (PSS every 0.5 s) over the whole process tree (the command, its workers and
their Jupyter kernels): the peak RSS of the largest process, the peak sum of RSS (which
counts the pages the forked workers share once per process) and the peak sum of PSS
(each shared page split among the processes that use it: the memory the run really takes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import bench_preview
import psutil

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "inputs"
YEAR = 2025
MIB = 1024 * 1024


# ---------------------------------------------------------------- measuring one command


@dataclass
class Run:
    seconds: float
    largest: int  # bytes: RSS of the largest process
    total: int  # bytes: sum of RSS (counts pages the forked workers share once per process)
    shared_fairly: int  # bytes: sum of PSS (each shared page split among its users): the real total
    cpu: float = 0.0  # seconds of processor time of the whole tree: steadier than wall time on a busy machine
    stages: dict[str, float] = field(default_factory=dict)
    executed: list[str] = field(default_factory=list)


def measure(command: Sequence[str], timings: Path | None = None) -> Run:
    """Run `command`, sampling the memory of its process tree until it ends."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0, 0, 0]
    cpu: dict[tuple[int, float], float] = {}  # (pid, start time) -> user + system seconds, last seen

    def sample() -> None:
        try:
            root = psutil.Process(process.pid)
        except psutil.Error:
            return
        tick = 0
        while process.poll() is None:
            # RSS is cheap to read; PSS means reading every page map, which on 2 cores would
            # slow the very run being measured: read it 20 times less often.
            tick += 1
            sizes, proportional = [], []
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:  # a helper ended while its parent was being asked for it
                continue
            for each in tree:
                try:
                    times = each.cpu_times()
                    cpu[(each.pid, each.create_time())] = times.user + times.system
                    sizes.append(each.memory_info().rss)
                    if tick % 20 == 0:
                        proportional.append(each.memory_full_info().pss)
                except psutil.Error:
                    continue
            peak[0] = max(peak[0], max(sizes, default=0))
            peak[1] = max(peak[1], sum(sizes))
            peak[2] = max(peak[2], sum(proportional))
            time.sleep(0.025)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    run = Run(seconds, peak[0], peak[1], peak[2], sum(cpu.values()))
    if timings is not None and timings.exists():
        recorded = json.loads(timings.read_text(encoding="utf-8"))
        run.stages, run.executed = recorded["seconds"], recorded["executed"]
    return run


def report_command(inputs: Path, out: Path, timings: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "report", "--inputs", str(inputs), "--rok", str(YEAR),
            "--out", str(out), "--timings", str(timings), *extra]


def repeat(runs: int, once: Callable[[Path], Run]) -> list[Run]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            results.append(once(Path(folder)))
    return results


def median(runs: list[Run], key: Callable[[Run], float] = lambda r: r.seconds) -> float:
    return statistics.median(key(r) for r in runs)


def memory(runs: list[Run]) -> str:
    return (f"CPU {median(runs, lambda r: r.cpu):.1f} s; "
            f"pamięć: największy proces {max(r.largest for r in runs) / MIB:.0f} MiB, "
            f"suma RSS {max(r.total for r in runs) / MIB:.0f} MiB, "
            f"suma PSS {max(r.shared_fairly for r in runs) / MIB:.0f} MiB")


def show_stages(runs: list[Run]) -> None:
    names = [name for name in runs[0].stages if name != "razem"]
    for name in names:
        print(f"    {name:<42} {median(runs, lambda r, n=name: r.stages.get(n, 0.0)):6.2f} s")


def verdict(ok: bool) -> str:
    return "✓ spełniony" if ok else "✗ niespełniony"


def load() -> str:
    """The machine's load: processes running or waiting for a core, over 1, 5 and 15 minutes."""
    one, five, fifteen = os.getloadavg()
    return f"obciążenie (load average) {one:.2f} / {five:.2f} / {fifteen:.2f}"


# ---------------------------------------------------------------- the scenarios


def floor(runs: int) -> list[Run]:
    def once(folder: Path) -> Run:
        return measure([sys.executable, str(ROOT / "scripts" / "floor.py"), "--inputs", str(INPUTS),
                        "--rok", str(YEAR), "--out", str(folder / "floor.pdf")])
    return repeat(runs, once)


def cold(runs: int, inputs: Path, *extra: str) -> list[Run]:
    def once(folder: Path) -> Run:
        timings = folder / "timings.json"
        return measure(report_command(inputs, folder / "reports", timings, *extra), timings)
    return repeat(runs, once)


def unchanged(runs: int) -> list[Run]:
    with tempfile.TemporaryDirectory() as folder:
        out, timings = Path(folder) / "reports", Path(folder) / "t.json"
        measure(report_command(INPUTS, out, timings))
        return [measure(report_command(INPUTS, out, timings)) for _ in range(runs)]


def after_edits(runs: int, edit: Callable[[Path, int], None]) -> list[Run]:
    """A report made once, then `runs` reports each after `edit(inputs, attempt)`."""
    with tempfile.TemporaryDirectory() as folder:
        inputs, out = Path(folder) / "inputs", Path(folder) / "reports"
        shutil.copytree(INPUTS, inputs)
        measure(report_command(inputs, out, Path(folder) / "t.json"))
        results = []
        for attempt in range(runs):
            edit(inputs / str(YEAR), attempt)
            timings = Path(folder) / f"t{attempt}.json"
            results.append(measure(report_command(inputs, out, timings), timings))
        return results


def one_gmina_changed(runs: int) -> list[Run]:
    """Each run corrects the name of one of Żarnów's events: an edit local to its chapter."""
    return after_edits(runs, bench_preview.rename_event)


def averages_moved(runs: int) -> list[Run]:
    """Each run adds a crime in Żarnów: every gmina's comparison with the average moves."""
    return after_edits(runs, bench_preview.move_the_averages)


def one_commentary_changed(runs: int) -> list[Run]:
    """Each run adds a sentence to Drzewica's commentary, as an analyst finishing a paragraph."""
    def edit(year: Path, attempt: int) -> None:
        path = year / "komentarz.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("# Gmina Opoczno", f"Dopisek nr {attempt}.\n\n# Gmina Opoczno"), encoding="utf-8")
    return after_edits(runs, edit)


def chart_formats() -> list[str]:
    """What a chart costs to draw and to render, in each format."""
    code = r'''
import time, sys
from pipeline import report
from pipeline.content import charts
from pipeline.content.blocks import figure
from pipeline.content.report.crime import _crime_chart
from pipeline.content.theme import PALETTE
from pipeline.document.assemble import _font_faces
from pipeline.document.render import render
ds = report.load("inputs", 2025)
def draw():
    return [_crime_chart(ds, None),
            *(_crime_chart(ds, g.teryt) for g in ds.powiat.gminy)]
draw()
for fmt, dpi in (("png", 150), ("png", 200), ("png", 300), ("svg", 200)):
    charts.CHART_FORMAT, charts.CHART_DPI = fmt, dpi
    t = time.perf_counter(); made = draw(); t_draw = (time.perf_counter() - t) / len(made)
    body = "".join(str(figure(c).html) for c in made)
    html = ('<!DOCTYPE html><html lang="pl-PL"><head><meta charset="utf-8"><title>T</title><style>'
            + _font_faces() + PALETTE.css_variables() + '</style><link rel="stylesheet" href="report.css"></head><body>'
            + body + '</body></html>')
    t = time.perf_counter(); pdf = render(html); t_render = (time.perf_counter() - t) / len(made)
    size = sum(len(c.data) for c in made) / len(made) / 1024
    name = f"PNG {dpi} dpi" if fmt == "png" else "SVG (wektorowy)"
    print(name, f"{t_draw*1000:.0f}", f"{t_render*1000:.0f}", f"{size:.0f}", sep="|")
'''
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if "|" in line]


def big_powiat(folder: Path) -> Path:
    inputs = folder / "inputs"
    subprocess.run([sys.executable, "-m", "pipeline.data.example_data", "--out", str(inputs), "--gminas", "30",
                    "--events", "5000"], cwd=ROOT, check=True, capture_output=True)
    return inputs


# ---------------------------------------------------------------- the report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="przebiegi każdego scenariusza (mediana)")
    parser.add_argument("--skip-scale", action="store_true", help="bez powiatu z 30 gminami (najdłuższy)")
    parser.add_argument("--rebuilds", type=int, default=200, help="przebudowy podglądu do pomiaru pamięci (0: bez)")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Maszyna: {cores} rdzenie, Python {sys.version.split()[0]}; mediana z {args.runs} przebiegów; "
          f"{load()}.\n")

    print("1. Podłoga: te same funkcje, wykresy i tabele w jednym procesie, jedno wywołanie WeasyPrint")
    base = floor(args.runs)
    print(f"    czas {median(base):6.2f} s; {memory(base)}\n")

    print("2. Łańcuch bez pamięci podręcznej (papermill, nbconvert, WeasyPrint), wszystkie rdzenie")
    print("   sam raport PDF (--tylko-pdf)")
    alone = cold(args.runs, INPUTS, "--tylko-pdf")
    print(f"    czas {median(alone):6.2f} s; {memory(alone)}")
    show_stages(alone)
    print("   raport z wyciągami dla gmin, wydaniem HTML i danymi otwartymi (make report)")
    full = cold(args.runs, INPUTS)
    print(f"    czas {median(full):6.2f} s; {memory(full)}")
    show_stages(full)
    print("   ta sama praca na jednym rdzeniu (--jobs 1)")
    single = cold(args.runs, INPUTS, "--jobs", "1")
    print(f"    czas {median(single):6.2f} s; {memory(single)}\n")

    print("3. Ponownie, bez żadnej zmiany")
    same = unchanged(args.runs)
    print(f"    czas {median(same):6.2f} s; {memory(same)}\n")

    print("4. Ponownie, po poprawce w rozdziale jednej gminy (Żarnów: nazwa jednego wydarzenia)")
    changed = one_gmina_changed(args.runs)
    print(f"    czas {median(changed):6.2f} s; wykonane rozdziały: {', '.join(sorted(changed[0].executed))}; "
          f"{memory(changed)}")
    show_stages(changed)
    print("   po zmianie komentarza jednej gminy (Drzewica: jeden akapit dopisany w komentarz.md)")
    edited = one_commentary_changed(args.runs)
    print(f"    czas {median(edited):6.2f} s; wykonane rozdziały: {', '.join(sorted(edited[0].executed))}; "
          f"{memory(edited)}")
    print("   po zmianie liczby, która przesuwa średnie (Żarnów: jedno przestępstwo więcej)")
    moved = averages_moved(args.runs)
    print(f"    czas {median(moved):6.2f} s; wykonane rozdziały: {len(moved[0].executed)}; {memory(moved)}")
    print()

    print("5. Format wykresów: koszt jednego wykresu (rysowanie w matplotlib + renderowanie w WeasyPrint)")
    print(f"    {'format':<18} {'rysowanie':>10} {'render':>8} {'rozmiar':>8}")
    for line in chart_formats():
        name, draw, render, size = line.split("|")
        print(f"    {name:<18} {draw:>7} ms {render:>5} ms {size:>5} KiB")
    print("    wybrany: PNG 200 dpi (ostry w druku, najtańszy łącznie; SVG kosztuje więcej w WeasyPrint)\n")

    scale = None
    if not args.skip_scale:
        print("6. Powiat z 30 gminami i 5000 działań rocznie (bez pamięci podręcznej, wszystkie rdzenie)")
        with tempfile.TemporaryDirectory() as folder:
            inputs = big_powiat(Path(folder))
            scale = cold(1 if args.runs < 3 else 2, inputs)
        print(f"    czas {median(scale):6.2f} s; {memory(scale)}")
        show_stages(scale)
        print()

    preview_targets: list[str] = []
    if args.rebuilds >= 0:
        print("7. Podgląd na żywo (make podglad): od zapisu pliku do przeładowanej strony i do gotowego PDF")
        preview_targets = bench_preview.report(args.runs, args.rebuilds, median(full), verdict)
        print()

    chain, ratio_jobs = median(alone) / median(base), median(single) / median(full)
    copies = median(full) / median(alone) - 1
    copies_cpu = median(full, lambda r: r.cpu) / median(alone, lambda r: r.cpu) - 1
    print("Cele")
    print(f"    łańcuch / podłoga (sam PDF, wszystkie rdzenie): {chain:5.2f}  (cel ≤ 1,00)  {verdict(chain <= 1.0)}")
    print(f"    wyciągi, HTML i dane / sam raport:       +{copies * 100:4.1f}% czasu, +{copies_cpu * 100:4.1f}% CPU "
          f"(cel dla wyciągów ≤ +15%; tu z HTML i danymi)  {verdict(copies <= 0.15)}")
    print(f"      w tym praca: wyciągi {median(full, lambda r: r.stages.get('praca: wyciągi gmin', 0.0)):.2f} s "
          f"(w procesach roboczych, obok renderowania części), dane otwarte "
          f"{median(full, lambda r: r.stages.get('dane otwarte', 0.0)):.2f} s, wydanie HTML "
          f"{median(full, lambda r: r.stages.get('wydanie HTML', 0.0)):.2f} s")
    print(f"    --jobs 1 / wszystkie rdzenie:             {ratio_jobs:5.2f}× (cel ≥ 1,6×)  "
          f"{verdict(ratio_jobs >= 1.6)}")
    print(f"    bez zmian:                                {median(same):5.2f} s (cel < 1 s)  "
          f"{verdict(median(same) < 1.0)}")
    share = median(changed) / median(full)
    print(f"    poprawka w rozdziale gminy / pełny raport: {share:5.2f}  (cel ≤ 0,40)  {verdict(share <= 0.4)}")
    print(f"    komentarz gminy / pełny raport:            {median(edited) / median(full):5.2f}  (bez celu)")
    print(f"    liczba, która przesuwa średnie / pełny:    {median(moved) / median(full):5.2f}  (bez celu)")
    for line in preview_targets:
        print(line)
    for label, runs in (("przykład, 8 gmin", [*full, *single, *changed]), ("30 gmin", scale or [])):
        if not runs:
            continue
        rss, pss = max(r.total for r in runs) / MIB, max(r.shared_fairly for r in runs) / MIB
        print(f"    szczyt pamięci ({label}):{' ' * (23 - len(label))}PSS {pss:5.0f} MiB, RSS {rss:5.0f} MiB "
              f"(cel < 1024 MiB)  {verdict(pss < 1024)}")
    if scale:
        per_gmina_small, per_gmina_big = median(full) / 8, median(scale) / 30
        growth = per_gmina_big / per_gmina_small
        print(f"    30 gmin: czas na gminę {per_gmina_big:.2f} s wobec {per_gmina_small:.2f} s przy 8 gminach: "
              f"{growth:4.2f}× (cel ≤ 1,3×)  {verdict(growth <= 1.3)}")


    print(f"\nNa koniec: {load()}.")


if __name__ == "__main__":
    main()
