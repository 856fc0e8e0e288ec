"""Drawing a social card: a list of shapes and lines of text, drawn to a 1200 by 630 PNG with Pillow.

A card's layout (see ``cards.py``) comes down to three kinds of shape, all in card pixels:
boxes, text on a baseline, and the seats of a hemicycle. They are drawn with Pillow and
FreeType, with the fonts shipped in ``fonts/`` (DejaVu Sans covers Latin, Cyrillic and
Kazakh letters) and FreeType's basic layout, never the machine's fonts or a shaping
library that may or may not be installed, so a card comes out the same on every machine
with the same Pillow. Seats are drawn at three times the size and scaled down, so their
edges are smooth like the text's.

The picture has a few flat colours and their anti-aliased edges on white, so it is
written as a palette PNG (a third of the bytes of RGB, and quicker to compress): every
flat colour exact, and steps between each and white for the edges.

This module imports only Pillow: it is all the card workers (``card_worker.py``) load.
"""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent.parent.parent / "fonts"
FONT_FILES = (FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf")
PAPER = "#ffffff"
_SUPERSAMPLE = 3  # seats are drawn this many times larger, then reduced: anti-aliased edges
_MARGIN = 12  # see card_palette()
_ZLIB_LEVEL = 6  # level 9 makes files 10% smaller at six times the time


@dataclass(frozen=True)
class Box:
    """A filled rectangle (rounded when ``radius``)."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    radius: float = 0


@dataclass(frozen=True)
class Line:
    """One line of text: ``x`` is its start, middle or end (``anchor``), ``y`` its baseline."""

    x: float
    y: float
    text: str
    size: float
    fill: str
    bold: bool = False
    anchor: str = "start"  # "start", "middle" or "end"


@dataclass(frozen=True)
class Dots:
    """Circles of one radius: the seats of a hemicycle, each ``(x, y, fill)``."""

    radius: float
    dots: tuple[tuple[float, float, str], ...]


Shape = Box | Line | Dots

_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}  # Pillow's: left/middle/right, on the baseline


@functools.cache
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[bold]), size, layout_engine=ImageFont.Layout.BASIC)


def measure(text: str, bold: bool = False) -> float:
    """``text``'s width in pixels at size 100, as :func:`draw` lays it out."""
    return float(_font(100, bold).getlength(text))


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def draw(shapes: tuple[Shape, ...], width: int = WIDTH, height: int = HEIGHT) -> Image.Image:
    """The shapes in order, on white paper, as an RGB picture."""
    image = Image.new("RGB", (width, height), PAPER)
    pen = ImageDraw.Draw(image)
    for shape in shapes:
        if isinstance(shape, Box):
            # Pillow's corners are pixels, both inclusive: a box of width w ends at x + w - 1.
            corners = (shape.x, shape.y, shape.x + shape.width - 1, shape.y + shape.height - 1)
            if shape.radius:
                pen.rounded_rectangle(corners, radius=shape.radius, fill=shape.fill)
            else:
                pen.rectangle(corners, fill=shape.fill)
        elif isinstance(shape, Line):
            font = _font(shape.size, shape.bold)
            pen.text((shape.x, shape.y), shape.text, font=font, fill=shape.fill, anchor=_ANCHORS[shape.anchor])
        else:
            _dots(image, shape)
    return image


def _dots(image: Image.Image, shape: Dots) -> None:
    """Seats on a patch of the picture drawn larger, reduced, and pasted back."""
    if not shape.dots:
        return
    r = shape.radius
    left = max(0, math.floor(min(x for x, _, _ in shape.dots) - r) - 1)
    top = max(0, math.floor(min(y for _, y, _ in shape.dots) - r) - 1)
    right = min(image.width, math.ceil(max(x for x, _, _ in shape.dots) + r) + 1)
    bottom = min(image.height, math.ceil(max(y for _, y, _ in shape.dots) + r) + 1)
    if right <= left or bottom <= top:
        return
    s = _SUPERSAMPLE
    patch = image.crop((left, top, right, bottom)).resize(
        ((right - left) * s, (bottom - top) * s), Image.Resampling.NEAREST
    )
    pen = ImageDraw.Draw(patch)
    for x, y, fill in shape.dots:
        cx, cy = (x - left) * s, (y - top) * s
        pen.ellipse((cx - r * s, cy - r * s, cx + r * s, cy + r * s), fill=fill)
    image.paste(patch.reduce(s), (left, top))


def flat_colours(shapes: tuple[Shape, ...]) -> list[str]:
    """The colours a card is filled with (paper, boxes, text, seats), in order of first use."""
    colours = [PAPER]
    for shape in shapes:
        if isinstance(shape, Dots):
            colours.extend(fill for _, _, fill in shape.dots)
        else:
            colours.append(shape.fill)
    return list(dict.fromkeys(colours))


@functools.lru_cache(maxsize=4096)  # cards of one kind share their colours: story cards all do
def card_palette(colours: tuple[str, ...]) -> tuple[int, ...]:
    """256 colours: each flat colour exact, and steps from it to the paper for the anti-aliased edges.

    Every shape of a card sits on white paper (text, seats and swatches never touch each
    other), so an edge pixel is a blend of one colour with white: the steps cover them all.
    No step comes within :data:`_MARGIN` of a flat colour: Pillow finds a pixel's palette
    entry through a cache of 4-level cells, which can pick a step a little off the pixel's
    colour when one is that close, and a flat colour must come out exact.
    """
    paper = _rgb(PAPER)
    flat = list(dict.fromkeys([paper, *(_rgb(colour) for colour in colours)]))[:64]
    inks = flat[1:]
    steps = (256 - len(flat)) // max(len(inks), 1)
    entries = list(flat)
    margin = _MARGIN**2
    for r, g, b in inks:
        for step in range(1, steps + 1):
            t = step / (steps + 1)  # the share of paper in the blend
            br, bg, bb = round(r + (paper[0] - r) * t), round(g + (paper[1] - g) * t), round(b + (paper[2] - b) * t)
            if all((br - fr) ** 2 + (bg - fg) ** 2 + (bb - fb) ** 2 >= margin for fr, fg, fb in flat):
                entries.append((br, bg, bb))
    entries += [paper] * (256 - len(entries))
    return tuple(value for entry in entries for value in entry)


def encode_png(image: Image.Image, colours: list[str]) -> bytes:
    """A palette PNG: each pixel the nearest colour of :func:`card_palette` (the flat ones exact)."""
    palette = Image.new("P", (1, 1))
    palette.putpalette(card_palette(tuple(colours)))
    out = io.BytesIO()
    image.quantize(palette=palette, dither=Image.Dither.NONE).save(out, "PNG", compress_level=_ZLIB_LEVEL)
    return out.getvalue()


def draw_png(shapes: tuple[Shape, ...], width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The card as PNG bytes: the same shapes give the same bytes, in any process."""
    return encode_png(draw(shapes, width, height), flat_colours(shapes))
