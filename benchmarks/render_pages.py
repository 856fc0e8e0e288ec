"""How fast the core renders every generated page and timeline file, at two sizes.

Uses the same generated data as ``load_data.py`` (``world.Generator``). Rendering must grow linearly
with the data: the per-page time at the larger size should match the smaller.

    .venv/bin/python benchmarks/render_pages.py [--counts 2000 10000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from election_explainers.core.data.loader import load
from election_explainers.core.publish.publish import timeline_files
from election_explainers.core.render.render import Renderer
from world import Generator


def measure(count: int) -> tuple[int, float, float, float]:
    folder = Path(tempfile.mkdtemp(prefix="explainers-render-"))
    try:
        Generator(count, 2021).write(folder / "data")
        dataset = load(folder / "data")
        start = time.perf_counter()
        renderer = Renderer(dataset)
        built = time.perf_counter()
        pages = sum(1 for source in renderer.sources() if renderer.render(source))
        rendered = time.perf_counter()
        sum(1 for data_file in timeline_files(renderer) if data_file.make())
        return pages, built - start, rendered - built, time.perf_counter() - rendered
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[2_000, 10_000])
    args = parser.parse_args()
    print(f"{'files':>7} {'pages':>7} {'index s':>8} {'pages s':>8} {'ms/page':>8} {'timelines s':>12}")
    for count in args.counts:
        pages, index, rendering, timelines = measure(count)
        print(
            f"{count:>7,} {pages:>7,} {index:>8.2f} {rendering:>8.2f} {rendering / pages * 1000:>8.2f} {timelines:>12.2f}"
        )


if __name__ == "__main__":
    main()
