"""Every speed figure of the site generator, in one command; see benchmarks/README.md.

    .venv/bin/python benchmarks/run.py            # S, M, L and preview latency (today: over an hour, L most of it)
    .venv/bin/python benchmarks/run.py --skip-l   # the same without L (today: about 20 minutes)
    .venv/bin/python benchmarks/run.py --quick    # S only, one pair, no L, no serve (today: 3.5 minutes)
    .venv/bin/python benchmarks/run.py --sizes S --pairs 3 --skip-serve --skip-l --json out.json

Worlds are generated fresh under --workdir (deterministic: the same files every run),
built by our plugin and by plain MkDocs on the materialized pages, interleaved in
pairs; then one instrumented build by phase, the L world, the core figures and the
time from saving a file to the served page showing it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from core import run_core
from measure import Run, load_average, run
from phases import run_phases
from serve import Latency, measure_latency
from world import FEATURES_OFF, SIZES, World, write_plain_project, write_world

GIB = 1024.0  # MiB
BUILD_TIMEOUT = {"XS": 600, "S": 900, "M": 1800, "L": 3600}  # seconds of wall time; L: --l-timeout


@dataclass
class Figure:
    name: str
    value: str
    target: str = ""
    ok: bool | None = None  # None: no target, or not measured

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def add(self, name: str, value: str, target: str = "", ok: bool | None = None, *, echo: bool = True) -> None:
        self.figures.append(Figure(name, value, target, ok))
        if echo:
            print(f"  {name}: {value}" + (f"  (target {target}: {'PASS' if ok else 'MISS'})" if ok is not None else ""))


# ------------------------------------------------------------------------------------------------ builds


def mkdocs_build(project: Path, site: Path, timeout: float, config: str = "mkdocs.yml") -> Run:
    """One ``mkdocs build`` in a fresh interpreter, from an empty site folder."""
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / config), "-d", str(site)]
    result = run(command, project, timeout)
    if not result.ok:
        raise RuntimeError(f"mkdocs build failed in {project} ({result.returncode}):\n{result.log[-3000:]}")
    return result


def median(runs: list[Run], attribute: str = "seconds") -> float:
    return statistics.median(getattr(r, attribute) for r in runs)


COLD, WARM, OFF, PLAIN = "cold", "warm", "features off", "plain"
TARGETS = {COLD: 0.9, WARM: 0.6, OFF: 0.8}  # ours / plain MkDocs; features off: the target before sharing


def fresh_copy(world: World, dest: Path) -> Path:
    """The world as a fresh clone has it: its files, no site folder, no caches (``.cache/``)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(world.root, dest, ignore=shutil.ignore_patterns("site", "site-*", ".cache"))
    return dest


def paired_builds(world: World, plain: Path, pairs: int, report: Report) -> dict[str, list[Run]]:
    """Each round: ours cold (a fresh copy), ours warm (that copy again, its caches kept), plain
    MkDocs, ours with cards, embeds and downloads off. Interleaved, so a slow spell of the machine
    hits them alike; the ratios are of medians."""
    name, timeout = world.size.name, BUILD_TIMEOUT.get(world.size.name, 1800)
    runs: dict[str, list[Run]] = {COLD: [], WARM: [], PLAIN: [], OFF: []}
    project = world.root.parent / f"{world.root.name}-copy"
    for i in range(pairs):
        fresh_copy(world, project)
        runs[COLD].append(mkdocs_build(project, project / "site", timeout))
        runs[WARM].append(mkdocs_build(project, project / "site", timeout))
        runs[PLAIN].append(mkdocs_build(plain, plain / "site", timeout))
        runs[OFF].append(mkdocs_build(project, project / "site", timeout, FEATURES_OFF))
        print(f"  round {i + 1}/{pairs}: " + ", ".join(f"{k} {v[-1].seconds:.1f} s" for k, v in runs.items()))
    mkdocs_build(project, project / "site", timeout)  # the default site, to count its pages and cards
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    cards = sum(1 for _ in (project / "site" / "cards").rglob("*.png"))
    card_bytes = sum(p.stat().st_size for p in (project / "site" / "cards").rglob("*.png"))
    shutil.rmtree(project, ignore_errors=True)
    n = f"median of {pairs}"
    labels = {
        COLD: "ours, default config, cold (fresh copy, empty caches)",
        WARM: "ours, default config, warm (caches kept)",
        PLAIN: "plain MkDocs, same pages",
        OFF: "ours, features off (no cards, embeds, downloads)",
    }
    report.add(
        f"{name}: pages, social cards",
        f"{pages:,} pages, {cards:,} cards ({card_bytes / cards / 1024:.1f} KiB each)"
        if cards
        else f"{pages:,} pages, no cards",
    )
    for kind, label in labels.items():
        report.add(
            f"{name}: build, {label}",
            f"{median(runs[kind]):.1f} s ({n}; CPU {median(runs[kind], 'cpu_seconds'):.1f} s)",
        )
    for kind in (WARM, COLD, OFF):
        wall = median(runs[kind]) / median(runs[PLAIN])
        cpu = median(runs[kind], "cpu_seconds") / median(runs[PLAIN], "cpu_seconds")
        target = TARGETS[kind]
        label = f"{name}: ours / plain MkDocs, {kind}" + (
            " (the earlier target)" if kind == OFF else ", default config"
        )
        report.add(label, f"{wall:.2f} (CPU {cpu:.2f})", f"≤ {target}", wall <= target)
    report.add(
        f"{name}: peak memory, ours cold / warm / plain",
        " / ".join(f"{max(r.peak_mib for r in runs[k]):.0f}" for k in (COLD, WARM, PLAIN)) + " MiB",
    )
    report.raw[f"builds-{name}"] = {kind: [asdict(r) | {"log": ""} for r in v] for kind, v in runs.items()}
    return runs


