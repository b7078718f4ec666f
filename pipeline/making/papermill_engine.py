"""The papermill engine "raport-warm", registered through the `papermill.engine` entry point.

papermill imports this module while it is itself being imported (its entry-point scan),
so nothing else may import it first: code that needs the engine asks papermill for it
(`papermill_engines.get_engine("raport-warm")`). It imports from papermill nothing but
what is ready by the time the scan runs.
"""

from __future__ import annotations

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

from .kernel import current_kernel

__all__ = ["WarmKernelEngine"]


class _WarmClient(PapermillNotebookClient):
    """papermill's notebook client, handed the kernel client its worker keeps open, so no
    new client (channels, handshake) is set up for every chapter."""

    def __init__(self, nb_man, kc, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(nb_man, **kwargs)
        self.kc = kc


class WarmKernelEngine(NBClientEngine):
    """papermill's nbclient engine, run in the worker's warm kernel after a namespace reset.

    Outside a worker (no warm kernel), it is exactly papermill's own engine.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,  # type: ignore[no-untyped-def]
                                 stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
        kernel = current_kernel()
        if kernel is None:
            return super().execute_managed_notebook(
                nb_man, kernel_name, log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file,
                start_timeout=start_timeout, execution_timeout=execution_timeout, **kwargs)
        kernel.reset()
        # The arguments as papermill's own engine prepares them, plus the warm kernel.
        kwargs = remove_args(["input_path"], **kwargs)
        arguments = merge_kwargs(
            remove_args(["timeout", "startup_timeout"], **kwargs),
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout, kernel_name=kernel_name, log=logger, log_output=log_output,
            stdout_file=stdout_file, stderr_file=stderr_file)
        return _WarmClient(nb_man, kernel.client, km=kernel.manager, **arguments).execute()
