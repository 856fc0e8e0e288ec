"""Build time and memory of a world whose every election has 2 tiers, 30 districts and 15 regions,
against the same world without areas (the tiers' national sets only); see benchmarks/README.md.

    .venv/bin/python benchmarks/systems.py            # L: two builds of several minutes each
    .venv/bin/python benchmarks/systems.py --size S --pairs 3

The two worlds are written with the same seed (world.py --systems, with and without
--no-areas): the same entities and national figures, so the difference is the areas'
own counts, the constituencies and the regions. Builds alternate, so a busy machine
slows both alike; the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from measure import load_average
from run import median, mkdocs_build
from world import SEED, SIZES, write_world
from world_systems import Systems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="L")
    parser.add_argument("--pairs", type=int, default=1, help="builds of each world, alternating")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--workdir", type=Path, default=None, help="where to write the worlds [a temporary folder]")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="explainers-systems-"))
    size = SIZES[args.size]
    worlds = {
        "with areas": write_world(workdir / "areas", size, SEED, Systems(areas=True, seed=SEED)),
        "without areas": write_world(workdir / "tiers", size, SEED, Systems(areas=False, seed=SEED)),
    }
    runs: dict[str, list] = {name: [] for name in worlds}
    try:
        for _ in range(args.pairs):
            for name, world in worlds.items():
                runs[name].append(mkdocs_build(world.root, world.root / "site", args.timeout))
        print(f"size {size.name}: {worlds['with areas'].counts['elections']:,} elections; load {load_average():.1f}")
        print(f"{'world':<15} {'data MiB':>9} {'build s':>8} {'cpu s':>7} {'peak MiB':>9}")
        for name, world in worlds.items():
            data = sum(p.stat().st_size for p in world.data.rglob("*.yaml")) / 2**20
            built = runs[name]
            print(
                f"{name:<15} {data:>9.1f} {median(built):>8.1f} {median(built, 'cpu_seconds'):>7.1f}"
                f" {max(r.peak_mib for r in built):>9.0f}"
            )
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
