"""The tree shows the chain: the front door on top, one subpackage per stage, layers that
point one way, no cycles (import-linter's contracts in pyproject.toml), short modules."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "pipeline"
FRONT_DOOR = {"__init__.py", "__main__.py", "cli.py", "errors.py", "report.py"}
STAGES = ["data", "content", "document", "making", "preview"]  # the data's way, bottom to top
MAX_LINES = 500
MAX_MODULES = 25


def _lint_imports(root: Path, config: Path) -> subprocess.CompletedProcess[str]:
    linter = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(linter), str(config), "--no-cache"], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(root)}, timeout=120)


def test_the_import_contracts_hold() -> None:
    result = _lint_imports(ROOT, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_or_a_cycle_breaks_the_contracts(tmp_path: Path) -> None:
    """The contracts can fail: a lazy import from the data layer up into the build breaks
    both the layers (upward) and acyclicity (the build imports the data)."""
    shutil.copytree(PACKAGE, tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    schema = tmp_path / "pipeline" / "data" / "schema.py"
    schema.write_text(schema.read_text(encoding="utf-8")
                      + "\n\ndef _sneaky():\n    from ..making import chain\n\n    return chain\n", encoding="utf-8")
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)
    result = _lint_imports(tmp_path, config)
    assert result.returncode != 0
    assert "0 kept, 2 broken" in result.stdout
    assert "pipeline.data.schema -> pipeline.making.chain" in result.stdout


def test_the_layers_contract_names_every_stage_in_order() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c["layers"] for c in settings["contracts"] if c["type"] == "layers")
    assert layers[2:-1] == [f"pipeline.{stage}" for stage in reversed(STAGES)]


def test_the_top_of_the_package_is_only_the_front_door() -> None:
    top = {p.name for p in PACKAGE.iterdir() if p.is_file() and p.suffix == ".py"}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert top == FRONT_DOOR
    assert folders == set(STAGES)


def test_no_module_is_longer_than_500_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these modules: {long}"


def _packages() -> list[Path]:
    """Every folder of the package that holds modules: the stages and their subpackages."""
    return sorted(p.parent for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE and "templates" not in p.parts)


def test_tests_mirror_the_package() -> None:
    for package in _packages():
        where = package.relative_to(PACKAGE)
        modules = {p.stem for p in package.glob("*.py")} - {"__init__"}
        tested = {p.stem.removeprefix("test_") for p in (ROOT / "tests" / where).glob("test_*.py")}
        # every stage has its tests; a subpackage may be tested through its stage (content/report by the notebooks)
        assert tested or len(where.parts) > 1, f"tests/{where}/ is missing"
        assert tested <= modules | {"interrupt", "hostile_inputs", "properties"}, tested - modules


def test_no_subpackage_outgrows_its_room() -> None:
    """Past about 25 modules a folder no longer tells what it holds: split it by what its modules hold."""
    crowded = {str(p.relative_to(PACKAGE)): n for p in _packages()
               if (n := len([m for m in p.glob("*.py") if m.stem != "__init__"])) > MAX_MODULES}
    assert not crowded, f"split these subpackages: {crowded}"
