"""Deterministic synthetic data and whole projects ("worlds") for the benchmarks.

:class:`Generator` writes a realistic ``data/``: countries (two chambers each),
parties (colours, leaders, a rename), people (roles), elections (official
results with seats, plus preliminary counts and exit polls) and stories
(``about`` lists, tags, sections, Markdown bodies with ``[[id]]`` links).
Every reference is valid and every election adds up, so it loads without a problem.

:func:`write_world` makes a project around it: the repository's ``mkdocs.yml``,
an empty ``overrides/`` and a few hand-written ``docs/`` pages, at a named
size (:data:`SIZES`). The same size and seed always give byte-identical files.

    .venv/bin/python benchmarks/world.py S /tmp/world-s     # write one, to look at or serve
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from election_explainers.core.publish.assets import SCRIPT, STYLESHEET
from election_explainers.core.render.render import HUBS
from mkdocs.structure.nav import nest_paths
from world_systems import Systems

SYLLABLES = [
    "ka",
    "ra",
    "mu",
    "zh",
    "an",
    "ol",
    "et",
    "ba",
    "ri",
    "su",
    "na",
    "de",
    "lo",
    "vi",
    "ta",
    "ne",
    "ak",
    "zh",
    "ol",
    "ur",
    "as",
    "ty",
    "ma",
    "ke",
]
IDEOLOGIES = ["conservatism", "liberalism", "social democracy", "nationalism", "agrarianism", "green politics"]
POSITIONS = ["left-wing", "centre-left", "centre", "centre-right", "right-wing", "big tent"]
PUBLISHERS = ["Voice of America / AFP", "The Astana Times", "Reuters", "RFE/RL", "Kazinform", "Xinhua"]
SECTIONS = ["Politics", "World", "Europe", "Asia", "Analysis"]
TAGS = ["elections", "protests", "human-rights", "economy", "parliament", "media", "courts"]
LANGS = ["ru", "kk", "fr", "de"]
PARTS = ("countries", "parties", "people", "elections", "stories")
SHARE = {"countries": 0.01, "parties": 0.25, "people": 0.38, "elections": 0.12}


@dataclass
class Country:
    id: str
    name: str
    chambers: list[tuple[str, str, int]]
    iso: str  # quoted in the file: a plain NO would be read as false
    parties: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    elections: list[str] = field(default_factory=list)


class Generator:
    """Writes ``count`` files in the mix of :data:`SHARE`, the rest stories.

    With ``stories`` given, ``count`` is the number of countries, parties, people
    and elections (in the same proportions) and ``stories`` is added on top, so
    the two grow separately. ``body_share`` of the stories have a ``body`` (a
    page of their own); the rest link to an external ``url``.
    """

    def __init__(
        self,
        count: int,
        seed: int,
        *,
        stories: int | None = None,
        body_share: float = 0.7,
        systems: Systems | None = None,
    ) -> None:
        self.rng = random.Random(seed)
        self.systems = systems  # mixed systems: regions, tiers, districts (see world_systems.py)
        self.count = count
        self.stories = stories
        self.body_share = body_share
        self.names: dict[str, str] = {}

    # --- small pieces ---------------------------------------------------------------------------

    def word(self, syllables: int = 3) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    def date(self, start: int = 1990, end: int = 2024) -> str:
        year = self.rng.randint(start, end)
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def sentence(self, links: list[str] = (), words: int = 14) -> str:  # type: ignore[assignment]
        text = [self.word(2).lower() for _ in range(words)]
        for target in links:
            label = f"[[{target}]]" if self.rng.random() < 0.7 else f"[[{target}|{self.word(2).lower()}]]"
            # Not first: a plain YAML scalar starting with '[' would be a flow list.
            text.insert(self.rng.randint(1, len(text)), label)
        return " ".join(text).capitalize() + "."

    def markdown(self, links: list[str], paragraphs: int, indent: str) -> str:
        """A ``|`` block: paragraphs of wrapped lines, links spread over them."""
        lines: list[str] = []
        for p in range(paragraphs):
            chunk = links[p::paragraphs]
            words = self.sentence(chunk, words=40).split(" ")
            while words:
                lines.append(indent + " ".join(words[:12]))
                words = words[12:]
            if p < paragraphs - 1:
                lines.append("")
        return "|\n" + "\n".join(lines)

    def sources(self, indent: str, count: int) -> str:
        out = []
        for _ in range(count):
            out.append(f"{indent}- title: {self.word()} {self.word(2)} report on the vote")
            out.append(f"{indent}  publisher: {self.rng.choice(PUBLISHERS)}")
            if self.rng.random() < 0.6:
                out.append(
                    f"{indent}  url: https://news.example.com/{self.word().lower()}/{self.rng.randint(1, 99999)}"
                )
            out.append(f"{indent}  date: {self.date(2000)}")
        return "\n".join(out)

    def events(self, about: list[str], count: int) -> str:
        out = []
        for _ in range(count):
            out.append(f"  - date: {self.date()}")
            out.append(f"    title: {self.word()} {self.word(2).lower()} {self.word(2).lower()}")
            target = self.rng.choice(about)
            out.append(f"    text: {self.sentence([target], words=10)}")
            out.append(f"    about: [{target}]")
            out.append("    sources:")
            out.append(self.sources("      ", 1))
        return "\n".join(out)

    @staticmethod
    def header(kind: str) -> str:
        return f"# yaml-language-server: $schema=../.schema/{kind}.schema.json\n"

    # --- the dataset ----------------------------------------------------------------------------

    def plan(self) -> dict[str, int]:
        if self.stories is None:
            counts = {part: max(1, int(self.count * share)) for part, share in SHARE.items()}
            counts["stories"] = self.count - sum(counts.values())
            return counts
        scale = self.count / sum(SHARE.values())
        counts = {part: max(1, round(scale * share)) for part, share in SHARE.items()}
        counts["people"] += self.count - sum(counts.values())  # rounding: exactly ``count`` entities
        counts["stories"] = self.stories
        return counts

    def write(self, data: Path) -> dict[str, int]:
        counts = self.plan()
        for part in PARTS:
            (data / part).mkdir(parents=True, exist_ok=True)
        countries = [
            Country(
                f"country-{i}",
                f"Republic of {self.word()}",
                [("lower", "Assembly", self.rng.choice([100, 107, 150, 300])), ("upper", "Senate", 50)],
                chr(65 + i // 26 % 26) + chr(65 + i % 26),
            )
            for i in range(counts["countries"])
        ]
        # Ids first, so every file can name any other.
        for i in range(counts["parties"]):
            countries[i % len(countries)].parties.append(f"party-{i}")
        for i in range(counts["people"]):
            countries[i % len(countries)].people.append(f"person-{i}")
        for i in range(counts["elections"]):
            countries[i % len(countries)].elections.append(f"election-{i}")
        for country in countries:
            assert len(country.parties) >= 8, "too few parties per country: raise --count"
            self.write_country(data, country)
            for party in country.parties:
                self.write_party(data, country, party)
            for person in country.people:
                self.write_person(data, country, person)
            for election in country.elections:
                self.write_election(data, country, election)
        for i in range(counts["stories"]):
            self.write_story(data, countries[i % len(countries)], f"story-{i}")
        return counts

    def write_country(self, data: Path, country: Country) -> None:
        chambers = "\n".join(
            f"  - id: {cid}\n    name: {name}\n    seats: {seats}" for cid, name, seats in country.chambers
        )
        links = self.rng.sample(country.parties, 3) + self.rng.sample(country.people, 2)
        text = (
            self.header("country")
            + f"name: {country.name}\nother_names:\n  - name: {self.word()}\n    lang: {self.rng.choice(LANGS)}\n"
            + f'iso_code: "{country.iso}"\nregion: Central Asia\ncapital: {self.word()}\n'
            + f"population: {self.rng.randint(100_000, 90_000_000)}\nchambers:\n{chambers}\n"
            + (self.systems.regions_yaml() if self.systems else "")
            + f"summary: {self.markdown(links, 2, '  ')}\n"
            + f"events:\n{self.events(country.people, 4)}\n"
            + f"sources:\n{self.sources('  ', 3)}\ntags: [elections]\n"
        )
        (data / "countries" / f"{country.id}.yaml").write_text(text, encoding="utf-8")

    def write_party(self, data: Path, country: Country, party: str) -> None:
        founded = self.rng.randint(1990, 2010)
        leaders = self.rng.sample(country.people, 2)
        change = f"{founded + self.rng.randint(1, 12)}-{self.rng.randint(1, 12):02d}-01"
        other = self.rng.choice([p for p in country.parties if p != party])
        # Only a party listed earlier can come before this one: lineage never goes round in a circle.
        earlier = country.parties.index(other) < country.parties.index(party)
        text = (
            self.header("party")
            + f"name: {self.word()} Party\n"
            + f"other_names:\n  - name: {self.word()} partiyasy\n    lang: {self.rng.choice(LANGS)}\n"
            + f"  - name: {self.word()} Movement\n    end_date: {founded + 1}\n    note: Its first name.\n"
            + f"country: {country.id}\nfounded: {founded}-03-01\n"
            + f'colour: "#{self.rng.randint(0, 0xFFFFFF):06x}"\n'
            + f"ideology: [{', '.join(self.rng.sample(IDEOLOGIES, 2))}]\nposition: {self.rng.choice(POSITIONS)}\n"
            + "leaders:\n"
            + f"  - person: {leaders[0]}\n    role: Chairman\n    start_date: {founded}-03-01\n    end_date: {change}\n"
            + f"  - person: {leaders[1]}\n    role: Chairman\n    start_date: {change}\n"
            + (f"predecessor: [{other}]\n" if self.rng.random() < 0.1 and earlier else "")
            + f"summary: {self.markdown([country.id, *leaders], 2, '  ')}\n"
            + f"events:\n{self.events(leaders, 2)}\n"
            + f"sources:\n{self.sources('  ', 2)}\ntags: [{self.rng.choice(TAGS)}]\n"
        )
        (data / "parties" / f"{party}.yaml").write_text(text, encoding="utf-8")

    def write_person(self, data: Path, country: Country, person: str) -> None:
        born = self.rng.randint(1940, 1990)
        parties = self.rng.sample(country.parties, 2)
        start = born + 30
        roles = (
            f"  - title: Member of the {country.chambers[0][1]}\n    party: {parties[0]}\n"
            f"    start_date: {start}\n    end_date: {start + 5}-06\n"
            f"  - title: Party secretary\n    party: {parties[1]}\n    start_date: {start + 5}-07\n"
        )
        text = (
            self.header("person")
            + f"name: {self.word()} {self.word(4)}\ncountry: {country.id}\nbirth_date: {born}-{self.rng.randint(1, 12):02d}\n"
            + f"roles:\n{roles}"
            + f"summary: {self.markdown([country.id, *parties], 1, '  ')}\n"
            + f"sources:\n{self.sources('  ', 1)}\n"
        )
        (data / "people" / f"{person}.yaml").write_text(text, encoding="utf-8")

    def shares(self, count: int) -> list[float]:
        weights = sorted((self.rng.random() ** 3 for _ in range(count)), reverse=True)
        total = sum(weights) / 0.97  # 3% for everyone else
        return [round(100 * w / total, 2) for w in weights]

    def write_election(self, data: Path, country: Country, election: str) -> None:
        _, _, seats = country.chambers[0]
        contested = seats - self.rng.randint(0, 9)
        parties = self.rng.sample(country.parties, 8)
        registered = self.rng.randint(500_000, 20_000_000)
        cast = int(registered * self.rng.uniform(0.4, 0.8))
        turnout = round(100 * cast / registered, 2)
        date = self.date(1995)
        official = self.shares(8)
        by_list = contested - self.systems.districts if self.systems else contested
        # Largest remainder over the parties above 5%.
        quotas = [by_list * p / sum(x for x in official if x >= 5) if p >= 5 else 0 for p in official]
        won = [int(q) for q in quotas]
        for i in sorted(range(8), key=lambda i: quotas[i] - won[i], reverse=True)[: by_list - sum(won)]:
            won[i] += 1
        rows = "".join(
            f"      - party: {party}\n        votes: {int(cast * 0.97 * pct / 100)}\n"
            f"        percent: {pct}\n        seats: {won[i]}\n"
            for i, (party, pct) in enumerate(zip(parties, official, strict=True))
        )
        tier = "    tier: list\n" if self.systems else ""
        # The count's sets come before the official result (validation: count_checks).
        official_set = (
            f"  - kind: official\n{tier}    source:\n      title: Final results\n      date: {date}\n    rows:\n{rows}"
        )
        result_sets = []
        for kind in self.rng.sample(["preliminary", "exit_poll"], self.rng.randint(1, 2)):
            pollster = f"    pollster: {self.word()} Institute\n" if kind == "exit_poll" else ""
            guess = self.shares(8)
            rows = "".join(f"      - party: {p}\n        percent: {x}\n" for p, x in zip(parties, guess, strict=True))
            result_sets.append(f"  - kind: {kind}\n{pollster}{tier}    date: {date}\n    rows:\n{rows}")
        result_sets.append(official_set)
        system = ""
        if self.systems:
            winners = self.systems.district_winners(self.rng, parties)
            system = self.systems.header_yaml(by_list)
            result_sets.append(self.systems.result_sets_yaml(winners, parties, country.people, cast))
        text = (
            self.header("election")
            + f"name: {date[:4]} {country.name} legislative election\ncountry: {country.id}\ndate: {date}\n"
            + f"type: legislative\nchamber: lower\nseats: {seats}\nseats_contested: {contested}\nthreshold: 5\n"
            + f"registered_voters: {registered}\nvotes_cast: {cast}\nturnout: {turnout}\nstatus: held\n"
            + system
            + f"summary: {self.markdown(parties[:4], 2, '  ')}\n"
            + f"events:\n{self.events(parties, 2)}\n"
            + "results:\n"
            + "".join(result_sets)
            + f"sources:\n{self.sources('  ', 2)}\ntags: [elections]\n"
        )
        (data / "elections" / f"{election}.yaml").write_text(text, encoding="utf-8")

    def write_story(self, data: Path, country: Country, story: str) -> None:
        about = [
            country.id,
            *self.rng.sample(country.elections, min(1, len(country.elections))),
            *self.rng.sample(country.parties, 2),
            self.rng.choice(country.people),
        ]
        text = (
            self.header("story")
            + f"title: {self.word()} {self.word(2).lower()} {self.word(2).lower()} in {country.name}\n"
            + f"date: {self.date(2000)}\nbyline: {self.word()} {self.word(3)}\nsection: {self.rng.choice(SECTIONS)}\n"
            + f"summary: {self.sentence([about[-1]], words=20)}\n"
            + f"about: [{', '.join(about)}]\n"
            + (
                f"url: https://news.example.com/stories/{story}\n"
                if self.rng.random() < 1 - self.body_share
                else f"body: {self.markdown(about, 4, '  ')}\n"
            )
            + f"tags: [{', '.join(self.rng.sample(TAGS, 2))}]\n"
            + f"sources:\n{self.sources('  ', 1)}\n"
        )
        (data / "stories" / f"{story}.yaml").write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------------ worlds

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED = 2021


@dataclass(frozen=True)
class Size:
    """How big a world is: ``entities`` countries, parties, people and elections, plus ``stories``."""

    name: str
    entities: int
    stories: int
    body_share: float  # stories with a body get a page; the rest link out

    @property
    def story_pages(self) -> int:
        return round(self.stories * self.body_share)  # about: the generator draws each one

    @property
    def pages(self) -> int:
        """About how many generated entity pages (story pages included; hubs not)."""
        return self.entities + self.story_pages


# S and M share one shape (M doubles everything) so that M/S is the growth per doubling.
# L is the archive of the issue: 10,000 entity pages and 50,000 stories, most of them
# links to articles elsewhere (an archive publishes few stories itself).
SIZES: dict[str, Size] = {
    "XS": Size("XS", entities=200, stories=250, body_share=0.2),  # a smoke test of the benchmark itself
    "S": Size("S", entities=800, stories=1_000, body_share=0.2),
    "M": Size("M", entities=1_600, stories=2_000, body_share=0.2),
    "L": Size("L", entities=9_000, stories=50_000, body_share=0.02),
}


@dataclass
class World:
    """A project folder written by :func:`write_world`, and what an edit benchmark needs from it."""

    root: Path
    size: Size
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    # An entity and a page that every size has, for the edit-to-preview benchmark.
    party_id = "party-0"
    explainer_src = "explainers/election-0.md"


FEATURES_OFF = "mkdocs-features-off.yml"
"""Beside ``mkdocs.yml`` in every world: the same site without social cards, chart embeds or downloads."""


def write_world(
    root: Path, size: Size, seed: int = SEED, systems: Systems | None = None, languages: tuple[str, ...] = ("en",)
) -> World:
    """Write a whole project for ``size`` into ``root`` (which must not exist); ``systems`` adds tiers and areas;
    in ``languages`` (one by default, whatever the example site publishes in: the figures stay comparable).

    Its ``mkdocs.yml`` is the repository's, unchanged but for the languages: what a user runs (cards, embeds
    and downloads on). :data:`FEATURES_OFF` beside it turns the three off, for the figure kept from before
    they existed.
    """
    root.mkdir(parents=True)
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^      languages: .*$", f"      languages: [{', '.join(languages)}]", config, count=1, flags=re.M)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    sharing = "      sharing: {cards: false, embeds: false, downloads: false}\n"
    off = config.replace("  - elections:\n", "  - elections:\n" + sharing, 1)
    assert off != config, "the repository's mkdocs.yml no longer has an `- elections:` entry"
    (root / FEATURES_OFF).write_text(off, encoding="utf-8")
    (root / "overrides").mkdir()  # the theme's custom_dir must exist
    generator = Generator(size.entities, seed, stories=size.stories, body_share=size.body_share, systems=systems)
    counts = generator.write(root / "data")
    write_docs(root / "docs", generator)
    return World(root, size, counts)


def write_docs(docs: Path, generator: Generator) -> None:
    """A few hand-written pages: home, an explainer (front matter, ``[[id]]`` links, an embed), a guide."""
    rng = random.Random(generator.rng.random())  # its own stream: data files stay the same without docs
    pages = {
        "index.md": "---\ntitle: Home\n---\n\n# Election explainers\n\n"
        "Elections, explained and cross-linked. Start with [[country-0]] and its latest vote, [[election-0]].\n\n"
        "![[election-0#seats]]\n\n[Read the explainer](explainers/election-0.md)\n",
        "explainers/index.md": "# Explainers\n\n- [The election, explained](election-0.md)\n",
        "explainers/election-0.md": explainer(rng, generator),
        "guide/index.md": "# Guide for editors\n\nEdit `data/` and `docs/`, then preview with `make serve`.\n",
    }
    for relative, text in pages.items():
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def explainer(rng: random.Random, generator: Generator) -> str:
    about = ["election-0", "country-0", "party-0", "party-1", "person-0"]
    paragraphs = []
    for n in range(12):
        links = rng.sample(about, 2)
        words = [generator.word(2).lower() for _ in range(60)]
        words.insert(5, f"[[{links[0]}]]")
        words.insert(30, f"[[{links[1]}|{generator.word(2).lower()}]]")
        heading = f"## {generator.word()} {generator.word(2).lower()}\n\n" if n % 3 == 0 else ""
        paragraphs.append(heading + " ".join(words).capitalize() + ".")
    front = f"---\nabout: [{', '.join(about)}]\ndate: 2021-01-12\nsummary: What was at stake and who won.\n---\n\n"
    return front + "# The election, explained\n\n![[election-0]]\n\n" + "\n\n".join(paragraphs) + "\n"


def write_plain_project(world: World, dest: Path) -> Path:
    """``explainers materialize`` the world into ``dest/docs`` with a ``mkdocs.yml`` for plain MkDocs.

    The config is the world's with the ``elections`` plugin taken out and what the plugin
    adds put in by hand: its stylesheet and script, and the same navigation (the docs/
    folders as MkDocs lays them out, then the hub pages; entity pages stay out of it).
    """
    dest.mkdir(parents=True)
    subprocess.run(
        [str(Path(sys.executable).parent / "explainers"), "materialize", "--out", str(dest / "docs")],
        cwd=world.root,
        check=True,
        capture_output=True,
        text=True,
    )
    (dest / "overrides").mkdir()
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(plain_config(world), sort_keys=False), encoding="utf-8")
    return dest


def plain_config(world: World) -> dict[str, Any]:
    config = yaml.safe_load(world.config.read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config.get("plugins", []) if not (isinstance(p, dict) and "elections" in p)]
    config["extra_css"] = [*config.get("extra_css", []), STYLESHEET]
    config["extra_javascript"] = [*config.get("extra_javascript", []), SCRIPT]
    hand_written = sorted(
        (p.relative_to(world.docs).as_posix() for p in world.docs.rglob("*.md")),
        key=lambda src: (PurePosixPath(src).parts[:-1], PurePosixPath(src).stem != "index", src),
    )
    config["nav"] = [*nest_paths(hand_written), *({title: src} for src, (_, title, _) in HUBS.items())]
    # Entity pages are built but listed nowhere in the nav, as the plugin's NOT_IN_NAV files are.
    config["not_in_nav"] = "\n".join(f"/{src.split('/')[0]}/" for src in HUBS) + "\n"
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic world (a whole project) of a named size.")
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("dest", type=Path, help="a new folder")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--systems", action="store_true", help="two tiers, 30 districts and 15 regions per election")
    parser.add_argument("--no-areas", action="store_true", help="with --systems: the tiers' national sets only")
    args = parser.parse_args(argv)
    systems = Systems(areas=not args.no_areas, seed=args.seed) if args.systems else None
    world = write_world(args.dest, SIZES[args.size], args.seed, systems)
    print(f"{args.dest}: " + ", ".join(f"{n:,} {part}" for part, n in world.counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
