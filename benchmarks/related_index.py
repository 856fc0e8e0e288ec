"""Build the related-stories index and every story's related list; print the times.

The work must grow linearly with the number of stories (2x stories ≈ 2x time)
and stay under 3 s at 100,000 stories.  The index makes every list on the first
request, so "index s" is the build alone and the lists are in the total.  CPU
time is printed too: on a machine shared with other work it is the steadier
figure to compare.

    .venv/bin/python benchmarks/related_index.py [--counts 50000 100000]
"""

from __future__ import annotations

import argparse
import random
import time

from election_explainers.core.data.dates import PartialDate
from election_explainers.core.index.related import Entry, RelatedIndex, RelatedSettings

KINDS = {"country": 20, "election": 600, "party": 500, "person": 3000}


def make_entries(count: int, seed: int = 1) -> list[Entry[str]]:
    rng = random.Random(seed)
    entries = []
    for i in range(count):
        keys = {("country", f"c{rng.randrange(KINDS['country'])}")}
        if rng.random() < 0.6:
            keys.add(("election", f"e{rng.randrange(KINDS['election'])}"))
        keys |= {("party", f"p{rng.randrange(KINDS['party'])}") for _ in range(rng.randint(0, 3))}
        keys |= {("person", f"h{rng.randrange(KINDS['person'])}") for _ in range(rng.randint(0, 3))}
        keys |= {("tag", f"t{rng.randrange(60)}") for _ in range(rng.randint(1, 3))}
        date = PartialDate(2010 + rng.randrange(16), rng.randint(1, 12), rng.randint(1, 28))
        entries.append(Entry(f"s{i}", f"s{i}", date, frozenset(keys)))
    return entries


def measure(count: int) -> tuple[float, float, float]:
    """Wall seconds for the index, wall and CPU seconds for the index and every list."""
    entries = make_entries(count)
    start, start_cpu = time.perf_counter(), time.process_time()
    index = RelatedIndex(entries, RelatedSettings())
    built = time.perf_counter()
    for entry in entries:
        index.related(entry.key)
    done, done_cpu = time.perf_counter(), time.process_time()
    return built - start, done - start, done_cpu - start_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    args = parser.parse_args()
    previous = None
    print(
        f"{'stories':>9} {'index s':>8} {'index+all lists s':>18} {'CPU s':>6} {'per 1k stories ms':>18} {'vs previous':>11}"
    )
    for count in args.counts:
        index_time, total, cpu = measure(count)
        ratio = f"{total / previous[1] * previous[0] / count:.2f}x/x" if previous else "-"
        per_1k = total / count * 1000 * 1000
        print(f"{count:>9,} {index_time:>8.2f} {total:>18.2f} {cpu:>6.2f} {per_1k:>18.1f} {ratio:>11}")
        previous = (count, total)
    print("target: under 3 s at 100,000 stories, linear growth (about 1.00x/x: time ratio over size ratio)")


if __name__ == "__main__":
    main()
