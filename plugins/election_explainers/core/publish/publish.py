"""The site's data files: timelines as JSON and TimelineJS, Atom and JSON feeds of stories."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..data.models import Country, Story
from ..index.timeline import Item
from ..index.tracking import EVERYTHING
from ..render.exports import TIMELINE_EXPORTS, timeline_json, timelinejs_json
from ..render.pictures import record_picture
from ..render.urls import absolute
from ..render.view import View
from .feeds import Feed, FeedEntry, FeedImage, atom, json_feed

if TYPE_CHECKING:
    from ..render.render import Renderer


def item_url(renderer: Renderer, item: Item, site_url: str) -> str | None:
    """An item's link, absolute when the site's address is known."""
    if item.url:
        return item.url
    url = renderer.url_of_path(item.page) if item.page else None
    if url is None and item.subject:
        url = renderer.url_of(item.subject)
    if url is None:
        return None
    return absolute(site_url, url) if site_url else url


@dataclass(frozen=True)
class DataFile:
    """A file of the site made from the data: its path, what it reads (see tracking.py), and how to make it."""

    path: str
    reads: Collection[str]
    make: Callable[[], str | bytes]  # bytes for pictures (social cards)


def timeline_files(renderer: Renderer, site_url: str = "") -> Iterator[DataFile]:
    """The JSON timelines: the whole site's and each entity's."""
    view = View(renderer, "", None)

    # An item shows in the timeline of each entity it is about: its link and text are made once.
    @functools.cache
    def url_of(item: Item) -> str | None:
        return item_url(renderer, item, site_url)

    def make_html(text: str) -> str:
        return absolute_links(str(view.html(text)), site_url)

    def kept_html(text: str) -> str:
        # Kept with what it read: each item that shows the text then depends on the names in it
        # (functools.cache would forget that for every use after the first).
        assert renderer.fragments is not None
        return renderer.fragments.get(("html", site_url, text), view.reads, lambda: make_html(text))

    html_of = functools.cache(make_html) if renderer.fragments is None else kept_html

    def piece(kind: str, item: Item, make: Callable[[], str]) -> str:
        # An item's JSON is the same in every timeline it is in; its links follow the entities it names.
        if renderer.fragments is None:
            return make()
        return renderer.fragments.get((kind, site_url, item), view.reads, make)

    prefix = renderer.options.prefix  # another language's timelines are under its folder
    title_of = view.context()["timelines"].item_title  # a party's or person's fact in the language's words

    def files(name: str, title: str, items: list[Item], reads: Collection[str]) -> Iterator[DataFile]:
        yield DataFile(
            prefix + TIMELINE_EXPORTS["json"].format(id=name),
            reads,
            lambda: timeline_json(items, title, url_of, html_of, piece, title_of),
        )
        yield DataFile(
            prefix + TIMELINE_EXPORTS["timelinejs"].format(id=name),
            reads,
            lambda: timelinejs_json(items, title, url_of, html_of, piece, title_of),
        )

    shown = [item for item in renderer.timeline if not item.page or renderer.shows_page(item.page)]
    title = renderer.words.gettext("Timeline") if prefix else "Timeline"
    yield from files("index", title, shown, frozenset({EVERYTHING}))
    for record in renderer.dataset.records.values():
        items = renderer.timeline_by_id.get(record.id)
        if items and prefix:
            items = [item for item in items if not item.page or renderer.shows_page(item.page)]
        if items and not isinstance(record, Story):
            # Items name the entities they are about, and their links follow the pages they point to.
            reads = {f"rec:{record.id}", f"about:{record.id}"}
            for item in items:
                reads.update(f"rec:{entity_id}" for entity_id in item.about)
                if item.page:
                    reads.add(f"page:{item.page}")
            # Interned, in a tuple: at L 18,000 timelines name the same few thousand keys, all waiting to be written.
            shared = tuple(sorted(map(sys.intern, reads)))
            yield from files(record.id, view.name(record.id) if prefix else record.name, items, shared)


FEED_ENTRIES = 50
"""How many stories a feed carries by default: the newest (feed readers want news, not the archive)."""


def feed_files(renderer: Renderer, site_url: str, site_name: str, limit: int = FEED_ENTRIES) -> Iterator[DataFile]:
    """The Atom and JSON feeds: the newest ``limit`` stories of the site, and of each country."""
    view = View(renderer, "", None)
    stories = sorted(renderer.dataset.stories, key=lambda story: (story.date.sort_key, story.id), reverse=True)
    stories = [story for story in stories if renderer.publishes(story)]
    prefix = renderer.options.prefix  # another language's feeds are under its folder
    groups: list[tuple[str, str, list[Story]]] = [(prefix + "feeds", site_name, stories)]
    by_country: dict[str, list[Story]] = {}
    for story in stories:
        for country_id in countries_of(renderer, story):
            by_country.setdefault(country_id, []).append(story)
    for country in renderer.dataset.countries:
        if country.id in by_country:
            name = view.name(country.id) if prefix else country.name
            groups.append((f"{prefix}feeds/{country.id}", f"{site_name}: {name}", by_country[country.id]))
    groups = [(folder, title, entries[:limit]) for folder, title, entries in groups]
    for folder, title, entries in groups:

        @functools.cache
        def feed(folder: str = folder, title: str = title, entries: list[Story] = entries) -> Feed:
            return Feed(
                title=title,
                home_url=absolute(site_url, renderer.url_of_path("stories/index.md")),
                atom_url=absolute(site_url, f"{folder}/atom.xml"),
                json_url=absolute(site_url, f"{folder}/feed.json"),
                author=site_name,
                entries=[kept_feed_entry(renderer, story, site_url, view) for story in entries],
            )

        # Summaries name the entities they link to: any change may show.
        reads = frozenset({EVERYTHING})
        yield DataFile(f"{folder}/atom.xml", reads, functools.partial(_written, atom, feed))
        yield DataFile(f"{folder}/feed.json", reads, functools.partial(_written, json_feed, feed))


def _written(write: Callable[[Feed], str], feed: Callable[[], Feed]) -> str:
    # The feed is worked out once (it is cached) for its two files, when the first is written.
    return write(feed())


def kept_feed_entry(renderer: Renderer, story: Story, site_url: str, view: View) -> FeedEntry:
    """A story's feed entry, kept from the last build while the story and what it names are unchanged."""
    if renderer.fragments is None:
        return feed_entry(renderer, story, site_url, view)

    def make() -> FeedEntry:
        view.reads.add(f"rec:{story.id}")
        return feed_entry(renderer, story, site_url, view)

    return renderer.fragments.get(("feed", site_url, story.id), view.reads, make)