GROWTH_TARGET = 2.05


def growth(by_size: dict[str, dict[str, list[Run]]], report: Report) -> None:
    if "S" in by_size and "M" in by_size:
        for kind in (WARM, COLD, PLAIN, OFF):
            s, m = by_size["S"][kind], by_size["M"][kind]
            ratio, cpu = median(m) / median(s), median(m, "cpu_seconds") / median(s, "cpu_seconds")
            ours = kind in (WARM, COLD)
            report.add(
                f"growth S→M, {kind}" + (", default config" if ours else ""),
                f"{ratio:.2f}× (CPU {cpu:.2f}×)",
                f"≤ {GROWTH_TARGET}×" if ours else "",
                ratio <= GROWTH_TARGET if ours else None,
            )


def phase_table(world: World, report: Report) -> None:
    result = run_phases(world.config, world.root / "site-phases", BUILD_TIMEOUT.get(world.size.name, 1800))
    shutil.rmtree(world.root / "site-phases", ignore_errors=True)
    total, total_cpu = result["total"], result["total_cpu"]
    print(
        f"\n  {world.size.name}: one instrumented build, {result['pages']:,} pages, {total:.1f} s (CPU {total_cpu:.1f} s)"
    )
    for phase, seconds in result["phases"].items():
        cpu = result["phases_cpu"][phase]
        share = f"{100 * cpu / total_cpu:.0f}% of CPU"
        print(f"    {phase:<46} {seconds:7.1f} s  CPU {cpu:7.1f} s  {share:>11}")
        report.add(f"{world.size.name} phase: {phase}", f"{seconds:.1f} s (CPU {cpu:.1f} s, {share})", echo=False)
    report.raw[f"phases-{world.size.name}"] = result


def large(world: World, report: Report, timeout: float) -> float | None:
    """Build L once: does it build, in how long, in how much memory."""
    try:
        result = mkdocs_build(world.root, world.root / "site", timeout)
    except RuntimeError as error:
        if "(-9)" in str(error):  # killed by our timeout
            report.add("L: builds", f"did not finish within {timeout:.0f} s", "builds", False)
        else:
            report.add("L: builds", f"no: {str(error).splitlines()[0]}", "builds", False)
        return None
    pages = sum(1 for _ in (world.root / "site").rglob("*.html"))
    report.add(
        "L: builds", f"yes, {pages:,} pages in {result.seconds:.0f} s (CPU {result.cpu_seconds:.0f} s)", "builds", True
    )
    report.add(
        "L: build time", f"{result.seconds:.0f} s (CPU {result.cpu_seconds:.0f} s)", "< 300 s", result.seconds < 300
    )
    report.add("L: peak memory", f"{result.peak_mib:.0f} MiB", "< 1 GiB", result.peak_mib < GIB)
    shutil.rmtree(world.root / "site", ignore_errors=True)
    return result.seconds


# ------------------------------------------------------------------------------------------------ core


