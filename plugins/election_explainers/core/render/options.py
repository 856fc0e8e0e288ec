"""The settings a site renders its pages with (its ``mkdocs.yml`` and the plugin's options).

They sit apart from :mod:`.render` so that :mod:`.view`, which reads them while
rendering a page, does not depend on the renderer itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..data.dates import PartialDate
from ..index.related import RelatedSettings
from .markdown_html import RawHtml


@dataclass
class RenderOptions:
    use_directory_urls: bool = True
    template_dirs: Sequence[Path] = ()
    edit_url: Callable[[str], str | None] = lambda file: None
    last_updated: Callable[[str], str | None] = lambda file: None
    related: RelatedSettings = field(default_factory=RelatedSettings)
    raw_html: RawHtml = "sanitize"
    """Editors' raw HTML in data Markdown: ``sanitize`` (an allow-list) or ``allow`` (as written)."""
    permalink: str | None = None
    """The symbol of each heading's permalink (as the site's toc extension sets it), or none."""
    permalink_title: str = "Permanent link"
    as_of: PartialDate | None = None
    """The date pages without one of their own are true on; by default the newest dated fact (see as_of.py)."""
    site_url: str = ""
    """The site's address (mkdocs.yml ``site_url``): embed snippets and social cards need absolute links."""
    site_name: str = ""
    embeds: bool = True
    """Write each election chart as an embed page and SVG file, and offer the ``<iframe>`` snippet."""
    downloads: bool = True
    """Offer each election's results as CSV and JSON, and the whole dataset under ``data/``."""
    languages: tuple[str, ...] = ("en",)
    """The site's languages, the default first (published at ``/``; each other under ``/<lang>/``)."""
    language: str = "en"
    """The language these pages are in (one of ``languages``)."""
    locale_dirs: tuple[Path, ...] = ()
    """The site's own catalogues (``locales/``), asked before the package's."""

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def prefix(self) -> str:
        """``""`` for the default language, ``"ru/"`` for Russian: where this language's pages live."""
        return "" if self.language == self.languages[0] else f"{self.language}/"
