"""Photo cards: the social card of a page whose record has an image, drawn from that image.

A link preview that shows the story's own photo is what readers expect of a
news site, so a record with an image (a story's lead photo, a party's logo,
an election's or a country's picture) gets this card instead of the drawn one
(:mod:`.cards`): the image's 1200 x 630 ``card`` crop (cut around its focus,
see ``render/pictures.py``), a dark gradient over its lower part, and the
headline, what kind of page it is and the site's name in white over that.
The gradient is at least 72% black behind every line of text, so the text
stays legible over any photo, a white one included: the white headline at a
contrast of 7.5:1 or more, the light grey label at 6:1 or more.

Drawn with Pillow and the fonts shipped in ``fonts/`` (never the machine's),
saved as a JPEG without metadata: the same inputs give the same bytes. A
card is kept in a cache folder by a hash of everything it shows (the crop's
file name already is a hash of the image's bytes and the crop).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from ..data.models import Country, Election, Party, Record, Story
from ..render.pictures import Variant, card_variant, record_picture
from ..render.urls import src_path
from ..render.view import View
from .card_draw import FONT_FILES
from .cards import CARD_FOLDER, HEIGHT, SHARED_KINDS, WIDTH, CardCache, card_files, card_path
from .images import ImageCache

if TYPE_CHECKING:
    from ..render.render import Renderer
    from .publish import DataFile

MIME = "image/jpeg"
QUALITY = 85
# Bump when the drawing changes: every photo card is drawn again.
DRAW_VERSION = "1"
_LEFT, _RIGHT, _BOTTOM = 64, 64, 48
_SCRIM = (12, 16, 24)  # near-black, a little blue: reads as a shadow over any photo
_TEXT_BLACKNESS = 0.72  # the scrim's opacity behind every line of text, at least
_FADE = 170  # pixels over which the scrim fades in above the text


def photo_card_path(record: Record, prefix: str = "") -> str:
    """Where a record's photo card is published: ``cards/<kind folder>/<id>.jpg`` (``ru/cards/…`` in Russian)."""
    return f"{prefix}{CARD_FOLDER}/{record.folder}/{record.id}.jpg"


@dataclass(frozen=True, slots=True)
class PhotoCard:
    """What a photo card shows, with the processed crop it is drawn on."""

    crop: Path  # the card crop's file in the image cache (a logo's: the whole image, see ``whole``)
    crop_name: str  # its published name: a hash of the image's bytes and the crop
    whole: bool  # a picture with transparency (a logo): shown whole above the text, never cut to 1200 x 630
    kind_label: str  # "Story · 8 June 2020"
    title: str
    site_name: str

    @property
    def key(self) -> str:
        text = "\n".join((DRAW_VERSION, self.crop_name, str(self.whole), self.kind_label, self.title, self.site_name))
        return hashlib.sha256(text.encode()).hexdigest()


def photo_card(view: View, record: Record, variant: Variant, images: ImageCache, site_name: str) -> PhotoCard:
    title = view.title()  # a party's name as of the page's date, as its page says it
    whole = record_picture(view.renderer.dataset, record)
    if whole is not None and whole.source.alpha:  # a logo: cut to 1.9:1 it loses its top and bottom
        variant = whole.largest
    return PhotoCard(
        images.file(variant), variant.path, variant.crop == "full", _kind_label(view, record), title, site_name
    )


def _kind_label(view: View, record: Record) -> str:
    words = view.renderer.words
    if isinstance(record, Story):
        return f"{words.pgettext('card', 'Story')} · {view.human(record.date)}"
    country = view.country_of(record) if isinstance(record, (Election, Party)) else None
    kind = words.pgettext("card", record.kind.title())  # Election, Party, Country
    if isinstance(record, Country) or country is None:
        return kind
    return f"{kind} · {view.name(country.id)}"


