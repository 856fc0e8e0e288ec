"""Cards drawn once: kept in a folder by a hash of what they show, the missing ones drawn over every core.

A card is a pure function of its shapes (``card_draw.py``), so it is kept under a hash of
them and of the drawing code's version, and drawing cards is independent work: a build
that needs many shares them out between its own process and a worker process per other
core (in the background, beside a build, one worker fewer than the cores). Each card is
drawn by the same code from the same shapes wherever it is drawn, so the bytes do not
depend on how many processes there are. ``ELECTIONS_WORKERS=1`` draws them all in the
build's own process; a handful of cards always are (a worker takes about 0.2 s to start).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import PIL

from ..data.workers import module_command, worker_count
from .card_draw import Shape, draw_png
from .card_worker import PNG_HEADER

log = logging.getLogger("mkdocs.plugins.elections")

IN_PROCESS_BELOW = 24
"""Fewer cards to draw than this are drawn in the build's process: a worker takes ~0.2 s to start."""

# Bump when the drawing changes in a way the shapes do not show; Pillow's version is in the key too.
RENDER_VERSION = "2"


def draw_all(cards: Sequence[tuple[Shape, ...]], workers: int | None = None) -> list[bytes]:
    """Every card's PNG, in order: shared out between this process and ``workers - 1`` others."""
    return Drawing(cards, workers).result()


class Drawing:
    """Cards being drawn, each n-th one by one of n processes, each picture handed to ``sink`` with
    its place in ``cards`` as it is drawn; :meth:`result` has them all, in order.

    By default this process draws a share itself when :meth:`finish` is called. In the
    ``background``, every share goes to a worker as soon as the drawing starts, so this
    process is free to do other work until it needs the pictures; a thread takes each
    worker's pictures as they come (a full pipe would stop the worker until then).
    """

    def __init__(
        self,
        cards: Sequence[tuple[Shape, ...]],
        workers: int | None = None,
        *,
        background: bool = False,
        sink: Callable[[int, bytes], None] | None = None,
    ):
        workers = worker_count() if workers is None else workers
        if background:
            workers -= 1  # beside this process, which goes on with the build: it keeps a core
        self.count = len(cards)
        if len(cards) < IN_PROCESS_BELOW or workers < 1 or (workers == 1 and not background):
            workers = 1
            background = False  # one process, this one: drawn when the result is asked for
        beside = " beside the build" if background else ""
        log.info("Drawing %d social cards in %d process%s%s", len(cards), workers, "es" if workers > 1 else "", beside)
        self._result: list[bytes] = [b""] * self.count
        self.sink = sink or self._result.__setitem__
        # Every n-th card to each, so each gets as many elections (the dearest cards) as the others.
        # A worker's share is kept pickled (in case it fails), a fifth of its size as objects.
        self.shares = [
            list(cards[i::workers]) if i == 0 and not background else _pickled(cards[i::workers])
            for i in range(workers)
        ]
        self.sizes = [len(cards[i::workers]) for i in range(workers)]
        self.processes = [_start(s) if isinstance(s, bytes) else None for s in self.shares]
        self.readers = [
            threading.Thread(target=self._take, args=(i,), name="card-worker-reader", daemon=True)
            if process is not None
            else None
            for i, process in enumerate(self.processes)
        ]
        for reader in self.readers:
            if reader is not None:
                reader.start()
        self._finished = False

    def _take(self, i: int) -> None:
        """Share ``i``'s pictures into the sink: from its worker, or drawn here."""
        try:
            for number, data in enumerate(_collect(self.shares[i], self.sizes[i], self.processes[i])):
                self.sink(i + number * len(self.shares), data)
        except Exception:  # a card missing here is drawn when it is asked for (CardCache.png)
            log.exception("Could not keep the social cards of worker %d", i)

    def finish(self) -> None:
        """Return once every picture is in the sink (this process drawing its own share now)."""
        if self._finished:
            return
        for i, reader in enumerate(self.readers):
            if reader is None:
                self._take(i)
            else:
                reader.join()
        self._finished = True
        self.shares = []

    def result(self) -> list[bytes]:
        self.finish()
        return self._result


def _pickled(share: Sequence[tuple[Shape, ...]]) -> bytes:
    return pickle.dumps(list(share), protocol=pickle.HIGHEST_PROTOCOL)


