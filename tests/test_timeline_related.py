"""Timeline ordering, related-stories ranking and exports, on small hand-made datasets."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest
from election_explainers.core.data.dataset import Dataset
from election_explainers.core.data.dates import PartialDate
from election_explainers.core.data.loader import load
from election_explainers.core.data.models import Country, Election, Party, Story
from election_explainers.core.index.related import Entry, RelatedIndex, RelatedSettings, entry_keys
from election_explainers.core.index.timeline import build_timeline, index_timeline
from election_explainers.core.publish.publish import timeline_files
from election_explainers.core.render.render import Renderer


def make_dataset(*records: object) -> Dataset:
    return Dataset({r.id: r for r in records})  # type: ignore[attr-defined]


def country(id_: str = "xa") -> Country:
    return Country.model_validate({"id": id_, "name": f"Country {id_}"})


def story(id_: str, date: str, about: list[str], tags: list[str] | None = None) -> Story:
    return Story.model_validate(
        {"id": id_, "title": f"Story {id_}", "date": date, "body": "Text.", "about": about, "tags": tags or []}
    )


# -- timeline ---------------------------------------------------------------------------


def test_partial_dates_sort_before_the_full_dates_they_contain() -> None:
    events = [
        {"date": "2021-01-10", "title": "day"},
        {"date": 2021, "title": "year"},
        {"date": "2020-12-31", "title": "before"},
        {"date": "2021-01", "title": "month"},
        {"date": "2021-02", "title": "after"},
    ]
    data = make_dataset(Country.model_validate({"id": "xa", "name": "X", "events": events}))
    titles = [item.title for item in build_timeline(data)]
    assert titles == ["before", "year", "month", "day", "after"]


def test_equal_dates_order_elections_then_events_then_stories_then_id() -> None:
    election = Election.model_validate(
        {"id": "xa-vote", "name": "The vote", "country": "xa", "date": "2021-01-10", "type": "legislative"}
    )
    holder = Country.model_validate({"id": "xa", "name": "X", "events": [{"date": "2021-01-10", "title": "Protest"}]})
    data = make_dataset(
        holder, election, story("b-story", "2021-01-10", ["xa"]), story("a-story", "2021-01-10", ["xa"])
    )
    items = build_timeline(data)
    assert [(item.kind, item.title) for item in items] == [
        ("election", "The vote"),
        ("event", "Protest"),
        ("story", "Story a-story"),
        ("story", "Story b-story"),
    ]
    # The same input in another order gives the same timeline: the order is stable.
    shuffled = make_dataset(
        story("a-story", "2021-01-10", ["xa"]), story("b-story", "2021-01-10", ["xa"]), election, holder
    )
    assert [item.key for item in build_timeline(shuffled)] == [item.key for item in items]


def test_party_timeline_has_renames_leaders_and_its_elections() -> None:
    party = Party.model_validate(
        {
            "id": "blue",
            "name": "Blue Party",
            "country": "xa",
            "founded": "1999-03-01",
            "other_names": [{"name": "Azure Party", "start_date": "2022-03-01"}],
            "leaders": [{"person": "boss", "role": "chair", "start_date": "2001", "end_date": "2010-05"}],
        }
    )
    election = Election.model_validate(
        {
            "id": "xa-2005",
            "name": "2005 vote",
            "country": "xa",
            "date": "2005-06-01",
            "type": "legislative",
            "results": [{"kind": "official", "rows": [{"party": "blue", "seats": 3}]}],
        }
    )
    other = Election.model_validate(
        {"id": "xa-2006", "name": "2006 vote", "country": "xa", "date": "2006", "type": "local"}
    )
    from election_explainers.core.data.models import Person

    boss = Person.model_validate({"id": "boss", "name": "The Boss"})
    items = index_timeline(build_timeline(make_dataset(country(), party, election, other, boss)))["blue"]
    assert [(item.date.iso(), item.title) for item in items] == [
        ("1999-03-01", "Blue Party founded"),
        ("2001", "The Boss becomes chair of Blue Party"),
        ("2005-06-01", "2005 vote"),
        ("2010-05", "The Boss steps down as chair of Blue Party"),
        ("2022-03-01", "Blue Party renamed Azure Party"),
    ]


def test_example_timeline_is_in_order_and_shows_partial_dates_at_their_precision() -> None:
    dataset = load(Path("data"), Path("docs"))
    items = build_timeline(dataset)
    keys = [item.sort_key for item in items]
    assert keys == sorted(keys)
    economy = next(item for item in items if item.title.startswith("Economy shrinks"))
    assert (economy.date.iso(), economy.date.human()) == ("2020", "2020")
    embassy = next(item for item in items if "embassy" in item.title)
    assert embassy.date.human() == "December 2020"


# -- related stories ------------------------------------------------------------------------


def related_ids(stories: list[Story], target: str, **settings: object) -> list[str]:
    kinds = {"xa": "country", "xb": "country", "vote": "election", "blue": "party", "red": "party", "boss": "person"}
    entries = [Entry(s, s.id, s.date, entry_keys(s.about, s.tags, kinds.get)) for s in stories]
    index: RelatedIndex[Story] = RelatedIndex(entries, RelatedSettings(**settings))  # type: ignore[arg-type]
    return [s.id for s in index.related(target)]


def test_shared_election_outranks_shared_party_outranks_country_outranks_tag() -> None:
    stories = [
        story("target", "2021-06-01", ["xa", "vote", "blue"], ["protests"]),
        story("same-tag", "2021-05-05", ["xb"], ["protests"]),
        story("same-country", "2021-05-04", ["xa"]),
        story("same-party", "2021-05-03", ["blue"]),
        story("same-election", "2021-05-02", ["vote"]),
        story("nothing", "2021-05-01", ["xb"]),
    ]
    assert related_ids(stories, "target") == ["same-election", "same-party", "same-country", "same-tag"]


def test_more_shared_keys_win_and_ties_go_newest_first_then_by_id() -> None:
    stories = [
        story("target", "2021-06-01", ["xa", "blue"]),
        story("both", "2020-01-01", ["xa", "blue"]),
        story("old-party", "2021-01-01", ["blue"]),
        story("new-party-b", "2021-03-01", ["red", "blue"]),
        story("new-party-a", "2021-03-01", ["blue"]),
    ]
    assert related_ids(stories, "target") == ["both", "new-party-a", "new-party-b", "old-party"]


def test_newer_stories_are_left_out_unless_configured() -> None:
    stories = [
        story("target", "2021-01-10", ["vote"]),
        story("later", "2021-02-01", ["vote"]),
        story("same-day", "2021-01-10", ["vote"]),
        story("earlier", "2021-01-01", ["vote"]),
    ]
    assert related_ids(stories, "target") == ["same-day", "earlier"]
    assert related_ids(stories, "target", include_newer=True) == ["later", "same-day", "earlier"]


def test_max_count_and_weights_are_configurable() -> None:
    stories = [
        story("target", "2021-06-01", ["xa", "blue"], ["protests"]),
        story("tagged", "2021-05-01", [], ["protests"]),
        story("party", "2021-04-01", ["blue"]),
        story("country", "2021-03-01", ["xa"]),
    ]
    assert related_ids(stories, "target", max_count=2) == ["party", "country"]
    weights = {"election": 8.0, "person": 4.0, "party": 4.0, "country": 2.0, "tag": 10.0}
    assert related_ids(stories, "target", weights=weights) == ["tagged", "party", "country"]


def test_a_story_sharing_nothing_has_no_related_stories() -> None:
    stories = [story("target", "2021-06-01", ["xa"]), story("other", "2021-05-01", ["xb"])]
    assert related_ids(stories, "target") == []


# -- exports --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_renderer() -> Renderer:
    return Renderer(load(Path("data"), Path("docs")))


def test_timelinejs_export_uses_knight_lab_fields(example_renderer: Renderer) -> None:
    files = {f.path: f.make() for f in timeline_files(example_renderer, "https://news.example.org/")}
    data = json.loads(files["timeline/index.timelinejs.json"])
    economy = next(e for e in data["events"] if "Economy" in e["text"]["headline"])
    assert economy["start_date"] == {"year": "2020"}
    vote = next(e for e in data["events"] if e["group"] == "Elections" and "2021" in e["text"]["headline"])
    assert vote["start_date"] == {"year": "2021", "month": "1", "day": "10"}
    assert 'href="https://news.example.org/elections/kz-2021-mazhilis/"' in vote["text"]["headline"]
    plain = json.loads(files["timeline/nur-otan.json"])
    assert plain["title"] == "Nur Otan"
    assert {"2016-03-20", "2021-01-10", "2022-03-01"} <= {item["date"] for item in plain["items"]}


def test_renames_on_the_first_and_last_day_of_the_calendar_render(make_project) -> None:  # type: ignore[no-untyped-def]
    """There is no day before 1 January of year 1 nor after 31 December 9999: no rename to tell there."""
    project = make_project(
        {
            "data/parties/blue.yaml": """
                name: Blue Party
                other_names:
                  - name: Oldest Blue
                    start_date: 0001-01-01
                    end_date: 0001-12-31
                  - name: Last Blue
                    start_date: 9999-01-01
                    end_date: 9999-12-31
            """
        }
    )
    renderer = Renderer(load(project / "data", project / "docs", root=project))
    pages = {source.src: renderer.render(source).html for source in renderer.sources()}
    assert "Oldest Blue renamed Blue Party" in pages["parties/blue.md"]
    assert "Blue Party renamed Last Blue" in pages["parties/blue.md"]
    assert sum(1 for _ in timeline_files(renderer)) > 0


def plain_related(entries: list[Entry[str]], target: str, settings: RelatedSettings) -> list[str]:
    """The ranking spelled out the slow way: every key's window, summed, then every candidate sorted."""

    def order(entry: Entry[str]) -> tuple[bool, tuple[int, int, int], str]:
        return (entry.date is not None, entry.date.sort_key if entry.date else (0, 0, 0), entry.key)

    ordered = sorted(entries, key=order)
    me = next(e for e in ordered if e.key == target)
    heaviest = max(settings.weights.values())
    scores: dict[str, float] = {}
    for kind, value in sorted(me.keys):
        weight = settings.weights.get(kind, 0)
        if weight <= 0:
            continue
        scan = max(settings.max_count, math.ceil(settings.common_key_scan * weight / heaviest))
        having = [e for e in ordered if (kind, value) in e.keys]
        if settings.include_newer or me.date is None:
            mine = having.index(me) + 1
            window = having if len(having) <= scan else having[max(0, mine - scan) : mine + scan]
        else:
            older = [e for e in having if e.date is not None and e.date.sort_key <= me.date.sort_key]
            older += [e for e in having if e.date is None]  # undated entries count as the oldest
            window = sorted(older, key=order)[-scan:]
        for other in window:
            if other is not me:
                scores[other.key] = scores.get(other.key, 0.0) + weight
    # Equal scores: newest first, then by key; undated entries last.
    dated = {e.key: e.date.sort_key if e.date else (0, 0, 0) for e in ordered}
    newest_first = sorted(scores, key=lambda k: (-scores[k], tuple(-part for part in dated[k]), k))
    undated_last = sorted(newest_first, key=lambda k: (-scores[k], dated[k] == (0, 0, 0)))
    return undated_last[: settings.max_count]


