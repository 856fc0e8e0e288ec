"""Render the dataset into page Markdown through Jinja templates.

Pages are Markdown (so headings feed the table of contents and the search
index) with HTML blocks for tables, charts and lists.  Every data string goes
through Jinja's autoescaping; Markdown fields are editors' Markdown and are
passed through with their ``[[id]]`` links resolved.

Templates live in ``templates/elections/``; a site overrides any of them by
putting a file of the same name in its theme's ``custom_dir``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jinja2
from markupsafe import escape

from .dataset import Dataset, Page
from .formatting import compact_html, format_number, format_percent, format_signed
from .markdown_html import MarkdownConverter
from .models import Record, Story
from .related import Entry, RelatedIndex, RelatedSettings, entry_keys
from .results import standings_index
from .timeline import build_timeline, index_timeline
from .urls import page_url, src_path
from .view import TEMPLATE_FOLDER, View, entry_sort_key

# Hub pages: source path → (template, title, description).
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
PAGE_TEMPLATES = {
    "country": "country.html",
    "party": "party.html",
    "person": "person.html",
    "election": "election.html",
    "story": "story.html",
}


@dataclass
class RenderOptions:
    use_directory_urls: bool = True
    template_dirs: Sequence[Path] = ()
    edit_url: Callable[[str], str | None] = lambda file: None
    last_updated: Callable[[str], str | None] = lambda file: None
    related: RelatedSettings = field(default_factory=RelatedSettings)


@dataclass(frozen=True)
class GeneratedPage:
    src: str
    markdown: str
    record: Record | None = None


def make_environment(template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in template_dirs])]
    loaders.append(jinja2.PackageLoader("election_explainers", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["number"] = format_number
    env.filters["percent"] = format_percent
    env.filters["signed"] = format_signed
    env.filters["compact"] = compact_html
    return env


class Renderer:
    """Renders every generated page of a dataset; one per build."""

    def __init__(self, dataset: Dataset, options: RenderOptions | None = None) -> None:
        self.dataset = dataset
        self.options = options or RenderOptions()
        self.env = make_environment(self.options.template_dirs)
        self.timeline = build_timeline(dataset)
        self.timeline_by_id = index_timeline(self.timeline)
        self.standings = standings_index(dataset)
        self.related_index: RelatedIndex[Story | Page] = RelatedIndex(related_entries(dataset), self.options.related)
        self.markdown = MarkdownConverter()

    # -- URLs -------------------------------------------------------------------

    def url_of(self, target: str | Record | Page) -> str | None:
        """Site-root-relative URL of an entity, story or docs page (``None`` if it has no page)."""
        if isinstance(target, Page):
            return page_url(target.src, self.options.use_directory_urls)
        record = self.dataset.get(target) if isinstance(target, str) else target
        if record is None:
            return None
        src = src_path(record)
        return page_url(src, self.options.use_directory_urls) if src else None

    # -- pages ------------------------------------------------------------------

    def pages(self) -> Iterator[GeneratedPage]:
        """Every generated page: entities, stories with a body, hubs."""
        for record in self.dataset.records.values():
            src = src_path(record)
            if src is not None:
                yield GeneratedPage(src, self.render_record(record, src), record)
        for src in HUBS:
            yield GeneratedPage(src, self.render_hub(src))
        for section, entries in self.sections.items():
            src = f"stories/sections/{slugify(section)}.md"
            view = View(self, page_url(src, self.options.use_directory_urls), None)
            body = self.env.get_template(f"{TEMPLATE_FOLDER}/section.html").render(
                v=view, section=section, entries=entries, **view.context()
            )
            yield GeneratedPage(src, front_matter(section, f"Stories in {section}, newest first.") + body)

    @cached_property
    def entries(self) -> list[Story | Page]:
        """Every story and dated page, newest first."""
        entries: list[Story | Page] = [*self.dataset.stories, *(p for p in self.dataset.pages if p.date)]
        return sorted(entries, key=entry_sort_key, reverse=True)

    @cached_property
    def sections(self) -> dict[str, list[Story | Page]]:
        """Stories and dated pages by section, sections in alphabetical order."""
        sections: dict[str, list[Story | Page]] = {}
        for entry in self.entries:
            if entry.section:
                sections.setdefault(entry.section, []).append(entry)
        return dict(sorted(sections.items(), key=lambda item: item[0].casefold()))

    def section_url(self, section: str) -> str:
        return page_url(f"stories/sections/{slugify(section)}.md", self.options.use_directory_urls)

    # -- data files: timeline exports and feeds ----------------------------------------------

    def url_of_path(self, src: str) -> str:
        return page_url(src, self.options.use_directory_urls)

    def render_record(self, record: Record, src: str) -> str:
        view = View(self, page_url(src, self.options.use_directory_urls), record)
        body = self.env.get_template(f"{TEMPLATE_FOLDER}/{PAGE_TEMPLATES[record.kind]}").render(
            record=record, v=view, **view.context()
        )
        return front_matter(record.name, view.description(), record.file) + body

    def render_hub(self, src: str) -> str:
        template, title, description = HUBS[src]
        view = View(self, page_url(src, self.options.use_directory_urls), None)
        body = self.env.get_template(f"{TEMPLATE_FOLDER}/{template}").render(v=view, title=title, **view.context())
        return front_matter(title, description) + body

    def related(self, story: Story) -> list[Story | Page]:
        """Other stories ranked by what they share with ``story``."""
        return self.related_index.related(story.id)

    def related_to_page(self, page: Page) -> list[Story | Page]:
        return self.related_index.related(page_entry_key(page))

    def hand_written_page(self, markdown: str, src: str, url: str) -> str:
        """A page from ``docs/`` as published: links and embeds resolved and, when its front
        matter takes part in the data, its byline under the title and its related stories."""
        page = self.dataset.page(src)
        markdown = str(View(self, url, None, date=page.date if page else None).markdown(markdown, allow_embeds=True))
        if page is None:
            return markdown
        view = View(self, url, None)
        if page.date or page.byline or page.section:
            markdown = _after_title(markdown, str(view.component("page-byline", page=page)))
        related = self.related_to_page(page) if page.about else []
        if related:
            markdown += "\n\n## Related stories\n\n" + str(view.stories(related)) + "\n"
        return markdown


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "section"


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


def front_matter(title: str, description: str | None, data_file: str | None = None) -> str:
    # JSON strings are YAML strings; HTML-escaped because themes print titles raw.
    lines = ["---", f"title: {json.dumps(str(escape(title)))}"]
    if description:
        lines.append(f"description: {json.dumps(str(escape(description)))}")
    if data_file:
        lines.append(f"data_file: {json.dumps(data_file)}")
    return "\n".join([*lines, "---", "", ""])


def _after_title(markdown: str, block: str) -> str:
    """``block`` under the page's first ``# Title`` line, or at the top."""
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: number + 1], "", block, "", *lines[number + 1 :]])
    return block + "\n\n" + markdown
