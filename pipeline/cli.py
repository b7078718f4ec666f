"""The command line: parse the options, call the library once, map errors to exit codes.

Exit codes: 0 done; 1 bad data, a failed chapter, a full disk, a folder that may not be
written or an input another program holds open; 2 wrong usage; 3 an error of the program
itself (not of the data: its traceback is kept in a file, see `_internal_error`);
130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .data.fingerprint import report_years
from .errors import DataError, PipelineError, UsageError, format_problems
from .making.disk import as_pipeline_error
from .making.staging import sweep_stale
from .making.tasks import NOTEBOOKS

# The heavy modules (pandas, papermill, WeasyPrint) are imported by the commands that need
# them: `report` with nothing changed answers before any of them is loaded.

__all__ = ["INTERNAL_ERROR", "INTERRUPTED", "main"]

INTERNAL_ERROR = 3
INTERRUPTED = 130
EVIDENCE = "nieudane"  # in <out>/<rok>/, beside a failed chapter's notebook; removed by the next report made


def _validate(args: argparse.Namespace) -> int:
    from .data.dataset import load_dataset

    dataset = load_dataset(args.inputs, args.rok)
    years = ", ".join(str(y) for y in dataset.years)
    print(f"Sprawdzono dane lat: {years} ({args.inputs}).")
    print(format_problems(dataset.problems))
    return 0


def _report(args: argparse.Namespace) -> int:
    from .making.record import up_to_date

    readers = not args.tylko_pdf
    if not args.force and (record := up_to_date(args.inputs, args.rok, args.out, args.notebooks, readers)):
        sweep_stale(args.out, int(str(record["rok"])))  # every run removes what killed runs left
        pdf = args.out / str(record["rok"]) / str(record["pdf"])
        print(f"Raport jest aktualny – dane, notatniki i program nie zmieniły się: {pdf}")
        return 0
    from .making.chain import build_report
    from .making.progress import Progress

    result = build_report(args.inputs, args.rok, args.out, args.jobs, Progress(), args.notebooks, args.force, readers)
    if args.timings:
        args.timings.write_text(json.dumps({"seconds": result.seconds, "executed": result.executed,
                                            "rendered": result.rendered}, ensure_ascii=False), encoding="utf-8")
    if result.up_to_date:
        print(f"Raport jest aktualny – dane, notatniki i program nie zmieniły się: {result.pdf}")
        return 0
    warnings = [p for p in result.dataset.problems if not p.is_error] if result.dataset else []
    if warnings:
        print(f"Uwagi z kontroli danych ({len(warnings)}) – opisane też w aneksie raportu:")
        print(format_problems(warnings))
    print(f"Raport: {result.pdf}")
    return 0


def _check_pdf(args: argparse.Namespace) -> int:
    """The report in full, then each gmina's extract in one line unless a claim fails."""
    from .data.dataset import load_dataset
    from .document.assemble import document_title, extract_title
    from .document.pdfcheck import Finding, check_pdf, format_findings
    from .making.outputs import ReportPaths

    dataset = load_dataset(args.inputs, args.rok)
    paths = ReportPaths.of(args.out, dataset)
    if not paths.pdf.is_file():
        raise UsageError(f"Brak raportu {paths.pdf}. Najpierw utwórz go: make report ROK={dataset.year}")
    findings = check_pdf(paths.pdf, dataset.sources, document_title(dataset))
    print(f"Sprawdzanie {paths.pdf}:")
    print(format_findings(findings))
    ok = all(f.ok for f in findings)
    if not paths.extracts.is_dir():
        print(f"\nBez wyciągów dla gmin (brak folderu {paths.extracts}: raport utworzony z --tylko-pdf).")
        return 0 if ok else 1
    print(f"\nWyciągi dla gmin ({paths.extracts}):")
    for gmina in dataset.powiat.gminy:
        extract = paths.extract(gmina)
        found = (check_pdf(extract, dataset.sources, extract_title(dataset, gmina)) if extract.is_file()
                 else [Finding("wyciąg istnieje", False, str(extract))])
        failed = [f for f in found if not f.ok]
        ok = ok and not failed
        print(f"{'OK ' if not failed else 'BŁĄD'}  {extract.name}: spełnione wymagania {len(found) - len(failed)} "
              f"z {len(found)}")
        for finding in failed:
            print(f"      BŁĄD  {finding.claim}" + (f" ({finding.detail})" if finding.detail else ""))
    return 0 if ok else 1


