"""The warm kernel: papermill runs chapter after chapter in it, and nothing leaks between them."""

from __future__ import annotations

import signal
from pathlib import Path

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from pipeline.making import kernel
from pipeline.making.execute import ENGINE, KERNEL


def _notebook(path: Path, *sources: str) -> Path:
    notebook = new_notebook(cells=[new_code_cell("x = 0", metadata={"tags": ["parameters"]}),
                                   *(new_code_cell(s) for s in sources)],
                            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                     "language": "python"}})
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def warm_kernel(tmp_path):
    """This test process plays a worker: start_worker also sets a worker's signal handling,
    which must not outlive the test (a child started later would inherit Ctrl-C ignored)."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    kernel.start_worker(tmp_path, {})
    yield kernel.current_kernel()
    kernel.current_kernel().shutdown()
    kernel._KERNEL = None
    for number, handler in handlers.items():
        signal.signal(number, handler)


def test_chapters_share_the_kernel_but_not_its_namespace(tmp_path, warm_kernel) -> None:
    first = _notebook(tmp_path / "a.ipynb", "leak = 'gmina A'\nimport os\npid = os.getpid()\nprint(pid)")
    second = _notebook(tmp_path / "b.ipynb",
                       "assert 'leak' not in dir(), 'a name from the previous chapter'\n"
                       "import os, sys\nprint(os.getpid())\n"
                       "assert 'pandas' in sys.modules, 'the warm-up imports stay'")
    kwargs = {"engine_name": ENGINE, "kernel_name": KERNEL, "progress_bar": False}
    ran_a = papermill.execute_notebook(str(first), str(tmp_path / "a-out.ipynb"), parameters={"x": 1}, **kwargs)
    ran_b = papermill.execute_notebook(str(second), str(tmp_path / "b-out.ipynb"), parameters={"x": 2}, **kwargs)
    pid_a = ran_a.cells[-1].outputs[0]["text"].strip()
    pid_b = ran_b.cells[-1].outputs[0]["text"].strip()
    assert pid_a == pid_b  # the same kernel process: no start-up paid twice
    assert ran_b.cells[0].execution_count == 1  # a fresh session: counting starts again
    assert ran_b.metadata.papermill.parameters == {"x": 2}  # injected the papermill way


def test_outside_a_worker_the_engine_is_papermills_own(tmp_path) -> None:
    assert kernel.current_kernel() is None
    notebook = _notebook(tmp_path / "c.ipynb", "y = x * 2")
    ran = papermill.execute_notebook(str(notebook), str(tmp_path / "c-out.ipynb"), parameters={"x": 21},
                                     engine_name=ENGINE, kernel_name=KERNEL, progress_bar=False)
    assert ran.metadata.papermill.parameters == {"x": 21}
