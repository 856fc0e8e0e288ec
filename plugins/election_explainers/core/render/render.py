"""Render the dataset into HTML pages through Jinja templates.

Generated pages are HTML from end to end: every data string goes through
Jinja's autoescaping and never through Markdown, so no Markdown extension a
site enables can turn a name into markup.  Editors' Markdown fields are
converted by :mod:`.markdown_html` (sanitized) with their ``[[id]]`` links
resolved.  A page comes in two steps: its :class:`PageSource` (where, title,
description: cheap, for every page) and, only when needed, its
:class:`RenderedPage` (HTML, headings for the table of contents, and what it
read, so a rebuild can tell whether it changed).  Those values are in
:mod:`.page_types`, the Jinja environment in :mod:`.environment`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from markupsafe import escape

from ..data.dataset import Dataset, Page
from ..data.dates import PartialDate
from ..data.models import Record, Story
from ..data.slugs import section_slug
from ..data.wikilinks import WikiLink, replace_links
from ..index.related import Entry, RelatedIndex, entry_keys
from ..index.results import standings_index
from ..index.timeline import KeptItems, build_timeline, index_timeline
from .environment import make_environment
from .fragments import Fragments
from .i18n import translator
from .markdown_html import MarkdownConverter, slot, without_slots
from .options import RenderOptions
from .page_types import HandWrittenPage, PageSource, RenderedPage
from .pages import PAGE_TEMPLATES, rooms
from .pages.embeds import embed
from .pages.room import Room
from .pages.stories import StoryLists
from .urls import docs_page_language, docs_page_src, in_language, page_url, src_path
from .view import TEMPLATE_FOLDER, View, entry_sort_key

HUBS: dict[str, tuple[str, str, str]] = {
    "countries/index.md": (
        "hub-countries.html",
        "Countries",
        "Every country covered, with its parliament and elections.",
    ),
    "elections/index.md": ("hub-elections.html", "Elections", "Every election covered, newest first, with results."),
    "parties/index.md": ("hub-parties.html", "Parties", "Every political party covered, by country."),
    "people/index.md": ("hub-people.html", "People", "Leaders, candidates and other people in the news."),
    "stories/index.md": ("stories.html", "Stories", "Every story, newest first."),
    "timeline/index.md": ("timeline.html", "Timeline", "Everything that happened, oldest first, by year."),
}


class Renderer:
    """Renders every generated page of a dataset; one per load of the data.

    ``markdown``, ``fragments``, ``kept_items`` and the last renderer's related index may be
    handed from one renderer to the next (under ``serve``), so texts, list entries, timeline
    items and related lists that did not change are not made again.
    """

    def __init__(
        self,
        dataset: Dataset,
        options: RenderOptions | None = None,
        markdown: MarkdownConverter | None = None,
        fragments: Fragments[Any] | None = None,
        kept_items: KeptItems | None = None,
        related_before: RelatedIndex[Story | Page] | None = None,
    ) -> None:
        self.dataset = dataset
        self.options = options or RenderOptions()
        self.env = make_environment(tuple(self.options.template_dirs))
        self.words = translator(self.options.language, tuple(self.options.locale_dirs))
        self.timeline = build_timeline(dataset, kept_items)
        self.timeline_by_id = index_timeline(self.timeline)
        self.standings = standings_index(dataset)
        self.related_index: RelatedIndex[Story | Page] = RelatedIndex(related_entries(dataset), self.options.related)
        self.related_index.reuse_lists_of(related_before)
        self.markdown = markdown or MarkdownConverter(self.options.raw_html)
        self.fragments = fragments

    def in_language(self, language: str, fragments: Fragments[Any] | None = None) -> Renderer:
        """This renderer for ``language``'s pages, sharing the dataset and every index (built once).

        ``fragments`` are that language's own (under ``serve``): a text's HTML differs by language."""
        if language == self.options.language:
            return self
        other = copy.copy(self)
        other.fragments = fragments
        other.options = dataclasses.replace(self.options, language=language)
        other.env = make_environment(tuple(self.options.template_dirs), language, tuple(self.options.locale_dirs))
        other.words = translator(language, tuple(self.options.locale_dirs))
        for per_language in ("entries", "sections", "fact_titles"):  # these depend on the language
            other.__dict__.pop(per_language, None)
        return other

    @property
    def language(self) -> str:
        return self.options.language

    @cached_property
    def fact_titles(self) -> dict[tuple[Any, Any], str]:
        """Each timeline fact as written in this language, by (item, as-of date): the same item is
        listed on several pages and in the exports (see pages/timeline.py)."""
        return {}

    @cached_property
    def page_languages(self) -> dict[str, str | None]:
        """Each docs page's ``lang:`` (front matter), by source path."""
        return {page.src: page.lang for page in self.dataset.pages}

    @cached_property
    def page_versions(self) -> dict[str, set[str]]:
        """The languages each docs page (by its path without a language suffix) is written in."""
        versions: dict[str, set[str]] = {}
        for page in self.dataset.pages:
            key, lang = docs_page_language(page.src, self.options.languages, page.lang)
            versions.setdefault(key, set()).add(lang)
        return versions

    def shows_page(self, src: str) -> bool:
        """Whether lists in this language show the docs page at ``src``: its version in this language,
        else the default language's, else its only one (a page is listed once)."""
        languages = self.options.languages
        key, lang = docs_page_language(src, languages, self.page_languages.get(src))
        versions = self.page_versions.get(key, {lang})
        if self.options.language in versions:
            return lang == self.options.language
        return lang == languages[0] if languages[0] in versions else lang == min(versions)

    def publishes(self, record: Record) -> bool:
        """Whether ``record`` has a page in this language: a story written in one language has it there only."""
        return not (isinstance(record, Story) and record.lang and record.lang != self.options.language)

    def rooms(self, view: View) -> dict[str, Room]:
        return rooms(view)

    @property
    def as_of(self) -> PartialDate | None:
        """The date entity pages and hubs are true on: the setting, else the newest dated fact."""
        return self.options.as_of or self.dataset.newest_fact

    # -- URLs -------------------------------------------------------------------

    def url_of(self, target: str | Record | Page) -> str | None:
        """Site-root-relative URL of an entity, story or docs page (``None`` if it has no page)."""
        languages = self.options.languages
        if isinstance(target, Page):
            return page_url(docs_page_src(target.src, languages, target.lang), self.options.use_directory_urls)
        record = self.dataset.get(target) if isinstance(target, str) else target
        if record is None:
            return None
        src = src_path(record)
        if src is None:
            return None
        lang = record.lang if isinstance(record, Story) and record.lang else self.options.language
        return page_url(in_language(src, lang, languages), self.options.use_directory_urls)

    def own_src(self, src: str) -> str:
        """A generated page's path in this language (``ru/parties/x.md``) from its path in the default one."""
        return self.options.prefix + src

    def base_src(self, src: str) -> str:
        """The default language's path of a page of this language."""
        return src.removeprefix(self.options.prefix)

    # -- pages ------------------------------------------------------------------

    def sources(self) -> Iterator[PageSource]:
        """Every generated page: entities, stories with a body, hubs, story sections."""
        for record in self.dataset.records.values():
            src = src_path(record)
            if src is not None and self.publishes(record):
                src = self.own_src(src)
                yield PageSource(src, *self._title_and_description(src, record), record)
        words = self.words if self.options.prefix else None
        for src, (_, title, description) in HUBS.items():
            if words is not None:
                title, description = words.gettext(title), words.gettext(description)
            yield PageSource(self.own_src(src), title, description)
        for section in self.sections:
            description = f"Stories in {section}, newest first."
            if words is not None:
                description = words.gettext("Stories in %(section)s, newest first.", section=section)
            yield PageSource(self.section_src(section), section, description, section=section)

    def _title_and_description(self, src: str, record: Record) -> tuple[str, str]:
        """A page's title and description; under ``serve`` kept while nothing they name changed,
        as every page's are needed on every build to tell which pages changed."""
        view = View(self, page_url(src, self.options.use_directory_urls), record)
        if self.fragments is None:
            return view.title(), view.description()

        def make() -> tuple[str, str]:
            view.reads.update(frozenset(view.reads))  # what the view read when made (its record, its date)
            return view.title(), view.description()

        return self.fragments.get(("source", src, view.date), view.reads, make)

    def render(self, source: PageSource) -> RenderedPage:
        view = View(self, page_url(source.src, self.options.use_directory_urls), source.record)
        if source.record is not None:
            template = PAGE_TEMPLATES[source.record.kind]
            values: dict[str, Any] = {"record": source.record}
        elif source.section is not None:
            template = "section.html"
            entries = self.sections[source.section]
            view.dataset.note("kind:story", "kind:page")
            values = {"section": source.section, "entries": entries}
        else:
            template = HUBS[self.base_src(source.src)][0]
            values = {"title": source.title}
        html = self.env.get_template(f"{TEMPLATE_FOLDER}/{template}").render(v=view, **view.context(), **values)
        return RenderedPage(html, tuple(view.headings), frozenset(view.reads))

    @cached_property
    def by_country(self) -> dict[str, dict[str, list[Record]]]:
        """Kind → country id → its elections (oldest first), parties or people, in the dataset's order."""
        index: dict[str, dict[str, list[Record]]] = {"election": {}, "party": {}, "person": {}}
        for kind, records in (
            ("election", self.dataset.elections),
            ("party", self.dataset.parties),
            ("person", self.dataset.people),
        ):
            for record in records:
                country = getattr(record, "country", None)
                if country:
                    index[kind].setdefault(country, []).append(record)
        return index

    @cached_property
    def entries(self) -> list[Story | Page]:
        """Every story and dated page, newest first."""
        pages = (p for p in self.dataset.pages if p.date and self.shows_page(p.src))
        entries: list[Story | Page] = [*self.dataset.stories, *pages]
        return sorted(entries, key=entry_sort_key, reverse=True)

    @cached_property
    def sections(self) -> dict[str, list[Story | Page]]:
        """Stories and dated pages by section, sections in alphabetical order."""
        sections: dict[str, list[Story | Page]] = {}
        for entry in self.entries:
            if entry.section:
                sections.setdefault(entry.section, []).append(entry)
        return dict(sorted(sections.items(), key=lambda item: item[0].casefold()))

    def section_src(self, section: str) -> str:
        return self.own_src(f"stories/sections/{section_slug(section)}.md")

    def section_url(self, section: str) -> str:
        return page_url(self.section_src(section), self.options.use_directory_urls)

    # -- data files: timeline exports and feeds ----------------------------------------------

    def url_of_path(self, src: str) -> str:
        """A generated page's URL in this language, from its path in the default one."""
        return page_url(self.own_src(src), self.options.use_directory_urls)

    def related(self, story: Story) -> list[Story | Page]:
        """Other stories ranked by what they share with ``story``."""
        return self._listed(self.related_index.related(story.id))

    def related_to_page(self, page: Page) -> list[Story | Page]:
        return self._listed(self.related_index.related(page_entry_key(page)))

    def _listed(self, entries: list[Story | Page]) -> list[Story | Page]:
        return [e for e in entries if not isinstance(e, Page) or self.shows_page(e.src)]

    def hand_written_page(self, markdown: str, src: str, url: str) -> HandWrittenPage:
        """A page from ``docs/`` with its links and embeds as slots and, when its front matter
        takes part in the data, its byline under the title and its related stories."""
        view = View(self, url, None)
        page = view.dataset.page(src)
        slots: list[str] = []

        def put(html: object) -> str:
            slots.append(str(html))
            return slot(len(slots) - 1)

        dated = View(self, url, None, date=page.date if page else None, parent=view)

        def link_or_embed(link: WikiLink) -> str:
            if link.embed:
                return "\n\n" + put(embed(dated, link.target, link.section or "facts")) + "\n\n"
            return put(dated.wiki_link(link))

        markdown = replace_links(without_slots(markdown), link_or_embed)
        if page is not None:
            if page.date or page.byline or page.section:
                markdown = _after_title(markdown, put(view.component("page-byline", page=page)))
            related = self.related_to_page(page) if page.about else []
            if related:
                lists = StoryLists(view)
                lists.note_related(page.about, page.tags)
                markdown += "\n\n## Related stories\n\n" + put(lists.stories(related)) + "\n"
        return HandWrittenPage(markdown, tuple(slots), frozenset(view.reads))


