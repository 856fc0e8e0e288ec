"""A country's page: its parliament's latest seats, elections, parties and people."""

from __future__ import annotations

from ...data.models import Country, Election, Party, Person, Record
from ...index.results import primary_set
from .room import Room


class CountryPage(Room):
    def latest_election(self, record: Record, chamber: str | None = None) -> Election | None:
        """A country's latest held election with seat results (for a chamber, if given)."""
        for election in reversed(self.v.in_country("election", record.id)):
            if election.status != "held" or (self.v.date and election.date.first_day() > self.v.date.last_day()):
                continue
            if chamber is not None and election.chamber != chamber:
                continue
            result_set = primary_set(election)
            if result_set and any(r.seats for r in result_set.rows):
                return election
        return None

    def capital(self, country: Country) -> str | None:
        return country.capital_on(self.v.date)

    def elections_in(self, country: Country) -> list[Election]:
        return list(reversed(self.v.in_country("election", country.id)))

    def parties_in(self, country: Country) -> list[Party]:
        return self.v.by_name(self.v.in_country("party", country.id))

    def people_in(self, country: Country) -> list[Person]:
        return self.v.in_country("person", country.id)
