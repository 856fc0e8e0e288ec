"""``mkdocs serve`` hears a saved file from the operating system, not from a poll.

MkDocs watches with watchdog's polling observer: every half second it walks every
watched folder, Material's own theme among them (thousands of icon files), so a
save waited a quarter of a second on average, and up to half a second, before
the rebuild began: a third of what an edit may cost at S. The operating system's
file events (inotify, FSEvents, ReadDirectoryChangesW, as watchdog has them)
tell at once. Where they cannot be used (no native observer, or the system's
watch limit reached) MkDocs' polling stays as it was.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.elections")

# What saving, adding, deleting or renaming a file does. A native observer also tells of files
# opened and closed unwritten, and MkDocs rebuilds on any event: each build, reading every file,
# would set off the next.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
]


def watch_natively(server: Any) -> bool:
    """Move ``server``'s watches (MkDocs' ``LiveReloadServer``, before it serves) to a native observer.

    Uses what the server offers its plugins (``observer``, ``watch``, ``unwatch``) and its list of
    watched paths; returns whether the move was made.
    """
    watched: dict[str, int] | None = getattr(server, "_watched_paths", None)
    polling = getattr(server, "observer", None)
    if not watched or not isinstance(polling, PollingObserver) or polling.is_alive():
        return False  # a MkDocs that watches differently, or one already watching: leave it be
    paths = dict(watched)
    if not _native_events_work(list(paths)):
        return False
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    native = Observer()
    native.schedule = functools.partial(native.schedule, event_filter=CHANGES)  # type: ignore[method-assign]
    server.observer = native
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    return True


def _native_events_work(paths: list[str]) -> bool:
    """Whether a native observer can watch ``paths``: tried for real, since it sets its watches
    only when it starts (inside ``server.serve()``, where a failure would stop ``serve``)."""
    probe = Observer()
    if isinstance(probe, PollingObserver):
        return False  # watchdog has no native observer for this system
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)  # as MkDocs watches
        probe.start()
    except OSError as error:  # the inotify watch limit, a file system without events, ...
        log.info("Watching for changes by polling: the system's file events failed (%s)", error)
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True