def page_entry_key(page: Page) -> str:
    return f"page:{page.src}"


def related_entries(dataset: Dataset) -> list[Entry[Story | Page]]:
    """Stories and pages with ``about``, with the keys they are related by."""

    def kind_of(entity_id: str) -> str | None:
        kind = dataset.known.get(entity_id)
        return kind.kind if kind else None

    entries: list[Entry[Story | Page]] = [
        Entry(story, story.id, story.date, entry_keys(story.about, story.tags, kind_of)) for story in dataset.stories
    ]
    entries += [
        Entry(page, page_entry_key(page), page.date, entry_keys(page.about, page.tags, kind_of))
        for page in dataset.pages
        if page.about
    ]
    return entries


def front_matter(source: PageSource) -> str:
    # JSON strings are YAML strings; HTML-escaped because themes print titles raw.
    lines = ["---", f"title: {json.dumps(str(escape(source.title)))}"]
    if source.description:
        lines.append(f"description: {json.dumps(str(escape(source.description)))}")
    if source.data_file:
        lines.append(f"data_file: {json.dumps(source.data_file)}")
    if not source.searchable:
        lines.append("search: {exclude: true}")  # Material's search reads this
    return "\n".join([*lines, "---", "", ""])


def _after_title(markdown: str, block: str) -> str:
    """``block`` under the page's first ``# Title`` line, or at the top."""
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: number + 1], "", block, "", *lines[number + 1 :]])
    return block + "\n\n" + markdown
