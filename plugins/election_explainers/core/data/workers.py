"""Worker processes for independent work (parsing a large data folder, drawing cards): how many, and how started."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.elections")

WORKERS_VARIABLE = "ELECTIONS_WORKERS"


def worker_count() -> int:
    """``ELECTIONS_WORKERS`` when it is a whole number of at least 1, else the cores this process may use."""
    value = os.environ.get(WORKERS_VARIABLE, "").strip()
    if value.isdigit() and int(value) >= 1:
        return int(value)
    if value:
        log.warning("%s=%r is not a whole number of at least 1; using every core", WORKERS_VARIABLE, value)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def module_command(module: str) -> tuple[list[str], dict[str, str]]:
    """The command and environment of ``python -m module`` in a fresh interpreter that finds this package."""
    package_root = str(Path(__file__).resolve().parents[3])  # the folder holding election_explainers/
    path = os.pathsep.join(x for x in (package_root, os.environ.get("PYTHONPATH", "")) if x)
    return [sys.executable, "-m", module], {**os.environ, "PYTHONPATH": path}
