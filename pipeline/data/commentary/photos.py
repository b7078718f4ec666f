"""A photo from the analyst's commentary, made fit to print and safe to publish (Pillow).

Every photo is decoded and drawn again: EXIF, the GPS position, the camera's data and any
other metadata never reach the report (photos from school events show children; where they
were taken must not leak). The orientation the camera recorded is applied, the colours are
converted to sRGB (the PDF/A output intent; CMYK and photos without an ICC profile too), the
size is cut to what prints sharp at the report's width (about 300 dpi), and the result is a
JPEG for a photo, a PNG for a PNG (a drawing, a screenshot). What only claims to be an image,
a broken file, a decompression bomb or a format the report cannot carry (HEIC, SVG, EMF/WMF,
...) is refused with what to do about it.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

__all__ = ["MAX_WIDTH_PX", "MIN_WIDTH_PX", "Photo", "PhotoError", "prepare"]

# A photo prints at most half the text width (about 82 mm, report.css: figure.photo).
MAX_WIDTH_PX = 1000  # 82 mm at 300 dpi
MIN_WIDTH_PX = 500  # below about 150 dpi at 82 mm, print gets soft
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}  # MPO: a phone's JPEG with a second frame
SAVE_AS = {"JPEG": ("image/jpeg", {"quality": 85, "optimize": True}), "PNG": ("image/png", {"optimize": True})}
SAVE_AS_JPEG = "zapisz zdjęcie jako JPEG albo PNG (np. w programie Paint: Plik → Zapisz jako → JPEG)"


class PhotoError(ValueError):
    """A photo the report cannot use: what is wrong and how to fix it, in Polish."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Photo:
    """A photo ready for the report: pixels only, no metadata."""

    data: bytes
    mime: str
    width_px: int
    height_px: int
    small: bool  # narrower than MIN_WIDTH_PX: it may print soft


def prepare(data: bytes) -> Photo:
    """Decode `data`, check it and draw it again as a clean JPEG or PNG."""
    image = _open(data)
    kind = FORMATS[image.format or ""]
    image = _srgb(ImageOps.exif_transpose(image))
    if image.width > MAX_WIDTH_PX:
        image = image.resize((MAX_WIDTH_PX, round(image.height * MAX_WIDTH_PX / image.width)), Image.Resampling.LANCZOS)
    mime, options = SAVE_AS[kind]
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **options)  # a new file: nothing but the pixels goes in
    return Photo(buffer.getvalue(), mime, image.width, image.height, image.width < MIN_WIDTH_PX)


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:  # e.g. WMF or EMF: Pillow knows them but cannot draw them here
                kind = "WMF/EMF (rysunek z pakietu Office)" if image.format == "WMF" else image.format
                raise PhotoError(f"format {kind} nie nadaje się do raportu", SAVE_AS_JPEG)
            image.load()
        except PhotoError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoError("obraz ma zbyt wiele pikseli (możliwa „bomba dekompresyjna”)",
                             "zmniejsz zdjęcie do kilku tysięcy pikseli szerokości") from None
        except UnidentifiedImageError:
            raise PhotoError("to nie jest obsługiwane zdjęcie (np. HEIC, SVG, EMF albo inny plik)",
                             SAVE_AS_JPEG) from None
        except (OSError, ValueError, SyntaxError):
            raise PhotoError("plik zdjęcia jest uszkodzony albo niepełny", "zapisz zdjęcie ponownie") from None
    return image


def _srgb(image: Image.Image) -> Image.Image:
    """The photo's colours in sRGB, without transparency (on white)."""
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                              outputMode="RGB" if image.mode in ("CMYK", "RGB") else None)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: the plain conversion below still gives sRGB-like colours
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    return image.convert("RGB")
