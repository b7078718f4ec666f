"""The live preview (`make podglad`): a resident process that makes the report again after
every save in `inputs/` and shows it in the browser, reloading the page when it changes.

    watching   which saves count, in bursts; polling where the system sends no events
    session    the loop: keep the workers warm, build through `making`, publish, show
    state      what the preview shows now, shared with the server's threads
    server     the HTML edition on 127.0.0.1, with the banner and the reload script added
    pages      the preview's own HTML: banner, messages, the reload script
"""

from .session import run_preview

__all__ = ["run_preview"]
