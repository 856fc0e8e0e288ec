"""Elections: tiers, constituencies, result sets and their rows."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import (
    Field,
    model_validator,
)

from ..dates import PartialDate
from .common import (
    TIMESTAMP_EXAMPLE,
    Date,
    Id,
    Model,
    Percent,
    Seats,
    Timestamp,
    Votes,
    described,
    example,
)
from .parts import Source
from .record import Entity

ElectionType = Literal["legislative", "presidential", "referendum", "local"]
Status = Literal["held", "scheduled", "annulled", "counting"]
Basis = Literal["precincts", "votes"]
ResultKind = Literal["official", "preliminary", "exit_poll", "poll"]


class Alliance(Model):
    """A joint list of several parties (extension)."""

    name: str = described("The alliance's name, as on the ballot.", "People's Coalition")
    parties: Annotated[list[Id], Field(min_length=1)] = described(
        "The ids of its member parties; each party's page shows the alliance's result.", ["red", "blue"]
    )


class Row(Model):
    """One line of a result set: a party, a candidate or an option, and its figures."""

    model_config = example({"party": "nur-otan", "votes": 5148074, "percent": 71.09, "seats": 76})

    party: Id | None = described(
        "The party's id; in a presidential election, the candidate's party beside person.", "nur-otan", None
    )
    person: Id | None = described("The candidate's id, in an election of people.", "kassym-jomart-tokayev", None)
    option: str | None = described(
        'Anything that is not a party or person: "Yes", "Against all", seats filled by another body.',
        "Assembly of the People of Kazakhstan",
        None,
    )
    votes: Votes | None = described("Votes won, as a plain number without separators.", 5148074, None)
    percent: Percent | None = described("Share of the vote in percent, without the % sign.", 71.09, None)
    seats: Seats | None = described("Seats won.", 76, None)
    alliance: Alliance | None = described(
        "A joint list, instead of party (extension).", {"name": "People's Coalition", "parties": ["red", "blue"]}, None
    )
    elected: bool | None = described("true for a winning candidate, in a district's own count.", True, None)

    @model_validator(mode="after")
    def _names_one_choice(self) -> Row:
        if self.alliance is not None:
            if self.party is not None or self.option is not None:
                raise ValueError("a row names an alliance instead of a party or option, not beside one")
            return self
        named = [field for field in ("party", "person", "option") if getattr(self, field) is not None]
        if named not in (["party"], ["person"], ["option"], ["party", "person"]):
            raise ValueError("a row names exactly one of party, person or option (a candidate may add party)")
        return self


class ResultSet(Model):
    """One source's figures for an election: the official count, a preliminary count, an exit poll or a poll."""

    model_config = example(
        {
            "kind": "exit_poll",
            "pollster": "Public Opinion",
            "source": {"title": "Exit poll by the Public Opinion research institute", "publisher": "Xinhua / IANS"},
            "rows": [{"party": "nur-otan", "percent": 71.97}, {"party": "ak-zhol", "percent": 10.18}],
        }
    )

    kind: ResultKind = described(
        "Which figures these are; the site leads with official, then preliminary, exit_poll, poll.", "official"
    )
    source: Source | None = described(
        "Where the figures come from.",
        {"title": "Kazakh parliamentary election: final results", "publisher": "The Astana Times"},
        None,
    )
    date: Date | None = described(
        "When the figures were published or the poll was taken, if it matters.", "2021-01-12", None
    )
    pollster: str | None = described("Who ran the exit poll or poll.", "Public Opinion", None)
    tier: Id | None = described(
        "Which tier of the election this set fills (one of its tiers' ids); leave it out in a one-tier election.",
        "list",
        None,
    )
    area: Id | None = described(
        "For one area's own count: a constituency of the election or a region of the country.", "astana-1", None
    )
    round: Annotated[int, Field(ge=1, le=9)] | None = described(
        "For a vote in rounds: which round (1, 2, ...); leave it out for a single round.", 2, None
    )
    turnout: Percent | None = described("This set's own turnout in percent, such as an area's.", 42.41, None)
    registered_voters: Votes | None = described("This set's own registered voters, such as an area's.", 512000, None)
    votes_cast: Votes | None = described("This set's own ballots cast, such as an area's.", 217000, None)
    rows: list[Row] = described(
        "One row per party, candidate or option, in the order to show them.",
        [{"party": "nur-otan", "votes": 5148074, "percent": 71.09, "seats": 76}],
    )
    # Election night (a preliminary set): several preliminary sets are the count's history, newest last.
    updated: Timestamp | None = described(
        "For a preliminary count: when these figures were published, with the UTC offset of the clock that read "
        "them. Several preliminary sets are the count's history, oldest first.",
        TIMESTAMP_EXAMPLE,
        None,
    )
    reported: Percent | None = described(
        "For a preliminary count: how much of the count is done, in percent (of precincts or votes, see basis).",
        62.5,
        None,
    )
    basis: Basis | None = described(
        "What reported counts: precincts (polling stations reporting) or votes (ballots counted).", "precincts", None
    )


