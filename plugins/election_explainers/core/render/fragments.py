"""Pieces of output (one entry of a long list) kept between renders while nothing they read changed.

A page is re-rendered as a whole when anything it read changed (:mod:`.incremental`);
for the site-wide lists (the timeline, every story, the feeds) that is every edit,
though an edit changes only a few of their thousands of entries.  Each entry is
made once, with the keys it read (:class:`Reads` notes them as it goes), and kept
until one of those keys changes.  Entries are found by what they show (a timeline
item, a story's id) and where (the page's address), so an edited item simply
finds no entry and is made again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class Reads(set[str]):
    """The keys a page read (see :mod:`.tracking`); while a piece of it is being made, its keys too."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        super().__init__(keys)
        self._pieces: list[set[str]] = []

    def add(self, key: str) -> None:
        super().add(key)
        if self._pieces:
            self._pieces[-1].add(key)

    def update(self, *groups: Iterable[str]) -> None:
        for keys in groups:
            keys = keys if isinstance(keys, (set, frozenset)) else set(keys)
            super().update(keys)
            if self._pieces:
                self._pieces[-1].update(keys)

    @contextmanager
    def piece(self) -> Iterator[set[str]]:
        """Note separately what is read inside the block (a piece inside a piece also counts for the outer)."""
        keys: set[str] = set()
        self._pieces.append(keys)
        try:
            yield keys
        finally:
            self._pieces.pop()
            if self._pieces:
                self._pieces[-1].update(keys)


class Fragments(Generic[T]):
    """The pieces made by the last builds, with what each read.

    Call :meth:`begin` at the start of each build: pieces that read a changed key are
    dropped.  A piece no build asks for again (its item is gone or was edited) stays
    until the store holds twice the most pieces one build used; then the pieces unused
    the longest go.  Dropping whatever the last build did not use would be simpler, but
    a docs edit uses none of the site-wide lists, and the next data edit would then
    make all of them again.
    """

    def __init__(self) -> None:
        self._pieces: dict[Hashable, tuple[T, frozenset[str]]] = {}  # least recently used first
        self._used: set[Hashable] = set()
        self._most_used = 0  # the most pieces one build used
        self.made = 0  # pieces this build had to make

    def begin(self, changed: set[str] | None) -> None:
        self._most_used = max(self._most_used, len(self._used))
        if changed is None:
            self._pieces.clear()
        else:
            self._pieces = {key: piece for key, piece in self._pieces.items() if piece[1].isdisjoint(changed)}
        if len(self._pieces) > 2 * self._most_used:
            oldest = list(self._pieces)[: len(self._pieces) - self._most_used]
            for key in oldest:
                del self._pieces[key]
        self._used = set()
        self.made = 0

    def get(self, key: Hashable, reads: Reads, make: Callable[[], T]) -> T:
        """The piece for ``key``, made if need be; what it read is noted in ``reads`` either way."""
        self._used.add(key)
        kept = self._pieces.pop(key, None)
        if kept is not None:
            self._pieces[key] = kept  # now the most recently used
            reads.update(kept[1])
            return kept[0]
        self.made += 1
        with reads.piece() as keys:
            value = make()
        self._pieces[key] = (value, frozenset(keys))
        return value

    def __len__(self) -> int:
        return len(self._pieces)
