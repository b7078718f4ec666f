"""Failures the generators found, kept as fixtures (`tests/fixtures/fuzz/`) and replayed by
tests/test_fuzz_fixtures.py through the same checks: a commentary as the year folder holds it
(komentarz.md with zdjecia/, or komentarz.docx) with `case.json` (the goals the places had,
the markers written), an input set as an inputs folder (powiat.toml and the years)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .cases import markers
from .commentary import Document, write

__all__ = ["FIXTURES", "commentary_fixtures", "data_fixtures", "read_case", "save_commentary", "save_data"]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fuzz"
CASE = "case.json"


def save_commentary(document: Document, name: str, root: Path = FIXTURES) -> Path:
    folder = root / "commentary" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    write(document, folder)
    case = {"goals": list(document.goals), "goals_printed": document.goals_printed,
            "markers": sorted(markers(document))}
    (folder / CASE).write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder


def read_case(folder: Path) -> dict[str, object]:
    return json.loads((folder / CASE).read_text(encoding="utf-8"))


def save_data(folder: Path, name: str, root: Path = FIXTURES) -> Path:
    """An inputs folder as `valid` left it (the rows validate refused already emptied)."""
    target = root / "data" / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target)
    return target


def commentary_fixtures(root: Path = FIXTURES) -> list[Path]:
    return sorted(p for p in (root / "commentary").glob("*") if (p / CASE).is_file())


def data_fixtures(root: Path = FIXTURES) -> list[Path]:
    return sorted(p for p in (root / "data").glob("*") if (p / "powiat.toml").is_file())
