"""Outputs of the last build, kept while nothing they read has changed.

Under ``mkdocs serve`` an edit to one file should cost the pages that show it,
not the whole site.  Each output (a page's HTML, a timeline file) is stored
with the keys it read (:mod:`.tracking`); at the start of a build the changed
keys turn the outputs that read them stale.  A stale output is made again,
and :meth:`OutputCache.store` tells whether it came out different, so an
unchanged page can be skipped from there on (theme, search, writing).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class _Entry(Generic[T]):
    value: T
    reads: Collection[str]


class OutputCache(Generic[T]):
    def __init__(self) -> None:
        self._fresh: dict[str, _Entry[T]] = {}
        self._stale: dict[str, _Entry[T]] = {}

    def begin(self, changed: set[str] | None) -> None:
        """Start a build: outputs that read a changed key (every output, for ``None``) turn stale."""
        self._stale.update(
            {key: entry for key, entry in self._fresh.items() if changed is None or not changed.isdisjoint(entry.reads)}
        )
        for key in self._stale:
            self._fresh.pop(key, None)

    def fresh(self, key: str) -> T | None:
        entry = self._fresh.get(key)
        return entry.value if entry else None

    def store(self, key: str, value: T, reads: Collection[str]) -> bool:
        """Keep ``value`` as the output for ``key``; whether it differs from the last one made."""
        previous = self._fresh.get(key) or self._stale.pop(key, None)
        self._fresh[key] = _Entry(value, reads)
        return previous is None or previous.value != value
