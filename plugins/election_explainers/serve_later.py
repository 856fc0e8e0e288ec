"""Under ``mkdocs serve``, the work no page shows is done just after the browser reloads.

After an edit the editor waits for the page they look at.  The downloads
(``dataset.json``, the CSV files, the feeds, the timeline files) and the social
cards that the edit changed are not on that page, and at S making them is a
sixth of a rebuild.  So a rebuild under ``serve`` makes them on a background
thread once the build has finished, while MkDocs tells the browser to reload;
they are in the site a moment later.  The next rebuild stops that work before it
starts (between one file and the next), so two builds never share the plugin's
state, and an editor saving again soon on a large site does not wait for files
the new build makes again anyway.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("mkdocs.plugins.elections")


class AfterReload:
    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self, work: Callable[[Callable[[], bool]], None]) -> None:
        """Run ``work`` on a background thread (after stopping any still running); it is given a
        function that says whether to stop, which it asks between one file and the next."""
        self.stop()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(work, self._stop.is_set), name="elections-after-reload", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Ask the work started last to stop, and return once it has.  What it did not write, the
        next build makes again: it was never kept as made."""
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None

    @staticmethod
    def _run(work: Callable[[Callable[[], bool]], None], stopping: Callable[[], bool]) -> None:
        try:
            work(stopping)
        except Exception:  # the server keeps running; the next edit makes the files again
            log.exception("Could not write the site's downloads and cards after the rebuild")