def _szablon(args: argparse.Namespace) -> int:
    from .data.commentary.template import write_commentary_template
    from .data.registry import read_powiat
    from .data.workbook import write_template

    powiat = read_powiat(args.inputs)
    path = write_template(powiat, args.rok, args.out)
    words = write_commentary_template(powiat, args.rok, path.parent)
    print(f"Zapisano szablon danych: {path}")
    print(f"Zapisano szablon komentarza: {words} (nieobowiązkowy; zapisz go jako {args.rok}/komentarz.docx)")
    print(f"Wypełnij je, zapisz w {args.inputs}/{args.rok}/ i sprawdź: make validate ROK={args.rok}")
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

    report = command("report", _report, "utwórz raport PDF za rok (dane -> notatniki -> PDF)")
    report.add_argument("--rok", type=int, help="rok raportu (domyślnie: najnowszy w --inputs)")
    report.add_argument("--out", type=Path, default=Path("reports"),
                        help="folder raportów; raport trafi do <out>/<rok>/ (domyślnie: reports)")
    report.add_argument("--jobs", type=_positive, help="ile rozdziałów naraz (domyślnie: liczba rdzeni)")
    report.add_argument("--force", action="store_true", help="utwórz wszystko od nowa, bez korzystania z pamięci")
    report.add_argument("--tylko-pdf", action="store_true",
                        help="tylko raport PDF, bez wyciągów dla gmin, wydania HTML i danych otwartych (szybciej)")
    report.add_argument("--timings", type=Path, help="zapisz czasy etapów do pliku JSON (dla scripts/bench.py)")
    report.add_argument("--notebooks", type=Path, default=NOTEBOOKS,
                        help="folder z notatnikami powiat.ipynb i gmina.ipynb (domyślnie: notebooks projektu)")
    check = command("check-pdf", _check_pdf, "sprawdź gotowy PDF: PDF/A, tagi, czcionki, opisy, pliki źródłowe")
    check.add_argument("--rok", type=int, help="rok raportu (domyślnie: najnowszy w --inputs)")
    check.add_argument("--out", type=Path, default=Path("reports"), help="folder raportów (domyślnie: reports)")
    validate = command("validate", _validate, "sprawdź dane roku i wypisz wszystkie problemy")
    validate.add_argument("--rok", type=int, help="rok raportu (domyślnie: najnowszy w --inputs)")
    szablon = command("szablon", _szablon, "zapisz pusty skoroszyt dane_<rok>.xlsx i dokument komentarz_<rok>.docx")
    szablon.add_argument("--rok", type=int, required=True, help="rok, którego dane będą wpisane")
    szablon.add_argument("--out", type=Path, required=True, help="plik .xlsx albo folder")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("musi być co najmniej 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        print(f"\n{exc}", file=sys.stderr)
        return exc.exit_code
    except PipelineError as exc:
        return _error(exc)
    except KeyboardInterrupt:
        print("Przerwano.", file=sys.stderr)
        return INTERRUPTED
    except OSError as exc:  # a full disk, a folder that may not be written, a file Excel holds open
        translated = as_pipeline_error(exc, args.inputs, _report_folder(args))
        return _error(translated) if translated else _internal_error(exc, args)
    except Exception as exc:
        return _internal_error(exc, args)


def _error(exc: PipelineError) -> int:
    print(f"Błąd: {exc}", file=sys.stderr)
    return exc.exit_code


def _internal_error(exc: BaseException, args: argparse.Namespace) -> int:
    """A bug, not bad data: one sentence for the analyst, the traceback in a file for whoever
    fixes it. The file stays on this computer; nothing is sent anywhere."""
    report = _report_folder(args)
    places = [report / EVIDENCE] if report else []
    path = _write_evidence(exc, [*places, Path(tempfile.gettempdir())])
    if path is None:  # nowhere to write: the traceback goes to the terminal, the only place left
        traceback.print_exception(exc, file=sys.stderr)
        where = "powyżej"
    else:
        where = f"w {path}"
    print(f"Błąd programu (to nie jest błąd danych) – szczegóły {where}; zgłoś go wraz z tym plikiem.\n"
          "Plik powstał tylko na tym komputerze (program niczego nie wysyła) i może zawierać fragmenty danych: "
          "przejrzyj go, zanim go komuś przekażesz.", file=sys.stderr)
    return INTERNAL_ERROR


def _write_evidence(exc: BaseException, folders: list[Path]) -> Path | None:
    """`blad-<date and time>.txt` in the first of `folders` that can be written."""
    now = dt.datetime.now()
    text = "\n".join([
        "Raport o bezpieczeństwie – błąd programu (nie danych)",
        f"Czas: {now:%Y-%m-%d %H:%M:%S}",
        f"Polecenie: python -m pipeline {' '.join(sys.argv[1:])}",
        f"Wersja: {__version__}, Python {platform.python_version()}, {platform.platform()}",
        "Plik powstał tylko na tym komputerze; program niczego nie wysyła. Może zawierać fragmenty danych.",
        "", "".join(traceback.format_exception(exc))])
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for number in range(1, 100):
                path = folder / f"blad-{now:%Y-%m-%d_%H-%M-%S}{'' if number == 1 else f'-{number}'}.txt"
                try:
                    with path.open("x", encoding="utf-8") as file:
                        file.write(text)
                    return path
                except FileExistsError:
                    continue
        except OSError:
            continue
    return None


def _report_folder(args: argparse.Namespace) -> Path | None:
    """<out>/<rok> of a command that makes or reads a report; None for the others."""
    out, year = getattr(args, "out", None), getattr(args, "rok", None)
    if out is None or args.run not in (_report, _check_pdf):
        return None
    try:
        return Path(out) / str(year or report_years(Path(args.inputs), None)[-1])
    except (PipelineError, OSError):
        return None
