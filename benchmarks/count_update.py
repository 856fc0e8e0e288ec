"""Election night: from a count update to the published site, beside a full build.

    .venv/bin/python benchmarks/count_update.py S [--updates 3] [--check]   # prints one JSON object

Writes a synthetic world of the size (``world.py``), turns its newest election into one being
counted (``status: counting``, a first preliminary set), publishes it with ``explainers build``
(timed: the full build), then for each update appends a preliminary set to the election's file and
times ``explainers build --incremental`` from the file's change to the swapped-in site (the
command returns after the swap), counting the files the update rewrote (a file whose inode
changed, or new), kept and removed.  ``--check`` builds the last state again from clean and says
whether the two folders are byte-identical.  Targets: 5 s at S, 60 s at L.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from world import SIZES, write_world

EXPLAINERS = Path(sys.executable).parent / "explainers"
TARGETS = {"XS": 5.0, "S": 5.0, "M": 30.0, "L": 60.0}


def counting_election(data: Path) -> Path:
    """The world's newest election, made a counting one with its first update (its official set dropped)."""
    newest = max(
        (data / "elections").glob("*.yaml"), key=lambda p: re.search(r"^date: (.+)$", p.read_text(), re.M).group(1)
    )
    text = newest.read_text(encoding="utf-8")
    parties = re.findall(r"^      - party: (\S+)$", text.split("results:\n", 1)[1], re.M)[:8]
    head, _, rest = text.partition("results:\n")
    sources = rest[rest.index("sources:\n") :]
    head = head.replace("status: held\n", "status: counting\n")
    newest.write_text(head + "results:\n" + update(head, parties, 1) + sources, encoding="utf-8")
    return newest


def update(head: str, parties: list[str], number: int) -> str:
    """The ``number``-th preliminary set: more reported, shares moving a little."""
    day = re.search(r"^date: (\S+)$", head, re.M).group(1)  # type: ignore[union-attr]
    base = [30.0, 22.0, 15.0, 10.0, 8.0, 6.0, 5.0, 4.0][: len(parties)]
    shares = [round(b + (number % 3 - 1) * (0.2 if i % 2 else -0.2), 1) for i, b in enumerate(base)]
    rows = "".join(f"      - party: {p}\n        percent: {s}\n" for p, s in zip(parties, shares, strict=True))
    return (
        f"  - kind: preliminary\n    updated: {day}T{18 + number // 60:02d}:{number % 60:02d}:00Z\n"
        f"    reported: {min(99.0, 5.0 * number)}\n    basis: precincts\n    rows:\n{rows}"
    )


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def run(project: Path, *args: str) -> float:
    """Wall seconds of one command (the machine may be shared: see :func:`cpu`)."""
    started = time.perf_counter()
    done = subprocess.run([str(EXPLAINERS), *args], cwd=project, capture_output=True, text=True, env=os.environ)
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return time.perf_counter() - started


def cpu() -> float:
    """CPU seconds used so far by finished child processes: barely moves with other work on the machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--updates", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="compare the last state with a clean build")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="count-update-") as folder:
        project = Path(folder) / "world"
        write_world(project, SIZES[args.size])
        election = counting_election(project / "data")
        used = cpu()
        full = run(project, "build")
        full_cpu = cpu() - used
        site = project / "site"
        updates = []
        for number in range(2, args.updates + 2):
            before = inodes(site)
            text = election.read_text(encoding="utf-8")
            head, _, rest = text.partition("results:\n")
            sets, sources = rest[: rest.index("sources:\n")], rest[rest.index("sources:\n") :]
            parties = re.findall(r"^      - party: (\S+)$", sets, re.M)[:8]
            election.write_text(head + "results:\n" + sets + update(head, parties, number) + sources, "utf-8")
            used = cpu()
            seconds = run(project, "build", "--incremental")  # from the file's change to the swapped-in site
            used = cpu() - used
            after = inodes(site)
            updates.append(
                {
                    "seconds": round(seconds, 2),
                    "cpu_seconds": round(used, 2),
                    "rewritten": sum(1 for p, i in after.items() if before.get(p) != i),
                    "kept": sum(1 for p, i in after.items() if before.get(p) == i),
                    "removed": len(before.keys() - after.keys()),
                }
            )
        result: dict[str, object] = {
            "size": args.size,
            "files": len(inodes(site)),
            "full_build_seconds": round(full, 2),
            "full_build_cpu_seconds": round(full_cpu, 2),
            "updates": updates,
            "target_seconds": TARGETS[args.size],
            "verdict": "PASS" if max(u["seconds"] for u in updates) <= TARGETS[args.size] else "MISS",  # type: ignore[operator]
        }
        if args.check:
            run(project, "build", "-d", "clean")
            result["equals_clean_build"] = tree(site) == tree(project / "clean")
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
