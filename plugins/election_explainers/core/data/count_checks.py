"""Checks on an election night's count: preliminary sets in order, each newer and further on than the last.

Several ``kind: preliminary`` sets are the count's history, oldest first, each
with the moment it was published (``updated``, with its UTC offset) and how
much of the count was done (``reported``).  The official set, once it exists,
closes the history, so it comes after every preliminary set.

``status: counting`` without a preliminary set is an error: the site would
have to call the election provisional with no count to show.  ``counting``
with an official set is accepted (the official figures often arrive before
an editor changes the status); the election stays provisional until
``status: held``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from yaml.nodes import SequenceNode

from .models import Election
from .problems import Problem
from .yamlfile import YamlFile

Clock = Callable[[], dt.datetime]
"""The time validation runs at, timezone-aware (injected by tests; the wall clock otherwise)."""

# A newsroom's clock may run ahead of the build's, or a count be timed in the next day's zone.
FUTURE_ALLOWANCE = dt.timedelta(days=1)
_COUNT_FIELDS = ("updated", "reported", "basis")


def wall_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _when(moment: dt.datetime) -> str:
    return moment.isoformat()


def check_count(election: Election, source: YamlFile, clock: Clock = wall_clock) -> list[Problem]:
    """Located problems with the count's fields and history in ``election``."""
    problems: list[Problem] = []
    # One count per place: a tier's national vote, one district's or region's (see section 8 of the contract).
    counts: dict[tuple[str | None, str | None, int | None], list[int]] = {}
    officials: dict[tuple[str | None, str | None, int | None], int] = {}
    for i, result_set in enumerate(election.results):
        place = (result_set.tier, result_set.area, result_set.round)
        if result_set.kind == "preliminary":
            counts.setdefault(place, []).append(i)
        else:
            if result_set.kind == "official":
                officials.setdefault(place, i)
            for name in _COUNT_FIELDS:
                if getattr(result_set, name) is not None:
                    problems.append(
                        source.problem(
                            ("results", i, name),
                            f"{name} belongs to a preliminary set (the count's progress), not to {_a(result_set.kind)} set",
                        )
                    )
        if result_set.basis is not None and result_set.reported is None:
            problems.append(
                source.problem(
                    ("results", i, "basis"), "basis says what reported counts: add reported, or leave basis out"
                )
            )
    # A file whose results are broken reaches here without them (see loader._salvage): its
    # problems are already reported, and "no preliminary set" would only be their echo.
    if election.status == "counting" and not counts and not _results_lost(election, source):
        problems.append(
            source.problem(
                ("status",),
                "status: counting needs a preliminary result set (the count so far); "
                "use held once the official result is in",
            )
        )
    for place, preliminary in counts.items():
        official = officials.get(place)
        for i in preliminary:
            if official is not None and i > official:
                problems.append(
                    source.problem(
                        ("results", i, "kind"),
                        f"a preliminary set after the official one (results[{official}]): "
                        "the count's history comes before the official result",
                    )
                )
        problems += _history_problems(election, preliminary, source, clock)
    return problems


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind.replace("_", " ")


def _results_lost(election: Election, source: YamlFile) -> bool:
    """Whether the file lists result sets that the record lacks (they had problems of their own)."""
    node = source.node_at(("results",))
    return not election.results and isinstance(node, SequenceNode) and bool(node.value)


def _history_problems(election: Election, indices: list[int], source: YamlFile, clock: Clock) -> list[Problem]:
    problems: list[Problem] = []
    now = clock()
    polling_day = election.date.first_day()
    for i in indices:
        updated = election.results[i].updated
        if updated is None:
            if len(indices) > 1:
                problems.append(
                    source.problem(
                        ("results", i),
                        "several preliminary sets are the count's history: each needs updated "
                        "(when it was published, e.g. 2023-03-19T23:40:00+06:00)",
                    )
                )
            continue
        if updated > now + FUTURE_ALLOWANCE:
            problems.append(
                source.problem(
                    ("results", i, "updated"),
                    f"updated {_when(updated)} is more than a day after now ({_when(now.astimezone(dt.UTC))}): "
                    "check the date and the UTC offset",
                )
            )
        if updated.date() < polling_day:
            problems.append(
                source.problem(
                    ("results", i, "updated"),
                    f"updated {_when(updated)} is before polling day ({election.date}): a count starts after the vote",
                )
            )
    for before, after in itertools.pairwise(indices):
        old, new = election.results[before], election.results[after]
        if old.updated is not None and new.updated is not None and new.updated <= old.updated:
            problems.append(
                source.problem(
                    ("results", after, "updated"),
                    f"updated {_when(new.updated)} is not after results[{before}] ({_when(old.updated)}): "
                    "the count's history goes oldest first, each set newer than the one before",
                )
            )
        same_basis = old.basis == new.basis  # 60% of precincts may be 55% of votes: compare like with like
        if same_basis and old.reported is not None and new.reported is not None and new.reported < old.reported:
            problems.append(
                source.problem(
                    ("results", after, "reported"),
                    f"reported {new.reported:g}% is less than the {old.reported:g}% of results[{before}]: "
                    "a count only goes up",
                )
            )
    return problems
