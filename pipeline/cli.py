"""The command line: parse the options, call the library once, map errors to exit codes.

Exit codes: 0 done, 1 bad data or a failed chapter, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .dataset import load_dataset
from .errors import DataError, PipelineError
from .problems import format_problems
from .registry import read_powiat
from .szablon import write_template

__all__ = ["main"]


def _validate(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.inputs, args.rok)
    years = ", ".join(str(y) for y in dataset.years)
    print(f"Sprawdzono dane lat: {years} ({args.inputs}).")
    print(format_problems(dataset.problems))
    return 0


def _szablon(args: argparse.Namespace) -> int:
    path = write_template(read_powiat(args.inputs), args.rok, args.out)
    print(f"Zapisano szablon: {path}")
    print(f"Wypełnij go, zapisz w {args.inputs}/{args.rok}/ i sprawdź: make validate ROK={args.rok}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Raport o bezpieczeństwie i profilaktyce w powiecie: dane -> PDF.",
    )
    commands = parser.add_subparsers(required=True, metavar="POLECENIE")

    def command(name: str, run: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--inputs", type=Path, default=Path("inputs"),
                         help="folder z powiat.toml i folderami lat (domyślnie: inputs)")
        sub.set_defaults(run=run)
        return sub

    validate = command("validate", _validate, "sprawdź dane roku i wypisz wszystkie problemy")
    validate.add_argument("--rok", type=int, help="rok raportu (domyślnie: najnowszy w --inputs)")
    szablon = command("szablon", _szablon, "zapisz pusty skoroszyt dane_<rok>.xlsx do wypełnienia")
    szablon.add_argument("--rok", type=int, required=True, help="rok, którego dane będą wpisane")
    szablon.add_argument("--out", type=Path, required=True, help="plik .xlsx albo folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        print(f"\n{exc}", file=sys.stderr)
        return exc.exit_code
    except PipelineError as exc:
        print(f"Błąd: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Przerwano.", file=sys.stderr)
        return 130
