"""Published images: which sizes and formats exist, and the ``<picture>`` that offers them.

The plan is pure arithmetic on a checked file's dimensions (read from its
header when the data was loaded, see ``core/data/images.py``), so pages can
name and size every variant without any image being processed; the publish
layer (``core/publish/images.py``) makes exactly the files planned here.

Each variant's name is a hash of the original's bytes, the processing
settings and the crop, plus its width: ``images/3f9c0a1b2c4d-640.webp``. A
changed photo, crop or setting gets new names, so no reader's browser keeps
an old one, and an unchanged one keeps its names (and its cache) for ever.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..data.dataset import Dataset
from ..data.images import ImageFile
from ..data.models import Event, Image, Record

OUTPUT_FOLDER = "images"
"""Where variants are published in the site: ``images/<name>-<width>.<ext>``."""
WIDTHS = (320, 640, 1024, 1600)
"""The widths of the whole picture; never more than the original's (nothing is upscaled)."""
THUMB_WIDTHS = {"square": (160, 320, 640), "wide": (320, 640, 1024)}
CROP_RATIOS = {"full": None, "square": (1, 1), "wide": (16, 9), "card": (1200, 630)}
CARD_SIZE = (1200, 630)
SETTINGS_VERSION = "1"
"""Bump when processing changes (quality, resampling, formats): every variant gets a new name."""
EXTENSION = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}
MIME = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
DEFAULT_SIZES = "(min-width: 76.25em) 42rem, 100vw"
"""What the ``sizes`` attribute says when the page gives none: Material's content column."""

Box = tuple[int, int, int, int]  # left, top, right, bottom, in the picture as shown (orientation applied)


@dataclass(frozen=True, slots=True)
class Variant:
    """One published file: a size of one crop in one format."""

    path: str  # in the site: images/<name>-<width>.<ext>
    format: str  # WEBP, JPEG or PNG
    width: int
    height: int
    crop: str  # full, square, wide or card
    box: Box  # the part of the original it shows

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True, slots=True)
class Picture:
    """Every variant of one crop of one image, smallest first; WebP plus a JPEG (or, with transparency, PNG)."""

    image: Image
    source: ImageFile
    crop: str
    variants: tuple[Variant, ...]

    @property
    def fallback_format(self) -> str:
        return "PNG" if self.source.alpha else "JPEG"

    def of_format(self, format_name: str) -> list[Variant]:
        return [v for v in self.variants if v.format == format_name]

    @property
    def largest(self) -> Variant:
        """The fallback's largest size: what ``<img src>`` names and what sets the width and height."""
        return self.of_format(self.fallback_format)[-1]


