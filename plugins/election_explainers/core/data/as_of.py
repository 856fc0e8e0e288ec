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

from pydantic import BaseModel

from .dates import PartialDate, in_period
from .models import Election, Record

AS_OF_KEY = "as-of"
"""The tracking key of the as-of date: pages true on it re-render when the newest fact changes."""


def newest_fact(records: Iterable[Record], page_dates: Iterable[PartialDate | None]) -> PartialDate | None:
    """The newest date any record or page states as a fact (a scheduled election's date is a plan, not one).

    It takes the records and the pages' dates rather than a dataset, so that the
    dataset can ask it without this module depending on the dataset.
    """
    dates = [date for record in records for date in _dates_in(record)]
    dates += [date for date in page_dates if date]
    return max(dates, key=lambda date: date.sort_key, default=None)


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
