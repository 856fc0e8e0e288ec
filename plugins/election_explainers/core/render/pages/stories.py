"""Stories: their lists (related stories, the stories index and its sections) and where search finds them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup

from ...data.dataset import Page
from ...data.models import Record, Story
from ...index.tracking import related_keys
from ..urls import relative_url
from ..view import entry_read, entry_sort_key
from .room import Room


class StoryLists(Room):
    def stories(self, entries: Sequence[Story | Page]) -> Markup:
        self.note_entries(entries)
        return self.v.component("stories", entries=list(entries))

    def searched_here(self, entry: Story | Page) -> bool:
        """Whether search should find the story's line on this page: a story is found once, on
        its own page, or (published elsewhere) in the related stories of its main subject, the
        first of :meth:`about_in_order`."""
        main_subject = self.about_in_order(entry.about)[:1] if self.external(entry) else []
        return self.v.record is not None and main_subject == [self.v.record.id]

    def about_in_order(self, about: Sequence[str]) -> list[str]:
        """An entry's subjects, the most specific first: elections, then parties, people, countries
        (the editor's order within each kind).  A story shows the first few above its text."""
        rank = {"election": 0, "party": 1, "person": 2, "country": 3}

        def key(entity_id: str) -> int:
            kind = self.v.renderer.dataset.known.get(entity_id)
            return rank.get(kind.kind if kind else "", 4)

        return sorted(dict.fromkeys(about), key=key)

    def note_entries(self, entries: Iterable[Story | Page]) -> None:
        """A list shows each entry's own fields: depend on them."""
        self.v.reads.update(entry_read(e) for e in entries)

    def stories_about(self, entity_id: str) -> list[Story | Page]:
        """Stories and dated pages about an entity, newest first."""
        entries: list[Story | Page] = [*self.v.dataset.stories_about(entity_id), *self.v.dataset.pages_about(entity_id)]
        return sorted(entries, key=entry_sort_key, reverse=True)

    def all_entries(self) -> list[Story | Page]:
        """Every story and dated page, newest first."""
        self.v.dataset.note("kind:story", "kind:page")
        return self.v.renderer.entries

    def related_entries(self) -> list[Story | Page]:
        if self.v.record is None:
            return []
        if isinstance(self.v.record, Story):
            self.note_related(self.v.record.about, self.v.record.tags)
            return self.v.renderer.related(self.v.record)
        return self.stories_about(self.v.record.id)

    def note_related(self, about: Iterable[str], tags: Iterable[str]) -> None:
        """Related stories depend on every story sharing an id or tag with the one they are for."""
        self.v.reads.update(related_keys(about, tags))

    def section_href(self, section: str) -> str:
        return relative_url(self.v.renderer.section_url(section), self.v.url)

    def sections(self) -> dict[str, list[Story | Page]]:
        self.v.dataset.note("kind:story", "kind:page")
        return self.v.renderer.sections

    def subjects(self) -> list[tuple[str, list[tuple[Record, int]]]]:
        """Entities that stories are about, by kind, with how many stories each."""
        groups = (
            ("Countries", self.v.dataset.countries),
            ("Elections", list(reversed(self.v.dataset.elections))),
            ("Parties", self.v.dataset.parties),
            ("People", self.v.dataset.people),
        )
        found = []
        for label, records in groups:
            counted = [(r, len(self.stories_about(r.id))) for r in records]
            counted = [(r, n) for r, n in counted if n]
            if counted:
                found.append((label, counted))
        return found

    def external(self, entry: Story | Page) -> bool:
        """A story published elsewhere: the link leaves the site."""
        return isinstance(entry, Story) and entry.body is None
