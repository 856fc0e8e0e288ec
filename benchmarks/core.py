"""The data core's two speed figures, in a fresh interpreter; prints one JSON object.

    .venv/bin/python benchmarks/core.py WORKDIR

- load + validate the 10,000 files of ``load_data.py`` (best of 3);
- the related index and every story's related list for ``related_index.py``'s 100,000 stories.

:func:`run_core` runs this in a child process, so that what the caller holds in
memory (and its garbage collector's work) does not slow the figures down.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import related_index
from election_explainers.core.data.loader import load
from election_explainers.core.index.related import RelatedIndex, RelatedSettings
from load_data import best_of
from measure import run as run_child
from world import Generator


def load_figure(workdir: Path) -> dict[str, float]:
    data = workdir / "core-10000" / "data"
    shutil.rmtree(data.parent, ignore_errors=True)
    try:
        Generator(10_000, 2021).write(data)  # the mix of load_data.py
        load(data)  # warm the caches, and fail loudly on bad data
        cpu = time.process_time()
        seconds = best_of(3, lambda: load(data))
        return {"seconds": seconds, "cpu_per_run": (time.process_time() - cpu) / 3}
    finally:
        shutil.rmtree(data.parent, ignore_errors=True)


def related_figure() -> dict[str, float]:
    entries = related_index.make_entries(100_000)
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    index = RelatedIndex(entries, RelatedSettings())
    for entry in entries:
        index.related(entry.key)
    return {"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


def run_core(workdir: Path, timeout: float = 600) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve().parent / "core.py"), str(workdir)]
    result = run_child(command, workdir, timeout)
    if not result.ok:
        raise RuntimeError(f"core figures failed ({result.returncode}):\n{result.log[-3000:]}")
    return json.loads(result.log.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workdir", type=Path)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(json.dumps({"load": load_figure(args.workdir), "related": related_figure()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
