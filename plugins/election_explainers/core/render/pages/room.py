"""What every page kind's module builds on: a room holds one page's view and adds its kind's look-ups."""

from __future__ import annotations

from ..view import View


class Room:
    """A page kind's look-ups and components, for one page's :class:`View`.

    Templates reach each room by name (``election_page.seat_chart(record)``); any page may use
    any room, since an election's chart shows on its country's page and a party's facts in an
    explainer.
    """

    def __init__(self, view: View) -> None:
        self.v = view
