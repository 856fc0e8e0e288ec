"""A person's page: roles held, with party leaderships, and elections stood in or led a party in."""

from __future__ import annotations

from typing import Any

from ...data.models import Person, Role
from .room import Room


class PersonPage(Room):
    def roles_of(self, person: Person) -> list[Any]:
        """Roles, newest first, with party leaderships the person's own file leaves out."""
        roles: list[Any] = list(person.roles)
        for party, leader in self.v.led_by(person.id):
            if any(r.party == party.id and r.start_date == leader.start_date for r in person.roles):
                continue
            roles.append(
                Role(
                    title=leader.role or "Leader",
                    party=party.id,
                    start_date=leader.start_date,
                    end_date=leader.end_date,
                )
            )
        return sorted(roles, key=lambda r: r.start_date.sort_key if r.start_date else (0, 0, 0), reverse=True)

    def current_roles(self, person: Person) -> list[Any]:
        return [role for role in person.roles if self.v.is_current(role)]

    def elections_of(self, person: Person) -> list[dict[str, Any]]:
        """Elections the person stood in, or led a party in, newest first."""
        entries = [
            {"election": s.election, "row": s.row, "role": "Candidate", "party": s.row.party}
            for s in self.v.standings("person", person.id)
        ]
        for party, _ in self.v.led_by(person.id):
            entries += [
                {"election": s.election, "row": s.row, "role": "Party leader", "party": party.id}
                for s in self.v.standings("party", party.id)
                if not s.row.person and person.id in self.v.leaders_on(party.id, s.election.date)
            ]
        return sorted(entries, key=lambda e: (e["election"].date, e["election"].id), reverse=True)
