"""Under serve, full garbage collections wait until a rebuild is over (see serve_collector), and the work
left until after the reload stops when the next rebuild begins (serve_later)."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from election_explainers.serve_collector import QuietCollector
from election_explainers.serve_later import AfterReload


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of each collection that ran while the test did."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    enabled = gc.isenabled()
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        if enabled:
            gc.enable()


def test_the_first_build_keeps_the_collector_and_rebuilds_run_without_it(collections: list[int]) -> None:
    collector = QuietCollector(delay=0.05)
    collector.build_started()
    assert gc.isenabled()  # the first build: the whole site, nobody waiting on one edit
    collector.build_ended()
    collector.build_started()
    assert not gc.isenabled()
    collector.build_ended()
    assert not gc.isenabled()  # until the pass: on at once, the rebuild's garbage would be collected now
    deadline = time.monotonic() + 5
    while 2 not in collections and time.monotonic() < deadline:
        time.sleep(0.01)
    assert 2 in collections  # the full pass, a moment after the rebuild
    assert gc.isenabled()
    collector.stop()


def test_a_rebuild_that_starts_before_the_pass_cancels_it(collections: list[int]) -> None:
    collector = QuietCollector(delay=0.3)
    collector.build_started()
    collector.build_ended()
    collector.build_started()
    collector.build_ended()  # a pass is due in 0.3 s ...
    collector.build_started()  # ... but the next edit's rebuild begins first
    time.sleep(0.5)
    assert 2 not in collections
    assert not gc.isenabled()
    collector.build_ended()
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()


def test_stopping_leaves_the_collector_on_and_no_timer_behind() -> None:
    collector = QuietCollector(delay=60)
    collector.build_started()
    collector.build_ended()
    collector.build_started()
    collector.build_ended()  # a pass is due in a minute
    collector.stop()  # serve stopped: the pass is called off
    timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
    for timer in timers:
        timer.join(timeout=2)  # a cancelled timer ends at once; a pending one would wait its minute
    assert not [t for t in timers if t.is_alive()]

    collector = QuietCollector(delay=60)
    for _ in range(2):
        collector.build_started()
    collector.stop()  # serve stopped in the middle of a rebuild
    assert gc.isenabled()


def test_work_after_the_reload_stops_between_files_when_the_next_build_begins() -> None:
    written: list[int] = []
    started = threading.Event()

    def write_files(stopping: Callable[[], bool]) -> None:
        for number in range(1000):  # a large site's downloads, a file at a time
            if stopping():
                return
            started.set()
            time.sleep(0.01)
            written.append(number)

    later = AfterReload()
    later.start(write_files)
    assert started.wait(10)
    later.stop()  # the next build begins: it returns once the file being written is done
    done = len(written)
    assert 0 < done < 1000
    time.sleep(0.05)
    assert len(written) == done  # nothing more after stop()
    later.start(lambda stopping: written.append(-1))
    later.stop()
    assert written[-1] == -1  # a new start runs again
