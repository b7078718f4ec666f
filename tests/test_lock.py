"""The lock holds for every Python the project claims: each pinned distribution admits the
oldest interpreter that `requires-python` allows (Debian 12's own Python is 3.11.2)."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from .conftest import ROOT


def _oldest_supported_python() -> Version:
    """">=3.11" -> 3.11.0: the lowest version the project's own requires-python admits."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    floor = re.fullmatch(r">=\s*([\d.]+)", declared.strip())
    assert floor, f"requires-python should be a plain lower bound, not {declared!r}"
    release = [int(part) for part in floor.group(1).split(".")]
    return Version(".".join(str(part) for part in (release + [0, 0])[:3]))


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip()] = version.strip()
    return pins


def test_the_pins_are_exact_and_the_environment_was_installed_from_them() -> None:
    pins = _pins()
    assert len(pins) > 50 and all(pins.values()), "constraints.txt should pin every distribution with =="
    for name in ("pandas", "weasyprint", "papermill", "pikepdf"):
        assert name in pins
    stale = [f"{name}: {distribution(name).version} installed, {pin} pinned" for name, pin in pins.items()
             if _installed(name) and Version(distribution(name).version) != Version(pin)]
    assert not stale, "the environment is not the lock's: " + "; ".join(stale)


def test_the_makefile_checks_the_same_minimum_as_pyproject() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    minimum = re.search(r"^PYTHON_MIN := ([\d.]+)$", makefile, re.MULTILINE)
    assert minimum and Version(minimum.group(1)) == _oldest_supported_python()


def _installed(name: str) -> bool:
    try:
        distribution(name)
    except PackageNotFoundError:
        return False
    return True


def test_every_pinned_distribution_admits_the_oldest_supported_python() -> None:
    oldest = _oldest_supported_python()
    refusing = []
    for name, pin in _pins().items():
        if not _installed(name):
            continue  # pinned for another platform: not installed here
        requires = distribution(name).metadata.get("Requires-Python")
        if requires and not SpecifierSet(requires).contains(oldest, prereleases=True):
            refusing.append(f"{name}=={pin} (Requires-Python {requires})")
    assert not refusing, (f"constraints.txt pins distributions that refuse Python {oldest}, the oldest the "
                          f"project supports; run `make lock` (it resolves for {oldest}): " + ", ".join(refusing))
