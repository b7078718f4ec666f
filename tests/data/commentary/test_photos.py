"""Photos made fit to print and safe to publish: metadata gone, turned upright, sRGB, sized;
what is no usable photo is refused with what to do."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms

from pipeline.data.commentary.photos import MAX_WIDTH_PX, PhotoError, prepare


def _jpeg(size=(1200, 800), mode="RGB", exif: Image.Exif | None = None, **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else 0).save(buffer, "JPEG", exif=exif.tobytes() if exif else b"",
                                                               **save)
    return buffer.getvalue()


def _phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefon"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (51.0, 22.0, 30.0), 3: "E", 4: (20.0, 16.0, 45.0)}
    return exif


def test_metadata_and_position_never_leave_the_photo() -> None:
    original = _jpeg(exif=_phone_exif())
    assert b"Telefon" in original
    photo = prepare(original)
    assert b"Exif" not in photo.data and b"Telefon" not in photo.data
    assert not Image.open(io.BytesIO(photo.data)).getexif()


def test_the_camera_s_orientation_is_applied() -> None:
    photo = prepare(_jpeg(size=(1200, 800), exif=_phone_exif(orientation=6)))  # taken holding the phone upright
    assert (photo.width_px, photo.height_px) == (800, 1200)


def test_cmyk_and_icc_profiles_become_srgb() -> None:
    assert Image.open(io.BytesIO(prepare(_jpeg(mode="CMYK")).data)).mode == "RGB"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    assert Image.open(io.BytesIO(prepare(_jpeg(icc_profile=profile)).data)).mode == "RGB"


def test_large_photos_are_cut_to_print_size_and_small_ones_flagged() -> None:
    big = prepare(_jpeg(size=(4000, 3000)))
    assert big.width_px == MAX_WIDTH_PX and big.height_px == MAX_WIDTH_PX * 3 // 4 and not big.small
    assert prepare(_jpeg(size=(400, 300))).small


def test_a_png_stays_a_png_on_white() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (900, 600), (0, 0, 0, 0)).save(buffer, "PNG")
    photo = prepare(buffer.getvalue())
    assert photo.mime == "image/png"
    assert Image.open(io.BytesIO(photo.data)).convert("RGB").getpixel((5, 5)) == (255, 255, 255)


def _png_of(width: int, height: int) -> bytes:
    """A valid PNG header claiming a huge size: what a decompression bomb looks like."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.mark.parametrize(("data", "words"), [
    (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "nie jest obsługiwane zdjęcie"),
    (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 200, "nie jest obsługiwane zdjęcie"),  # an iPhone's HEIC
    (b"this file only claims to be a .jpg", "nie jest obsługiwane zdjęcie"),
    (_jpeg()[:300], "uszkodzony"),
    (_png_of(40000, 40000), "zbyt wiele pikseli"),
    (b"\xd7\xcd\xc6\x9a\x00\x00" + struct.pack("<hhhhH", 0, 0, 1000, 1000, 1440) + bytes(6) + b"\x01\x00\x09\x00"
     + bytes(80), "format WMF/EMF"),  # a Windows metafile (Word's clip art)
    (struct.pack("<II", 1, 108) + struct.pack("<8i", 0, 0, 100, 100, 0, 0, 1000, 1000) + b" EMF" + bytes(80),
     "format WMF/EMF"),  # an enhanced metafile: Pillow names both WMF
])
def test_what_is_no_usable_photo_is_refused_with_what_to_do(data: bytes, words: str) -> None:
    with pytest.raises(PhotoError) as raised:
        prepare(data)
    assert words in raised.value.message
    assert raised.value.hint
    if words.startswith(("format", "nie jest")):
        assert "JPEG albo PNG" in raised.value.hint


def test_a_format_the_report_does_not_carry_is_refused() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200)).save(buffer, "BMP")  # a format Pillow reads but the report does not carry
    with pytest.raises(PhotoError) as raised:
        prepare(buffer.getvalue())
    assert "BMP" in raised.value.message and "JPEG albo PNG" in raised.value.hint
