"""The face the notebooks import: `from pipeline import report`.

Everything is in `pipeline.content.report`, one module per section of the report; this
module only gives the notebooks (and anyone running them by hand in Jupyter) a short name.
"""

from .content.report import *  # noqa: F403
from .content.report import __all__  # noqa: F401
