"""The settings of a site that change what its data renders to, and the files a build makes.

One :class:`SiteConfig` serves the plugin (which fills it from MkDocs' own
configuration, see ``election_explainers.config``), ``explainers diff`` and
``explainers materialize`` (which read ``mkdocs.yml`` themselves with
:func:`read_site_config`, without MkDocs: the file is YAML and these keys are
plain values; tags such as Material's ``!!python/name:`` are read as nothing).
So the options pages render with, and the list of files a build writes, are
worked out in one place, and ``diff`` renders exactly what the site would.
"""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..data.dates import PartialDate
from ..index.related import DEFAULT_WEIGHTS, RelatedSettings
from ..render.options import RenderOptions
from ..render.render import Renderer
from .downloads import download_files
from .embeds import embed_files
from .live_count import count_files
from .publish import FEED_ENTRIES, DataFile, feed_files, timeline_files


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that reads unknown tags (``!!python/name:…``, ``!ENV``) as ``None`` instead of failing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class SiteConfig:
    """What the plugin reads from ``mkdocs.yml`` besides the data (defaults as MkDocs and the plugin have them)."""

    root: Path
    site_url: str = ""
    site_name: str = ""
    use_directory_urls: bool = True
    docs_dir: str = "docs"
    data_dir: str = "data"
    custom_dir: str | None = None
    repo_url: str | None = None
    edit_uri: str | None = None
    data_edit_uri: str | None = None
    raw_html: str = "sanitize"
    related: dict[str, Any] = field(default_factory=dict)
    permalink: str | None = None
    permalink_title: str = "Permanent link"
    as_of: PartialDate | None = None
    feed_entries: int = FEED_ENTRIES
    embeds: bool = True
    downloads: bool = True
    cards: bool = True
    cards_cache_dir: str = ".cache/elections/cards"
    images_cache_dir: str = ".cache/elections/images"
    data_licence: str | None = None
    languages: tuple[str, ...] = ("en",)
    """The site's languages, the default first (the plugin's ``languages:``)."""

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def related_settings(self) -> RelatedSettings:
        weights = {**DEFAULT_WEIGHTS, **{str(k): float(v) for k, v in (self.related.get("weights") or {}).items()}}
        return RelatedSettings(
            weights, int(self.related.get("max_count", 5)), bool(self.related.get("include_newer", False))
        )

    @property
    def locale_dirs(self) -> tuple[Path, ...]:
        """The site's own catalogues: ``locales/`` beside ``mkdocs.yml``, when there is one."""
        folder = self.root / "locales"
        return (folder,) if folder.is_dir() else ()

    @property
    def template_dirs(self) -> list[Path]:
        folder = self.root / self.custom_dir if self.custom_dir else None
        return [folder] if folder is not None and folder.is_dir() else []

    def render_options(self, last_updated: Callable[[str], str | None] | None = None) -> RenderOptions:
        """The options pages render with.  "Last updated" dates come from git history (the plugin passes
        them); ``diff`` leaves them out, as they change with every commit of a file, which shows anyway."""
        return RenderOptions(
            use_directory_urls=self.use_directory_urls,
            template_dirs=self.template_dirs,
            edit_url=self.edit_url_maker(),
            last_updated=last_updated or (lambda file: None),
            related=self.related_settings,
            raw_html=self.raw_html,  # type: ignore[arg-type]
            permalink=self.permalink,
            permalink_title=self.permalink_title,
            as_of=self.as_of,
            site_url=self.site_url,
            site_name=self.site_name,
            embeds=self.embeds,
            downloads=self.downloads,
            languages=self.languages,
            language=self.languages[0],
            locale_dirs=self.locale_dirs,
        )

    def data_files(self, renderer: Renderer) -> list[DataFile]:
        """Every file a build writes besides pages and cards: timelines, feeds (with a site address),
        embeds and downloads, as the settings turn them on."""
        files: list[DataFile] = []
        for lang in self.languages:  # each language's counts, timelines, feeds and charts, in its folder and words
            own = renderer.in_language(lang)
            files += count_files(own)  # what a counting election's page refreshes itself from
            files += timeline_files(own, self.site_url)
            if self.site_url:
                files += feed_files(own, self.site_url, self.site_name, self.feed_entries)
            if self.embeds:
                files += embed_files(own, self.site_name)
        if self.downloads:
            files += download_files(renderer, self.site_name, self.data_licence)
        return files

    def edit_url_maker(self) -> Callable[[str], str | None]:
        """As the plugin makes them: ``repo_url`` + ``data_edit_uri`` (or ``edit_uri`` without its docs folder)."""
        if not self.repo_url:
            return lambda file: None
        edit_uri = self.data_edit_uri
        if edit_uri is None:
            edit_uri = (self.edit_uri or "").rstrip("/")
            docs_part = self.docs_dir.strip("/")
            if docs_part and edit_uri.endswith(docs_part):
                edit_uri = edit_uri[: -len(docs_part)]
        base_url = self.repo_url.rstrip("/") + "/" + edit_uri.strip("/")
        return lambda file: posixpath.join(base_url, file) if file else None


