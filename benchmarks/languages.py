"""What more languages cost: one world built in one language and in three (en, ru, kk).

    .venv/bin/python benchmarks/languages.py [--size L] [--workdir DIR]   # prints one JSON object

The data is loaded, checked and indexed once whatever the number of languages; each
language then renders its own pages, so three languages should cost well under three
times one. Each build runs ``mkdocs build`` in a subprocess; its wall time and peak
memory (the child's maximum resident set, from ``getrusage``) are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from world import SIZES, write_world

LANGUAGES = {"1 language": ("en",), "3 languages": ("en", "ru", "kk")}


def build(project: Path) -> dict[str, float]:
    """One ``mkdocs build`` of ``project``: seconds and peak memory (MB) of that build alone."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", _CHILD, str(project)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed for {project}:\n{result.stderr[-3000:]}")
    return {"seconds": round(seconds, 1), "peak_mb": round(float(result.stdout.strip().splitlines()[-1]), 1)}


# The build in a child of its own, which prints its own peak memory (ru_maxrss is in KiB on Linux).
_CHILD = """
import resource, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1] + "/mkdocs.yml", site_dir=sys.argv[1] + "/site")
build(config)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="L", choices=sorted(SIZES))
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="languages-bench-"))
    figures: dict[str, object] = {"size": args.size}
    for label, languages in LANGUAGES.items():
        world = write_world(workdir / label.replace(" ", "-"), SIZES[args.size], languages=languages)
        figures[label] = build(world.root)
    one, three = figures["1 language"], figures["3 languages"]
    assert isinstance(one, dict) and isinstance(three, dict)
    figures["time ratio (target well under 3)"] = round(three["seconds"] / one["seconds"], 2)
    figures["memory ratio"] = round(three["peak_mb"] / one["peak_mb"], 2)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
