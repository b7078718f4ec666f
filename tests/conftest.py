"""Shared fixtures. Tests never write to $HOME and never need the network."""

from __future__ import annotations

import atexit
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

# Jupyter, IPython and matplotlib keep state in the home folder; point them at a temp dir
# before anything imports them.
_STATE = Path(tempfile.mkdtemp(prefix="raport-tests-"))
atexit.register(shutil.rmtree, _STATE, ignore_errors=True)
for _name in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
              "MPLCONFIGDIR", "XDG_CACHE_HOME"):
    os.environ[_name] = str(_STATE / _name.lower())
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"

# make test runs the same generated examples every time (a run that passed passes again; CI never
# fails on a case nobody has seen yet): exploring new ones is make fuzz's job, a new seed each
# run. HYPOTHESIS_PROFILE=explore lets make test explore too.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "inputs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MakeInputs = Callable[..., Path]


@pytest.fixture
def powiat():
    from pipeline.data.registry import read_powiat

    return read_powiat(INPUTS)


@pytest.fixture
def make_inputs(tmp_path: Path) -> MakeInputs:
    """An inputs folder with the example powiat.toml and the given files of one year.

    `files` maps a file name in the year folder to its content: bytes, text (UTF-8) or
    the path of a fixture to copy.
    """

    def make(files: dict[str, bytes | str | Path], year: int = 2025) -> Path:
        inputs = tmp_path / "inputs"
        folder = inputs / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(INPUTS / "powiat.toml", inputs / "powiat.toml")
        for name, content in files.items():
            target = folder / name
            if isinstance(content, Path):
                shutil.copy(content, target)
            elif isinstance(content, str):
                target.write_text(content, encoding="utf-8")
            else:
                target.write_bytes(content)
        return inputs

    return make


@pytest.fixture(scope="session")
def example_inputs() -> Path:
    return INPUTS


@pytest.fixture(scope="session")
def example_report(tmp_path_factory):
    """The example data's 2025 report, rendered once for every test that reads it."""
    from pipeline.making.chain import build_report

    return build_report(INPUTS, 2025, tmp_path_factory.mktemp("reports"), jobs=2)


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request it gets: (base URL, requested paths)."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}", requests
    finally:
        httpd.shutdown()
