"""The few settings of a site's ``mkdocs.yml`` that change what the data renders to, read without MkDocs.

``explainers diff`` renders both sides of a change with the same options the
plugin would use, so a change to the settings shows as well as a change to the
data.  MkDocs itself is not needed for that: the file is YAML, and these keys
are plain values.  Tags such as Material's ``!!python/name:`` are read as
nothing (they never concern these keys).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..index.related import DEFAULT_WEIGHTS, RelatedSettings
from ..render.options import RenderOptions


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

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    def render_options(self) -> RenderOptions:
        """The options the plugin renders with, except for "last updated" dates (they come from git history
        and change with every commit of a file, which shows in the data anyway)."""
        weights = {**DEFAULT_WEIGHTS, **{str(k): float(v) for k, v in (self.related.get("weights") or {}).items()}}
        template_dirs = [self.root / self.custom_dir] if self.custom_dir else []
        return RenderOptions(
            use_directory_urls=self.use_directory_urls,
            template_dirs=[d for d in template_dirs if d.is_dir()],
            edit_url=self.edit_url_maker(),
            related=RelatedSettings(
                weights, int(self.related.get("max_count", 5)), bool(self.related.get("include_newer", False))
            ),
            raw_html=self.raw_html,  # type: ignore[arg-type]
            permalink=self.permalink,
            permalink_title=self.permalink_title,
            site_url=self.site_url,
            site_name=self.site_name,
        )

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
    related = plugin.get("related")
    config.related = related if isinstance(related, dict) else {}
    toc = _extension_settings(raw.get("markdown_extensions"), "toc")
    if toc is not None:
        permalink = toc.get("permalink")
        config.permalink = ("¶" if permalink is True else str(permalink)) if permalink else None
        config.permalink_title = str(toc.get("permalink_title", "Permanent link"))
    return config


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
