"""Checks across files: references, dates in order, election arithmetic, Markdown links."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .dataset import Dataset
from .models import Country, Election, Party, Person, Record, Story
from .problems import FieldPath, Problem, did_you_mean, format_field
from .wikilinks import WikiLink, embed_problem, find_links
from .yamlfile import YamlFile

ANY_KIND: tuple[type[Record], ...] = ()

# How far turnout may differ from votes cast / registered voters, in points.
TURNOUT_TOLERANCE = 0.5
PERCENT_SUM_LIMIT = 100.5


def references(record: Record) -> Iterator[tuple[FieldPath, str, tuple[type[Record], ...]]]:
    """Each id ``record`` names: where, which id, and the kinds it may be."""
    country = getattr(record, "country", None)
    if isinstance(country, str):
        yield ("country",), country, (Country,)
    for i, event in enumerate(record.events):
        for j, target in enumerate(event.about):
            yield ("events", i, "about", j), target, ANY_KIND
    if isinstance(record, Story):
        for j, target in enumerate(record.about):
            yield ("about", j), target, ANY_KIND
    if isinstance(record, Party):
        for i, leader in enumerate(record.leaders):
            yield ("leaders", i, "person"), leader.person, (Person,)
        for relation in ("predecessor", "successor"):
            for j, target in enumerate(getattr(record, relation)):
                yield (relation, j), target, (Party,)
    if isinstance(record, Person):
        for i, role in enumerate(record.roles):
            if role.party:
                yield ("roles", i, "party"), role.party, (Party,)
    if isinstance(record, Election):
        for i, result_set in enumerate(record.results):
            for j, row in enumerate(result_set.rows):
                if row.party:
                    yield ("results", i, "rows", j, "party"), row.party, (Party,)
                if row.person:
                    yield ("results", i, "rows", j, "person"), row.person, (Person,)


def markdown_fields(record: Record) -> Iterator[tuple[FieldPath, str]]:
    """Each Markdown string of ``record`` with its field."""
    if record.summary:
        yield ("summary",), record.summary
    for i, event in enumerate(record.events):
        if event.text:
            yield ("events", i, "text"), event.text
    if isinstance(record, Story) and record.body:
        yield ("body",), record.body


def check_dataset(dataset: Dataset, files: dict[str, YamlFile]) -> list[Problem]:
    problems: list[Problem] = []
    for entity_id, record in dataset.records.items():
        source = files[entity_id]
        problems += check_references(dataset, record, source)
        problems += check_markdown(dataset, record, source)
        problems += check_periods(record, source)
        if isinstance(record, Election):
            problems += check_election(dataset, record, source)
    return problems


def unknown_id_message(dataset: Dataset, target: str, kinds: tuple[type[Record], ...]) -> str:
    wanted = " or ".join(k.kind for k in kinds) if kinds else "entity"
    found = dataset.known.get(target)
    if found is not None:
        return f"'{target}' is a {found.kind}, not a {wanted}"
    candidates = [i for i, k in dataset.known.items() if not kinds or issubclass(k, kinds)]
    return f"unknown {wanted} '{target}'" + did_you_mean(target, candidates)


def check_references(dataset: Dataset, record: Record, source: YamlFile) -> list[Problem]:
    problems = []
    for field, target, kinds in references(record):
        found = dataset.known.get(target)
        if found is None or (kinds and not issubclass(found, kinds)):
            problems.append(source.problem(field, unknown_id_message(dataset, target, kinds)))
    return problems


def link_problems(dataset: Dataset, markdown: str) -> Iterator[tuple[WikiLink, str]]:
    """Each ``[[…]]`` in ``markdown`` that names no entity or no component of it."""
    for link in find_links(markdown):
        kind = dataset.known.get(link.target)
        if kind is None:
            unknown = unknown_id_message(dataset, link.target, ANY_KIND).removeprefix("unknown entity ")
            yield link, f"unknown id in {'embed' if link.embed else 'link'} {unknown}"
        elif link.embed and (why := embed_problem(link, kind.kind)):
            yield link, why


def check_markdown(dataset: Dataset, record: Record, source: YamlFile) -> list[Problem]:
    problems = []
    for field, text in markdown_fields(record):
        for link, message in link_problems(dataset, text):
            raw = text[link.start : link.end]
            # Count every earlier copy, code samples too: the source text has them all.
            line, column = source.find_in(field, raw, text.count(raw, 0, link.start))
            problems.append(Problem(source.path, line, column, format_field(field), message))
    return problems


def check_periods(record: Record, source: YamlFile) -> list[Problem]:
    """Ends come after starts."""
    periods: list[tuple[FieldPath, Any, Any]] = []
    for i, other in enumerate(record.other_names):
        periods.append((("other_names", i), other.start_date, other.end_date))
    for i, event in enumerate(record.events):
        periods.append((("events", i), event.date, event.end_date))
    if isinstance(record, Party):
        periods.append(((), record.founded, record.dissolved))
        for i, leader in enumerate(record.leaders):
            periods.append((("leaders", i), leader.start_date, leader.end_date))
    if isinstance(record, Person):
        for i, role in enumerate(record.roles):
            periods.append((("roles", i), role.start_date, role.end_date))
    problems = []
    for field, start, end in periods:
        if start is not None and end is not None and end.last_day() < start.first_day():
            end_field = "end_date" if field else "dissolved"
            problems.append(source.problem((*field, end_field), f"ends ({end}) before it starts ({start})"))
    return problems


def check_election(dataset: Dataset, election: Election, source: YamlFile) -> list[Problem]:
    problems = []
    country = dataset.get(election.country)
    if election.chamber and isinstance(country, Country) and country.chamber(election.chamber) is None:
        known = [c.id for c in country.chambers]
        message = f"'{election.chamber}' is not a chamber of {country.id}{did_you_mean(election.chamber, known)}"
        if not known:
            message += " (its file lists no chambers)"
        problems.append(source.problem(("chamber",), message))
    if (
        election.seats is not None
        and election.seats_contested is not None
        and election.seats_contested > election.seats
    ):
        problems.append(
            source.problem(
                ("seats_contested",),
                f"{election.seats_contested} seats contested is more than the {election.seats} seats in the body",
            )
        )
    if election.turnout is not None and election.registered_voters and election.votes_cast is not None:
        computed = 100 * election.votes_cast / election.registered_voters
        if abs(computed - election.turnout) > TURNOUT_TOLERANCE:
            problems.append(
                source.problem(
                    ("turnout",),
                    f"turnout {election.turnout}% disagrees with votes_cast / registered_voters = {computed:.2f}% (more than {TURNOUT_TOLERANCE} points apart)",
                )
            )
    for i in range(len(election.results)):
        problems += _check_result_set(election, i, source)
    return problems


def _check_result_set(election: Election, index: int, source: YamlFile) -> list[Problem]:
    result_set = election.results[index]
    at: FieldPath = ("results", index)
    problems = []
    rows = result_set.rows
    if rows and all(row.percent is not None for row in rows):
        total = sum(row.percent or 0 for row in rows)
        if total > PERCENT_SUM_LIMIT:
            problems.append(
                source.problem((*at, "rows"), f"the percentages add up to {total:.2f}, more than {PERCENT_SUM_LIMIT}")
            )
    seats = sum(row.seats or 0 for row in rows)
    if election.seats is not None and seats > election.seats:
        problems.append(
            source.problem(
                (*at, "rows"), f"the rows win {seats} seats, more than the {election.seats} seats of the election"
            )
        )
    votes = sum(row.votes or 0 for row in rows)
    if election.votes_cast is not None and votes > election.votes_cast:
        problems.append(
            source.problem(
                (*at, "rows"), f"the rows have {votes:,} votes, more than the {election.votes_cast:,} votes cast"
            )
        )
    seen: dict[tuple[str | None, str | None, str | None], int] = {}
    for j, row in enumerate(rows):
        choice = (row.party, row.person, row.option)
        if choice in seen:
            problems.append(source.problem((*at, "rows", j), f"the same choice is already in rows[{seen[choice]}]"))
        seen.setdefault(choice, j)
        if row.party and row.person and election.type != "presidential":
            problems.append(
                source.problem((*at, "rows", j), "only a presidential row may name both a person and a party")
            )
    return problems
