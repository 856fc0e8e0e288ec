"""Social cards drawn by worker processes: each picture streams back as it is drawn, and a worker
that stops half-way costs the build only the cards it did not send."""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys

import pytest
from election_explainers.core.data.workers import module_command
from election_explainers.core.publish.card_cache import IN_PROCESS_BELOW, Drawing, _collect
from election_explainers.core.publish.card_draw import Box, Dots, Line, Shape, draw_png


def cards(count: int) -> list[tuple[Shape, ...]]:
    return [
        (
            Box(0, 0, 20, 630, f"#{n * 40 % 256:02x}3366"),
            Line(60, 120, f"Card number {n}", 48, "#111827", bold=True),
            Dots(8, tuple((700 + 20 * k, 300 - n, "#b91c1c") for k in range(n % 12 + 1))),
        )
        for n in range(count)
    ]


def worker_that_stops_after(sent: int) -> subprocess.Popen[bytes]:
    """A real process speaking the card worker's protocol, which sends ``sent`` cards and fails."""
    script = (
        "import pickle, sys\n"
        "from election_explainers.core.publish.card_draw import draw_png\n"
        "from election_explainers.core.publish.card_worker import PNG_HEADER\n"
        "cards = pickle.load(sys.stdin.buffer)\n"
        f"for shapes in cards[:{sent}]:\n"
        "    data = draw_png(shapes)\n"
        "    sys.stdout.buffer.write(PNG_HEADER.pack(len(data)) + data)\n"
        "sys.stdout.buffer.write(PNG_HEADER.pack(10**6) + b'half a picture')\n"
        "sys.stdout.buffer.flush()\n"
        "sys.exit(3)\n"
    )
    _, env = module_command("election_explainers.core.publish.card_worker")
    return subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)


def test_a_worker_streams_each_card_and_the_order_is_the_cards_order() -> None:
    given = cards(IN_PROCESS_BELOW + 3)  # enough that workers draw them
    drawing = Drawing(given, workers=3, background=True)  # two workers beside this process
    assert sum(process is not None for process in drawing.processes) == 2
    assert drawing.result() == [draw_png(shapes) for shapes in given]


def test_a_worker_that_stops_half_way_leaves_only_the_rest_to_this_process(caplog: pytest.LogCaptureFixture) -> None:
    given = cards(5)
    share = pickle.dumps(given, protocol=pickle.HIGHEST_PROTOCOL)
    process = worker_that_stops_after(2)
    assert process.stdin is not None
    process.stdin.write(share)
    process.stdin.close()
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.elections"):
        drawn = list(_collect(share, len(given), process))
    assert drawn == [draw_png(shapes) for shapes in given]
    assert process.returncode == 3
    assert "social card worker failed (exit code 3)" in caplog.text


def test_a_worker_draws_every_card_while_the_build_goes_on() -> None:
    """The pictures are taken as they come: a worker never waits, pipe full, for the build to ask."""
    given = cards(IN_PROCESS_BELOW + 16)  # far more than a pipe holds (each PNG is a few kilobytes)
    kept: dict[int, bytes] = {}
    drawing = Drawing(given, workers=2, background=True, sink=kept.__setitem__)
    (process,) = drawing.processes
    assert process is not None
    assert process.wait(timeout=120) == 0  # done, though finish() was not called yet
    drawing.finish()
    assert [kept[n] for n in range(len(given))] == [draw_png(shapes) for shapes in given]
