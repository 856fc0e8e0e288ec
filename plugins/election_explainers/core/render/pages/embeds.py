"""An entity embedded in a hand-written page (``[[![id]]]`` or ``[[!id#component]]``)."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from ...data.models import Election, Party, Record
from ..view import View
from .country import CountryPage
from .election import ElectionPage
from .party import PartyPage
from .stories import StoryLists
from .systems import SystemsPage
from .timeline import Timelines


def _seats(view: View, record: Record) -> Markup:
    election = record if isinstance(record, Election) else CountryPage(view).latest_election(record)
    return ElectionPage(view).seat_chart(election) if election else Markup("")


def _system(view: View, record: Record, section: str) -> Markup:
    if not isinstance(record, Election):
        return Markup("")
    made: Markup = getattr(SystemsPage(view), section)(record)
    return made


COMPONENTS: dict[str, Callable[[View, Record], Markup]] = {
    "facts": lambda view, record: view.facts(record),
    "results": lambda view, record: ElectionPage(view).results(record) if isinstance(record, Election) else Markup(""),
    "seats": _seats,
    "votes": lambda view, record: ElectionPage(view).vote_chart(record) if isinstance(record, Election) else Markup(""),
    # An electoral system's sections ([[!kz-2023-mazhilis#districts]]): empty for an election without them.
    "tiers": lambda view, record: _system(view, record, "tiers"),
    "districts": lambda view, record: _system(view, record, "districts"),
    "rounds": lambda view, record: _system(view, record, "rounds"),
    "areas": lambda view, record: _system(view, record, "areas"),
    "history": lambda view, record: PartyPage(view).history(record) if isinstance(record, Party) else Markup(""),
    "timeline": lambda view, record: (lambda t: t.timeline(t.own_timeline()))(Timelines(view)),
    "stories": lambda view, record: (lambda s: s.stories(s.stories_about(record.id)))(StoryLists(view)),
}


def embed(page: View, entity_id: str, component: str) -> Markup:
    """One of an entity's components, shown as of the page's date (an election keeps its own)."""
    record = page.dataset.get(entity_id)
    make = COMPONENTS.get(component)
    if record is None or make is None:
        return Markup("")
    inner = View(page.renderer, page.url, record, date=page.date, embedded=True, parent=page)
    return make(inner, record)
