"""The warm kernel a worker process keeps for all the chapters it executes.

Each worker process starts one Jupyter kernel when it starts, imports pandas, matplotlib
and the pipeline in it once, and then executes chapter after chapter in that kernel,
with a fresh IPython session (empty namespace, execution count from 1) before each, so
nothing leaks from one gmina into the next while the imports stay paid for. The papermill
engine that uses it is `papermill_engine.WarmKernelEngine`.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from multiprocessing import util as mp_util
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from .staging import KERNEL_PREFIX, Claim

__all__ = ["KERNEL", "START_TIMEOUT", "current_kernel", "release_kernel_if_done", "start_worker"]

KERNEL = "python3"
START_TIMEOUT = 120
# What every chapter imports: paid once per kernel instead of once per chapter.
WARM_UP = "import pandas, matplotlib, pipeline.report"
# A new IPython session: empty namespace, execution count from 1, modules kept imported.
RESET = "get_ipython().reset(new_session=True)"


class _NativeKernelSpecs(KernelSpecManager):
    """Only the kernel of this very Python: a user's own "python3" kernelspec must not
    send chapters to another interpreter with other packages."""

    def _kernel_dirs_default(self) -> list[str]:
        return []


class _WarmKernel:
    """The kernel a worker process keeps for all its chapters."""

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        # The kernel's own folder: its sockets, connection file and IPython's profile, nothing in
        # the home folder. Claimed by this worker, so that the next run removes it should the
        # worker be killed (see `staging`).
        self.folder = Path(tempfile.mkdtemp(prefix=KERNEL_PREFIX))
        self.claim = Claim(self.folder)
        self.manager = KernelManager(kernel_name=KERNEL, kernel_spec_manager=_NativeKernelSpecs(),
                                     connection_file=str(self.folder / "kernel.json"), **_transport(self.folder))
        own = {"MPLBACKEND": "Agg", "IPYTHONDIR": str(self.folder / "ipython")}
        # No input history: nothing to write to disk at every reset between chapters.
        self.manager.start_kernel(cwd=str(cwd), env={**os.environ, **own, **env},
                                  extra_arguments=["--HistoryManager.enabled=False"])
        # One client for the whole life of the kernel: its channels and handshake are paid once.
        self.client = self.manager.blocking_client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=START_TIMEOUT)
        self._run(WARM_UP)

    def _run(self, code: str) -> None:
        reply = self.client.execute_interactive(code, timeout=START_TIMEOUT, store_history=False,
                                                output_hook=lambda message: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{code!r} failed in the kernel: {reply['content'].get('evalue')}")

    def reset(self) -> None:
        self._run(RESET)

    def shutdown(self) -> None:
        self.client.stop_channels()
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.claim.release()


def _transport(folder: Path) -> dict[str, str]:
    """IPC sockets where the system has them: local only, no TCP ports to race for, and
    no warning about unencrypted TCP on the terminal. The socket path must be absolute,
    because the kernel runs in another working directory than its client."""
    if os.name != "posix":
        return {"transport": "tcp"}
    return {"transport": "ipc", "ip": str(folder / "kernel")}


_KERNEL: _WarmKernel | None = None
_CHAPTERS_DONE: Any = None  # a shared flag: the build has no chapter left for any kernel


def start_worker(cwd: Path | None, env: dict[str, str], chapters_done: Any = None, scratch: Path | None = None) -> None:
    """Process-pool initializer: start this worker's kernel (unless `cwd` is None: a worker
    that only renders) and stop it when the worker ends.

    Ctrl-C is the parent's to handle (it stops the workers); a stopped worker takes its
    kernel down with it instead of leaving it to notice on its own. With `scratch` (the
    build's private folder), what libraries leave in the temporary folder (WeasyPrint's
    fonts: a worker ends without running their clean-up) goes there, and with it.
    """
    global _KERNEL, _CHAPTERS_DONE
    _CHAPTERS_DONE = chapters_done
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    if cwd is not None:
        _KERNEL = _WarmKernel(cwd, env)
        mp_util.Finalize(None, _KERNEL.shutdown, exitpriority=10)
    if scratch is not None:  # after the kernel: its socket path stays short
        tempfile.tempdir = str(scratch)


def _stop_worker(signum: int, frame: object) -> None:
    if _KERNEL is not None:
        _KERNEL.shutdown()
    os._exit(128 + signum)


def release_kernel_if_done() -> None:
    """Once the build has no chapter left, a worker only renders: its kernel's memory goes."""
    global _KERNEL
    if _KERNEL is not None and _CHAPTERS_DONE is not None and _CHAPTERS_DONE.value:
        _KERNEL.shutdown()
        _KERNEL = None


def current_kernel() -> _WarmKernel | None:
    """This worker's warm kernel, or None outside a worker."""
    return _KERNEL
