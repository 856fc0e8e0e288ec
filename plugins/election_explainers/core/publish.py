"""The site's data files: timelines as JSON and TimelineJS, Atom and JSON feeds of stories."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .exports import TIMELINE_EXPORTS, timeline_json, timelinejs_json
from .feeds import Feed, FeedEntry, absolute, atom, json_feed
from .models import Country, Story
from .timeline import Item
from .view import View

if TYPE_CHECKING:
    from .render import Renderer


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


def timeline_files(renderer: Renderer, site_url: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of the JSON timelines: the whole site's and each entity's."""
    view = View(renderer, "", None)

    def url_of(item: Item) -> str | None:
        return item_url(renderer, item, site_url)

    def html_of(text: str) -> str:
        return str(view.html(text))

    yield TIMELINE_EXPORTS["json"].format(id="index"), timeline_json(renderer.timeline, "Timeline", url_of)
    yield (
        TIMELINE_EXPORTS["timelinejs"].format(id="index"),
        timelinejs_json(renderer.timeline, "Timeline", url_of, html_of),
    )
    for record in renderer.dataset.records.values():
        items = renderer.timeline_by_id.get(record.id)
        if items and not isinstance(record, Story):
            yield TIMELINE_EXPORTS["json"].format(id=record.id), timeline_json(items, record.name, url_of)
            yield (
                TIMELINE_EXPORTS["timelinejs"].format(id=record.id),
                timelinejs_json(items, record.name, url_of, html_of),
            )


def feed_files(renderer: Renderer, site_url: str, site_name: str) -> Iterator[tuple[str, str]]:
    """(path, text) of the Atom and JSON feeds: all stories, and per country."""
    view = View(renderer, "", None)
    stories = renderer.dataset.stories
    groups: list[tuple[str, str, list[Story]]] = [("feeds", site_name, stories)]
    for country in renderer.dataset.countries:
        about = [s for s in stories if country.id in countries_of(renderer, s)]
        if about:
            groups.append((f"feeds/{country.id}", f"{site_name}: {country.name}", about))
    for folder, title, entries in groups:
        feed = Feed(
            title=title,
            home_url=absolute(site_url, renderer.url_of_path("stories/index.md")),
            atom_url=absolute(site_url, f"{folder}/atom.xml"),
            json_url=absolute(site_url, f"{folder}/feed.json"),
            author=site_name,
            entries=[feed_entry(renderer, story, site_url, view) for story in entries],
        )
        yield f"{folder}/atom.xml", atom(feed)
        yield f"{folder}/feed.json", json_feed(feed)


def feed_entry(renderer: Renderer, story: Story, site_url: str, view: View) -> FeedEntry:
    own = renderer.url_of(story)
    url = absolute(site_url, own) if own is not None else str(story.url)
    return FeedEntry(
        id=url,
        url=url,
        title=story.title,
        date=story.date,
        summary_html=str(view.html(story.summary)) if story.summary else None,
        author=story.byline,
        tags=tuple(story.tags),
        external=own is None,
    )


def countries_of(renderer: Renderer, story: Story) -> set[str]:
    countries = set()
    for target in story.about:
        record = renderer.dataset.get(target)
        if isinstance(record, Country):
            countries.add(record.id)
        elif isinstance(getattr(record, "country", None), str):
            countries.add(record.country)  # type: ignore[union-attr]
    return countries
