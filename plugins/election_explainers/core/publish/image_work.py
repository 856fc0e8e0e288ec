"""Make the variants of one image file: the work a process of the pool does.

Kept apart from the rest of the publish layer so that a worker process,
started fresh ("spawn": a copy of a threaded ``mkdocs serve`` would not be
safe), imports Pillow and the image checks (for the orientation), no more. A worker reads the original itself
and writes each variant straight into the cache folder, returning only file
names, so the parent never holds pixels or encoded bytes: memory stays that
of one decoded picture per worker, however many images the site has.

Order of work, for every variant: EXIF orientation first (read as the checks read it), then colour to
sRGB (through the ICC profile when there is one), then the crop and resize,
then encoding with no metadata at all (no EXIF, GPS, XMP, ICC, comments,
text chunks): ``info`` is emptied and nothing is passed to the encoder.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
import warnings
from pathlib import Path

from PIL import Image, ImageCms

from ..data.exif import exif_orientation

# (file name in the folder, format, width, height)
Output = tuple[str, str, int, int]
# (crop box in the picture as shown, the outputs of that crop)
CropJob = tuple[tuple[int, int, int, int], list[Output]]
# (original's path, its width and height as shown, has alpha, folder to write in, crops)
Job = tuple[str, int, int, bool, str, list[CropJob]]

QUALITY = {"WEBP": 80, "JPEG": 82}
# EXIF orientation -> the turn that shows the picture as the camera meant (as ImageOps.exif_transpose does).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SRGB = ImageCms.createProfile("sRGB")


def process(job: Job) -> tuple[list[str], str | None]:
    """Write every output of ``job``; the names written, and what went wrong if anything did."""
    source, shown_w, shown_h, alpha, folder, crops = job
    written: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = _open_oriented(source, shown_w, shown_h, crops)
        picture = _to_srgb(picture, "RGBA" if alpha else "RGB")
        scale_x, scale_y = picture.width / shown_w, picture.height / shown_h
        for box, outputs in crops:
            scaled = (box[0] * scale_x, box[1] * scale_y, box[2] * scale_x, box[3] * scale_y)
            # Largest first, each size resized from the one before (a fraction of the pixels to read),
            # and each size made once for all its formats.
            sizes = sorted({(width, height) for _name, _fmt, width, height in outputs}, reverse=True)
            previous: Image.Image | None = None
            for width, height in sizes:
                if previous is None:
                    resized = picture.resize((width, height), Image.Resampling.LANCZOS, box=scaled, reducing_gap=3.0)
                else:
                    resized = previous.resize((width, height), Image.Resampling.LANCZOS)
                for name, fmt, w, h in outputs:
                    if (w, h) == (width, height):
                        _write(Path(folder) / name, resized, fmt)
                        written.append(name)
                previous = resized
    except Exception as error:  # a file that passed the checks but will not decode: reported, never a crash
        return written, f"{type(error).__name__}: {error}"
    return written, None


def _open_oriented(source: str, shown_w: int, shown_h: int, crops: list[CropJob]) -> Image.Image:
    picture = Image.open(source, formats=("JPEG", "PNG", "WEBP"))
    orientation = exif_orientation(picture)
    icc = picture.info.get("icc_profile")
    if picture.format == "JPEG":
        # libjpeg can decode at 1/2, 1/4 or 1/8 of the size: ask for just enough for the largest output.
        scale = max(width / (box[2] - box[0]) for box, outputs in crops for _name, _fmt, width, _h in outputs)
        stored_w, stored_h = (shown_h, shown_w) if orientation in _TURNS and orientation >= 5 else (shown_w, shown_h)
        picture.draft(picture.mode, (max(1, math.ceil(stored_w * scale)), max(1, math.ceil(stored_h * scale))))
    picture.load()
    turn = _TURNS.get(orientation)
    oriented = picture.transpose(turn) if turn is not None else picture
    oriented.info = {"icc_profile": icc} if icc else {}
    return oriented


def _to_srgb(picture: Image.Image, mode: str) -> Image.Image:
    if picture.mode in ("I;16", "I;16B", "I;16L", "I"):
        picture = picture.point(lambda value: value / 256).convert("L")  # 16-bit grey to 8-bit
    if picture.mode not in ("RGB", "RGBA", "L", "CMYK"):
        picture = picture.convert(mode)  # palette, grey with alpha…: transparency becomes alpha
    icc = picture.info.get("icc_profile")
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(picture, profile, _SRGB, outputMode=mode)
            if converted is not None:
                picture = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a profile that does not fit the pixels: the numbers are taken as sRGB already
    return picture if picture.mode == mode else picture.convert(mode)


def _write(path: Path, picture: Image.Image, fmt: str) -> None:
    picture.info = {}  # nothing of the original's metadata may reach the encoder
    options: dict[str, object] = {}
    if fmt == "WEBP":
        options = {"quality": QUALITY["WEBP"], "method": 4}
    elif fmt == "JPEG":
        options = {"quality": QUALITY["JPEG"], "optimize": True, "progressive": True}
    elif fmt == "PNG":
        options = {"compress_level": 6}
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            picture.save(file, fmt, **options)
        os.replace(temporary, path)  # whole or not at all: a killed build leaves no half image
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