def feed_entry(renderer: Renderer, story: Story, site_url: str, view: View) -> FeedEntry:
    own = renderer.url_of(story)
    url = absolute(site_url, own) if own is not None else str(story.url)
    return FeedEntry(
        id=url,
        url=url,
        title=story.title,
        date=story.date,
        summary_html=absolute_links(str(view.html(story.summary)), site_url) if story.summary else None,
        author=story.byline,
        tags=tuple(story.tags),
        external=own is None,
        image=feed_image(renderer, story, site_url),
    )


FEED_IMAGE_WIDTH = 1024
"""The size of a story's picture a feed names: large enough for a reader's card, small enough to load fast."""


def feed_image(renderer: Renderer, story: Story, site_url: str) -> FeedImage | None:
    """The story's whole picture as a JPEG (PNG with transparency) at most 1024 pixels wide, or ``None``."""
    pic = record_picture(renderer.dataset, story)
    if pic is None:
        return None
    fallback = pic.of_format(pic.fallback_format)
    chosen = [v for v in fallback if v.width <= FEED_IMAGE_WIDTH][-1:] or fallback[:1]
    variant = chosen[0]
    return FeedImage(absolute(site_url, variant.path), variant.mime, variant.width, variant.height)


def feed_countries(renderer: Renderer, record: object) -> list[Country]:
    """The countries whose own feed a page about ``record`` advertises: the country itself, the
    country of an election, party or person, the countries a story is about; only those that
    have a feed (some story about them)."""
    if isinstance(record, Country):
        wanted = {record.id}
    elif isinstance(record, Story):
        wanted = countries_of(renderer, record)
    elif isinstance(getattr(record, "country", None), str):
        wanted = {record.country}  # type: ignore[attr-defined]
    else:
        return []
    return [country for country in renderer.dataset.countries if country.id in wanted & countries_with_feeds(renderer)]


@functools.lru_cache(maxsize=2)  # asked once a page: computed once a renderer (one load of the data)
def countries_with_feeds(renderer: Renderer) -> frozenset[str]:
    return frozenset(country for story in renderer.dataset.stories for country in countries_of(renderer, story))


def countries_of(renderer: Renderer, story: Story) -> set[str]:
    countries = set()
    for target in story.about:
        record = renderer.dataset.get(target)
        if isinstance(record, Country):
            countries.add(record.id)
        elif isinstance(getattr(record, "country", None), str):
            countries.add(record.country)  # type: ignore[union-attr]
    return countries


# href="…" or src="…" that is relative: the view renders links relative to the site's root.
_RELATIVE_LINK_RE = re.compile(r'\b(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"]*)"')


def absolute_links(html: str, site_url: str) -> str:
    """Links in HTML that travels without its page (feeds, TimelineJS): readers resolve relative
    links against the feed's own address, so they are made absolute when the site's is known."""
    if not site_url:
        return html
    return _RELATIVE_LINK_RE.sub(lambda m: f'{m.group(1)}="{absolute(site_url, m.group(2))}"', html)
