"""Election night: the count's history, whether an election is provisional, and what to say about it.

Several ``kind: preliminary`` sets of an election are the count's history,
oldest first (validation keeps them in order: see ``core/data/count_checks``).
An election is provisional while its ``status`` is ``counting``: every page,
feed and file that shows it marks it so, with the newest preliminary set's
progress.  :class:`CountStatus` holds that progress as data, for templates
and translations to word; :func:`describe_count` is the plain English wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..data.models import Election, ResultSet


def history(election: Election) -> list[ResultSet]:
    """The national preliminary sets, in the order of the count (oldest first); an area's own count is not
    the election's."""
    return [s for s in election.results if s.kind == "preliminary" and s.area is None]


def newest(election: Election) -> ResultSet | None:
    """The latest preliminary set, if any."""
    sets = history(election)
    return sets[-1] if sets else None


def current_sets(election: Election) -> list[ResultSet]:
    """The sets to show side by side: every set but the preliminary ones the newest has superseded."""
    latest = newest(election)
    return [s for s in election.results if s.kind != "preliminary" or s is latest]


def is_provisional(election: Election) -> bool:
    """Whether the election must be shown as provisional: it is still being counted.

    Validation refuses ``status: counting`` without a preliminary set, so a
    provisional election always has a count to show.  An official set alone
    does not end it: the marks go when an editor sets ``status: held``.
    """
    return election.status == "counting" and newest(election) is not None


@dataclass(frozen=True)
class CountStatus:
    """Where the count stands, as the newest preliminary set says."""

    reported: float | None  # percent of the count done
    basis: str | None  # "precincts" or "votes": what ``reported`` counts
    updated: dt.datetime | None  # when, with the offset of the clock that read it
    updates: int  # how many preliminary sets the history has
    polling_day: dt.date

    @property
    def offset(self) -> str | None:
        """The update's UTC offset as readers write it: ``UTC+6``, ``UTC+5:30``, ``UTC-3``, ``UTC``."""
        return utc_offset_label(self.updated) if self.updated is not None else None

    @property
    def on_polling_day(self) -> bool:
        """Whether the update is dated polling day (in its own time zone): then its time alone is enough."""
        return self.updated is None or self.updated.date() == self.polling_day


def count_status(election: Election) -> CountStatus | None:
    """The count's progress, for a provisional election; ``None`` otherwise."""
    latest = newest(election)
    if latest is None or not is_provisional(election):
        return None
    return CountStatus(
        reported=latest.reported,
        basis=latest.basis,
        updated=latest.updated,
        updates=len(history(election)),
        polling_day=election.date.first_day(),
    )


def utc_offset_label(moment: dt.datetime) -> str:
    offset = moment.utcoffset()
    assert offset is not None, "updated always has an offset (models.parse_timestamp)"
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def percent_text(value: float) -> str:
    """``62.5`` → ``62.5%``, ``100.0`` → ``100%``: no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


# ----------------------------------------------------------------------------- English wording
# Kept apart from the data above so that a translation replaces only this.

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_BASIS_WORDS = {
    None: "{percent} reported",
    "precincts": "{percent} of precincts reported",
    "votes": "{percent} of votes counted",
}


def describe_count(status: CountStatus) -> str:
    """``Preliminary count, 62.5% of precincts reported, updated 23:40 (UTC+6)``."""
    parts = ["Preliminary count"]
    if status.reported is not None:
        parts.append(_BASIS_WORDS[status.basis].format(percent=percent_text(status.reported)))
    if status.updated is not None:
        time = status.updated.strftime("%H:%M")
        day = "" if status.on_polling_day else f"{status.updated.day} {_MONTHS[status.updated.month - 1]}, "
        parts.append(f"updated {day}{time} ({status.offset})")
    return ", ".join(parts)
