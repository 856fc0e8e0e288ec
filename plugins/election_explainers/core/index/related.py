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
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

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


@dataclass(frozen=True, slots=True)
class _Postings:
    """The entries that have one key, in index order, and what that key is worth."""

    weight: float
    scan: int  # how many of the nearest entries a common key contributes (see the module's note)
    positions: list[int]  # index positions, ascending


class RelatedIndex(Generic[T]):
    def __init__(self, entries: Sequence[Entry[T]], settings: RelatedSettings | None = None) -> None:
        self.settings = settings or RelatedSettings()
        # Undated entries first (as the oldest), then by date, then by key: the index order.
        ordered = sorted(entries, key=_index_order)
        self.entries = ordered
        self.position = {entry.key: i for i, entry in enumerate(ordered)}
        dates = [e.date.sort_key if e.date else None for e in ordered]
        count = len(ordered)
        starts = [i for i in range(count) if i == 0 or dates[i] != dates[i - 1]]
        groups = list(zip(starts, [*starts[1:], count], strict=True)) if count else []  # no stories, no groups
        # last_same_date[i]: the last index published on the same date as i.
        # tie_rank[i]: place among equal scores: newest date first, then by key (the order within a date).
        self.last_same_date = [0] * count
        self.tie_rank = [0] * count
        for first, end in groups:
            self.last_same_date[first:end] = [end - 1] * (end - first)
        rank = 0
        for first, end in reversed(groups):
            self.tie_rank[first:end] = range(rank, rank + end - first)
            rank += end - first
        weights = self.settings.weights
        heaviest = max(weights.values(), default=1) or 1
        windows = {
            kind: max(self.settings.max_count, math.ceil(self.settings.common_key_scan * weight / heaviest))
            for kind, weight in weights.items()
        }
        weighted = {kind for kind, weight in weights.items() if weight > 0}
        positions: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, entry in enumerate(ordered):
            for key in entry.keys:
                if key[0] in weighted:
                    positions[key].append(i)
        self.postings = {
            key: _Postings(float(weights[key[0]]), windows[key[0]], found) for key, found in positions.items()
        }

    def related(self, key: str) -> list[T]:
        """The entries most related to the one with ``key``, best first."""
        i = self.position.get(key)
        if i is None:
            return []
        entry = self.entries[i]
        open_ended = self.settings.include_newer or entry.date is None
        limit = self.last_same_date[i]
        # Each shared key adds its weight to the entries in its window.
        scores: dict[int, float] = {}
        get = scores.get
        for key_ in entry.keys:
            postings = self.postings.get(key_)
            if postings is None:
                continue
            found, scan, weight = postings.positions, postings.scan, postings.weight
            end = len(found) if open_ended else bisect_right(found, limit)
            if end <= scan:
                start = 0
            elif open_ended:
                middle = bisect_right(found, i)
                start, end = max(0, middle - scan), middle + scan
            else:
                start = end - scan
            for j in found[start:end]:
                scores[j] = get(j, 0.0) + weight
        scores.pop(i, None)
        return [self.entries[j].item for j in _best(scores, self.tie_rank, self.settings.max_count)]


def _index_order(entry: Entry[T]) -> tuple[bool, tuple[int, int, int], str]:
    return (entry.date is not None, entry.date.sort_key if entry.date else (0, 0, 0), entry.key)


def _best(scores: dict[int, float], tie_rank: list[int], count: int) -> list[int]:
    """The ``count`` best-scored entries; among equal scores the lowest tie rank first.

    Only the candidates scoring at least the ``count``-th best score can make
    the list: sorting the bare scores (floats, compared in C) finds that cut,
    so that only those few are sorted by score and rank.
    """
    if len(scores) > count:
        cut = sorted(scores.values(), reverse=True)[count - 1]
        finalists = [j for j, score in scores.items() if score >= cut]
    else:
        finalists = list(scores)
    # By tie rank, then (a stable sort) by score: the lowest rank stays first among equal scores.
    finalists.sort(key=tie_rank.__getitem__)
    return sorted(finalists, key=scores.__getitem__, reverse=True)[:count]


def entry_keys(
    about: Sequence[str], tags: Sequence[str], kind_of: Callable[[str], str | None]
) -> frozenset[tuple[str, str]]:
    """Keys from ``about`` ids (typed by the entity's kind) and free tags."""
    keys = {(kind, target) for target in about if (kind := kind_of(target))}
    keys |= {("tag", tag.casefold()) for tag in tags}
    return frozenset(keys)
