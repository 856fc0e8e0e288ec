"""The page kinds, one module each: a room of look-ups and components over the base :class:`..view.View`.

A new kind of page (or a new part of one) is a module here with its templates,
not more methods on the view.  Every template sees every room by name.
"""

from __future__ import annotations

from ..view import View
from .counting import Counting
from .country import CountryPage
from .election import ElectionPage
from .hubs import Hubs
from .party import PartyPage
from .person import PersonPage
from .pictures import Pictures
from .room import Room
from .stories import StoryLists
from .systems import SystemsPage
from .timeline import Timelines

ROOMS: dict[str, type[Room]] = {
    "country_page": CountryPage,
    "counting": Counting,
    "election_page": ElectionPage,
    "party_page": PartyPage,
    "person_page": PersonPage,
    "story_lists": StoryLists,
    "timelines": Timelines,
    "hubs": Hubs,
    "pictures": Pictures,
    "systems_page": SystemsPage,
}

# A record's page template, by its kind.
PAGE_TEMPLATES: dict[str, str] = {
    "country": "country.html",
    "party": "party.html",
    "person": "person.html",
    "election": "election.html",
    "story": "story.html",
}


def rooms(view: View) -> dict[str, Room]:
    """Every room for one page's view, as templates see them."""
    return {name: room(view) for name, room in ROOMS.items()}