def core_figures(workdir: Path, report: Report) -> None:
    result = run_core(workdir)
    load, related = result["load"], result["related"]
    report.add(
        "load + validate 10,000 files",
        f"{load['seconds']:.2f} s (best of 3; CPU {load['cpu_per_run']:.2f} s a run)",
        "< 2 s",
        load["seconds"] < 2,
    )
    report.add(
        "related lists for 100,000 stories",
        f"{related['seconds']:.2f} s (index + every list; CPU {related['cpu']:.2f} s)",
        "< 3 s",
        related["seconds"] < 3,
    )
    report.raw["core"] = result


# ------------------------------------------------------------------------------------------------ preview


def preview(world: World, workdir: Path, args: argparse.Namespace, report: Report) -> None:
    name = world.size.name
    for dirty in (True, False):
        mode = "serve --dirty" if dirty else "serve (no --dirty)"
        reps = args.serve_reps if dirty else 1  # the comparison needs one look, not three
        try:
            latency = measure_latency(world, workdir, dirty=dirty, reps=reps, budget=args.serve_budget, timeout=900)
        except (RuntimeError, TimeoutError) as error:
            report.add(f"{name}: {mode}", f"failed: {str(error).splitlines()[0]}", "", False)
            continue
        report.raw[f"serve-{name}-{'dirty' if dirty else 'clean'}"] = asdict(latency)
        print(f"  {mode}: first build {latency.startup:.1f} s")
        for kind, what in (("yaml", "one party YAML edit"), ("docs", "one docs page edit")):
            report.add(
                f"{name}: {what} → page ({mode})",
                describe(latency, kind),
                "≤ 1.5 s" if dirty else "",
                (latency.median(kind) or 1e9) <= 1.5 if dirty else None,
            )


def describe(latency: Latency, kind: str) -> str:
    seconds, noticed, rebuild = (latency.median(kind, a) for a in ("seconds", "noticed", "rebuild"))
    parts = [f"{seconds:.1f} s (median of {latency.count(kind)}"]
    if noticed is not None and rebuild is not None:
        parts.append(f"change seen after {noticed:.2f} s, rebuild {rebuild:.1f} s")
    return "; ".join(parts) + ")"


def rebuild_figures(world: World, workdir: Path, report: Report, full_build: float | None, timeout: float) -> None:
    """Edit → rebuilt site inside one interpreter (rebuild.py): no watcher, no browser; CPU time too."""
    name = world.size.name
    project = workdir / f"rebuild-{name}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(world.root, project, ignore=shutil.ignore_patterns("site"))
    command = [sys.executable, str(Path(__file__).resolve().parent / "rebuild.py"), str(project)]
    try:
        result = run(command, project, timeout)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    if not result.ok:
        report.add(f"{name}: edit → rebuilt (in-process)", f"failed ({result.returncode})", "", False)
        return
    figures = json.loads(result.log.strip().splitlines()[-1])
    report.raw[f"rebuild-{name}"] = figures
    first = full_build or figures["first_build"]["seconds"]
    for kind, what in (("yaml", "one party YAML edit"), ("docs", "one docs page edit")):
        seconds, cpu = figures[kind]["seconds"], figures[kind]["cpu"]
        value = f"{seconds:.2f} s (CPU {cpu:.2f} s; {seconds / first:.1%} of a full build)"
        if name == "L":
            report.add(f"L: {what} → rebuilt (in-process)", value, "≤ 5% of a full build", seconds <= 0.05 * first)
        else:
            report.add(f"{name}: {what} → rebuilt (in-process)", value, "≤ 2 s (CPU)", cpu <= 2)


# ------------------------------------------------------------------------------------------------ output


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "date": date.today().isoformat(),
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "ram": f"{memory_kib / 1024 / 1024:.0f} GiB",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "commit": git_commit(),
    }


def git_commit() -> str:
    try:
        here = Path(__file__).resolve().parent
        out = subprocess.run(["git", "-C", str(here), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        return out.stdout.strip() or "?"
    except OSError:
        return "?"


def print_table(report: Report) -> None:
    rows = [("figure", "value", "target", "")] + [(f.name, f.value, f.target, f.verdict) for f in report.figures]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    print()
    for i, row in enumerate(rows):
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, [*widths, 4], strict=True)).rstrip())
        if i == 0:
            print("-+-".join("-" * width for width in [*widths, 4]))


