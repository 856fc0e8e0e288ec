"""What one edit costs under ``mkdocs serve --dirty``, measured inside one interpreter.

    .venv/bin/python benchmarks/rebuild.py PROJECT [--reps 3]   # prints one JSON object

It does what ``mkdocs serve --dirty`` does between two saves, without the file
watcher and the HTTP round trip: load the configuration again (plugins keep their
state, as under ``serve``), build with ``dirty=True``.  First one full build, then
``--reps`` edits of each kind, each followed by a rebuild, timed in wall and CPU
time: a party's ``name:`` changed, and a sentence appended to a docs page.  CPU
time barely moves when other work shares the machine, so runs taken under
different load compare; ``serve.py`` measures the whole way from save to browser.

The project's files are edited in place: give it a copy.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

PAUSE = 3.0  # seconds between a rebuild and the next edit, as between an editor's saves


def edit_party(project: Path, rep: int) -> None:
    party = sorted((project / "data" / "parties").glob("*.yaml"))[3]
    text = party.read_text(encoding="utf-8")
    party.write_text(re.sub(r"^name: .*$", f"name: Edited Party {rep}", text, count=1, flags=re.M), encoding="utf-8")


def edit_docs_page(project: Path, rep: int) -> None:
    page = sorted((project / "docs").rglob("*.md"))[1]
    page.write_text(page.read_text(encoding="utf-8") + f"\n\nAnother sentence, number {rep}.\n", encoding="utf-8")


EDITS: dict[str, Callable[[Path, int], None]] = {"yaml": edit_party, "docs": edit_docs_page}


def timed(action: Callable[[], None]) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return {"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


def measure(project: Path, reps: int) -> dict[str, object]:
    site = tempfile.mkdtemp(prefix="rebuild-site-")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    def config() -> MkDocsConfig:
        # A new configuration each build, as `mkdocs serve` loads it; MkDocs keeps the plugin objects.
        loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
        loaded.site_url = "http://127.0.0.1:8000/"
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    figures: dict[str, object] = {"first_build": timed(lambda: build(first, dirty=True))}
    for kind, edit in EDITS.items():
        runs = []
        for rep in range(reps):
            time.sleep(PAUSE)  # the editor reads the page before the next save
            edit(project, rep)
            current = config()
            runs.append(timed(lambda current=current: build(current, dirty=True)))
        figures[kind] = {
            "runs": runs,
            "seconds": statistics.median(r["seconds"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs),
        }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a copy of a world (edited in place)")
    parser.add_argument("--reps", type=int, default=3, help="edits of each kind (default: 3)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.project.resolve(), args.reps)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