class Tier(Model):
    """One way the election fills seats (extension): national lists, single-member districts."""

    model_config = example({"id": "list", "name": "National party lists", "seats": 69, "threshold": 5})

    id: Id = described("An id for the tier, named by result sets' tier.", "list")
    name: str = described("Its name for readers.", "National party lists")
    seats: Seats = described("How many seats it fills.", 69)
    threshold: Percent | None = described("The share of the vote a list needs for seats, in percent.", 5, None)


class Constituency(Model):
    """A district of the election (extension), named by result sets' area."""

    model_config = example({"id": "astana-1", "name": "Astana, district 1", "region": "astana-city", "seats": 1})

    id: Id = described("An id for the district, unique within the election.", "astana-1")
    name: str = described("Its name.", "Astana, district 1")
    region: Id | None = described("The id of the country's region it lies in.", "astana-city", None)
    seats: Seats = described("How many seats it elects.", 1, 1)


class Election(Entity):
    kind: ClassVar[str] = "election"
    folder: ClassVar[str] = "elections"
    model_config = example(
        {
            "name": "2021 Kazakh legislative election",
            "country": "kz",
            "date": "2021-01-10",
            "type": "legislative",
            "chamber": "mazhilis",
            "seats": 107,
            "seats_contested": 98,
            "threshold": 7,
            "registered_voters": 11919241,
            "votes_cast": 7539280,
            "turnout": 63.25,
            "results": [
                {
                    "kind": "official",
                    "source": {
                        "title": "Kazakh parliamentary election: Central Election Commission announces final results",
                        "publisher": "The Astana Times",
                        "date": "2021-01-12",
                    },
                    "rows": [
                        {"party": "nur-otan", "votes": 5148074, "percent": 71.09, "seats": 76},
                        {"party": "ak-zhol", "votes": 792828, "percent": 10.95, "seats": 12},
                        {"option": "Assembly of the People of Kazakhstan", "seats": 9},
                    ],
                }
            ],
            "tags": ["elections"],
        }
    )

    country: Id = described("The id of the country that held it.", "kz")
    date: Date = described("Polling day.", "2021-01-10")
    type: ElectionType = described("What was elected, or decided in a referendum.", "legislative")
    chamber: Id | None = described(
        "The id of one of the country's chambers, for a parliamentary election.", "mazhilis", None
    )
    seats: Seats | None = described("Seats in the whole body.", 107, None)
    seats_contested: Seats | None = described("Seats decided by voters, when not all of them are.", 98, None)
    threshold: Percent | None = described("The share of the vote needed to win seats, in percent.", 7, None)
    registered_voters: Votes | None = described("How many people could vote.", 11919241, None)
    votes_cast: Votes | None = described("How many ballots were cast.", 7539280, None)
    turnout: Percent | None = described(
        "Turnout in percent; with registered_voters and votes_cast it must agree within half a point.", 63.25, None
    )
    status: Status = described(
        "held, scheduled (still to come), annulled (cancelled after the vote) or counting "
        "(election night: the site shows the newest preliminary set as provisional).",
        "held",
        "held",
    )
    tiers: list[Tier] = described(
        "For a mixed system (extension): each way seats are filled; their seats add up to the election's.",
        [{"id": "list", "name": "National party lists", "seats": 69, "threshold": 5}],
        [],
    )
    constituencies: list[Constituency] = described(
        "The districts of an election with tiers (extension).",
        [{"id": "astana-1", "name": "Astana, district 1", "region": "astana-city"}],
        [],
    )
    results: list[ResultSet] = described(
        "One result set per source: official, preliminary, exit poll, polls.",
        [{"kind": "official", "rows": [{"party": "nur-otan", "votes": 5148074, "percent": 71.09, "seats": 76}]}],
        [],
    )

    @property
    def date_of_record(self) -> PartialDate | None:
        return self.date