# ------------------------------------------------------------------------------------------------ main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="S,M", help="worlds to build paired with plain MkDocs (default: S,M)")
    parser.add_argument(
        "--pairs",
        type=int,
        default=2,
        help="rounds per size, each ours cold, ours warm, plain MkDocs, ours features off (default: 2)",
    )
    parser.add_argument("--skip-l", action="store_true", help="do not build the L world")
    parser.add_argument("--l-timeout", type=float, default=BUILD_TIMEOUT["L"], help="give up on L after (s)")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure edit-to-preview latency")
    parser.add_argument("--skip-phases", action="store_true", help="no instrumented build by phase")
    parser.add_argument("--skip-core", action="store_true", help="no load+validate and related-lists figures")
    parser.add_argument("--serve-size", default="S", help="the world served (default: S)")
    parser.add_argument("--serve-reps", type=int, default=3, help="edits of each kind under --dirty (default: 3)")
    parser.add_argument(
        "--serve-budget", type=float, default=240, help="stop repeating edits after this many seconds (default: 240)"
    )
    parser.add_argument("--quick", action="store_true", help="S only, one pair, no L, no serve")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="where worlds go (default: a new folder under ~/.cache, removed after)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated worlds")
    parser.add_argument("--json", type=Path, help="also write every figure and raw measurement here")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.pairs, args.skip_l, args.skip_serve = "S", 1, True, True
    args.sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for name in [*args.sizes, args.serve_size]:
        if name not in SIZES:
            parser.error(f"unknown size {name!r}; known: {', '.join(SIZES)}")
    return args


def make_world(workdir: Path, name: str) -> World:
    root = workdir / f"world-{name}"
    shutil.rmtree(root, ignore_errors=True)
    start = time.perf_counter()
    world = write_world(root, SIZES[name])
    counts = ", ".join(f"{n:,} {part}" for part, n in world.counts.items())
    print(f"\n{name}: generated {counts} in {time.perf_counter() - start:.0f} s")
    return world


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    # A folder of its own by default: two runs sharing one would delete each other's worlds.
    cache = Path.home() / ".cache" / "election-explainers-bench"
    cache.mkdir(parents=True, exist_ok=True)
    workdir: Path = args.workdir or Path(tempfile.mkdtemp(prefix="run-", dir=cache))
    workdir.mkdir(parents=True, exist_ok=True)
    report = Report()
    report.raw["machine"] = info = machine()
    report.raw["load_average_start"] = load_average()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()) + f"; load average {load_average():.2f}")
    started = time.perf_counter()
    worlds: dict[str, World] = {}
    by_size: dict[str, dict[str, list[Run]]] = {}
    try:
        for name in args.sizes:
            worlds[name] = world = make_world(workdir, name)
            plain = write_plain_project(world, workdir / f"plain-{name}")
            by_size[name] = paired_builds(world, plain, args.pairs, report)
            if not args.keep:
                shutil.rmtree(plain, ignore_errors=True)
        growth(by_size, report)
        if not args.skip_phases:
            phase_world = worlds.get("S") or (worlds.get(args.sizes[0]) if args.sizes else None)
            if phase_world is not None:
                phase_table(phase_world, report)
        if not args.skip_core:
            core_figures(workdir, report)
        if not args.skip_serve:
            if args.serve_size not in worlds:
                worlds[args.serve_size] = make_world(workdir, args.serve_size)
            world = worlds[args.serve_size]
            preview(world, workdir, args, report)
            rebuild_figures(world, workdir, report, None, timeout=900)
        if not args.skip_l:
            l_world = make_world(workdir, "L")
            l_build = large(l_world, report, args.l_timeout)
            if not args.skip_serve and l_build is not None:
                rebuild_figures(l_world, workdir, report, l_build, timeout=2 * args.l_timeout)
    finally:
        if not args.keep:
            for world in worlds.values():
                shutil.rmtree(world.root, ignore_errors=True)
            shutil.rmtree(workdir / "world-L", ignore_errors=True)
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept: {workdir}")
    report.raw["load_average_end"] = load_average()
    print_table(report)
    print(
        f"\n{info['date']}, commit {info['commit']}: {time.perf_counter() - started:.0f} s in all; load average "
        f"{report.raw['load_average_start']:.2f} at the start, {load_average():.2f} at the end (above ~0.5, other "
        "work on the machine is slowing these times)"
    )
    if args.json:
        report.raw["figures"] = [asdict(f) for f in report.figures]
        args.json.write_text(json.dumps(report.raw, indent=2), encoding="utf-8")
    return 0  # targets are for reading, not a gate: a MISS is in the table


if __name__ == "__main__":
    sys.exit(main())
