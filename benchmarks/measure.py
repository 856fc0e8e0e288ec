"""Run one command in a child process and measure it: wall time and that child's own peak memory.

``resource.getrusage(RUSAGE_CHILDREN)`` is the maximum over every child waited for so
far, so it cannot tell two runs apart; ``os.wait4`` returns the usage of one child.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system: less swayed than wall time by other work on the machine
    peak_mib: float  # the child's maximum resident set size
    returncode: int
    log: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run(command: list[str], cwd: Path, timeout: float) -> Run:
    """Run ``command``; kill it after ``timeout`` seconds (returncode is then negative)."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT)
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        output.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, cpu, usage.ru_maxrss / 1024, process.returncode, output.read())


def load_average() -> float:
    """The 1-minute load average: other work on this machine skews every time measured."""
    return os.getloadavg()[0]
