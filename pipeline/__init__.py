"""Annual safety and prevention report of a powiat: the analyst's data in, the council's PDF out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("raport-bezpieczenstwa")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
