"""The plugin's settings in ``mkdocs.yml`` (typed, as MkDocs checks them) and the site settings they make.

The core's :class:`~.core.publish.siteconfig.SiteConfig` is what rendering and
publishing read; :func:`site_config` fills it from MkDocs' configuration, so
the plugin, ``explainers diff`` and ``explainers materialize`` render alike.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .core.data.dates import PartialDate
from .core.publish.publish import FEED_ENTRIES
from .core.publish.siteconfig import SiteConfig


class RelatedConfig(base.Config):
    max_count = c.Type(int, default=5)
    """How many related stories a story or page lists."""
    include_newer = c.Type(bool, default=False)
    """List stories published after this one too (news sites show only what came before)."""
    weights = c.Type(dict, default={})
    """Weights per shared key (election, person, party, country, tag), merged onto the defaults."""


class SharingConfig(base.Config):
    cards = c.Type(bool, default=True)
    """A 1200×630 picture (PNG) per election, party, country and story page for link previews (needs site_url)."""
    cards_cache_dir = c.Type(str, default=".cache/elections/cards")
    """Rendered cards are kept here (relative to mkdocs.yml) by a hash of their content; "" keeps none."""
    images_cache_dir = c.Type(str, default=".cache/elections/images")
    """Processed images (every size and format) are kept here by a hash of their content; "" keeps none."""
    embeds = c.Type(bool, default=True)
    """Each election chart as an embed page and an SVG file, with the <iframe> snippet on the election page."""
    downloads = c.Type(bool, default=True)
    """Each election's results as CSV and JSON, and the whole dataset (JSON, Popolo) under data/."""


class ElectionsConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """The data folder, relative to mkdocs.yml."""
    nav = c.Type(bool, default=True)
    """Add the hub pages (Countries, Elections, …) to the navigation."""
    data_edit_uri = c.Optional(c.Type(str))
    """Edit links for data files, relative to repo_url; by default edit_uri without its docs folder."""
    last_updated = c.Type(bool, default=True)
    """Show when each entity's file last changed, from git."""
    feed_entries = c.Type(int, default=FEED_ENTRIES)
    """How many of the newest stories each Atom and JSON feed carries."""
    raw_html = c.Choice(("sanitize", "allow"), default="sanitize")
    """Raw HTML in data Markdown (summary, body, event text): sanitized with an allow-list, or kept as written."""
    related = c.SubConfig(RelatedConfig)
    sharing = c.SubConfig(SharingConfig)
    languages = c.ListOfItems(c.Type(str), default=[])
    """The site's languages, the default first: [en, ru, kk] publishes English at /, Russian under /ru/, …"""
    untranslated = c.Choice(("warn", "allow"), default="warn")
    """A name or text missing in a language: a warning (``--strict`` fails the build), or allowed (it falls back)."""
    build_cache_dir = c.Type(str, default=".cache/elections/build")
    """What one build keeps for the next (relative to mkdocs.yml): generated pages with what they read,
    Material's search entries by a hash of each page, compiled templates. "" keeps none."""
    as_of = c.Optional(c.Type[str | int | datetime.date]((str, int, datetime.date)))
    """The date entity pages and hubs are true on (YYYY, YYYY-MM or YYYY-MM-DD): names, capitals,
    leaders and "current" labels as of it. By default the newest dated fact in the data."""


def site_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def site_config(settings: ElectionsConfig, config: MkDocsConfig) -> SiteConfig:
    """The site's settings as the core reads them, from MkDocs' configuration and the plugin's."""
    root = site_root(config)
    docs = Path(config.docs_dir).resolve()
    toc = config.mdx_configs.get("toc", {}) if "toc" in config.markdown_extensions else {}
    permalink = toc.get("permalink")
    licence = config.extra.get("data_licence") if config.extra else None
    return SiteConfig(
        root=root,
        site_url=config.site_url or "",
        site_name=config.site_name,
        use_directory_urls=config.use_directory_urls,
        docs_dir=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "",
        data_dir=settings.data_dir,
        custom_dir=str(Path(config.theme.custom_dir).resolve()) if config.theme.custom_dir else None,
        repo_url=config.repo_url,
        edit_uri=config.edit_uri,
        data_edit_uri=settings.data_edit_uri,
        raw_html=settings.raw_html,
        related=dict(settings.related),
        permalink=("¶" if permalink is True else str(permalink)) if permalink else None,
        permalink_title=str(toc.get("permalink_title", "Permanent link")),
        as_of=_as_of(settings.as_of),
        feed_entries=settings.feed_entries,
        embeds=settings.sharing.embeds,
        downloads=settings.sharing.downloads,
        cards=settings.sharing.cards,
        cards_cache_dir=settings.sharing.cards_cache_dir,
        images_cache_dir=settings.sharing.images_cache_dir,
        data_licence=str(licence) if licence is not None else None,
        languages=tuple(settings.languages) or ("en",),
    )


def _as_of(value: str | int | datetime.date | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise PluginError(f"elections: as_of: {error}") from None
