"""Check the image files records name, cheaply and without trusting them.

An image is an editor's file, and may be a camera's 20-megapixel JPEG, a
PNG saved under a .jpg name, an SVG (which can carry scripts), a truncated
upload, a decompression bomb (a few kilobytes that decode to gigabytes) or a
link out of the data folder. Each is a located problem at ``image.file``,
found before anything is processed: the size from the file system, the
format and dimensions from the header (Pillow's ``Image.open`` decodes no
pixels), and the integrity from a decode at an eighth of the size (a JPEG)
or the chunks' checksums (a PNG). What passes is an :class:`ImageFile`: what
pages need to name and size every published variant without processing it.
"""

from __future__ import annotations

import io
import os
import struct
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageCms, UnidentifiedImageError

from .exif import exif_orientation
from .files import MiB, StatKey, classify, fingerprint, read_capped
from .models import IMAGE_SUFFIXES, Image, Record
from .problems import FieldPath, Problem, did_you_mean, printable
from .yamlfile import YamlFile

IMAGE_FOLDER = "images"
"""The folder of ``data/`` that holds image files (nothing else)."""
MAX_IMAGE_BYTES = 20 * MiB
MAX_IMAGE_PIXELS = 40_000_000
FORMAT_OF_SUFFIX = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_SUFFIX_OF_FORMAT = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# EXIF orientations 5 to 8 turn the picture a quarter: width and height swap when it is shown.
_QUARTER_TURNS = {5, 6, 7, 8}

# Files under other names, recognised by their first bytes, so the message can say what they are.
_MAGIC = (
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
)


@dataclass(frozen=True, slots=True)
class ImageFile:
    """An image file that passed every check: where it is, what it holds, and its size as shown."""

    file: str  # as records name it (``image.file``)
    path: str  # the real path to read
    digest: str  # a hash of its bytes: names its published variants, keys the cache
    width: int  # as shown, once its EXIF orientation is applied
    height: int
    format: str  # JPEG, PNG or WEBP
    alpha: bool  # has transparency: published as PNG, not JPEG, beside the WebP


def image_places(record: Record) -> Iterator[tuple[FieldPath, Image]]:
    """Each image ``record`` carries, with its field: its own and its events'."""
    if record.image is not None:
        yield ("image",), record.image
    for i, event in enumerate(record.events):
        if event.image is not None:
            yield ("events", i, "image"), event.image


@dataclass
class ImageChecks:
    """Checked image files by path, kept while unchanged (size, mtime, inode), so ``serve`` reads each once."""

    _checked: dict[str, tuple[StatKey, ImageFile | str]] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set)
    opened: int = 0  # files read and checked by this object (the rest came from the cache)

    def check(self, images_dir: Path, name: str) -> ImageFile | str:
        """The checked file ``name`` under ``images_dir``, or what is wrong with it."""
        path = images_dir / name
        if not os.path.lexists(path):
            return _missing(images_dir, name)
        inside = os.path.realpath(images_dir)
        real = os.path.realpath(path)
        if os.path.commonpath([inside, real]) != inside:
            return "this is a link to a file outside data/images/; only files inside it are published"
        entry = classify(path, (), path.name, inside, "data/images/")
        if entry.problem is not None or entry.real is None or entry.key is None:
            return entry.problem or "the file cannot be read"
        self._seen.add(entry.real)
        kept = self._checked.get(entry.real)
        if kept is not None and kept[0] == entry.key:
            return kept[1]
        self.opened += 1
        result = _check_file(name, real, entry.key[0])
        self._checked[entry.real] = (entry.key, result)
        return result

    def forget_unseen(self) -> None:
        """Forget files no record named since the last call, so the cache does not grow with every rename."""
        for path in self._checked.keys() - self._seen:
            del self._checked[path]
        self._seen = set()


def check_images(
    records: Iterable[Record], files: dict[str, YamlFile], data_dir: Path, checks: ImageChecks | None = None
) -> tuple[dict[str, ImageFile], list[Problem]]:
    """Every image file the records name, checked once each; a problem at each ``image.file`` naming a bad one."""
    checks = ImageChecks() if checks is None else checks
    images_dir = data_dir / IMAGE_FOLDER
    found: dict[str, ImageFile | str] = {}
    problems: list[Problem] = []
    for record in records:
        source = files.get(record.id)
        for place, image in image_places(record):
            if image.file not in found:
                found[image.file] = checks.check(images_dir, image.file)
            result = found[image.file]
            if isinstance(result, str) and source is not None:
                problems.append(source.problem((*place, "file"), f"data/images/{printable(image.file)}: {result}"))
    checks.forget_unseen()
    return {name: result for name, result in found.items() if isinstance(result, ImageFile)}, problems


def layout_problem(relative: tuple[str, ...], name: str) -> str | None:
    """Why a file in ``data/images/`` does not belong there, or ``None`` for an image file."""
    lowered = name.lower()
    if lowered.endswith((".svg", ".svgz")):
        return "SVG images are not accepted (an SVG can carry scripts): export it as PNG"
    if not lowered.endswith(IMAGE_SUFFIXES):
        return "only JPEG, PNG or WebP images (.jpg, .jpeg, .png, .webp) belong in data/images/"
    return None


