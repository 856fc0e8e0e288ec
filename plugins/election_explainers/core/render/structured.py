"""schema.org JSON-LD for entity pages, so search engines know what a page is about."""

from __future__ import annotations

from typing import Any, Protocol

from ..data.dates import PartialDate
from ..data.models import Country, Election, Party, Person, Record, Row, Story
from ..index.counting import count_status, describe_count
from ..index.results import primary_set, tier_set
from ..index.systems import rounds


class DescribedPage(Protocol):
    """What the JSON-LD needs of a page's view (:class:`.view.View` is one), named here so that
    this module does not depend on the view that includes its output."""

    record: Record | None

    def title(self) -> str: ...

    def description(self) -> str: ...

    def name(self, entity_id: str, date: PartialDate | None = None) -> str: ...

    def row_label(self, row: Row, date: PartialDate | None) -> str: ...

    def country_of(self, record: Record) -> Country | None: ...


def structured_data(view: DescribedPage) -> dict[str, Any] | None:
    record = view.record
    if record is None:
        return None
    name = view.title()  # the name on the page's date
    data: dict[str, Any] = {"@context": "https://schema.org", "name": name}
    if record.summary:
        data["description"] = view.description()
    same_as = [s.url for s in record.sources if s.url]
    if isinstance(record, Election):
        data |= {
            "@type": "Event",
            "startDate": record.date.iso(),
            "eventStatus": {
                "held": "https://schema.org/EventScheduled",
                "scheduled": "https://schema.org/EventScheduled",
                "counting": "https://schema.org/EventScheduled",  # held; its count is still provisional
                "annulled": "https://schema.org/EventCancelled",
            }[record.status],
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        }
        country = view.country_of(record)
        if country:
            data["location"] = {"@type": "Country", "name": country.name}
        count = count_status(record)
        if count is not None:
            # Provisional figures say so where a search engine shows them: the description.
            note = describe_count(count) + "."
            data["description"] = f"{note} {data['description']}" if data.get("description") else note
        result_set = primary_set(record)
        if result_set:
            data["performer"] = [
                _performer(view, row, record.date) for row in result_set.rows if row.party or row.person or row.alliance
            ]
        parts = _sub_events(view, record)
        if parts:
            data["subEvent"] = parts
    elif isinstance(record, Party):
        data["@type"] = "PoliticalParty"
        if record.founded:
            data["foundingDate"] = record.founded.iso()
        if record.dissolved:
            data["dissolutionDate"] = record.dissolved.iso()
        alternate = [n for n in dict.fromkeys([record.name, *(o.name for o in record.other_names)]) if n != name]
        if alternate:
            data["alternateName"] = alternate
        country = view.country_of(record)
        if country:
            data["areaServed"] = {"@type": "Country", "name": country.name}
    elif isinstance(record, Person):
        data["@type"] = "Person"
        if record.birth_date:
            data["birthDate"] = record.birth_date.iso()
        titles = [role.title for role in record.roles]
        if titles:
            data["jobTitle"] = titles
        country = view.country_of(record)
        if country:
            data["nationality"] = {"@type": "Country", "name": country.name}
    elif isinstance(record, Country):
        data["@type"] = "Country"
        if record.iso_code:
            data["identifier"] = record.iso_code.upper()
    elif isinstance(record, Story):
        data |= {"@type": "NewsArticle", "headline": record.title, "datePublished": record.date.iso()}
        if record.byline:
            data["author"] = {"@type": "Person", "name": record.byline}
        data["about"] = [{"name": view.name(i)} for i in record.about]
    if same_as:
        data["subjectOf" if not isinstance(record, Story) else "citation"] = same_as
    return data


def _performer(view: DescribedPage, row: Row, date: PartialDate) -> dict[str, Any]:
    if row.alliance is not None:  # a joint list: an organisation of its parties
        members = [{"@type": "PoliticalParty", "name": view.name(p, date)} for p in row.alliance.parties]
        return {"@type": "Organization", "name": row.alliance.name, "member": members}
    return {"@type": "Person" if row.person else "PoliticalParty", "name": view.row_label(row, date)}


def _seats_text(view: DescribedPage, rows: list[Row], date: PartialDate) -> str:
    return ", ".join(f"{view.row_label(r, date)} {r.seats}" for r in rows if r.seats)


def _sub_events(view: DescribedPage, election: Election) -> list[dict[str, Any]]:
    """Each tier of a mixed system and each round of a national vote in rounds, as its own event
    (a tier with its seats and threshold; a round with its date)."""
    found: list[dict[str, Any]] = []
    for tier in election.tiers:
        facts = [
            f"{tier.seats} seats" if tier.seats else "",
            f"threshold {tier.threshold:g}%" if tier.threshold else "",
        ]
        result_set = tier_set(election, tier.id)
        won = _seats_text(view, result_set.rows, election.date) if result_set else ""
        text = "; ".join(f for f in [*facts, f"won: {won}" if won else ""] if f)
        event: dict[str, Any] = {
            "@type": "Event",
            "name": f"{view.name(election.id)}: {tier.name}",
            "startDate": election.date.iso(),
        }
        found.append(event | ({"description": text} if text else {}))
    counted = rounds(election)
    for each in counted if len(counted) > 1 else []:
        day = each.date or election.date
        event = {"@type": "Event", "name": f"{view.name(election.id)}: round {each.number}", "startDate": day.iso()}
        if each.deciding:
            event["description"] = "The deciding round."
        found.append(event)
    return found
