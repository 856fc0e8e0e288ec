"""How generated pages meet MkDocs: files that know whether they changed, and tables of contents."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, Self, cast

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import TableOfContents, get_toc

from .core.render.markdown_html import SLOT_RE
from .core.render.view import Heading

_ID_RE = re.compile(r'\sid="([^"]+)"')


class GeneratedFile(File):
    """A generated file that knows whether its output differs from the last build's.

    ``mkdocs serve --dirty`` asks every file ``is_modified()``; MkDocs' own
    answer for generated content is always yes.  Ours lets an unchanged page
    skip Markdown, the theme, the search index and writing.
    """

    changed: bool = True

    @classmethod
    def of(
        cls,
        config: MkDocsConfig,
        src_uri: str,
        content: str | bytes,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> Self:
        """File.generated, typed: MkDocs builds the file with `cls(...)` but annotates it as returning File."""
        return cast(Self, cls.generated(config, src_uri, content=content, inclusion=inclusion))

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class LazyFile(GeneratedFile):
    """A data file made when it is written, and not kept: a one-off build of a large site holds
    no timeline, feed or card in memory beyond the one being written."""

    make: Callable[[], str | bytes]

    @classmethod
    def lazy(cls, config: MkDocsConfig, src_uri: str, make: Callable[[], str | bytes]) -> LazyFile:
        file = cls.of(config, src_uri, "")
        file.make = make
        return file

    # MkDocs' content properties have setters; a lazy file's content is made on demand, never set.
    @property  # type: ignore[misc]
    def content_bytes(self) -> bytes:
        content = self.make()
        return content if isinstance(content, bytes) else content.encode()

    @property  # type: ignore[misc]
    def content_string(self) -> str:
        content = self.make()
        return content.decode("utf-8-sig") if isinstance(content, bytes) else content

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as output:
            output.write(self.content_bytes)
        # Made once: a later ask reads the file back, and what made it (a timeline's or a feed's
        # caches, shared by thousands of files MkDocs keeps to the end) can go now.
        self.make = functools.partial(_read_back, self.abs_dest_path)


def _read_back(path: str) -> bytes:
    with open(path, "rb") as written:
        return written.read()


class DeferredFile(LazyFile):
    """A lazy file written after the pages rather than with the static files, which MkDocs writes
    before any page: making it waits on work done beside the build (social cards drawn in worker
    processes), and the pages should not wait with it.  :meth:`write_deferred` writes them."""

    waiting: list[tuple[DeferredFile, bool]]

    @classmethod
    def later(
        cls,
        config: MkDocsConfig,
        src_uri: str,
        make: Callable[[], str | bytes],
        waiting: list[tuple[DeferredFile, bool]],
    ) -> DeferredFile:
        file = cast(DeferredFile, cls.lazy(config, src_uri, make))
        file.waiting = waiting
        return file

    def copy_file(self, dirty: bool = False) -> None:
        self.waiting.append((self, dirty))

    @staticmethod
    def write_deferred(waiting: list[tuple[DeferredFile, bool]], stopping: Callable[[], bool] = lambda: False) -> None:
        while waiting and not stopping():
            file, dirty = waiting.pop(0)
            LazyFile.copy_file(file, dirty)


def force_modified(file: File) -> None:
    """A docs page whose data changed (a linked name, an embedded table) is rebuilt though its file is not."""
    file.is_modified = lambda: True  # type: ignore[method-assign]


def table_of_contents(headings: Sequence[Heading]) -> TableOfContents:
    """MkDocs' table of contents from our headings, nested by level as the toc extension nests them."""
    tokens: list[dict[str, Any]] = []
    open_tokens: list[dict[str, Any]] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": str(escape(heading.text)), "children": []}
        while open_tokens and open_tokens[-1]["level"] >= heading.level:
            open_tokens.pop()
        (open_tokens[-1]["children"] if open_tokens else tokens).append(token)
        open_tokens.append(token)
    return get_toc(tokens)  # type: ignore[arg-type]


def anchor_ids(html: str) -> set[str]:
    """Every id in ``html``: what links into the page may point at."""
    return set(_ID_RE.findall(html))


def replace_slots_in_toc(toc: TableOfContents, text_of_slot: Any) -> None:
    """Headings of docs pages may hold links: the table of contents shows their text."""
    stack = list(toc)
    while stack:
        item = stack.pop()
        if SLOT_RE.search(item.title):
            item.title = SLOT_RE.sub(lambda match: text_of_slot(match.group()), item.title)
        stack.extend(item.children)
