"""Timelines: an entity's own, the whole site's, and their exports."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from ...data.dataset import Page
from ...data.models import Story
from ...index.timeline import Item
from ...index.tracking import EVERYTHING
from ..exports import TIMELINE_EXPORTS
from ..urls import docs_page_src, page_url, relative_url
from ..view import entry_read
from .room import Room

ITEM_KINDS = {
    "election": "Election",
    "event": "Event",
    "founding": "Party founded",
    "dissolution": "Party dissolved",
    "rename": "Renamed",
    "leader": "Leadership",
    "role": "Office",
    "birth": "Born",
    "story": "Story",
    "page": "Explainer",
}


class Timelines(Room):
    def timeline(self, items: Iterable[Item], grouped: bool = False) -> Markup:
        return self.v.component("timeline", items=list(items), grouped=grouped)

    def without_listed(self, items: list[Item], entries: Iterable[Story | Page]) -> list[Item]:
        """Timeline items without the stories and pages a list on the same page already shows:
        an entity page lists every story about it under "Related stories", and only there."""
        listed = {entry_read(e) for e in entries}
        return [
            item
            for item in items
            if not (
                (item.kind == "story" and f"rec:{item.subject}" in listed)
                or (item.kind == "page" and f"page:{item.page}" in listed)
            )
        ]

    def own_timeline(self) -> list[Item]:
        if self.v.record is None:
            return []
        self.v.reads.add(f"about:{self.v.record.id}")
        return self.note_items(self.in_language(self.v.renderer.timeline_by_id.get(self.v.record.id, [])))

    def whole_timeline(self) -> list[Item]:
        self.v.reads.add(EVERYTHING)
        return self.in_language(self.v.renderer.timeline)

    def in_language(self, items: list[Item]) -> list[Item]:
        """A docs page's items once: from its version in the page's language, else the default one."""
        shows = self.v.renderer.shows_page
        return [item for item in items if not item.page or shows(item.page)]

    def note_items(self, items: list[Item]) -> list[Item]:
        """Timeline titles name the entities an item is about: depend on each."""
        for item in items:
            self.v.reads.update(f"rec:{entity_id}" for entity_id in item.about)
            if item.page:
                self.v.reads.add(f"page:{item.page}")
        return items

    def item_kind(self, item: Item) -> str:
        return self.item_kind_name(item.kind)

    def item_title(self, item: Item) -> str:
        """What the item says in the page's language: a party's or person's fact written from the
        catalogue with the names as that language gives them; otherwise its title as given."""
        fact, renderer = item.fact, self.v.renderer
        if fact is None or not renderer.options.prefix:
            return item.title
        # Written once per item and date; each page still depends on every entity the fact names.
        self.v.reads.update(f"rec:{entity_id}" for _key, ids, _day in fact.names for entity_id in ids)
        key = (item, self.v.date)
        title = renderer.fact_titles.get(key)
        if title is None:
            words = renderer.words
            values = fact.values(self.v.name, words.pgettext("list", " and "), words.pgettext("role", "leader"))
            title = renderer.fact_titles[key] = words.gettext(fact.message, **values)
        return title

    def item_link(self, item: Item) -> Markup:
        if item.kind == "election" and item.subject:
            return self.v.link(item.subject)  # its name in the page's language
        if item.kind == "story" and item.subject:
            return self.v.link(item.subject, text=self.v.text(item.title))
        if item.page:
            options = self.v.renderer.options
            src = docs_page_src(item.page, options.languages, self.v.renderer.page_languages.get(item.page))
            return Markup('<a href="{}">{}</a>').format(
                relative_url(page_url(src, options.use_directory_urls), self.v.url), item.title
            )
        title = self.item_title(item)
        if item.subject and item.subject != (self.v.record.id if self.v.record else None):
            return Markup('{} <span class="ee-muted">({})</span>').format(title, self.v.link(item.subject))
        return escape(title)

    def export_links(self, entity_id: str) -> dict[str, str]:
        """Links to this timeline as JSON and TimelineJS JSON, relative to the page."""
        return {
            kind: relative_url(self.v.renderer.options.prefix + pattern.format(id=entity_id), self.v.url)
            for kind, pattern in TIMELINE_EXPORTS.items()
        }

    def item_kind_name(self, kind: str) -> str:
        label = ITEM_KINDS.get(kind, kind)
        renderer = self.v.renderer
        return renderer.words.pgettext("timeline", label) if renderer.options.prefix else label
