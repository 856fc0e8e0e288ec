"""The hub pages (every country, election, party and person) and what groups them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .room import Room


class Hubs(Room):
    def by_country(self, records: Iterable[Any]) -> list[tuple[str | None, list[Any]]]:
        """Records grouped by country, in the order given; those with none last."""
        groups: dict[str | None, list[Any]] = {}
        for record in records:
            groups.setdefault(record.country, []).append(record)
        return sorted(groups.items(), key=lambda group: group[0] is None)
