"""Edit-to-preview latency under ``mkdocs serve``: save a file, wait until the served page shows it.

``make serve`` runs ``mkdocs serve --dirty``; this starts the same command (and, for
comparison, without ``--dirty``) on a copy of a world, on 127.0.0.1 only, waits for
the first build, then edits one party's YAML (a new ``name:``) and one docs page (a
new sentence) in turn and polls the page's URL every 20 ms until the change is
there. The server's own log lines, time-stamped as they arrive, split each wait
into noticing the change, rebuilding, and the rest.
"""

from __future__ import annotations

import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from measure import ENV
from world import World

POLL_SECONDS = 0.02


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float) -> tuple[int, str]:
    """Status and body; 0 when the server does not answer (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=max(timeout, 0.1)) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""


class Server:
    """``mkdocs serve`` in a child process; its output lines kept with the time each arrived."""

    def __init__(self, project: Path, dirty: bool) -> None:
        self.port = free_port()
        self.root = f"http://127.0.0.1:{self.port}/"
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        if dirty:
            command.insert(4, "--dirty")
        self.process = subprocess.Popen(
            command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[tuple[float, str]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def count(self, text: str) -> int:
        return sum(1 for _, line in self.lines if text in line)

    def after(self, text: str, since: float) -> float | None:
        """When the first line containing ``text`` arrived after ``since``."""
        return next((at for at, line in list(self.lines) if at >= since and text in line), None)

    def wait_until(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.perf_counter() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited ({self.process.returncode}) while {what}:\n{self.tail()}")
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{what}: not done after {timeout:.0f} s:\n{self.tail()}")
            time.sleep(POLL_SECONDS)

    def wait_for_page(self, path: str, text: str, timeout: float) -> float:
        """Poll ``path`` until its body contains ``text``; return when it did."""
        deadline = time.perf_counter() + timeout
        while True:
            # A request made during a rebuild waits for it to finish (MkDocs' LiveReloadServer).
            status, body = fetch(self.root + path, deadline - time.perf_counter())
            if status == 200 and text in body:
                return time.perf_counter()
            if self.process.poll() is not None or time.perf_counter() > deadline:
                raise TimeoutError(f"{path} never showed {text!r} within {timeout:.0f} s:\n{self.tail()}")
            time.sleep(POLL_SECONDS)

    def tail(self) -> str:
        return "\n".join(line for _, line in self.lines[-30:])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        self.reader.join(timeout=5)


@dataclass
class Edit:
    kind: str  # "yaml" or "docs"
    seconds: float  # saved → the served page shows the change
    noticed: float | None  # saved → "Detected file changes"
    rebuild: float | None  # "Building documentation..." → "Reloading browsers"


@dataclass
class Latency:
    dirty: bool
    startup: float  # the first build, until the home page answers
    edits: list[Edit] = field(default_factory=list)

    def median(self, kind: str, attribute: str = "seconds") -> float | None:
        values = [getattr(e, attribute) for e in self.edits if e.kind == kind and getattr(e, attribute) is not None]
        return statistics.median(values) if values else None

    def count(self, kind: str) -> int:
        return sum(1 for e in self.edits if e.kind == kind)


def edit_yaml(world: World, tag: str) -> tuple[str, str]:
    """Give the party a new name; return (URL path, text to wait for)."""
    path = world.data / "parties" / f"{world.party_id}.yaml"
    text = path.read_text(encoding="utf-8")
    new_name = f"Preview {tag} Party"
    path.write_text(re.sub(r"^name: .*$", f"name: {new_name}", text, count=1, flags=re.MULTILINE), "utf-8")
    return f"parties/{world.party_id}/", new_name


def edit_docs(world: World, tag: str) -> tuple[str, str]:
    """Append a sentence to the explainer; return (URL path, text to wait for)."""
    path = world.docs / world.explainer_src
    sentence = f"Preview sentence {tag}."
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n{sentence}\n")
    return world.explainer_src.removesuffix(".md") + "/", sentence


EDITS = {"yaml": edit_yaml, "docs": edit_docs}


def measure_latency(world: World, workdir: Path, *, dirty: bool, reps: int, budget: float, timeout: float) -> Latency:
    """Serve a copy of ``world`` and time up to ``reps`` edits of each kind.

    Repeats stop early once ``budget`` seconds have gone by (each kind is measured at
    least once): at today's speed one rebuild of S takes most of a minute.
    """
    project = workdir / f"serve-{'dirty' if dirty else 'clean'}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(world.root, project, ignore=shutil.ignore_patterns("site"))
    copy = World(project, world.size)
    start = time.perf_counter()
    server = Server(project, dirty)
    try:
        server.wait_until(lambda: server.count("Serving on") > 0, timeout, "waiting for the first build")
        server.wait_until(lambda: fetch(server.root, 5)[0] == 200, 30, "waiting for the home page")
        latency = Latency(dirty, time.perf_counter() - start)
        began = time.perf_counter()
        for rep in range(reps):
            if rep > 0 and time.perf_counter() - began > budget:
                break
            for kind, edit in EDITS.items():
                latency.edits.append(one_edit(server, copy, kind, edit, f"{kind}{rep}x{time.time_ns()}", timeout))
        return latency
    finally:
        server.stop()
        shutil.rmtree(project, ignore_errors=True)


def one_edit(
    server: Server, world: World, kind: str, edit: Callable[[World, str], tuple[str, str]], tag: str, timeout: float
) -> Edit:
    builds = server.count("Reloading browsers")
    path, wanted = edit(world, tag)
    saved = time.perf_counter()
    seen = server.wait_for_page(path, wanted, timeout)
    # Let the rebuild finish and settle, so the next edit starts from an idle server.
    server.wait_until(lambda: server.count("Reloading browsers") > builds, timeout, "waiting for the rebuild to end")
    time.sleep(0.5)
    noticed = server.after("Detected file changes", saved)
    building = server.after("Building documentation", saved)
    reloaded = server.after("Reloading browsers", saved)
    return Edit(
        kind,
        seen - saved,
        noticed - saved if noticed is not None else None,
        reloaded - building if reloaded is not None and building is not None else None,
    )
