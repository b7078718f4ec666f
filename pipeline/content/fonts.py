"""The report's fonts: Source Sans Pro from its Python package, reduced to the scripts a
Polish report needs, once per environment.

Every PDF part embeds subsets of the fonts it uses; WeasyPrint makes them with fontTools,
which spends most of its time reading the font's large OpenType layout tables (kerning
for Greek, Cyrillic, Vietnamese...). Reducing each font once to Latin, punctuation and
the few symbols the report uses (kerning kept) makes every later subset several times
faster. The reduced files are made here, on this machine, from the package's files and are
not distributed (the OFL reserves the name "Source" for modified versions one distributes).

    python -m pipeline.content.fonts      # make them now (the Makefile does it when installing)
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import font_source_sans_pro

__all__ = ["FONT_FAMILY", "font_dir", "font_files"]

FONT_FAMILY = "Source Sans Pro"
SOURCE_DIR = Path(font_source_sans_pro.font_directory).resolve()
# (weight, style) -> file of the package.
SOURCES: dict[tuple[int, str], str] = {
    (400, "normal"): "SourceSansPro-Regular.ttf",
    (400, "italic"): "SourceSansPro-It.ttf",
    (600, "normal"): "SourceSansPro-Semibold.ttf",
    (700, "normal"): "SourceSansPro-Bold.ttf",
    (700, "italic"): "SourceSansPro-BoldIt.ttf",
}
# Latin with its extensions (Polish and every other Latin-script name a partner may have),
# combining marks, punctuation, currency, letterlike symbols, arrows, maths, shapes, ticks.
RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF),
          (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF), (0x2713, 0x2713))
SPEC = repr((RANGES, "layout_features=*", "name_IDs=*", "notdef_outline", 1))
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
            _reduce(SOURCE_DIR / SOURCES[style], path)
    return files


def _reduce(source: Path, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in RANGES for c in range(low, high + 1)])
    subsetter.subset(font)
    font["head"].modified = int(FIXED_TIMESTAMP) + 2082844800  # seconds since 1904
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".ttf")
    os.close(handle)
    font.save(temporary)
    Path(temporary).replace(target)  # workers may make the same file at once: last one wins


if __name__ == "__main__":
    for path in font_files().values():
        print(path)
