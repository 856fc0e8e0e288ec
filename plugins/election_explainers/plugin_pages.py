"""What the plugin does per page: generated pages' HTML, hand-written pages' links, head links.

A mixin of :class:`~.plugin.ElectionsPlugin`; the state it reads is the plugin's,
declared here for the type checker and set in the plugin's ``__init__``.
"""

from __future__ import annotations

import logging
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .core.data.problems import Problem
from .core.index.tracking import EVERYTHING
from .core.publish.downloads import data_page
from .core.publish.head import head_links
from .core.render.markdown_html import slot_number
from .core.render.page_types import PageSource, RenderedPage
from .core.render.view import View, plain_text
from .errors_page import errors_html
from .mkdocs_pages import anchor_ids, replace_slots_in_toc, table_of_contents
from .plugin_state import PluginState

log = logging.getLogger("mkdocs.plugins.elections")


class PageEvents(PluginState):
    """The page events, from ``on_pre_page`` to ``on_post_page``."""

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.build_date is not None:
            page.update_date = self.build_date
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        if self.problems:
            page.meta["title"] = "Data problems"
            return ""
        if self.renderer is None or src in self.sources:
            return markdown  # a generated page's stub: its HTML comes at on_page_content
        lang = self.languages.of(src)
        if lang != self.languages.default:
            page.meta["lang"] = lang  # <html lang> and the theme's words (theme/partials/language.html)
        renderer = self.renderers.get(lang, self.renderer)
        written = renderer.hand_written_page(markdown, src, page.url)
        self.hand_written[src] = written
        self.docs_reads[src] = written.reads
        if self.persistent is not None:
            self.persistent.made(page.file.dest_uri, written.reads)
        entry = self.renderer.dataset.page(src)
        if entry is not None and entry.summary and "description" not in page.meta:
            # Themes print the description unescaped into an attribute.
            summary = View(renderer, page.url, None).html(entry.summary)
            page.meta["description"] = str(escape(plain_text(summary)))
        return written.markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        if self.problems:
            return errors_html(self.problems)
        source = self.sources.get(src)
        if source is not None:
            if self.command != "serve":
                # MkDocs reads every page before it writes any: a one-off build renders each generated
                # page just before the theme does (on_page_context), so the site is never all in memory.
                return ""
            rendered = self.pages.fresh(src)
            if rendered is None:
                rendered = self.render(source)
                different = self.pages.store(src, rendered, rendered.reads)
                self.files[src].changed = different or self.previous_sources.get(src) != source
            return show(page, rendered)
        if src == self.data_page_src and self.renderer is not None:
            rendered = data_page(self.renderer, config.site_name, self.site.data_licence)
            if self.persistent is not None:
                self.persistent.made(page.file.dest_uri, {EVERYTHING})  # it lists every election
            page.toc = table_of_contents(rendered.headings)
            return rendered.html
        written = self.hand_written.pop(src, None)
        if written is None:
            return html
        replace_slots_in_toc(page.toc, lambda slot: str(escape(plain_text(written.slots[slot_number(slot)]))))
        return written.fill(html)

    def render(self, source: PageSource) -> RenderedPage:
        assert self.renderer is not None
        renderer = self.renderers.get(self.languages.of(source.src), self.renderer)
        try:
            return renderer.render(source)
        except Exception as error:
            if self.command != "serve":
                raise PluginError(f"Could not render {source.src}: {error!r}") from error
            # Under serve the editor sees what went wrong on the page itself; any edit retries it.
            log.exception("Could not render %s", source.src)
            problem = Problem(source.data_file or source.src, 1, 1, "", f"could not render this page: {error!r}")
            return RenderedPage(errors_html([problem]), (), frozenset({EVERYTHING}))

    @event_priority(100)  # before the search plugin reads the page's content
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        self.languages.page_context(context, page, config.extra, config.site_url or "", config.use_directory_urls)
        source = self.sources.get(page.file.src_uri)
        if source is None or self.renderer is None:
            return context
        if self.command != "serve" and not self.problems:
            dest = page.file.dest_uri
            rendered = self.page_cache.get(dest) if self.page_cache is not None else None
            if rendered is None:
                rendered = self.render(source)
                if self.page_cache is not None:
                    self.page_cache.put(dest, rendered)
            show(page, rendered)
            if self.persistent is not None:
                self.persistent.made(page.file.dest_uri, rendered.reads)
        if source.data_file:
            page.edit_url = self.renderer.options.edit_url(source.data_file)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # MkDocs logs each page it builds only once per process; editors (and tests) want every build's.
        log.debug("Built page %s", page.file.src_uri)
        self.built.append(page.file.src_uri)
        self.built_urls.append(page.url)
        if self.command != "serve" and page.file.src_uri in self.sources:
            page.content = None  # written: a one-off build need not keep it
        output = self.languages.post_page(output, page, config.site_url or "")
        if not config.site_url or self.renderer is None or "</head>" not in output:
            return output
        source = None if self.problems else self.sources.get(page.file.src_uri)
        renderer = self.renderers.get(self.languages.of(page.file.src_uri), self.renderer)
        links = head_links(renderer, source, page.url, self.cards, 'property="og:' in output)
        return output.replace("</head>", links + "</head>", 1)


def show(page: Page, rendered: RenderedPage) -> str:
    """Put a generated page's HTML, table of contents and anchors where MkDocs and the theme look."""
    page.content = rendered.html
    page.toc = table_of_contents(rendered.headings)
    page.present_anchor_ids = anchor_ids(rendered.html)
    return rendered.html
