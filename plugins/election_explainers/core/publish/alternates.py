"""A page's versions in the site's languages: hreflang links, the language switcher, the sitemap, search's base.

Every page of a language has a key, its path in the default language
(``parties/nur-otan.md`` for ``ru/parties/nur-otan.md``, ``explainers/kz-2021.md``
for ``explainers/kz-2021.ru.md``); pages with the same key are versions of one
another. A version that does not exist is not linked.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

from markupsafe import escape

from ..render.i18n import translator
from ..render.urls import absolute

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


@dataclass
class Versions:
    """Which pages exist in which language: key → language → URL (site-root relative), and back."""

    languages: tuple[str, ...]
    by_key: dict[str, dict[str, str]] = field(default_factory=dict)
    key_of_url: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, lang: str, url: str) -> None:
        url = _page_url(url)
        self.by_key.setdefault(key, {})[lang] = url
        self.key_of_url[url] = key

    def of(self, url: str) -> dict[str, str]:
        """The versions of the page at ``url`` by language, in the site's order (itself included)."""
        found = self.by_key.get(self.key_of_url.get(_page_url(url), ""), {})
        return {lang: found[lang] for lang in self.languages if lang in found}

    def language_of(self, url: str) -> str:
        for lang, other in self.of(url).items():
            if other == url:
                return lang
        return self.languages[0]

    def x_default(self, url: str) -> str | None:
        """The version for readers whose language the site does not have: the default language's, else the first."""
        versions = self.of(url)
        return next(iter(versions.values()), None) if versions else None


def _page_url(url: str) -> str:
    """A file's URL as its page gives it: MkDocs' files say ``./`` for the home page, its pages ``""``."""
    return "" if url in (".", "./") else url


def switcher(versions: Versions, url: str, site_url: str) -> list[dict[str, str]]:
    """Material's ``extra.alternate`` for one page: each existing version, named in its own language.

    Material writes them as the header's language menu and as ``<link rel="alternate" hreflang>``.
    """
    return [
        {"name": translator(lang).language_name(lang), "lang": lang, "link": _address(site_url, other)}
        for lang, other in versions.of(url).items()
    ]


def x_default_link(versions: Versions, url: str, site_url: str) -> str:
    target = versions.x_default(url)
    if target is None or len(versions.of(url)) < 2:
        return ""
    return f'<link rel="alternate" hreflang="x-default" href="{escape(_address(site_url, target))}">'


def _address(site_url: str, url: str) -> str:
    # Absolute where the site has an address (search engines want it); else from the root, as Material's
    # `url` filter then makes it relative to the page.
    return absolute(site_url, url) if site_url else "/" + url


def point_search_at_language(html: str, page_url: str, lang: str) -> str:
    """Make Material's ``base`` (where its search index is) the language's folder: ``/ru/search/…``."""
    match = _CONFIG_RE.search(html)
    if match is None:
        return html
    try:
        config = json.loads(match.group(2))
    except ValueError:
        return html
    if not isinstance(config, dict) or not isinstance(config.get("base"), str):
        return html
    # With its slash: Material resolves each result's location against it as a URL ("ru" would drop ru).
    config["base"] = posixpath.normpath(posixpath.join(config["base"], lang)) + "/"
    text = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    return html[: match.start(2)] + text + html[match.end(2) :]


def sitemap_with_alternates(xml: str, versions: Versions, site_url: str) -> str:
    """The sitemap with each page's versions as ``<xhtml:link rel="alternate" hreflang>`` (Google's form)."""
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    root = ElementTree.fromstring(xml)
    base = site_url.rstrip("/") + "/"
    for entry in root.findall(f"{{{SITEMAP_NS}}}url"):
        loc = entry.find(f"{{{SITEMAP_NS}}}loc")
        if loc is None or not loc.text or not loc.text.startswith(base):
            continue
        url = loc.text[len(base) :]
        found = versions.of(url)
        if len(found) < 2:
            continue
        links = [*found.items(), ("x-default", versions.x_default(url) or url)]
        for lang, other in links:
            ElementTree.SubElement(
                entry, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": lang, "href": absolute(site_url, other)}
            )
    body = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def gzipped_like(data: bytes, previous: bytes | None) -> bytes:
    """``data`` gzipped with the header date of the file it replaces (so a build stays byte-for-byte)."""
    mtime = int.from_bytes(previous[4:8], "little") if previous and len(previous) >= 8 else 0
    return gzip.compress(data, mtime=mtime)