@pytest.mark.parametrize(
    "settings",
    [
        RelatedSettings(common_key_scan=8),
        RelatedSettings(common_key_scan=8, include_newer=True),
        RelatedSettings(common_key_scan=12, max_count=3),
        RelatedSettings(common_key_scan=8, max_count=9),
        # Sums of halves and quarters are exact in any order, so the slow way adds up the same.
        RelatedSettings(weights={"election": 1.5, "party": 0.75, "tag": 0.25, "country": 0.5}, common_key_scan=6),
        # One weight for every kind: all candidates in one class, many of them in several windows.
        RelatedSettings(weights=dict.fromkeys(["election", "party", "person", "country", "tag"], 1.0), max_count=1),
        # A kind weighing nothing and kinds not named: their keys add nothing, newer stories count.
        RelatedSettings(weights={"election": 2.0, "party": 0.0, "tag": 0.5}, common_key_scan=4, include_newer=True),
    ],
)
def test_related_lists_match_a_plain_ranking_on_generated_stories(settings: RelatedSettings) -> None:
    rng = random.Random(8)
    kinds = {"election": 6, "party": 12, "person": 30, "country": 2, "tag": 9}
    entries = []
    for n in range(300):
        keys = {(kind, f"{kind}{rng.randrange(size)}") for kind, size in kinds.items() if rng.random() < 0.6}
        date = None if rng.random() < 0.05 else PartialDate(2020 + rng.randrange(2), rng.randint(1, 3), 1)
        entries.append(Entry(f"s{n:03}", f"s{n:03}", date, frozenset(keys)))
    index = RelatedIndex(entries, settings)
    for entry in entries:
        assert index.related(entry.key) == plain_related(entries, entry.key, settings), entry.key