def _missing(images_dir: Path, name: str) -> str:
    there: list[str] = []
    if images_dir.is_dir():
        for folder, _dirs, names in os.walk(images_dir):
            base = Path(folder).relative_to(images_dir)
            there += [(base / n).as_posix() for n in names if n.lower().endswith(IMAGE_SUFFIXES)]
    return "there is no such file" + did_you_mean(name, there)


def _check_file(name: str, real: str, size: int) -> ImageFile | str:
    if size > MAX_IMAGE_BYTES:
        return f"the file is {size / MiB:.1f} MiB, over the limit of 20 MiB: export it smaller"
    raw, why = read_capped(real, MAX_IMAGE_BYTES)
    if raw is None:
        return why or "the file cannot be read"
    expected = FORMAT_OF_SUFFIX[Path(name).suffix.lower()]
    try:
        with _bombs_are_errors():
            picture = PILImage.open(io.BytesIO(raw), formats=("JPEG", "PNG", "WEBP"))
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return _too_many_pixels()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, struct.error):
        sniffed = _sniff(raw)
        if sniffed == expected:
            return "the image data is truncated or corrupt (its header cannot be read): export it again"
        if sniffed is not None:
            return f"the file is a broken {_label(sniffed)} image, not a {_label(expected)} as its name says"
        return f"the file is not a {_label(expected)} image: it is {_what_is(raw)}"
    with picture:
        if picture.format != expected:
            found = picture.format or "unknown"
            return (
                f"the file is a {_label(found)} image, not a {_label(expected)} as its name says: "
                f"rename it to {_SUFFIX_OF_FORMAT.get(found, '.png')}"
            )
        width, height = picture.size
        if width * height > MAX_IMAGE_PIXELS:
            return _too_many_pixels(width, height)
        try:
            orientation = exif_orientation(picture)
        except Exception:  # Pillow raises many kinds on broken EXIF
            return "its EXIF metadata is broken: save the image again from an editor"
        icc = picture.info.get("icc_profile")
        if icc:
            try:
                ImageCms.ImageCmsProfile(io.BytesIO(icc))
            except (ImageCms.PyCMSError, OSError, TypeError, ValueError):
                return "its colour profile (ICC) is broken: save the image again as sRGB"
        alpha = picture.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in picture.info
        broken = _integrity_problem(picture, raw)
    if broken:
        return broken
    if orientation in _QUARTER_TURNS:
        width, height = height, width
    return ImageFile(name, real, fingerprint(raw), width, height, expected, alpha)


def _integrity_problem(picture: PILImage.Image, raw: bytes) -> str | None:
    """Whether the data behind the header is whole: cheap checks only, no full decode."""
    try:
        with _bombs_are_errors():
            if picture.format == "JPEG":
                # libjpeg decodes at an eighth of the size (a few milliseconds) and still
                # reads every byte of the data: a truncated or corrupt stream fails here.
                picture.draft(picture.mode, (max(1, picture.width // 8), max(1, picture.height // 8)))
                picture.load()
            elif picture.format == "PNG":
                with PILImage.open(io.BytesIO(raw), formats=("PNG",)) as fresh:
                    fresh.verify()  # every chunk's checksum, up to the closing IEND chunk (verify wants a fresh file)
            elif picture.format == "WEBP" and _riff_size(raw) != len(raw):
                return "the file is truncated or has extra bytes (its size does not match its header)"
    except (OSError, ValueError, SyntaxError, struct.error, PILImage.DecompressionBombWarning) as error:
        return f"the image data is truncated or corrupt ({printable(str(error))}): export it again"
    return None


def _riff_size(raw: bytes) -> int:
    declared = int.from_bytes(raw[4:8], "little") + 8
    return declared + (declared % 2)  # RIFF chunks are padded to an even size


def _too_many_pixels(width: int = 0, height: int = 0) -> str:
    size = f" ({width} x {height}, {width * height / 1e6:.0f} megapixels)" if width else ""
    return f"the image is too large{size}: the limit is 40 megapixels, to guard against decompression bombs"


def _label(format_name: str) -> str:
    return {"WEBP": "WebP"}.get(format_name, format_name)


def _sniff(raw: bytes) -> str | None:
    """JPEG, PNG or WEBP by the file's first bytes (its signature), whether or not the rest is whole."""
    if raw.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if raw.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "WEBP"
    return None


def _what_is(raw: bytes) -> str:
    head = raw[:512].lstrip()
    if head[:5].lower() in (b"<?xml", b"<svg ", b"<svg>", b"<!doc") or b"<svg" in head.lower():
        return "an SVG, which is not accepted (an SVG can carry scripts): export it as PNG"
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return f"{what}; export it as JPEG, PNG or WebP"
    if not raw:
        return "empty"
    return "not an image Pillow can read; export it as JPEG, PNG or WebP"


class _bombs_are_errors(warnings.catch_warnings):
    """Pillow only warns between its limit and twice it: here its warning is raised, as an error."""

    def __enter__(self) -> None:
        super().__enter__()
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
