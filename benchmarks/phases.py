"""Where one ``mkdocs build`` spends its time, by phase; prints one JSON object.

    .venv/bin/python benchmarks/phases.py path/to/mkdocs.yml [--site-dir DIR]

It builds in this process with timers wrapped around MkDocs' stages and around
each plugin's event handlers. Each timer counts its own time only (time spent in
a timer nested inside it counts for the inner one), so the phases add up to the
whole build. :func:`run_phases` runs this in a child process, so that the
monkeypatching never leaks into the caller.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from measure import ENV
from measure import run as run_child

# Phase names, in the order they are printed.
LOAD = "load + validate (ours)"
INDEX = "index: renderer set-up (ours)"
RENDER = "page rendering (ours: on_files, page events)"
MARKDOWN = "MkDocs Markdown (page.render)"
THEME = "theme templates (Material)"
SEARCH = "search plugin"
WRITE = "writing files, copying assets"
OTHER = "other (config, files, nav, links)"
PHASES = (LOAD, INDEX, RENDER, MARKDOWN, THEME, SEARCH, WRITE, OTHER)


class Timers:
    """Exclusive time per phase: a nested timer's time is taken out of its parent's.

    Wall time and this process's CPU time both: on a busy machine the CPU time of a
    phase is the steadier figure.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.stack: list[list[Any]] = []  # [start wall, start CPU, wall in nested timers, CPU in nested timers]

    def wrap(self, phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            frame = [time.perf_counter(), time.process_time(), 0.0, 0.0]
            self.stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                wall, cpu = time.perf_counter() - frame[0], time.process_time() - frame[1]
                self.stack.pop()
                self.seconds[phase] += wall - frame[2]
                self.cpu[phase] += cpu - frame[3]
                if self.stack:
                    self.stack[-1][2] += wall
                    self.stack[-1][3] += cpu

        return timed


def plugin_phase(method: Callable[..., Any], event: str) -> str:
    module = type(getattr(method, "__self__", None)).__module__
    if module.startswith("election_explainers"):
        return INDEX if event == "pre_build" else RENDER
    return SEARCH if "search" in module else OTHER


def instrument(config: Any, timers: Timers) -> None:
    """Wrap every plugin event handler of ``config`` and MkDocs' build stages."""
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.structure.files import Files

    for event, methods in config.plugins.events.items():
        methods[:] = [timers.wrap(plugin_phase(method, event), method) for method in methods]
    build._populate_page = timers.wrap(MARKDOWN, build._populate_page)  # minus on_page_markdown/content
    build._build_page = timers.wrap(THEME, build._build_page)  # minus page events and writing
    utils.write_file = timers.wrap(WRITE, utils.write_file)
    utils.clean_directory = timers.wrap(WRITE, utils.clean_directory)
    Files.copy_static_files = timers.wrap(WRITE, Files.copy_static_files)
    try:
        from election_explainers import plugin
    except ImportError:  # plain MkDocs: no plugin of ours
        return
    plugin.load = timers.wrap(LOAD, plugin.load)  # inside on_pre_build: the rest of it is the index


def measure(config_file: Path, site_dir: Path) -> dict[str, Any]:
    from mkdocs.commands import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING)
    timers = Timers()
    start, cpu_start = time.perf_counter(), time.process_time()
    config = load_config(str(config_file), site_dir=str(site_dir))
    instrument(config, timers)
    timers.wrap(OTHER, build.build)(config)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    timers.seconds[OTHER] += total - sum(timers.seconds.values())  # load_config and instrumenting
    timers.cpu[OTHER] += cpu - sum(timers.cpu.values())
    return {
        "total": total,
        "total_cpu": cpu,
        "pages": sum(1 for _ in site_dir.rglob("*.html")),
        "phases": {phase: timers.seconds.get(phase, 0.0) for phase in PHASES},
        "phases_cpu": {phase: timers.cpu.get(phase, 0.0) for phase in PHASES},
    }


def run_phases(config_file: Path, site_dir: Path, timeout: float) -> dict[str, Any]:
    """:func:`measure` in a child process (fresh interpreter, no monkeypatching here)."""
    here = Path(__file__).resolve().parent
    command = [sys.executable, str(here / "phases.py"), str(config_file), "--site-dir", str(site_dir)]
    result = run_child(command, config_file.parent, timeout)
    if not result.ok:
        raise RuntimeError(f"phase build failed ({result.returncode}):\n{result.log[-3000:]}")
    return json.loads(result.log.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("--site-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    os.environ.update(ENV)
    config = args.config.resolve()
    print(json.dumps(measure(config, (args.site_dir or config.parent / "site").resolve())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
