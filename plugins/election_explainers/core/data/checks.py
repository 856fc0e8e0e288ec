"""Checks across files: references, dates in order, election arithmetic, Markdown links."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import Any

from .count_checks import Clock, check_count, wall_clock
from .dataset import Dataset
from .models import Country, Election, Party, Person, Record, Story
from .problems import FieldPath, Problem, did_you_mean, format_field, printable
from .slugs import SectionNames
from .system_checks import check_regions, check_system
from .wikilinks import WikiLink, all_links_known, embed_problem, link_places, scan_links
from .yamlfile import YamlFile

ANY_KIND: tuple[type[Record], ...] = ()

# How far turnout may differ from votes cast / registered voters, in points.
TURNOUT_TOLERANCE = 0.5
PERCENT_SUM_LIMIT = 100.5
# Unknown ids that get a did-you-mean suggestion, per load: enough for any real mistake.
MAX_SUGGESTIONS = 1_000


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
                for k, member in enumerate(row.alliance.parties if row.alliance else ()):
                    yield ("results", i, "rows", j, "alliance", "parties", k), member, (Party,)


def markdown_fields(record: Record) -> Iterator[tuple[FieldPath, str]]:
    """Each Markdown string of ``record`` with its field; text by language gives one per language."""
    found: list[tuple[FieldPath, str]] = []
    if record.summary:
        found.append((("summary",), record.summary))
    for i, event in enumerate(record.events):
        if event.text:
            found.append((("events", i, "text"), event.text))
    if isinstance(record, Story) and record.body:
        found.append((("body",), record.body))
    for field, text in found:
        translations = getattr(text, "translations", None)
        if translations:
            for lang, value in translations.items():
                yield (*field, lang), value
        else:
            yield field, text


def check_dataset(
    dataset: Dataset, files: dict[str, YamlFile], clock: Clock = wall_clock, valid: Dataset | None = None
) -> list[Problem]:
    """Checks across files of ``dataset``'s records; ``valid`` holds the valid records when these are salvaged ones."""
    problems: list[Problem] = []
    for entity_id, record in dataset.records.items():
        source = files[entity_id]
        problems += check_references(dataset, record, source)
        problems += check_markdown(dataset, record, source)
        problems += check_periods(record, source)
        if isinstance(record, Election):
            problems += check_election(dataset, record, source)
            problems += check_count(record, source, clock)
            problems += check_system(valid or dataset, record, source)
        elif isinstance(record, Country):
            problems += check_regions(record, source)
    return problems


def unknown_id_message(dataset: Dataset, target: str, kinds: tuple[type[Record], ...]) -> str:
    wanted = " or ".join(k.kind for k in kinds) if kinds else "entity"
    found = dataset.known.get(target)
    if found is not None:
        return f"'{target}' is a {found.kind}, not a {wanted}"
    return f"unknown {wanted} '{printable(target)}'" + _suggestion(dataset, target, kinds)


def _suggestion(dataset: Dataset, target: str, kinds: tuple[type[Record], ...]) -> str:
    """Did-you-mean for ``target``, worked out once per id, and for at most MAX_SUGGESTIONS ids.

    Each costs a comparison with every known id; a file with a hundred
    thousand different unknown ids would otherwise take hours to report.
    """
    key = (target, kinds)
    if key not in dataset.suggestions:
        if len(dataset.suggestions) >= MAX_SUGGESTIONS:
            return ""
        candidates = [i for i, k in dataset.known.items() if not kinds or issubclass(k, kinds)]
        dataset.suggestions[key] = did_you_mean(target, candidates)
    return dataset.suggestions[key]


def check_references(dataset: Dataset, record: Record, source: YamlFile) -> list[Problem]:
    problems = []
    for field, target, kinds in references(record):
        found = dataset.known.get(target)
        if found is None or (kinds and not issubclass(found, kinds)):
            problems.append(source.problem(field, unknown_id_message(dataset, target, kinds)))
    return problems


def link_problems(dataset: Dataset, markdown: str) -> Iterator[tuple[WikiLink, str]]:
    """Each ``[[…]]`` in ``markdown`` with an empty part, or that names no entity or no component of it."""
    if all_links_known(markdown, dataset.known):
        return
    for link, broken in scan_links(markdown):  # one pass: the broken and the real links
        if broken is not None:
            yield link, broken.message
            continue
        kind = dataset.known.get(link.target)
        if kind is None:
            unknown = unknown_id_message(dataset, link.target, ANY_KIND).removeprefix("unknown entity ")
            yield link, f"unknown id in {'embed' if link.embed else 'link'} {unknown}"
        elif link.embed and (why := embed_problem(link, kind.kind)):
            yield link, why


