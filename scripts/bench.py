"""Benchmark of `make report`: the time of each stage, the total and peak memory.

    python scripts/bench.py [--runs 3] [--inputs inputs] [--rok 2025]

Each figure is the median of --runs runs. Memory is sampled every 20 ms over the whole
process tree (this process, the worker processes and their Jupyter kernels): the peak
RSS of the largest single process and the peak of their sum.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.build import build_report  # noqa: E402

MIB = 1024 * 1024


@dataclass
class Memory:
    largest: int = 0  # bytes, the biggest single process
    total: int = 0  # bytes, the whole tree at its peak


class MemorySampler:
    """Polls RSS of this process and all its descendants in a background thread."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.peak = Memory()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            sizes = []
            for process in [me, *me.children(recursive=True)]:
                try:
                    sizes.append(process.memory_info().rss)
                except psutil.Error:
                    continue
            self.peak.largest = max(self.peak.largest, max(sizes, default=0))
            self.peak.total = max(self.peak.total, sum(sizes))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Runs:
    """Several runs of one scenario: stage times and memory of each."""

    seconds: list[dict[str, float]] = field(default_factory=list)
    memory: list[Memory] = field(default_factory=list)

    def median(self, stage: str) -> float:
        return statistics.median(run[stage] for run in self.seconds)

    def peak(self) -> Memory:
        return Memory(max(m.largest for m in self.memory), max(m.total for m in self.memory))


@contextmanager
def measured(runs: Runs) -> Iterator[dict[str, float]]:
    seconds: dict[str, float] = {}
    with MemorySampler() as sampler:
        yield seconds
    runs.seconds.append(seconds)
    runs.memory.append(sampler.peak)


def repeat(count: int, scenario: Callable[[dict[str, float]], None]) -> Runs:
    runs = Runs()
    for _ in range(count):
        with measured(runs) as seconds:
            started = time.perf_counter()
            scenario(seconds)
            seconds.setdefault("razem", time.perf_counter() - started)
    return runs


def full_report(inputs: Path, year: int, jobs: int | None) -> Callable[[dict[str, float]], None]:
    def run(seconds: dict[str, float]) -> None:
        with tempfile.TemporaryDirectory() as out:
            result = build_report(inputs, year, Path(out), jobs)
        seconds.update(result.seconds)
    return run


def print_stages(title: str, runs: Runs) -> None:
    print(f"\n{title} (mediana z {len(runs.seconds)} przebiegów)")
    for stage in runs.seconds[0]:
        print(f"  {stage:<14} {runs.median(stage):7.2f} s")
    peak = runs.peak()
    print(f"  pamięć: największy proces {peak.largest / MIB:6.0f} MiB, suma procesów {peak.total / MIB:6.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--inputs", type=Path, default=ROOT / "inputs")
    parser.add_argument("--rok", type=int, default=2025)
    args = parser.parse_args()
    print(f"Maszyna: {psutil.cpu_count()} rdzenie, Python {sys.version.split()[0]}")
    runs = repeat(args.runs, full_report(args.inputs, args.rok, None))
    print_stages(f"Pełny raport {args.rok}, wszystkie rdzenie", runs)


if __name__ == "__main__":
    main()
