"""The EXIF orientation of an image, read from its header only (checks and processing agree on it)."""

from __future__ import annotations

from PIL import Image

_ORIENTATION = 0x0112


def exif_orientation(picture: Image.Image) -> int:
    """The EXIF orientation (1 to 8) from the metadata read with the header.

    Not ``getexif()``: on a PNG that decodes the whole image to look for a
    late EXIF chunk. Processing (``publish/image_work.py``) reads it the same
    way, so the size planned here is the size made there.
    """
    raw_exif = picture.info.get("exif")
    if not raw_exif:
        return 1
    exif = Image.Exif()
    exif.load(raw_exif)
    value = exif.get(_ORIENTATION, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1
