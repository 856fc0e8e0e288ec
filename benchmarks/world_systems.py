"""Electoral systems for the synthetic world (``world.py --systems``): regions, two tiers, districts.

Every election gets a list tier and a district tier of ``districts`` seats;
with ``areas``, also its constituencies, each district's own count (three
candidates, one elected) and the list vote in each of the country's
``regions``. Area figures come from a generator of their own, so a world
without areas is the same world, draw for draw, minus the areas.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Systems:
    districts: int = 30
    regions: int = 15
    areas: bool = True
    seed: int = 2021
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed + 1)

    def regions_yaml(self) -> str:
        columns = 5
        return "regions:\n" + "".join(
            f"  - {{id: region-{i}, name: Region {i}, kind: region, tile: [{i // columns}, {i % columns}]}}\n"
            for i in range(self.regions)
        )

    def district_winners(self, rng: random.Random, parties: list[str]) -> list[str]:
        """Who wins each district (from the world's own generator: the same with or without areas)."""
        return [rng.choice(parties[:3]) for _ in range(self.districts)]

    def header_yaml(self, list_seats: int) -> str:
        text = (
            f"tiers:\n  - {{id: list, name: Party lists, seats: {list_seats}, threshold: 5}}\n"
            f"  - {{id: districts, name: Single-member districts, seats: {self.districts}}}\n"
        )
        if self.areas:
            text += "constituencies:\n" + "".join(
                f"  - {{id: district-{i}, name: District {i}, region: region-{i % self.regions}}}\n"
                for i in range(self.districts)
            )
        return text

    def result_sets_yaml(self, winners: list[str], parties: list[str], people: list[str], cast: int) -> str:
        counts = {party: winners.count(party) for party in dict.fromkeys(winners)}
        rows = "".join(f"      - {{party: {party}, seats: {seats}}}\n" for party, seats in counts.items())
        text = f"  - kind: official\n    tier: districts\n    rows:\n{rows}"
        if not self.areas:
            return text
        rng = self.rng
        for i, winner in enumerate(winners):
            others = rng.sample([p for p in parties if p != winner], 2)
            candidates = rng.sample(people, 3)
            shares = sorted((rng.uniform(10, 60) for _ in range(3)), reverse=True)
            total = sum(shares)
            votes = cast // (self.districts * 2)
            text += f"  - kind: official\n    tier: districts\n    area: district-{i}\n    rows:\n"
            for j, (person, party) in enumerate(zip(candidates, [winner, *others], strict=True)):
                share = round(100 * shares[j] / total, 2)
                elected = ", elected: true" if j == 0 else ""
                text += (
                    f"      - {{person: {person}, party: {party}, votes: {int(votes * share / 100)},"
                    f" percent: {share}{elected}}}\n"
                )
        for i in range(self.regions):
            weights = [rng.random() for _ in parties]
            total = sum(weights) / 0.97
            rows = "".join(
                f"      - {{party: {party}, percent: {round(100 * w / total, 2)}}}\n"
                for party, w in zip(parties, weights, strict=True)
            )
            turnout = round(rng.uniform(35, 80), 2)
            text += (
                f"  - kind: official\n    tier: list\n    area: region-{i}\n    turnout: {turnout}\n    rows:\n{rows}"
            )
        return text
