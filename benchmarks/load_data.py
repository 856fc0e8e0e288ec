"""How fast ``load()`` reads a large ``data/``: generate N realistic entity files, then time loading them.

    .venv/bin/python benchmarks/load_data.py                 # 10,000 files
    .venv/bin/python benchmarks/load_data.py --count 2000 --keep
    .venv/bin/python benchmarks/load_data.py --profile       # cProfile of one load, top functions

The mix is roughly what a newsroom's archive looks like: 1% countries (two
chambers each), 25% parties (other names, leaders, events), 38% people (roles),
12% elections (2-3 result sets of 8 rows) and 24% stories (``about`` lists and
Markdown bodies with ``[[id]]`` links). Every reference is valid and every
election adds up, so the whole set loads without a problem. The target is
under 3 seconds for 10,000 files.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from election_explainers.core import yamlfile
from election_explainers.core.loader import load, load_records

TARGET_SECONDS = 3.0
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
    def __init__(self, count: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = count
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
        counts = {part: max(1, int(self.count * share)) for part, share in SHARE.items()}
        counts["stories"] = self.count - sum(counts.values())
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
            + (f"predecessor: [{other}]\n" if self.rng.random() < 0.1 else "")
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
        # Largest remainder over the parties above 5%.
        quotas = [contested * p / sum(x for x in official if x >= 5) if p >= 5 else 0 for p in official]
        won = [int(q) for q in quotas]
        for i in sorted(range(8), key=lambda i: quotas[i] - won[i], reverse=True)[: contested - sum(won)]:
            won[i] += 1
        rows = "".join(
            f"      - party: {party}\n        votes: {int(cast * 0.97 * pct / 100)}\n"
            f"        percent: {pct}\n        seats: {won[i]}\n"
            for i, (party, pct) in enumerate(zip(parties, official, strict=True))
        )
        result_sets = [
            f"  - kind: official\n    source:\n      title: Final results\n      date: {date}\n    rows:\n{rows}"
        ]
        for kind in self.rng.sample(["preliminary", "exit_poll"], self.rng.randint(1, 2)):
            pollster = f"    pollster: {self.word()} Institute\n" if kind == "exit_poll" else ""
            guess = self.shares(8)
            rows = "".join(f"      - party: {p}\n        percent: {x}\n" for p, x in zip(parties, guess, strict=True))
            result_sets.append(f"  - kind: {kind}\n{pollster}    date: {date}\n    rows:\n{rows}")
        text = (
            self.header("election")
            + f"name: {date[:4]} {country.name} legislative election\ncountry: {country.id}\ndate: {date}\n"
            + f"type: legislative\nchamber: lower\nseats: {seats}\nseats_contested: {contested}\nthreshold: 5\n"
            + f"registered_voters: {registered}\nvotes_cast: {cast}\nturnout: {turnout}\nstatus: held\n"
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
                if self.rng.random() < 0.3
                else f"body: {self.markdown(about, 4, '  ')}\n"
            )
            + f"tags: [{', '.join(self.rng.sample(TAGS, 2))}]\n"
            + f"sources:\n{self.sources('  ', 1)}\n"
        )
        (data / "stories" / f"{story}.yaml").write_text(text, encoding="utf-8")


def best_of(runs: int, action: object) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="how many entity files (default: 10000)")
    parser.add_argument("--seed", type=int, default=2021, help="random seed, for the same files every run")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder and print where it is")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one load")
    args = parser.parse_args(argv)
    if args.count < 400:
        parser.error("--count must be at least 400 (each country needs eight parties)")

    folder = Path(tempfile.mkdtemp(prefix="explainers-bench-"))
    data = folder / "data"
    try:
        start = time.perf_counter()
        counts = Generator(args.count, args.seed).write(data)
        files = sorted(data.rglob("*.yaml"))
        size = sum(path.stat().st_size for path in files)
        print(f"generated   {len(files):,} files, {size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
        print("            " + ", ".join(f"{counts[part]:,} {part}" for part in PARTS))

        dataset = load(data)  # fails loudly if the generator made bad data; also warms the caches
        assert len(dataset.records) == len(files)

        seconds = best_of(3, lambda: load(data))
        records_seconds = best_of(1, lambda: load_records(data))
        gc.disable()  # diagnostic: how much of the time is the cyclic garbage collector
        try:
            no_gc_seconds = best_of(1, lambda: load(data))
        finally:
            gc.enable()

        tracemalloc.start()
        load(data)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        loader = yamlfile._Loader.__name__
        print(f"load()      {seconds:.2f} s best of 3 = {len(files) / seconds:,.0f} files/s")
        print(f"            load_records() alone (read, parse, validate each file): {records_seconds:.2f} s, one run")
        print(f"            load() with the garbage collector off: {no_gc_seconds:.2f} s, one run")
        print(f"peak memory {peak / 1e6:.0f} MB (tracemalloc, separate run)")
        print(f"libyaml     yaml.__with_libyaml__={yaml.__with_libyaml__}, composer in use: {loader}")
        print(f"python      {sys.version.split()[0]}, PyYAML {yaml.__version__}")
        target = TARGET_SECONDS * args.count / 10_000
        verdict = "OK" if seconds < target else "TOO SLOW"
        print(f"target      < {target:.2f} s for {args.count:,} files ({TARGET_SECONDS:.0f} s per 10,000): {verdict}")

        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(load, data)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
            stats.print_stats(25)
            print(out.getvalue())
        return 0 if seconds < target else 1
    finally:
        if args.keep:
            print(f"kept        {data}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
