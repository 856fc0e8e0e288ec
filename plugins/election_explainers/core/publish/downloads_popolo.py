"""The whole dataset as a Popolo download (persons, organizations, memberships, events, areas), the
shape civic-tech tools read, made from the same records as the pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..data.models import Record
from .downloads_json import json_text

if TYPE_CHECKING:
    from ..render.render import Renderer


def popolo_json(renderer: Renderer) -> str:
    """Popolo's four lists: people, parties and chambers as organizations, party roles as memberships,
    elections as events."""
    dataset = renderer.dataset

    def names(record: Record) -> list[dict[str, Any]]:
        return [
            {
                "name": other.name,
                **({"start_date": other.start_date.iso()} if other.start_date else {}),
                **({"end_date": other.end_date.iso()} if other.end_date else {}),
                **({"note": other.note} if other.note else {}),
            }
            for other in record.other_names
        ]

    persons = [
        {
            "id": person.id,
            "name": person.name,
            **({"other_names": names(person)} if person.other_names else {}),
            **({"birth_date": person.birth_date.iso()} if person.birth_date else {}),
            **({"area_id": person.country} if person.country else {}),
        }
        for person in dataset.people
    ]
    organizations: list[dict[str, Any]] = []
    for country in dataset.countries:
        organizations += [
            {
                "id": f"{country.id}-{chamber.id}",
                "name": chamber.name,
                "classification": "legislature",
                "area_id": country.id,
                **({"seats": chamber.seats} if chamber.seats else {}),
            }
            for chamber in country.chambers
        ]
    organizations += [
        {
            "id": party.id,
            "name": party.name,
            "classification": "party",
            **({"other_names": names(party)} if party.other_names else {}),
            **({"founding_date": party.founded.iso()} if party.founded else {}),
            **({"dissolution_date": party.dissolved.iso()} if party.dissolved else {}),
            **({"area_id": party.country} if party.country else {}),
            **({"color": party.colour} if party.colour else {}),
        }
        for party in dataset.parties
    ]
    memberships: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str | None, str | None]] = set()

    def member(person: str, party: str, role: str | None, start: Any, end: Any) -> None:
        key = (person, party, start.iso() if start else None, role)
        if key in seen or dataset.get(person) is None:
            return
        seen.add(key)
        memberships.append(
            {
                "id": f"{person}--{party}-{len(memberships) + 1}",
                "person_id": person,
                "organization_id": party,
                **({"role": role} if role else {}),
                **({"start_date": start.iso()} if start else {}),
                **({"end_date": end.iso()} if end else {}),
            }
        )

    for party in dataset.parties:
        for leader in party.leaders:
            member(leader.person, party.id, leader.role or "Leader", leader.start_date, leader.end_date)
    for person in dataset.people:
        for role in person.roles:
            if role.party:
                member(person.id, role.party, role.title, role.start_date, role.end_date)
    events = [
        {
            "id": election.id,
            "name": election.name,
            "classification": "election",
            "start_date": election.date.iso(),
            **({"organization_id": f"{election.country}-{election.chamber}"} if election.chamber else {}),
            "area_id": election.country,
        }
        for election in dataset.elections
    ]
    areas = [{"id": c.id, "name": c.name, "classification": "country"} for c in dataset.countries]
    return json_text(
        {
            "persons": persons,
            "organizations": organizations,
            "memberships": memberships,
            "events": events,
            "areas": areas,
        }
    )
