"""Pictures on pages: a story's lead photo, portraits and logos in the key facts, thumbnails in lists.

The markup is :func:`..pictures.picture_html` (every size, WebP and a JPEG or
PNG, width and height always given); this room says which crop each place
shows and how wide it is on screen (``sizes``), so the browser fetches the
smallest file that is sharp there. Only a story's lead picture loads at once;
the rest wait until the reader scrolls near them. A record's image is part of
its fingerprint (see the loader): a page that shows it depends on ``rec:<id>``.
"""

from __future__ import annotations

from markupsafe import Markup

from ...data.dataset import Page
from ...data.models import Party, Person, Record, Story
from ...index.timeline import Item
from ..pictures import Picture, event_picture, picture_html, record_picture
from .room import Room

LEAD_SIZES = "(min-width: 76.25em) 42rem, 100vw"  # Material's content column, the whole screen on a phone
THUMB_SIZES = "(min-width: 45em) 10rem, 30vw"  # the list's thumbnail column (see elections.css)
PORTRAIT_SIZES = "10rem"  # in the key-facts box
LOGO_SIZES = "8rem"
FACTS_SIZES = "(min-width: 45em) 15rem, 100vw"  # an election's or country's picture in the key facts
EVENT_SIZES = "(min-width: 45em) 24rem, 100vw"  # beside a timeline entry's text


class Pictures(Room):
    def _link(self, path: str) -> str:
        return self.v.href_path(path, page=False)

    def _picture(self, record: Record, crop: str = "full") -> Picture | None:
        self.v.reads.add(f"rec:{record.id}")
        return record_picture(self.v.renderer.dataset, record, crop)

    def lead(self, record: Record) -> Markup:
        """A story's photo at the top of its page, with caption and credit: loaded at once."""
        pic = self._picture(record)
        if pic is None:
            return Markup("")
        return picture_html(pic, self._link, lead=True, sizes=LEAD_SIZES, css_class="ee-figure ee-figure--lead")

    def infobox(self, record: Record) -> Markup:
        """The picture in a record's key facts: a person's portrait (square), a party's logo (whole, never
        cropped), an election's or country's picture; a story's leads its page instead."""
        if isinstance(record, Story):
            return Markup("")
        if isinstance(record, Person):
            pic = self._picture(record, "square")
            return self._facts_picture(pic, PORTRAIT_SIZES, "ee-portrait")
        pic = self._picture(record)
        kind = "ee-logo" if isinstance(record, Party) else "ee-facts__picture"
        return self._facts_picture(pic, LOGO_SIZES if isinstance(record, Party) else FACTS_SIZES, kind)

    def _facts_picture(self, pic: Picture | None, sizes: str, css_class: str) -> Markup:
        if pic is None:
            return Markup("")
        return picture_html(pic, self._link, sizes=sizes, css_class=f"ee-figure {css_class}")

    def thumb(self, entry: Story | Page) -> Markup:
        """A story's wide (16:9) thumbnail in a list, linked to it like its title.

        The link is hidden from screen readers and the keyboard: the title beside it is the same link,
        and its words say more than the picture's alt text would."""
        if not isinstance(entry, Story):
            return Markup("")
        pic = self._picture(entry, "wide")
        href = self.v.href(entry)
        if pic is None or href is None:
            return Markup("")
        inner = picture_html(pic, self._link, sizes=THUMB_SIZES, figure=False)
        return Markup('<a class="ee-story__thumb" href="{}" tabindex="-1" aria-hidden="true">{}</a>').format(
            href, inner
        )

    def has_thumb(self, entry: Story | Page) -> bool:
        return (
            isinstance(entry, Story) and entry.image is not None and entry.image.file in self.v.renderer.dataset.images
        )

    def event(self, item: Item) -> Markup:
        """An event's picture on a timeline (only events carry one: their item's key names the event)."""
        if item.kind != "event" or not item.key.startswith("event:"):
            return Markup("")
        owner, _, index = item.key.removeprefix("event:").rpartition(":")
        record = self.v.renderer.dataset.get(owner)
        if record is None or not index.isdigit() or int(index) >= len(record.events):
            return Markup("")
        self.v.reads.add(f"rec:{record.id}")
        pic = event_picture(self.v.renderer.dataset, record.events[int(index)])
        if pic is None:
            return Markup("")
        return picture_html(pic, self._link, sizes=EVENT_SIZES, css_class="ee-figure ee-figure--event")
