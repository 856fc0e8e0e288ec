"""Under ``mkdocs serve``, Python's cyclic garbage collector runs while the editor reads, not while they wait.

A served site keeps every page, fragment and record of the last build in memory, so
each full collection walks hundreds of thousands of objects: a third of a second,
during every other rebuild at S, which is a quarter of what an edit may cost. A
rebuild after an edit therefore runs with the collector off (what it makes either
lives on in the caches or is freed by reference counting), and once it is done a
full collection runs a moment later on a background thread, unless the next
rebuild has begun; the collector stays off until then. The first build, the whole
site, keeps the collector on: its garbage may be large, and nobody is waiting on
one edit.
"""

from __future__ import annotations

import gc
import threading

# Long enough that the browser has its reload before the collector takes the interpreter.
COLLECT_AFTER_SECONDS = 1.0


class QuietCollector:
    def __init__(self, delay: float = COLLECT_AFTER_SECONDS) -> None:
        self.delay = delay
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._paused = False
        self._builds = 0

    def build_started(self) -> None:
        """A build begins: no collection until it ends (from the second build on)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._builds += 1
            if self._builds > 1 and gc.isenabled():
                gc.disable()
                self._paused = True

    def build_ended(self) -> None:
        """The build is over (done or failed): a full pass comes shortly, and the collector is back on then.

        Not at once: turned on now, the next allocation would set off a collection of everything the
        rebuild made (a young generation of the whole rebuild: most of a second at L), before the
        browser has its reload."""
        with self._lock:
            if not self._paused:
                return
            self._timer = threading.Timer(self.delay, self._collect)
            self._timer.daemon = True  # never keeps `serve` from stopping
            self._timer.start()

    def _collect(self) -> None:
        with self._lock:
            if self._timer is None:
                return  # a rebuild began in the meantime; it will schedule its own
            self._timer = None
            gc.enable()
            self._paused = False
        gc.collect()

    def stop(self) -> None:
        """Serving ends: cancel a pending pass and leave the collector on."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._paused:
                gc.enable()
                self._paused = False