# -- drawing ------------------------------------------------------------------------------------


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[1 if bold else 0]), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Words on lines no wider than ``width`` pixels; what does not fit ends in an ellipsis."""
    words = text.split()
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        last = out[lines - 1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        out = [*out[: lines - 1], last.rstrip() + "…"]
    return [_fit(draw, line, font, width) for line in out] or [""]


def _fit(draw: ImageDraw.ImageDraw, line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """A single word wider than the card is cut, with an ellipsis."""
    if draw.textlength(line, font=font) <= width:
        return line
    while line and draw.textlength(line + "…", font=font) > width:
        line = line[:-1]
    return line + "…"


def _background(card: PhotoCard, text_top: int) -> Image.Image:
    """The crop filling 1200 x 630 (a smaller original's crop is enlarged); a logo whole, centred in the
    room above the text; transparency on white."""
    with Image.open(card.crop) as opened:
        picture = opened.convert("RGBA")
    flat = Image.new("RGBA", (WIDTH, HEIGHT), (255, 255, 255, 255))
    if card.whole:
        room = (WIDTH - 2 * _LEFT, max(1, text_top - 2 * 36))
        scale = min(room[0] / picture.width, room[1] / picture.height)
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
        flat.alpha_composite(picture, ((WIDTH - size[0]) // 2, 36 + (room[1] - size[1]) // 2))
        return flat
    if picture.size != (WIDTH, HEIGHT):
        picture = picture.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    flat.alpha_composite(picture)
    return flat


def _scrim(text_top: int) -> Image.Image:
    """Clear above ``text_top - _FADE``, then darker down to ``_TEXT_BLACKNESS`` at ``text_top`` and more below."""
    mask = Image.new("L", (1, HEIGHT), 0)
    for y in range(HEIGHT):
        if y < text_top - _FADE:
            alpha = 0.0
        elif y < text_top:
            alpha = _TEXT_BLACKNESS * (y - (text_top - _FADE)) / _FADE
        else:
            alpha = _TEXT_BLACKNESS + (0.9 - _TEXT_BLACKNESS) * (y - text_top) / max(1, HEIGHT - text_top)
        mask.putpixel((0, y), round(255 * alpha))
    layer = Image.new("RGBA", (WIDTH, HEIGHT), (*_SCRIM, 255))
    layer.putalpha(mask.resize((WIDTH, HEIGHT)))
    return layer


def draw_photo_card(card: PhotoCard) -> bytes:
    """The card as a 1200 x 630 JPEG: the photo, the scrim, then the text, bottom up."""
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))  # to measure text before there is a picture
    width = WIDTH - _LEFT - _RIGHT
    size = 58 if len(card.title) < 60 else 48
    title_font, label_font, site_font = _font(True, size), _font(False, 28), _font(True, 26)
    title = _wrap(draw, card.title, title_font, width, 3)
    line_height = round(size * 1.18)
    # Bottom up: the site's name, a gap, the title's lines, the kind label.
    site_y = HEIGHT - _BOTTOM - 26
    title_bottom = site_y - 30
    title_top = title_bottom - line_height * len(title)
    label_y = title_top - 28 - 16
    picture = _background(card, label_y - 24 - (0 if not card.whole else _FADE // 2))
    overlay = _scrim(label_y - 24)
    picture.alpha_composite(overlay)
    draw = ImageDraw.Draw(picture)
    white, soft = (255, 255, 255, 255), (229, 231, 235, 255)
    draw.text((_LEFT, label_y), _fit(draw, card.kind_label, label_font, width), font=label_font, fill=soft)
    for index, line in enumerate(title):
        draw.text((_LEFT, title_top + index * line_height), line, font=title_font, fill=white)
    draw.rectangle((_LEFT, site_y - 14, _LEFT + 48, site_y - 10), fill=white)
    draw.text((_LEFT, site_y), _fit(draw, card.site_name, site_font, width), font=site_font, fill=white)
    out = io.BytesIO()
    picture.convert("RGB").save(out, "JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()


# -- the cache and the files ----------------------------------------------------------------------


class PhotoCardCache:
    """Drawn photo cards by :attr:`PhotoCard.key`, in ``folder`` (``None``: kept for this build only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.drawn = 0  # cards this cache had to draw (the rest were read back)

    def jpeg(self, card: PhotoCard) -> bytes:
        path = self.folder / card.key[:2] / f"{card.key}.jpg" if self.folder is not None else None
        if path is not None and path.is_file():
            return path.read_bytes()
        data = draw_photo_card(card)
        self.drawn += 1
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)  # whole or not at all
        return data


@dataclass
class PhotoCards:
    """The photo cards of a site, and the drawn cards (:mod:`.cards`) they stand in for."""

    files: list[DataFile]
    replaced: frozenset[str]  # the drawn cards' paths (``cards/…/<id>.png``) not to make


def photo_cards(renderer: Renderer, site_name: str, images: ImageCache, cache: PhotoCardCache) -> PhotoCards:
    """A photo card for each election, party, country and story page whose record has an image."""
    from .publish import DataFile

    files: list[DataFile] = []
    replaced: set[str] = set()
    prefix = renderer.options.prefix
    for record, variant in _with_photos(renderer):
        view = View(renderer, "", record)
        card = photo_card(view, record, variant, images, site_name)
        path = photo_card_path(record, prefix)
        files.append(DataFile(path, frozenset(view.reads), functools.partial(cache.jpeg, card)))
        replaced.add(card_path(record.folder, record.id, prefix))
    return PhotoCards(files, frozenset(replaced))


def site_cards(
    renderers: Iterable[Renderer],
    site_name: str,
    images: ImageCache,
    drawn: CardCache,
    photos: PhotoCardCache,
    kept: Callable[[str], bool],
) -> list[DataFile]:
    """Every language's cards, in its words: a photo card where the record has an image, else a drawn
    card; a card ``kept`` from the last build is not drawn again."""
    files: list[DataFile] = []
    for renderer in renderers:
        with_photo = photo_cards(renderer, site_name, images, photos)

        def fresh_or_replaced(path: str, replaced: frozenset[str] = with_photo.replaced) -> bool:
            return path in replaced or kept(path)

        made = card_files(renderer, site_name, drawn, fresh_or_replaced)
        files += [card for card in made if card.path not in with_photo.replaced] + with_photo.files
    return files


def _with_photos(renderer: Renderer) -> Iterator[tuple[Record, Variant]]:
    for record in renderer.dataset.records.values():
        if record.kind not in SHARED_KINDS or src_path(record) is None:
            continue
        variant = card_variant(renderer.dataset, record)
        if variant is not None:
            yield record, variant
