"""Matching what people type against the names we know: case, Polish letters, spacing."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = ["closest", "fold", "suggest"]

# NFKD splits "ą" into "a" + ogonek but leaves "ł" whole: it has no decomposition.
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L"})
_SEPARATORS = re.compile(r"[\s_\-.,;:()/\"'„”]+")


def fold(text: str) -> str:
    """A comparison key: lower case, no Polish letters, words joined by "_".

    >>> fold("  Potwierdzone (przekazane poza Policję) ")
    'potwierdzone_przekazane_poza_policje'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub("_", ascii_only.casefold()).strip("_")


def suggest(text: str, known: Iterable[str]) -> str | None:
    """The known name closest to `text`, if it is close enough to be a typo."""
    by_key = {fold(name): name for name in known}
    matches = difflib.get_close_matches(fold(text), list(by_key), n=1, cutoff=0.75)
    return by_key[matches[0]] if matches else None


def closest(text: str, known: Sequence[str], cutoff: float = 0.5) -> str:
    """The known name most like `text`, or the first one when none is much like it: the
    example a hint gives is then the one the analyst most likely meant."""
    key = fold(text)
    scores = [difflib.SequenceMatcher(None, key, fold(name)).ratio() for name in known]
    best = max(range(len(known)), key=lambda i: (scores[i], -i))  # on a tie, the earlier name
    return known[best] if scores[best] >= cutoff else known[0]
