"""`python -m pipeline validate` and `szablon`: what the analyst sees and the exit codes."""

from __future__ import annotations

import subprocess
import sys

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
