"""What an incremental publish costs besides building: staging the live site, the build state, the swap.

``python benchmarks/stage_swap.py [FILES] [--rewrite N]`` writes a site of FILES files (default
60,000, about the count of an L site) in a temporary folder, then times, best of 3:
staging it by hard links, rewriting N files in the staged copy (unlink, write), reading and
writing a build state with an entry per file, and the atomic swap with the removal of the old
folder (which happens after the swap: readers see the new site before it ends).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from election_explainers.core.publish.buildstate import BuildState, Entry, Output
from election_explainers.core.publish.staging import detach, stage
from election_explainers.core.publish.swap import _exchange


def write_site(root: Path, files: int) -> None:
    for number in range(files):
        page = root / f"section-{number % 100}" / f"page-{number}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<html><body>page {number}</body></html>\n" * 40, encoding="utf-8")


def best(runs: int, step: Callable[[], None], before: Callable[[], None] = lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="?", type=int, default=60_000)
    parser.add_argument("--rewrite", type=int, default=200, help="files an update rewrites")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stage-swap-") as folder:
        live, staged = Path(folder) / "site", Path(folder) / "staged"
        write_site(live, args.files)

        def fresh() -> None:
            shutil.rmtree(staged, ignore_errors=True)
            staged.mkdir()

        staging = best(3, lambda: stage(live, staged), fresh)
        rewritten = [p for p in sorted(staged.rglob("index.html"))[: args.rewrite]]

        def rewrite() -> None:
            for path in rewritten:
                detach(path)
                path.write_text("<html>new</html>\n", encoding="utf-8")

        writing = best(1, rewrite)
        state = BuildState(
            "c" * 64,
            "2024-03",
            (),
            {f"id-{n}": Entry("f" * 64, "c" * 64, (f"rec:id-{n}", "kind:party")) for n in range(args.files // 6)},
            {
                p.relative_to(staged).as_posix(): Output(("*", "rec:x"), "d" * 64)
                for p in staged.rglob("*")
                if p.is_file()
            },
        )
        state_write = best(3, lambda: state.write(staged))
        state_read = best(3, lambda: BuildState.read(staged))
        started = time.perf_counter()
        exchanged = _exchange(staged, live)
        swap = time.perf_counter() - started
        started = time.perf_counter()
        shutil.rmtree(staged)
        cleanup = time.perf_counter() - started
    print(f"{args.files:,} files; rewrite {args.rewrite}")
    print(f"stage by hard links   {staging:7.2f} s")
    print(f"rewrite (unlink+write){writing:7.2f} s")
    print(f"state write / read    {state_write:7.2f} s / {state_read:.2f} s")
    print(f"swap ({'exchange' if exchanged else 'renames'})       {swap:7.4f} s")
    print(f"remove the old site   {cleanup:7.2f} s (after the swap)")


if __name__ == "__main__":
    main()
