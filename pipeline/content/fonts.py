"""The report's fonts: Source Sans Pro from its Python package, reduced to the scripts a
Polish report needs, once per environment.

Every PDF part embeds the fonts it uses; WeasyPrint makes them with fontTools, which spends
most of its time reading the font's large OpenType layout tables (kerning for Greek,
Cyrillic, Vietnamese...). Reducing each font once to Latin, punctuation and the few symbols
the report uses (kerning kept) makes every later render several times faster. Greek and
Cyrillic (a Ukrainian name in the analyst's data) go into a supplement of their own, a
second family the stylesheet falls back to: a PDF embeds it only when such a letter
appears, so a report without one is the same bytes as before. What the two cover, and what
becomes of the characters they do not, is `data.glyphs`. The reduced files are made here,
on this machine, from the package's files and are not distributed (the OFL reserves the
name "Source" for modified versions one distributes).

    python -m pipeline.content.fonts      # make them now (the Makefile does it when installing)
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..data.glyphs import LATIN, SOURCE_DIR, SOURCES, SUPPLEMENT, SUPPLEMENT_COMMON

__all__ = ["FONT_FAMILY", "SOURCES", "SOURCE_DIR", "SUPPLEMENT_FAMILY", "font_dir", "font_files",
           "supplement_files"]

FONT_FAMILY = "Source Sans Pro"
SUPPLEMENT_FAMILY = "Source Sans Pro Cyrillic"  # Greek and Cyrillic, upright (the font has no italic ones)
RANGES = LATIN
SUPPLEMENT_RANGES = (*SUPPLEMENT, *SUPPLEMENT_COMMON)
SPEC = repr((RANGES, "layout_features=*", "name_IDs=*", "notdef_outline", 1, SUPPLEMENT_RANGES))
FIXED_TIMESTAMP = "1262304000"  # the reduced files' head.modified: deterministic bytes


def font_dir() -> Path:
    """Where this environment keeps the reduced fonts: inside it, keyed by source and recipe."""
    key = hashlib.sha256(SPEC.encode() + b"".join((SOURCE_DIR / n).read_bytes()[:4096] for n in SOURCES.values()))
    base = Path(sys.prefix) / "share" / "raport-bezpieczenstwa" / "fonts"
    if not os.access(base.parent.parent if not base.exists() else base, os.W_OK):
        base = Path(tempfile.gettempdir()) / f"raport-bezpieczenstwa-fonts-{os.getuid()}"
    return base / key.hexdigest()[:16]


def font_files() -> dict[tuple[int, str], Path]:
    """The reduced fonts, made on first use."""
    folder = font_dir()
    files = {style: folder / name for style, name in SOURCES.items()}
    for style, path in files.items():
        if not path.is_file():
            _reduce(SOURCE_DIR / SOURCES[style], path, RANGES)
    return files


def supplement_files() -> dict[int, Path]:
    """The Greek and Cyrillic supplement by weight, made on first use."""
    folder = font_dir()
    files = {weight: folder / name.replace(".ttf", "-Cyrillic.ttf")
             for (weight, style), name in SOURCES.items() if style == "normal"}
    for weight, path in files.items():
        if not path.is_file():
            _reduce(SOURCE_DIR / SOURCES[(weight, "normal")], path, SUPPLEMENT_RANGES)
    return files


def _reduce(source: Path, target: Path, ranges: Iterable[tuple[int, int]]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in ranges for c in range(low, high + 1)])
    subsetter.subset(font)
    font["head"].modified = int(FIXED_TIMESTAMP) + 2082844800  # seconds since 1904
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".ttf")
    os.close(handle)
    font.save(temporary)
    Path(temporary).replace(target)  # workers may make the same file at once: last one wins


if __name__ == "__main__":
    for path in [*font_files().values(), *supplement_files().values()]:
        print(path)
