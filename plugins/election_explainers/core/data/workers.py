"""How many processes independent work may use: parsing a large data folder, drawing cards."""

from __future__ import annotations

import logging
import os

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