def _start(share: bytes) -> subprocess.Popen[bytes] | None:
    """A worker drawing the pickled ``share``: a fresh interpreter, never a fork of the build (see card_worker.py)."""
    command, env = module_command("election_explainers.core.publish.card_worker")
    try:
        # The share goes in through a file, not a pipe: this process never waits for the worker to start.
        with tempfile.TemporaryFile() as given:
            given.write(share)
            given.seek(0)
            process = subprocess.Popen(command, stdin=given, stdout=subprocess.PIPE, env=env)
    except OSError as error:  # no process to be had: this one draws the share instead
        log.warning("Drawing social cards in one process: could not start a worker (%s)", error)
        return None
    return process


def _collect(
    share: list[tuple[Shape, ...]] | bytes, size: int, process: subprocess.Popen[bytes] | None
) -> Iterator[bytes]:
    """The share's PNGs in order: from its worker as each arrives (see card_worker.py), the rest drawn here."""
    received = 0
    if process is not None:
        assert process.stdout is not None
        with process.stdout:
            while received < size:
                header = process.stdout.read(PNG_HEADER.size)
                if len(header) < PNG_HEADER.size:
                    break
                (length,) = PNG_HEADER.unpack(header)
                data = process.stdout.read(length)
                if len(data) < length:
                    break
                received += 1
                yield data
        if process.wait() == 0 and received == size:
            return
        log.warning("A social card worker failed (exit code %s); drawing its cards here", process.returncode)
    cards = pickle.loads(share) if isinstance(share, bytes) else share
    for shapes in cards[received:]:
        yield draw_png(shapes)


class CardCache:
    """Drawn cards by a hash of their shapes: an unchanged card is read back, never drawn again.

    ``folder=None`` keeps nothing between builds. Files are written whole (a temporary file,
    then a rename), so a build killed mid-write leaves no half card behind.
    """

    def __init__(self, folder: Path | None, workers: int | None = None, *, background: bool = True) -> None:
        self.folder = folder
        self.workers = workers  # None: worker_count() when cards are drawn
        # prepare() starts the drawing and returns, png() waits for it: the build goes on meanwhile.
        self.background = background
        self.rendered = 0  # how many cards this cache had to draw (the rest were read back)
        self._made: dict[str, bytes] = {}  # drawn by prepare(), until png() hands them over
        self._drawing: list[Drawing] = []  # started in the background, not all stored yet

    def key(self, shapes: tuple[Shape, ...]) -> str:
        return hashlib.sha256(f"{RENDER_VERSION}\n{PIL.__version__}\n{shapes!r}".encode()).hexdigest()

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.png" if self.folder is not None else None

    def _cached(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return path.read_bytes() if path is not None else None
        except OSError:
            return None

    def prepare(self, cards: Iterable[tuple[str, tuple[Shape, ...]]]) -> None:
        """Draw the cards (each with its :meth:`key`) that are not in the cache yet, all at once, over
        every core (in the background: start drawing them, and return)."""
        self.finish()
        missing: dict[str, tuple[Shape, ...]] = {}
        for key, shapes in cards:
            path = self._path(key)
            if key not in self._made and key not in missing and not (path is not None and path.is_file()):
                missing[key] = shapes
        if missing:
            keys = list(missing)

            def keep(position: int, data: bytes) -> None:  # as each is drawn: never all in memory at once
                self._store(keys[position], data)

            self._drawing.append(Drawing(list(missing.values()), self.workers, background=self.background, sink=keep))
            if not self.background:
                self.finish()

    def finish(self) -> None:
        """Wait for the cards being drawn (each is kept as it comes)."""
        while self._drawing:
            self._drawing.pop(0).finish()

    def png(self, shapes_of: Callable[[], tuple[Shape, ...]], key: str | None = None) -> bytes:
        """The card drawn from the shapes ``shapes_of`` makes (only if this process must draw it or
        ``key``, their :meth:`key`, is not known)."""
        shapes = None
        if key is None:
            shapes = shapes_of()
            key = self.key(shapes)
        self.finish()
        made = self._made.pop(key, None)
        if made is not None:
            return made
        cached = self._cached(key)
        if cached is not None:
            return cached
        data = draw_png(shapes if shapes is not None else shapes_of())
        self._store(key, data)
        return self._made.pop(key, data)

    def _store(self, key: str, data: bytes) -> None:
        self.rendered += 1
        path = self._path(key)
        if path is None:
            self._made[key] = data
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
