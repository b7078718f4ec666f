"""`python -m pipeline validate` and `szablon`: what the analyst sees and the exit codes."""

from __future__ import annotations

import errno
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.cli import main

from .conftest import FIXTURES, INPUTS, ROOT


def test_validate_the_example_data(capsys) -> None:
    assert main(["validate", "--inputs", str(INPUTS), "--rok", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Sprawdzono dane lat: 2021, 2022, 2023, 2024, 2025" in out
    assert "Dane są poprawne." in out


def test_bad_data_exits_1_and_lists_every_problem_in_polish(make_inputs, capsys) -> None:
    inputs = make_inputs({"przestepstwa.csv": FIXTURES / "validate" / "text_in_number.csv",
                          "ludnosc.csv": FIXTURES / "validate" / "unknown_gmina.csv"})
    assert main(["validate", "--inputs", str(inputs), "--rok", "2025"]) == 1
    err = capsys.readouterr().err
    assert "BŁĄD  2025/przestepstwa.csv, wiersz 2, kolumna „stwierdzone”: to nie jest liczba." in err
    assert "BŁĄD  2025/ludnosc.csv, wiersz 3, kolumna „gmina”: nieznana gmina." in err
    assert "Traceback" not in err


def test_wrong_usage_exits_2(tmp_path, capsys) -> None:
    assert main(["validate", "--inputs", str(INPUTS), "--rok", "1999"]) == 2
    assert "Brak folderu" in capsys.readouterr().err
    assert main(["validate", "--inputs", str(tmp_path)]) == 2


def test_the_module_runs_as_a_command() -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "validate", "--rok", "2025"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([sys.executable, "-m", "pipeline", "validate", "--nonsense"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2


def test_szablon_writes_the_workbook(tmp_path, capsys) -> None:
    assert main(["szablon", "--inputs", str(INPUTS), "--rok", "2026", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "dane_2026.xlsx").is_file()
    assert "make validate ROK=2026" in capsys.readouterr().out


# ---------------------------------------------------------------- errors that are not the data's


def test_an_internal_error_is_a_polish_sentence_a_file_and_exit_3(tmp_path, monkeypatch, capsys) -> None:
    """A bug of the program: no traceback on the terminal; it waits in a file beside the report."""
    from pipeline.making import chain

    def broken(*args, **kwargs):
        raise RuntimeError("awaria w kodzie programu")

    monkeypatch.setattr(chain, "build_report", broken)
    out = tmp_path / "reports"
    assert main(["report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(out), "--force"]) == 3
    err = capsys.readouterr().err
    kept = list((out / "2025" / "nieudane").glob("blad-*.txt"))
    assert len(kept) == 1 and re.fullmatch(r"blad-\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.txt", kept[0].name)
    assert err.startswith(f"Błąd programu (to nie jest błąd danych) – szczegóły w {kept[0]}; zgłoś go wraz z tym "
                          "plikiem.\nPlik powstał tylko na tym komputerze (program niczego nie wysyła)")
    assert "Traceback" not in err and "awaria" not in err
    text = kept[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: awaria w kodzie programu" in text
    assert "program niczego nie wysyła" in text


def test_an_internal_error_without_a_report_folder_goes_to_the_temporary_folder(tmp_path, monkeypatch,
                                                                              capsys) -> None:
    from pipeline.data import dataset

    monkeypatch.setattr(dataset, "load_dataset", lambda *args, **kwargs: 1 / 0)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["validate", "--inputs", str(INPUTS), "--rok", "2025"]) == 3
    kept = list(tmp_path.glob("blad-*.txt"))
    assert len(kept) == 1 and "ZeroDivisionError" in kept[0].read_text(encoding="utf-8")
    assert f"szczegóły w {kept[0]}" in capsys.readouterr().err


def _locked(monkeypatch, locked: Path) -> None:
    """Reading `locked` fails as it does on a Windows drive while Excel holds the file open."""
    read_bytes, read_text = Path.read_bytes, Path.read_text

    def refuse(read):
        def reading(self, *args, **kwargs):
            if self.resolve() == locked.resolve():
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return read(self, *args, **kwargs)
        return reading

    monkeypatch.setattr(Path, "read_bytes", refuse(read_bytes))
    monkeypatch.setattr(Path, "read_text", refuse(read_text))


def test_a_data_file_excel_holds_open_is_named_with_what_to_do(make_inputs, monkeypatch, capsys) -> None:
    inputs = make_inputs({"przestepstwa.csv": (INPUTS / "2025" / "przestepstwa.csv").read_bytes(),
                          "ludnosc.csv": (INPUTS / "2025" / "ludnosc.csv").read_bytes()})
    _locked(monkeypatch, inputs / "2025" / "przestepstwa.csv")
    assert main(["validate", "--inputs", str(inputs), "--rok", "2025"]) == 1
    err = capsys.readouterr().err
    assert ("BŁĄD  2025/przestepstwa.csv: nie można odczytać pliku: jest otwarty w innym programie (np. w Excelu) "
            "albo brak uprawnień do jego odczytu.\n    Jak poprawić: zamknij plik w Excelu i uruchom ponownie") in err
    assert "Traceback" not in err


def test_a_locked_file_read_before_the_checks_is_named_too(make_inputs, monkeypatch, capsys) -> None:
    inputs = make_inputs({"ludnosc.csv": (INPUTS / "2025" / "ludnosc.csv").read_bytes()})
    _locked(monkeypatch, inputs / "powiat.toml")
    assert main(["validate", "--inputs", str(inputs), "--rok", "2025"]) == 1
    err = capsys.readouterr().err
    assert err == (f"Błąd: Nie można odczytać pliku {inputs / 'powiat.toml'}: jest otwarty w innym programie albo "
                   "brak uprawnień do jego odczytu – zamknij plik w programie, w którym jest otwarty, i uruchom "
                   "ponownie.\n")


def test_a_template_that_cannot_be_written_says_where(tmp_path, monkeypatch, capsys) -> None:
    from pipeline.data import workbook

    def denied(powiat, year, out):
        raise PermissionError(errno.EACCES, "Permission denied", str(out / "dane_2026.xlsx"))

    monkeypatch.setattr(workbook, "write_template", denied)
    assert main(["szablon", "--inputs", str(INPUTS), "--rok", "2026", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (f"Błąd: Nie można zapisać w {tmp_path}: brak uprawnień. Sprawdź uprawnienia "
                                       "do tego folderu albo wskaż inny.\n")