def check_markdown(dataset: Dataset, record: Record, source: YamlFile) -> list[Problem]:
    problems = []
    for field, text in markdown_fields(record):
        found = sorted(link_problems(dataset, text), key=lambda item: item[0].start)
        if not found:
            continue
        # The n-th copy of a link's text in the value is the n-th in the file; count every
        # earlier copy, code samples too, as the source text has them all. One pass for all.
        copies = link_places(text)
        wanted = []
        for link, _ in found:
            raw = text[link.start : link.end]
            wanted.append((raw, bisect.bisect_left(copies[raw], link.start)))
        places = source.find_each_in(field, wanted, link_places)
        for (_, message), (line, column) in zip(found, places, strict=True):
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
        # A district's own count names its candidates with their parties, in any election.
        if row.party and row.person and election.type != "presidential" and result_set.area is None:
            problems.append(
                source.problem((*at, "rows", j), "only a presidential row may name both a person and a party")
            )
    return problems


def check_lineage(records: Iterable[Record], files: dict[str, YamlFile]) -> list[Problem]:
    """Predecessor and successor links may not go round in a circle.

    ``a.predecessor: [b]`` and ``b.successor: [a]`` both say b came before a;
    a circle of such "came before" links (a party its own predecessor, a → b
    → a) has no order in time. Each circle is reported once, on its party
    that comes first in file order.
    """
    parties = [r for r in records if isinstance(r, Party)]
    ids = {party.id for party in parties}
    before: dict[str, list[str]] = {party.id: [] for party in parties}  # party -> parties that came before it
    for party in parties:
        before[party.id] += [t for t in party.predecessor if t in ids]
        for later in party.successor:
            if later in ids:
                before[later].append(party.id)
    by_id = {party.id: party for party in parties}
    component = _components(before)
    groups: dict[int, list[str]] = {}
    for party_id, number in component.items():
        groups.setdefault(number, []).append(party_id)
    problems = []
    reported: set[str] = set()
    for party in parties:  # in file order: each circle is reported once, on its first party
        group = groups[component[party.id]]
        if party.id in reported or (len(group) == 1 and party.id not in before[party.id]):
            continue
        reported.update(group)
        # Search only inside its strongly connected group: a long chain costs no more than its length.
        members = set(group)
        inside = {p: [e for e in before[p] if e in members] for p in group}
        circle = _circle_through(party.id, inside)
        assert circle is not None, "a strongly connected group has a circle through each member"
        problems.append(_lineage_problem(by_id, circle, files))
    return problems


def _components(edges: dict[str, list[str]]) -> dict[str, int]:
    """Strongly connected components (Kosaraju), without recursion: node -> component number."""
    order: list[str] = []
    visited: set[str] = set()
    for root in edges:
        if root in visited:
            continue
        visited.add(root)
        stack = [(root, iter(edges[root]))]
        while stack:
            node, pending = stack[-1]
            step = next(pending, None)
            if step is None:
                stack.pop()
                order.append(node)
            elif step not in visited:
                visited.add(step)
                stack.append((step, iter(edges[step])))
    reverse: dict[str, list[str]] = {node: [] for node in edges}
    for node, targets in edges.items():
        for target in targets:
            reverse[target].append(node)
    component: dict[str, int] = {}
    for number, root in enumerate(reversed(order)):
        if root in component:
            continue
        component[root] = number
        todo = [root]
        while todo:
            for other in reverse[todo.pop()]:
                if other not in component:
                    component[other] = number
                    todo.append(other)
    return component


def _circle_through(start: str, before: dict[str, list[str]]) -> list[str] | None:
    """The shortest path of "came before" links from ``start`` back to itself, if any (breadth first)."""
    came_from: dict[str, str] = {}
    queue = [start]
    for here in queue:  # grows as we go: no recursion, however long the chain
        for earlier in before[here]:
            if earlier == start:
                path = [here]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1])]
            if earlier not in came_from:
                came_from[earlier] = here
                queue.append(earlier)
    return None


def _lineage_problem(parties: dict[str, Party], circle: list[str], files: dict[str, YamlFile]) -> Problem:
    first = parties[circle[0]]
    if circle == [first.id]:
        relation = "predecessor" if first.id in first.predecessor else "successor"
        index = getattr(first, relation).index(first.id)
        return files[first.id].problem((relation, index), f"a party cannot be its own {relation}")
    shown = [*circle, first.id]
    if len(shown) > 8:
        shown = [*shown[:4], "…", *shown[-3:]]
    message = (
        f"predecessor and successor links go round in a circle ({' came after '.join(shown)}); "
        "no party can come before itself"
    )
    # The first party's own link into the circle, or else the link that names it.
    earlier, later = parties[circle[1]], parties[circle[-1]]
    if earlier.id in first.predecessor:
        return files[first.id].problem(("predecessor", first.predecessor.index(earlier.id)), message)
    if later.id in first.successor:
        return files[first.id].problem(("successor", first.successor.index(later.id)), message)
    return files[earlier.id].problem(("successor", earlier.successor.index(first.id)), message)


def check_sections(records: Iterable[Record], files: dict[str, YamlFile], sections: SectionNames) -> list[Problem]:
    """Two spellings of one section address ("Asia Pacific", "asia-pacific") are an error on the second."""
    problems = []
    for record in records:
        if isinstance(record, Story) and record.section is not None:
            why = sections.claim(record.section, record.file)
            if why is not None:
                problems.append(files[record.id].problem(("section",), why))
    return problems
