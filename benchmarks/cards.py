"""What one social card costs, and whether the workers draw the same bytes.

Lays out every card of a generated world (``world.Generator``), then draws them all in one
process and in ``--workers`` processes (``card_cache.draw_all``): time per card, bytes per
card, and whether the two sets of PNGs are byte-identical. ``--profile`` prints where a
card's time goes (cProfile over the first 100 cards: text, seats, palette, PNG encoding).

    .venv/bin/python benchmarks/cards.py [--entities 800] [--workers 2] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from election_explainers.core.data.loader import load
from election_explainers.core.publish import card_cache, card_draw, cards
from election_explainers.core.render.render import Renderer
from world import Generator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=800, help="files of entities generated (S: 800)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="explainers-cards-"))
    try:
        Generator(args.entities, 2021).write(folder / "data")
        renderer = Renderer(load(folder / "data"))
    finally:
        shutil.rmtree(folder)
    start = time.perf_counter()
    laid_out: list[tuple[str, tuple[card_draw.Shape, ...]]] = []
    for record in renderer.dataset.records.values():
        if record.kind in cards.SHARED_KINDS:
            card, _ = cards.card_of(renderer, record, "Election explainers")
            if card is not None:
                laid_out.append((record.kind, cards.card_shapes(card)))
    layout = time.perf_counter() - start
    kinds = ", ".join(f"{n} {kind}" for kind, n in Counter(kind for kind, _ in laid_out).items())
    print(f"{len(laid_out)} cards ({kinds}); layout {layout * 1000 / len(laid_out):.2f} ms a card")
    shapes = [s for _, s in laid_out]
    drawn = {}
    for workers in (1, args.workers):
        start = time.perf_counter()
        drawn[workers] = card_cache.draw_all(shapes, workers)
        seconds = time.perf_counter() - start
        size = sum(map(len, drawn[workers])) / len(shapes) / 1024
        print(
            f"{workers} process(es): {seconds:.2f} s, {seconds * 1000 / len(shapes):.1f} ms a card, {size:.1f} KiB a card"
        )
    print("byte-identical:", drawn[1] == drawn[args.workers])
    for kind in dict.fromkeys(kind for kind, _ in laid_out):
        sample = next(s for k, s in laid_out if k == kind)
        start = time.perf_counter()
        for _ in range(10):
            png = card_draw.draw_png(sample)
        print(f"  one {kind} card: {(time.perf_counter() - start) * 100:.1f} ms, {len(png) / 1024:.1f} KiB")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(lambda: [card_draw.draw_png(s) for s in shapes[:100]])
        pstats.Stats(profile).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