def crop_box(width: int, height: int, ratio: tuple[int, int] | None, focus: tuple[float, float]) -> Box:
    """The largest part of a ``width`` by ``height`` picture with ``ratio``, centred as near ``focus`` as fits."""
    if ratio is None:
        return (0, 0, width, height)
    across, down = ratio
    box_w, box_h = width, round(width * down / across)
    if box_h > height:
        box_w, box_h = round(height * across / down), height
    box_w, box_h = max(1, min(box_w, width)), max(1, min(box_h, height))
    left = min(max(round(focus[0] * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focus[1] * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def widths_for(available: int, wanted: tuple[int, ...]) -> list[int]:
    """The widths to make of a crop ``available`` pixels wide: those it reaches, and itself when under the largest."""
    widths = {w for w in wanted if w <= available}
    if available < max(wanted):
        widths.add(available)
    return sorted(widths)


def _name(source: ImageFile, crop: str, box: Box) -> str:
    key = f"{SETTINGS_VERSION}\n{source.digest}\n{crop}\n{box}"
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def picture(image: Image, source: ImageFile, crop: str = "full") -> Picture:
    """The variants of ``image`` (whose checked file is ``source``) for one crop: full, square, wide or card."""
    box = crop_box(source.width, source.height, CROP_RATIOS[crop], image.focus_point)
    box_w, box_h = box[2] - box[0], box[3] - box[1]
    if crop == "card":  # one size: social networks want 1200 by 630, or the most there is
        widths = [min(CARD_SIZE[0], box_w)]
        formats = ["PNG" if source.alpha else "JPEG"]
    else:
        widths = widths_for(box_w, THUMB_WIDTHS.get(crop, WIDTHS))
        formats = ["WEBP", "PNG" if source.alpha else "JPEG"]
    name = _name(source, crop, box)
    infix = "" if crop == "full" else f"-{crop}"
    variants = tuple(
        Variant(
            f"{OUTPUT_FOLDER}/{name}{infix}-{width}.{EXTENSION[fmt]}",
            fmt,
            width,
            box_h if width == box_w else max(1, round(width * box_h / box_w)),
            crop,
            box,
        )
        for fmt in formats
        for width in widths
    )
    return Picture(image, source, crop, variants)


RECORD_CROPS = ("full", "square", "wide", "card")
"""A record's own image is shown whole, as square and wide thumbnails in lists, and as its social card."""
EVENT_CROPS = ("full",)


def record_picture(dataset: Dataset, record: Record, crop: str = "full") -> Picture | None:
    """The picture of ``record``'s own image in ``crop`` (full, square, wide, card), or ``None`` without one.

    A record's image is part of its fingerprint (see the loader), so a page
    that shows it only needs to have read the record (``rec:<id>``).
    """
    image = record.image
    source = dataset.images.get(image.file) if image is not None else None
    return picture(image, source, crop) if image is not None and source is not None else None


def event_picture(dataset: Dataset, event: Event) -> Picture | None:
    """The picture of an event's image, whole, or ``None`` without one."""
    source = dataset.images.get(event.image.file) if event.image is not None else None
    return picture(event.image, source) if event.image is not None and source is not None else None


def card_variant(dataset: Dataset, record: Record) -> Variant | None:
    """The 1200 x 630 social card cut from ``record``'s image (smaller when the image is), or ``None``."""
    pic = record_picture(dataset, record, "card")
    return pic.variants[0] if pic is not None else None


def picture_html(
    pic: Picture,
    url_of: Callable[[str], str] | None = None,
    *,
    sizes: str = DEFAULT_SIZES,
    lead: bool = False,
    figure: bool = True,
    css_class: str = "",
) -> Markup:
    """``<picture>`` with a WebP ``<source>`` and a JPEG/PNG ``<img>``, in a ``<figure>`` with caption and credit.

    ``url_of`` turns a site path (``images/…``) into the link to write on the
    page (a relative URL); by default the path itself. ``lead`` is for the
    image at the top of a page: loaded at once (``loading="eager"``,
    ``fetchpriority="high"``); every other image waits until it nears the
    screen (``loading="lazy"``, ``decoding="async"``). ``width`` and ``height``
    are always given, so nothing moves when the image arrives. Every data
    string is escaped.
    """
    link = url_of if url_of is not None else str

    def srcset(variants: list[Variant]) -> str:
        return ", ".join(f"{link(v.path)} {v.width}w" for v in variants)

    fallback = pic.of_format(pic.fallback_format)
    largest = pic.largest
    loading = 'loading="eager" fetchpriority="high"' if lead else 'loading="lazy" decoding="async"'
    sources = "".join(
        f'<source type="{MIME[fmt]}" srcset="{escape(srcset(pic.of_format(fmt)))}" sizes="{escape(sizes)}">'
        for fmt in ("WEBP",)
        if pic.of_format(fmt)
    )
    img = (
        f'<img src="{escape(link(largest.path))}" srcset="{escape(srcset(fallback))}" sizes="{escape(sizes)}" '
        f'width="{largest.width}" height="{largest.height}" alt="{escape(pic.image.alt)}" {loading}>'
    )
    html = f"<picture>{sources}{img}</picture>"
    if not figure:
        return Markup(html)
    caption = credit_html(pic.image)
    classes = f' class="{escape(css_class)}"' if css_class else ""
    return Markup(f"<figure{classes}>{html}{caption}</figure>")


def credit_html(image: Image) -> Markup:
    """``<figcaption>`` with the caption, then the credit and licence (linked to the source when given)."""
    parts: list[str] = []
    if image.caption:
        parts.append(f'<span class="ee-caption">{escape(image.caption)}</span>')
    credit = " · ".join(str(escape(x)) for x in (image.credit, image.licence) if x)
    if credit and image.source_url:
        credit = f'<a href="{escape(image.source_url)}" rel="nofollow noopener">{credit}</a>'
    if credit:
        parts.append(f'<small class="ee-credit">{credit}</small>')
    return Markup(f"<figcaption>{' '.join(parts)}</figcaption>") if parts else Markup("")
