"""The date a page is true on.

An election page is true on its election's date and a story on its own; every
other page (a country, party or person, a hub) on the site's *as-of* date: the
``as_of`` setting or, by default, the newest dated fact in the data.  Never the
wall clock: the same data builds the same site whatever day it is built on.

A partial as-of date (``2022-09``) is read as its last day, so everything
that happened within it has happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

from pydantic import BaseModel

from .dates import PartialDate, in_period
from .models import Election, Record

AS_OF_KEY = "as-of"
"""The tracking key of the as-of date: pages true on it re-render when the newest fact changes."""


def newest_in(record: Record) -> PartialDate | None:
    """The newest date a record states as a fact (a scheduled election's date is a plan, not one)."""
    return latest(_dates_in(record))


class NewestDate:
    """A record's :func:`newest_in`, found when first asked for. The loader keeps one with each
    file's result, so under ``serve`` only the records that changed are walked again, and
    ``explainers validate``, which needs no date, walks none."""

    def __init__(self, record: Record) -> None:
        self.record = record

    @cached_property
    def value(self) -> PartialDate | None:
        return newest_in(self.record)


def latest(dates: Iterable[PartialDate | None]) -> PartialDate | None:
    return max((date for date in dates if date), key=lambda date: date.sort_key, default=None)


def _dates_in(model: BaseModel) -> Iterator[PartialDate]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "date" and isinstance(model, Election) and model.status == "scheduled":
            continue
        yield from _dates_of(value)


def _dates_of(value: object) -> Iterator[PartialDate]:
    if isinstance(value, PartialDate):
        yield value
    elif isinstance(value, BaseModel):
        yield from _dates_in(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _dates_of(item)


def holds_on(date: PartialDate | None, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether a term that has begun (a start date is required: without one we cannot tell) runs on ``date``."""
    if date is None or start is None:
        return False
    return in_period(date.last_day(), start, end)
