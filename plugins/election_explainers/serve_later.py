"""Under ``mkdocs serve``, the work no page shows is done just after the browser reloads.

After an edit the editor waits for the page they look at.  The downloads
(``dataset.json``, the CSV files, the feeds, the timeline files) and the social
cards that the edit changed are not on that page, and at S making them is a
sixth of a rebuild.  So a rebuild under ``serve`` makes them on a background
thread once the build has finished, while MkDocs tells the browser to reload;
they are in the site a moment later.  The next rebuild waits for that work
before it starts, so two builds never share the plugin's state.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("mkdocs.plugins.elections")


class AfterReload:
    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self, work: Callable[[], None]) -> None:
        """Run ``work`` on a background thread (after any still running)."""
        self.wait()
        self._thread = threading.Thread(target=self._run, args=(work,), name="elections-after-reload", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Return once the work started last is done."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    @staticmethod
    def _run(work: Callable[[], None]) -> None:
        try:
            work()
        except Exception:  # the server keeps running; the next edit makes the files again
            log.exception("Could not write the site's downloads and cards after the rebuild")
