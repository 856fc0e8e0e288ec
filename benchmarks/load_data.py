"""How fast ``load()`` reads a large ``data/``: generate N realistic entity files, then time loading them.

    .venv/bin/python benchmarks/load_data.py                 # 10,000 files
    .venv/bin/python benchmarks/load_data.py --count 2000 --keep
    .venv/bin/python benchmarks/load_data.py --profile       # cProfile of one load, top functions

The files come from :class:`world.Generator`. The mix is roughly what a newsroom's archive looks like: 1% countries (two
chambers each), 25% parties (other names, leaders, events), 38% people (roles),
12% elections (2-3 result sets of 8 rows) and 24% stories (``about`` lists and
Markdown bodies with ``[[id]]`` links). Every reference is valid and every
election adds up, so the whole set loads without a problem. The target is
under 2 seconds for 10,000 files (issue 8).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml
from election_explainers.core.data import yamlfile
from election_explainers.core.data.loader import load, load_records
from world import PARTS, Generator

TARGET_SECONDS = 2.0


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
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
        print(f"target      < {target:.2f} s for {args.count:,} files: {verdict}")

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
