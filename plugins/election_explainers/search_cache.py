"""Material's search entries for each page, kept on disk between builds.

Material's search plugin parses every page's HTML again on every build to
split it into sections: about a quarter of a build's time.  A page whose HTML,
title, tags, search settings and table of contents are unchanged gets the same
entries, so they are kept in a file under the build cache folder, by a hash of
exactly what Material reads, and the parse is skipped.  The key also names
Material's version and whether it segments Chinese (jieba), so an upgrade or a
change of setting parses everything afresh.

The cache wraps the one method the plugin calls per page
(``SearchIndex.add_entry_from_context``); the index, its JSON and Material's
own ``--dirty`` merging are unchanged.
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
import json
import logging
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from .core.data.files import write_whole
from .core.publish.search_merge import page_of

log = logging.getLogger("mkdocs.plugins.elections")

CACHE_FILE = "search-entries.json"
VERSION = 1
_NO_DOCS = '"docs":[]}'  # how Material's index JSON ends without entries


def _joined(items: Iterable[str]) -> Iterator[str]:
    """``items`` with a comma between each two, as JSON lists and objects have them."""
    for number, item in enumerate(items):
        yield ("," + item) if number else item


def _toc_outline(items: Any) -> list[Any]:
    return [[item.id, item.url, _toc_outline(item.children)] for item in items]


def _material_signature() -> str:
    try:
        search = importlib.import_module("material.plugins.search.plugin")  # does it segment Chinese?
        jieba = getattr(search, "jieba", None) is not None
        return f"{metadata.version('mkdocs-material')} jieba={jieba}"
    except (ImportError, metadata.PackageNotFoundError):
        return "unknown"


class SearchEntryCache:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.kept: dict[str, list[dict[str, Any]]] = {}
        self.used: dict[str, list[dict[str, Any]]] = {}
        self.signature = _material_signature()
        self.parsed = 0
        # Under `serve --dirty`: the pages whose parse waits until the browser has its reload.
        self.later: list[tuple[str, Any]] | None = None
        self._index: Any = None
        self._parse: Any = None  # Material's own add_entry_from_context
        self._empty: str | None = None  # the index Material wrote without its entries (see write_index)

    def attach(
        self, plugins: Any, folder: Path | None, *, parse_later: bool = False, write_later: bool = False
    ) -> None:
        """Wrap this build's search index (Material's plugin makes a new one at each ``on_config``).

        With ``parse_later``, a page not kept is left out of the index Material writes (where
        :meth:`merge_rebuilt` keeps its entries from the last build) and parsed by :meth:`parse_waiting`.
        With ``write_later``, Material writes an index without entries and :meth:`write_index` the
        whole, a page at a time.
        """
        if folder != self.folder:
            self.folder = folder
            self.kept = self._read()
        else:
            self.kept.update(self.used)  # under serve: the last build's entries, in memory
        self.used = {}
        self.parsed = 0
        self.later = [] if parse_later else None
        index = next(
            (
                getattr(plugin, "search_index", None)
                for plugin in plugins.values()
                if hasattr(getattr(plugin, "search_index", None), "add_entry_from_context")
            ),
            None,
        )
        if index is None or getattr(index.add_entry_from_context, "kept_by_elections", False):
            return
        original = index.add_entry_from_context
        self._index, self._parse = index, original

        def add_entry_from_context(page: Any) -> None:
            key = self.key(page)
            entries = self.kept.get(key)
            if entries is None and self.later is not None:
                self.later.append((key, page))
                return
            if entries is None:
                start = len(index.entries)
                original(page)
                entries = index.entries[start:]
                self.parsed += 1
            else:
                index.entries.extend(dict(entry) for entry in entries)
            self.used[key] = entries

        add_entry_from_context.kept_by_elections = True  # type: ignore[attr-defined]
        index.add_entry_from_context = add_entry_from_context
        self._empty = None
        if write_later:
            generate = index.generate_search_index

            def without_entries(previous: Any) -> str:
                entries, index.entries = index.entries, []
                try:
                    self._empty = str(generate(previous))
                finally:
                    index.entries = entries
                return self._empty

            index.generate_search_index = without_entries

    def merge_rebuilt(self, plugins: Any) -> None:
        """Under ``serve --dirty``, before Material writes its index: the last build's entries, minus
        those of every page this build indexed again, then this build's.

        Material's own merge assumes one page per dirty build: it drops the last build's entries of
        the first page indexed only, so after an edit that rebuilds forty pages the other
        thirty-nine were in the index twice, once with the text before the edit (and a first page
        at the site's root dropped every other page's entries).  Done here, Material's merge finds
        no previous index and writes these entries as they are.
        """
        for plugin in plugins.values():
            index, previous = getattr(plugin, "search_index", None), getattr(plugin, "search_index_prev", None)
            if index is None or previous is None or not hasattr(previous, "entries"):
                continue
            rebuilt = {page_of(str(entry["location"])) for entry in index.entries}
            kept = [entry for entry in previous.entries if page_of(str(entry["location"])) not in rebuilt]
            index.entries[:0] = kept
            plugin.search_index_prev = None

    def write_index(self, site_dir: Path) -> None:
        """After Material wrote its index without entries (``write_later``), write it whole, the same
        text as Material's own, without its one string and its bytes at the build's peak: tens of
        megabytes each at L."""
        empty, index = self._empty, self._index
        self._empty = None
        if empty is None or index is None:
            return
        if not empty.endswith(_NO_DOCS):  # not the JSON Material writes today: let it write everything
            pieces: Iterable[str] = [str(type(index).generate_search_index(index, None))]
        else:
            pieces = itertools.chain(
                [empty.removesuffix(_NO_DOCS) + '"docs":['],
                _joined(json.dumps(entry, separators=(",", ":"), default=str) for entry in index.entries),
                ["]}"],
            )
        write_whole(site_dir / "search" / "search_index.json", pieces)

    def parse_waiting(self) -> str | None:
        """Parse the pages :meth:`attach` left waiting, in place of their last entries; the index's
        JSON as Material writes it, to be written again (``None``: nothing waited)."""
        waiting, index = self.later or [], self._index
        self.later = None
        if not waiting or index is None:
            return None
        pages = {page_of(str(page.url)) for _, page in waiting}
        index.entries[:] = [entry for entry in index.entries if page_of(str(entry["location"])) not in pages]
        for key, page in waiting:
            start = len(index.entries)
            self._parse(page)
            self.used[key] = index.entries[start:]
            self.parsed += 1
        return str(index.generate_search_index(None))

    def key(self, page: Any) -> str:
        """A hash of everything Material's indexing of ``page`` reads."""
        meta = page.meta or {}
        seen = [
            self.signature,
            page.url,
            str(page.title),
            meta.get("title"),
            meta.get("tags"),
            meta.get("search"),
            _toc_outline(page.toc),
        ]
        hashed = hashlib.sha256(json.dumps(seen, default=str, ensure_ascii=False).encode())
        hashed.update(b"\0" + (page.content or "").encode())
        return hashed.hexdigest()

    def save(self) -> None:
        """Keep this build's entries (only those: a removed page's go) for the next build."""
        if self.folder is None:
            return
        log.debug(
            "Search entries: %d page(s) parsed, %d kept from the last build", self.parsed, len(self.used) - self.parsed
        )
        if self.parsed == 0 and self.used.keys() == self.kept.keys():
            return  # nothing new to keep
        self.folder.mkdir(parents=True, exist_ok=True)
        # Written page by page: one string of every page's text would be tens of megabytes at the
        # build's peak (json.dump writes piecemeal too, but through the pure-Python encoder, several
        # times slower).
        pages = (
            json.dumps(key) + ":" + json.dumps(entries, separators=(",", ":"), ensure_ascii=False)
            for key, entries in self.used.items()
        )
        write_whole(
            self.folder / CACHE_FILE, itertools.chain([f'{{"version":{VERSION},"entries":{{'], _joined(pages), ["}}"])
        )

    def _read(self) -> dict[str, list[dict[str, Any]]]:
        if self.folder is None:
            return {}
        try:
            data = json.loads((self.folder / CACHE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]
