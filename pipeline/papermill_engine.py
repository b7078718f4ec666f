"""The papermill engine "raport-warm", registered through the `papermill.engine` entry point.

papermill imports this module while it is itself being imported (its entry-point scan),
so nothing else may import it first: code that needs the engine asks papermill for it
(`papermill_engines.get_engine("raport-warm")`). It imports from papermill nothing but
`papermill.engines`, which is ready by the time the scan runs.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine

from .engine import current_kernel

__all__ = ["WarmKernelEngine"]


class WarmKernelEngine(NBClientEngine):
    """papermill's nbclient engine, run in the worker's warm kernel after a namespace reset.

    Outside a worker (no warm kernel), it behaves exactly like papermill's own engine.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):  # type: ignore[no-untyped-def]
        kernel = current_kernel()
        if kernel is None:
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
        kernel.reset()
        return super().execute_managed_notebook(nb_man, kernel_name, km=kernel.manager, **kwargs)