def test_related_lists_do_not_depend_on_the_order_they_are_asked_in() -> None:
    """The index makes every list on the first request: asking in another order changes nothing."""
    rng = random.Random(3)
    entries = []
    for n in range(200):
        keys = {("party", f"party{rng.randrange(5)}"), ("tag", f"tag{rng.randrange(7)}")}
        date = None if n % 17 == 0 else PartialDate(2020, rng.randint(1, 12), rng.randint(1, 28))
        entries.append(Entry(f"s{n:03}", f"s{n:03}", date, frozenset(keys)))
    forward = RelatedIndex(entries)
    backward = RelatedIndex(entries)
    lists = {entry.key: backward.related(entry.key) for entry in reversed(entries)}
    assert lists == {entry.key: forward.related(entry.key) for entry in entries}
    assert forward.related("no-such-story") == []
    assert any(lists.values())


def test_a_new_index_of_the_same_stories_takes_the_last_ones_lists_and_of_other_stories_makes_its_own() -> None:
    """Under serve a party edit changes no story: the lists (a second at L) are not worked out again."""
    kinds = {"xa": "country", "xb": "country", "vote": "election", "blue": "party"}
    stories = [
        story("target", "2021-06-01", ["xa", "vote"]),
        story("a", "2021-05-05", ["vote"]),
        story("b", "2021-05-04", ["xa"]),
    ]

    def index_of(items: list[Story]) -> RelatedIndex[Story]:
        return RelatedIndex([Entry(s, s.id, s.date, entry_keys(s.about, s.tags, kinds.get)) for s in items])

    before = index_of(stories)
    assert [s.id for s in before.related("target")] == ["a", "b"]
    same = index_of(list(stories))
    same.reuse_lists_of(before)
    assert same._best is before._best  # taken, not made again
    assert [s.id for s in same.related("target")] == ["a", "b"]
    edited = index_of([stories[0], story("a", "2021-05-05", ["xb"]), stories[2]])
    edited.reuse_lists_of(before)
    assert edited._best is None
    assert [s.id for s in edited.related("target")] == ["b"]
    other_settings = RelatedIndex(before.entries, RelatedSettings(max_count=1))
    other_settings.reuse_lists_of(before)
    assert [s.id for s in other_settings.related("target")] == ["a"]