def read_site_config(config_file: Path) -> SiteConfig:
    """The settings in ``config_file``; a missing file gives the defaults, rooted at its folder."""
    root = config_file.parent
    if not config_file.is_file():
        return SiteConfig(root)
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    if not isinstance(raw, dict):
        return SiteConfig(root)
    config = SiteConfig(root)
    config.site_url = _text(raw.get("site_url")) or ""
    if config.site_url and not config.site_url.endswith("/"):
        config.site_url += "/"  # as MkDocs normalizes it
    config.site_name = _text(raw.get("site_name")) or ""
    config.use_directory_urls = raw.get("use_directory_urls", True) is not False
    config.docs_dir = _text(raw.get("docs_dir")) or "docs"
    config.repo_url = _text(raw.get("repo_url"))
    config.edit_uri = _text(raw.get("edit_uri"))
    if config.repo_url and config.edit_uri is None and "github.com" in config.repo_url:
        config.edit_uri = "edit/master/docs/"  # MkDocs' own default for GitHub
    theme = raw.get("theme")
    if isinstance(theme, dict):
        config.custom_dir = _text(theme.get("custom_dir"))
    plugin = _plugin_settings(raw.get("plugins"))
    config.data_dir = _text(plugin.get("data_dir")) or "data"
    config.data_edit_uri = _text(plugin.get("data_edit_uri"))
    config.raw_html = _text(plugin.get("raw_html")) or "sanitize"
    config.languages = languages_setting(plugin.get("languages")) or ("en",)
    related = plugin.get("related")
    config.related = related if isinstance(related, dict) else {}
    with contextlib.suppress(ValueError):  # a bad date: the plugin stops that site's build, saying why
        config.as_of = PartialDate.parse(plugin["as_of"]) if plugin.get("as_of") is not None else None
    if isinstance(plugin.get("feed_entries"), int):
        config.feed_entries = plugin["feed_entries"]
    sharing = plugin.get("sharing")
    if isinstance(sharing, dict):
        for key in ("embeds", "downloads", "cards"):
            if isinstance(sharing.get(key), bool):
                setattr(config, key, sharing[key])
        config.cards_cache_dir = _text(sharing.get("cards_cache_dir")) or config.cards_cache_dir
        config.images_cache_dir = _text(sharing.get("images_cache_dir")) or config.images_cache_dir
    extra = raw.get("extra")
    licence = extra.get("data_licence") if isinstance(extra, dict) else None
    config.data_licence = str(licence) if licence is not None else None
    toc = _extension_settings(raw.get("markdown_extensions"), "toc")
    if toc is not None:
        permalink = toc.get("permalink")
        config.permalink = ("¶" if permalink is True else str(permalink)) if permalink else None
        config.permalink_title = str(toc.get("permalink_title", "Permanent link"))
    return config


def languages_setting(value: Any) -> tuple[str, ...]:
    """``languages:`` as written: a list (or one code) as strings; nothing (``()``) when it is not set.

    A value that is not a list is returned as strings all the same, so the language checks
    can say what is wrong with it.
    """
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    return tuple(str(lang) for lang in value) if isinstance(value, list) else (str(value),)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _plugin_settings(plugins: Any) -> dict[str, Any]:
    """The ``elections`` plugin's settings, from either form of the ``plugins`` list (or a mapping)."""
    items = plugins.items() if isinstance(plugins, dict) else [_pair(p) for p in plugins or []]
    for name, settings in items:
        if name == "elections":
            return settings if isinstance(settings, dict) else {}
    return {}


def _extension_settings(extensions: Any, wanted: str) -> dict[str, Any] | None:
    items = extensions.items() if isinstance(extensions, dict) else [_pair(e) for e in extensions or []]
    for name, settings in items:
        if name == wanted or name == f"markdown.extensions.{wanted}":
            return settings if isinstance(settings, dict) else {}
    return None


def _pair(item: Any) -> tuple[Any, Any]:
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.items()))
    return item, {}
