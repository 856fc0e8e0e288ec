"""Related stories: rank other stories by the weighted keys they share.

Like Hugo's related content: each story (or dated page with ``about``) has
keys, ``("election", "kz-2021-mazhilis")``, ``("tag", "protests")`` …; an
inverted index maps each key to the stories that have it, in date order, so a
story's candidates are found without comparing all pairs.

A key that very many stories share (a country, on a one-country site) says
little about any two of them; like Hugo's cardinality threshold, such a key
only contributes the stories nearest in time: ``common_key_scan`` for the
heaviest kind of key, proportionally fewer for lighter ones (never fewer than
``max_count``).  That bounds the work per story, so building every list grows
linearly; below those numbers the ranking is exact.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, islice, repeat
from operator import eq, getitem
from typing import Final, Generic, NamedTuple, TypeVar

from ..data.dates import PartialDate

T = TypeVar("T")

DEFAULT_WEIGHTS = {"election": 8.0, "person": 4.0, "party": 4.0, "country": 2.0, "tag": 1.0}


@dataclass(frozen=True)
class RelatedSettings:
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_count: int = 5
    include_newer: bool = False  # news sites show what came before
    common_key_scan: int = 32  # how many nearest stories a very common key of the heaviest kind contributes


@dataclass(frozen=True)
class Entry(Generic[T]):
    item: T
    key: str  # unique and stable: story id or page path
    date: PartialDate | None
    keys: frozenset[tuple[str, str]]


class _Postings(NamedTuple):
    """The entries that have one key, in index order, and what that key is worth."""

    ranks: list[int]  # the entries' tie ranks
    latest: slice  # the last `scan` postings
    weight: float
    weight_class: int  # 0 for the heaviest weight in the settings, 1 for the next …
    scan: int  # how many of the nearest entries a common key contributes (see the module's note)


# What `postings.get` returns for a key not seen yet: a _Postings itself (never stored), so the
# lookup stays one dict call and its result has one type; None already means "a key that counts for nothing".
_UNSEEN: Final = _Postings([], slice(0), 0.0, -1, 0)


class RelatedIndex(Generic[T]):
    """Every entry's related list, all worked out on the first request.

    Cost model: every list is wanted (a site shows one on each story), each
    from about 80 candidates, so anything done in Python bytecode per
    candidate, or even per key of each entry, dominates; so do scattered
    memory reads on a big site.  Hence:

    - the lists are made in one sweep in index order: each entry is added to
      its keys' postings, and once a whole date is in, an entry's window on a
      key is simply the postings' tail, still in the cache (no search);
    - the windows are sliced, joined, counted and sorted by C loops (``map``,
      ``chain``, ``set``, ``sorted``) over plain ints, the entries' tie ranks;
    - a candidate in one window only scores exactly that window's weight, so
      when no candidate is in two windows (a set's size tells), sorting the
      ranks of the heaviest windows is the ranking.  Otherwise the scores of
      candidates in several windows are added up in Python, in the order of
      the entry's keys as they always were, so the floats come out the same.
    """

    def __init__(self, entries: Sequence[Entry[T]], settings: RelatedSettings | None = None) -> None:
        self.settings = settings or RelatedSettings()
        count = len(entries)
        # Undated entries first (as the oldest), then by date, then by key: the index order.
        # Each date becomes a small int (its place among the distinct dates, undated 0) and the
        # order comes from two stable sorts on plain ints and strings, which compare in C, where
        # one sort on (dated, date tuple, key) tuples took most of the index's build time.
        date_keys = [entry.date.sort_key if entry.date else None for entry in entries]
        code_of = {
            date: code for code, date in enumerate(sorted({key for key in date_keys if key is not None}), start=1)
        }
        codes = [code_of[date] if date is not None else 0 for date in date_keys]
        order = sorted(range(count), key=[entry.key for entry in entries].__getitem__)
        order.sort(key=codes.__getitem__)
        self.entries = [entries[n] for n in order]
        self.position = {entry.key: i for i, entry in enumerate(self.entries)}
        dates = [codes[n] for n in order]
        starts = [i for i in range(count) if i == 0 or dates[i] != dates[i - 1]]
        # The entries of one date: (first index, end index), in index order.
        self.groups = list(zip(starts, [*starts[1:], count], strict=True)) if count else []
        # tie_rank[i]: place among equal scores: newest date first, then by key (the order within a date).
        self.tie_rank = [0] * count
        rank = 0
        for first, end in reversed(self.groups):
            self.tie_rank[first:end] = range(rank, rank + end - first)
            rank += end - first
        # by_rank[r]: the item whose tie rank is r, to turn ranks into the answer.
        self._by_rank: list[T] = [entry.item for entry in self.entries]
        for i, entry in enumerate(self.entries):
            self._by_rank[self.tie_rank[i]] = entry.item
        weights = self.settings.weights
        self._class_weights = sorted({float(weight) for weight in weights.values() if weight > 0}, reverse=True)
        self._best: list[tuple[int, ...]] | None = None  # by index: the related entries' tie ranks

    def reuse_lists_of(self, previous: RelatedIndex[T] | None) -> None:
        """Take ``previous``'s lists if it was made of the same entries with the same settings (under
        ``serve``, an edit that changes no story nor page): at L every list costs a second again."""
        if previous is not None and previous.settings == self.settings and previous.entries == self.entries:
            self._best = previous._best

    def related(self, key: str) -> list[T]:
        """The entries most related to the one with ``key``, best first."""
        i = self.position.get(key)
        if i is None:
            return []
        if self._best is None:
            self._best = self._all_lists()
        by_rank = self._by_rank
        return [by_rank[rank] for rank in self._best[i]]

    def _new_postings(self, kind: str) -> _Postings | None:
        settings = self.settings
        weight = settings.weights.get(kind, 0)
        if not weight > 0:
            return None  # a kind without weight adds nothing
        heaviest = max(settings.weights.values(), default=1) or 1
        scan = max(settings.max_count, math.ceil(settings.common_key_scan * weight / heaviest))
        return _Postings([], slice(-scan, None), float(weight), self._class_weights.index(float(weight)), scan)

    def _all_lists(self) -> list[tuple[int, ...]]:
        entries, tie_rank, settings = self.entries, self.tie_rank, self.settings
        postings: dict[tuple[str, str], _Postings | None] = {}
        get = postings.get
        new_postings = self._new_postings
        rank = self._rank
        best: list[tuple[int, ...]] = [()] * len(entries)
        around: list[tuple[int, list[tuple[_Postings, int]]]] = []  # open-ended windows, for after the sweep
        for first, end in self.groups:
            # Undated entries (all first) and, when newer entries count, all entries: their window
            # reaches past them, so it is cut once all postings are in.
            open_ended = settings.include_newer or entries[first].date is None
            group: list[tuple[int, list[_Postings]]] = []
            for i in range(first, end):
                me = tie_rank[i]
                own = []
                for key in entries[i].keys:
                    found = get(key, _UNSEEN)
                    if found is _UNSEEN:
                        found = postings[key] = new_postings(key[0])
                    if found is not None:
                        own.append(found)
                if open_ended:
                    around.append((i, [(found, len(found.ranks)) for found in own]))
                else:
                    group.append((i, own))
                for found in own:
                    found.ranks.append(me)
            # The whole date is in: a window is the latest `scan` postings of each key.
            for i, own in group:
                if own:
                    ranks, latest, weights, classes, _ = zip(*own, strict=True)
                    best[i] = rank(tie_rank[i], list(map(getitem, ranks, latest)), weights, classes)
        for i, spots in around:
            if not spots:
                continue  # no weighted key, nothing related
            # `scan` postings up to the entry itself, and `scan` after it.
            windows = [found.ranks[max(0, spot + 1 - found.scan) : spot + 1 + found.scan] for found, spot in spots]
            weights = [found.weight for found, _ in spots]
            best[i] = rank(tie_rank[i], windows, weights, [found.weight_class for found, _ in spots])
        return best

    def _rank(
        self, me: int, windows: list[list[int]], weights: Sequence[float], classes: Sequence[int]
    ) -> tuple[int, ...]:
        """The tie ranks of the best candidates in ``windows`` (the entry's own rank is ``me``)."""
        found = list(chain.from_iterable(windows))
        # The entry is in most of its own windows; it is never its own related entry.
        mine = found.count(me)
        # A candidate in one window scores that window's weight: the heaviest windows' ranks,
        # sorted, are the list if they are enough and no candidate is in two windows (the usual).
        top = min(classes)
        if classes.count(top) == 1:
            chosen = sorted(windows[classes.index(top)])
        else:
            chosen = sorted(chain.from_iterable(compress(windows, map(eq, classes, repeat(top)))))
        first = bisect_left(chosen, me)
        del chosen[first : bisect_right(chosen, me, first)]
        wanted = self.settings.max_count
        if len(chosen) >= wanted and len(set(found)) - (mine > 0) == len(found) - mine:
            return tuple(chosen[:wanted])
        return self._rank_in_full(me, windows, weights, classes, found, chosen)

    def _rank_in_full(
        self,
        me: int,
        windows: list[list[int]],
        weights: Sequence[float],
        classes: Sequence[int],
        found: list[int],
        chosen: list[int],
    ) -> tuple[int, ...]:
        """``_rank`` when candidates are in several windows or the heaviest windows are not enough."""
        wanted = self.settings.max_count
        # Candidates in several windows are equal neighbours once sorted (a C loop finds them);
        # their scores are added up in the order of the keys.
        found.sort()
        shared = set(compress(found, map(eq, found, islice(found, 1, None))))
        shared.discard(me)
        scores: dict[int, float] = {}
        for weight, window in zip(weights, windows, strict=True):
            for candidate in shared.intersection(window):
                scores[candidate] = scores.get(candidate, 0.0) + weight
        # Often they all score less than the heaviest windows' weight (say, a country and a tag):
        # then none is in those windows and, if these have enough candidates, those lead.
        if len(chosen) >= wanted and max(scores.values(), default=0.0) < self._class_weights[min(classes)]:
            return tuple(chosen[:wanted])
        ranked = [(-score, candidate) for candidate, score in scores.items()]
        # Every other candidate scores its window's weight: the heaviest class first, by rank,
        # and no more than `wanted` of them.
        shared.add(me)
        lone = 0
        for weight_class in sorted(set(classes)):
            chosen = sorted(chain.from_iterable(compress(windows, map(eq, classes, repeat(weight_class)))))
            chosen = [candidate for candidate in chosen if candidate not in shared]
            weight = -self._class_weights[weight_class]
            ranked += [(weight, candidate) for candidate in chosen[: wanted - lone]]
            lone += len(chosen[: wanted - lone])
            if lone == wanted:
                break
        ranked.sort()
        return tuple([candidate for _, candidate in ranked[:wanted]])


def entry_keys(
    about: Sequence[str], tags: Sequence[str], kind_of: Callable[[str], str | None]
) -> frozenset[tuple[str, str]]:
    """Keys from ``about`` ids (typed by the entity's kind) and free tags."""
    keys = {(kind, target) for target in about if (kind := kind_of(target))}
    keys |= {("tag", tag.casefold()) for tag in tags}
    return frozenset(keys)
