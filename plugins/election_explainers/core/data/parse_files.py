"""Read and parse entity files: in this process, and for thousands of them in a second one too.

Parsing YAML is most of what loading costs (libyaml is about 20 MB/s) and each file
parses on its own, so a large ``data/`` is split: a worker process parses part of the
files while this one parses the rest and validates everything.  Records stay in this
process (pydantic models cost more to pickle than to validate); the worker sends back
only plain values, which :mod:`marshal` writes and reads at memory speed.

The worker is a plain ``python -m`` child, not :mod:`multiprocessing`: it imports only
this module and PyYAML (a spawned pool would import the caller's whole program again,
and a fork of a program with threads, such as ``mkdocs serve``, is unsafe).  If it
cannot start or fails, its files are parsed here; either way the result is the same.
"""

from __future__ import annotations

import contextlib
import marshal
import queue
import re
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .files import MiB, fingerprint, read_capped
from .problems import Problem
from .workers import module_command, worker_count
from .yamlfile import YamlFile, decode, parse_yaml

# A data file is a few kilobytes; more than this is a mistake (or an attack), not an entity.
MAX_DATA_BYTES = 2 * MiB
# Below this many files a worker's start (about 0.1 s) costs more than it saves.
WORKER_FROM_FILES = 1500
# The worker sends its results this many files at a time, to be validated as they come.
CHUNK_FILES = 250
_HEADER = struct.Struct("<Q")  # a chunk's length in bytes, before it
# The worker parses more than its half: this process also validates what it sends back.
WORKER_SHARE = 0.6

# ``ru: ...`` as a key or ``lang: ru``: a cheap scan, every candidate then checked against CLDR.
# Spaces and tabs only, never a newline: ``\s*`` at each line's start would rescan the rest of a file
# of blank lines from every line (quadratic; a generated file of them took minutes).
LANGUAGE_KEY_RE = re.compile(
    r"^[ \t]*(?:-[ \t]+)?(?:lang:[ \t]*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)[ \t]*$|([a-z]{2}):[ \t\r\n])", re.M
)


def language_candidates(text: str) -> set[str]:
    """Language codes the text may be written in, by its keys (``ru:``) and ``lang:`` fields."""
    return {a or b for a, b in LANGUAGE_KEY_RE.findall(text)}


@dataclass
class Parsed:
    """One file's bytes read and parsed, before validation; the same bytes always give the same."""

    shown: str  # the file's path as messages show it
    fingerprint: str | None = None  # a hash of the bytes
    text: str | None = None
    data: Any = None  # the parsed values, when the file is valid YAML
    problems: list[Problem] = field(default_factory=list)
    languages: set[str] | None = None  # see language_candidates (when asked for)
    valid_yaml: bool = False  # parsed into ``data`` (which may be a lone value, even null)

    def source(self) -> YamlFile | None:
        """The parsed file; its node tree is parsed again from the text if a problem needs a place."""
        if not self.valid_yaml or self.text is None:
            return None
        return YamlFile(self.shown, self.text, self.data, None)


def parse_file(real: str, shown: str, scan_languages: bool = False) -> Parsed:
    raw, why = read_capped(real, MAX_DATA_BYTES)
    if raw is None:
        return Parsed(shown, problems=[Problem(shown, 1, 1, "", why or "the file cannot be read")])
    parsed = Parsed(shown, fingerprint(raw))
    parsed.text, parsed.problems = decode(shown, raw)
    if parsed.text is None:
        return parsed
    if scan_languages:
        parsed.languages = language_candidates(parsed.text)
    source, parsed.problems = parse_yaml(shown, parsed.text)
    if source is not None:
        parsed.data, parsed.valid_yaml = source.data, True
    return parsed


def _parse_each(files: list[tuple[str, str]], scan_languages: bool) -> Iterator[Parsed]:
    return (parse_file(real, shown, scan_languages) for real, shown in files)


def parse_files(files: list[tuple[str, str]], sizes: list[int], scan_languages: bool = False) -> Iterator[Parsed]:
    """:func:`parse_file` for each ``(real path, shown path)``, in order; a worker takes a share of many.

    The results come one by one, so the caller validates this process's share while the
    worker parses its own.  Shares go by ``sizes`` (bytes), not by count: an election's
    file is many times a person's.
    """
    if len(files) < WORKER_FROM_FILES or worker_count() < 2:
        yield from _parse_each(files, scan_languages)
        return
    split, here_bytes = 0, sum(sizes) * (1 - WORKER_SHARE)
    while split < len(files) and here_bytes > 0:
        here_bytes -= sizes[split]
        split += 1
    worker = _Worker(files[split:], scan_languages)
    yield from _parse_each(files[:split], scan_languages)
    received = 0
    for parsed in worker.results():
        received += 1
        yield parsed
    # A worker that could not start or stopped half-way leaves the rest of its share to this process.
    yield from _parse_each(files[split + received :], scan_languages)


# -- the worker: plain values both ways, marshalled ------------------------------------------


def _to_plain(parsed: Parsed) -> tuple[Any, ...]:
    problems = [(p.file, p.line, p.column, p.field, p.message) for p in parsed.problems]
    languages = None if parsed.languages is None else sorted(parsed.languages)
    return (parsed.shown, parsed.fingerprint, parsed.text, parsed.data, problems, languages, parsed.valid_yaml)


def _from_plain(plain: tuple[Any, ...]) -> Parsed:
    shown, hashed, text, data, problems, languages, valid_yaml = plain
    found = None if languages is None else set(languages)
    return Parsed(shown, hashed, text, data, [Problem(*problem) for problem in problems], found, valid_yaml)


class _Worker:
    """A child process parsing ``files`` while this one works; :meth:`results` gives what it sent."""

    def __init__(self, files: list[tuple[str, str]], scan_languages: bool) -> None:
        self._chunks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        command, env = module_command(__name__)
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError:
            self._chunks.put(None)
            return
        # Threads feed and drain the pipes (they wait with the interpreter lock released), so
        # neither process waits on a full pipe while the other is busy.
        request = marshal.dumps((files, scan_languages))
        threading.Thread(target=self._send, args=(process, request), daemon=True).start()
        threading.Thread(target=self._receive, args=(process,), daemon=True).start()

    @staticmethod
    def _send(process: subprocess.Popen[bytes], request: bytes) -> None:
        assert process.stdin is not None
        with contextlib.suppress(OSError), process.stdin:
            process.stdin.write(request)

    def _receive(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        with process.stdout:
            while len(header := process.stdout.read(_HEADER.size)) == _HEADER.size:
                (length,) = _HEADER.unpack(header)
                chunk = process.stdout.read(length)
                if len(chunk) < length:
                    break
                self._chunks.put(chunk)
        process.wait()
        self._chunks.put(None)

    def results(self) -> Iterator[Parsed]:
        """Each parsed file as its chunk arrives, in order, until the worker ends (or fails)."""
        while (chunk := self._chunks.get()) is not None:
            try:
                plains = marshal.loads(chunk)
            except (ValueError, EOFError, TypeError):
                return
            yield from map(_from_plain, plains)


def _serve_one_request() -> None:
    files, scan_languages = marshal.loads(sys.stdin.buffer.read())
    out = sys.stdout.buffer
    for start in range(0, len(files), CHUNK_FILES):
        batch = files[start : start + CHUNK_FILES]
        chunk = marshal.dumps([_to_plain(parsed) for parsed in _parse_each(batch, scan_languages)])
        out.write(_HEADER.pack(len(chunk)) + chunk)
        out.flush()


if __name__ == "__main__":
    _serve_one_request()
