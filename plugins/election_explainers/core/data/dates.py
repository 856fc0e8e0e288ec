"""Partial dates: ``2021``, ``2021-01`` and ``2021-01-10`` are all legal.

A partial date is shown at its own precision and sorts before the full dates
it contains, so ``2021`` < ``2021-01`` < ``2021-01-01``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering

# [0-9], not \d: \d also takes full-width and other scripts' digits. Used with fullmatch.
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a string, an int or a date)."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError("must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
        return _parse_text(str(value).strip())

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def contains(self, day: dt.date) -> bool:
        return self.first_day() <= day <= self.last_day()

    def iso(self) -> str:
        """The machine form, as for ``<time datetime>``: ``2021``, ``2021-01``, ``2021-01-10``."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def human(self) -> str:
        """The reader's form at this date's precision: ``10 January 2021``, ``January 2021``, ``2021``."""
        if self.day and self.month:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()


@lru_cache(maxsize=100_000)  # dates repeat across files, and a PartialDate is immutable
def _parse_text(text: str) -> PartialDate:
    match = _DATE_RE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year == 0:  # Python's dates (and the calendar) start at year 1
        raise ValueError(f"{text!r} has no year 0: years run from 0001 to 9999")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} has no month {month}")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{text!r} is not a day of the calendar")
    return PartialDate(year, month, day)


def in_period(day: dt.date, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether ``day`` falls in a period whose partial ends are read inclusively."""
    if start is not None and day < start.first_day():
        return False
    return not (end is not None and day > end.last_day())
