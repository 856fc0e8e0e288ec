"""What the last build made, kept on disk, so that the next one in a new process rebuilds only what changed.

Under ``mkdocs serve`` the plugin keeps its outputs in memory with the keys each
read (:mod:`..render.incremental`, :mod:`..index.tracking`).  ``explainers build
--incremental`` needs the same between processes, so the state goes into a
plain JSON file inside the published folder (it swaps in with the site it
describes, never out of step with it):

- per record (by id) and per docs page with data (``page:<src>``): the file's
  fingerprint, a hash of what the models made of it (a comment or a re-indent
  changes the first, not the second) and the tracking keys a change to it
  invalidates (:func:`..index.tracking.keys_of`): the keys of the *old*
  version are needed, and the old version is gone by the next build;
- per output file (by its path in the site): the keys it read and the hash of
  its bytes;
- a fingerprint of everything besides the data (settings, templates, versions),
  and the hand-written pages (a page added or removed changes every page's menu).

:func:`plan` compares the state with the new data: a full build, or the keys
that changed and the outputs that read them.  The keys are those
:func:`..index.tracking.changed_keys` gives for the same two loads (tested).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.as_of import AS_OF_KEY
from ..data.dataset import Dataset, Page
from ..data.files import write_whole
from ..data.models import Record
from ..index.tracking import EVERYTHING, keys_of

STATE_FILE = ".explainers-build.json"
VERSION = 1


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@dataclass(frozen=True, slots=True)  # slots: one per record, 59,000 at L
class Entry:
    """A record or a docs page with data, as the last build saw it."""

    file: str  # the fingerprint of its file (Dataset.fingerprints)
    content: str  # a hash of the loaded value: equal content, equal hash
    keys: tuple[str, ...]  # what a change to it invalidates, sorted


@dataclass(frozen=True, slots=True)
class Output:
    """A file of the published site: what it read, and its bytes' hash."""

    reads: tuple[str, ...]  # sorted tracking keys; ("*",) for an output that may read anything
    digest: str


@dataclass
class BuildState:
    config: str  # fingerprint of settings, templates and versions: any change means a full build
    newest_fact: str | None  # the default as-of date the pages were true on
    docs: tuple[str, ...]  # the hand-written pages, sorted
    entries: dict[str, Entry] = field(default_factory=dict)
    outputs: dict[str, Output] = field(default_factory=dict)
    nav: str = ""  # a hash of the menu (titles and addresses): every page shows it

    def to_json(self) -> str:
        return "".join(self._json_pieces())

    def _json_pieces(self) -> Iterator[str]:
        """The state as JSON (keys sorted), a piece at a time: at L the whole text is tens of megabytes.

        One line per entry would be easier to read but three times the size at L; the file is for machines."""

        def dumps(value: object) -> str:
            return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

        def mapping(items: dict[str, list[Any]]) -> Iterator[str]:
            yield "{"
            for number, key in enumerate(sorted(items)):
                yield ("," if number else "") + dumps(key) + ":" + dumps(items[key])
            yield "}"

        entries = {k: [e.file, e.content, list(e.keys)] for k, e in self.entries.items()}
        outputs = {k: [list(o.reads), o.digest] for k, o in self.outputs.items()}
        yield f'{{"config":{dumps(self.config)},"docs":{dumps(list(self.docs))},"entries":'
        yield from mapping(entries)
        yield f',"nav":{dumps(self.nav)},"newest_fact":{dumps(self.newest_fact)},"outputs":'
        yield from mapping(outputs)
        yield f',"version":{dumps(VERSION)}}}\n'

    @classmethod
    def from_json(cls, text: str) -> BuildState | None:
        """The state, or ``None`` if the text is not a state this version wrote (then: a full build)."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("version") != VERSION:
                return None
            # One string per key: JSON gives each of the outputs' hundreds of reads a string of its own.
            memo: dict[str, str] = {}

            def keys(key: str) -> str:
                return memo.setdefault(key, key)

            return cls(
                config=str(data["config"]),
                newest_fact=data["newest_fact"],
                docs=tuple(data["docs"]),
                nav=str(data["nav"]),
                entries={k: Entry(f, c, tuple(keys)) for k, (f, c, keys) in data["entries"].items()},
                outputs={k: Output(tuple(map(keys, reads)), d) for k, (reads, d) in data["outputs"].items()},
            )
        except (ValueError, KeyError, TypeError):
            return None

    @classmethod
    def read(cls, site_dir: Path) -> BuildState | None:
        return cls.read_file(site_dir / STATE_FILE)

    @classmethod
    def read_file(cls, path: Path) -> BuildState | None:
        try:
            return cls.from_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None

    def write(self, site_dir: Path) -> None:
        self.write_file(site_dir / STATE_FILE)

    def write_file(self, path: Path) -> None:
        write_whole(path, self._json_pieces())


def config_fingerprint(*parts: object, code: Iterable[Path] = (), packages: Iterable[str] = ()) -> str:
    """One hash of everything a build depends on besides the data: any change means a full build.

    ``parts``: settings (the plugin's own render fingerprint, mkdocs.yml's text); ``code``: folders
    whose files shape the output (this package, the theme's overrides), by content; ``packages``:
    distributions whose version counts (mkdocs, mkdocs-material).
    """
    from importlib import metadata  # here: only a build asks

    hashed = hashlib.sha256(repr(parts).encode())
    for name in sorted(packages):
        try:
            hashed.update(f"{name}=={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            hashed.update(f"{name} missing\n".encode())
    for folder in code:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hashed.update(f"{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes())
    return hashed.hexdigest()


# ----------------------------------------------------------------------------- the data's side


def _content_hash(item: Record | Page) -> str:
    if isinstance(item, Page):
        return digest(repr(item))
    # kind too: a party and a person with the same fields are not the same record.
    return digest(f"{item.kind}\n{item.model_dump_json()}")


def _entry_of(item: Record | Page, file: str) -> Entry:
    # Interned: thousands of records name the same keys ("kind:story", "about:kz"), and the state keeps them all.
    return Entry(file, _content_hash(item), tuple(sorted(map(sys.intern, keys_of(item)))))


def dataset_entries(dataset: Dataset, previous: BuildState | None = None) -> dict[str, Entry]:
    """An entry per record and docs page with data; those whose file is unchanged are taken from ``previous``."""
    kept = previous.entries if previous is not None else {}
    items: list[tuple[str, Record | Page, str]] = [
        (entity_id, record, dataset.fingerprints.get(entity_id, "")) for entity_id, record in dataset.records.items()
    ]
    items += [(f"page:{page.src}", page, dataset.fingerprints.get(page.src, "")) for page in dataset.pages]
    entries: dict[str, Entry] = {}
    for name, item, file in items:
        old = kept.get(name)
        # A file fingerprint names its bytes; without one (data made in memory) the content decides.
        entries[name] = old if old is not None and file and old.file == file else _entry_of(item, file)
    return entries


def newest_fact_of(dataset: Dataset) -> str | None:
    newest = dataset.newest_fact
    return newest.iso() if newest is not None else None


def changed_keys_since(previous: BuildState, entries: Mapping[str, Entry], newest_fact: str | None) -> set[str]:
    """Every tracking key that differs between the last build's data and ``entries`` (empty if none)."""
    keys: set[str] = set()
    for name in previous.entries.keys() | entries.keys():
        before, after = previous.entries.get(name), entries.get(name)
        if before is not None and after is not None and before.content == after.content:
            continue
        for entry in (before, after):
            if entry is not None:
                keys.update(entry.keys)
    if previous.newest_fact != newest_fact:
        keys.add(AS_OF_KEY)
    if keys:
        keys.add(EVERYTHING)
    return keys


# ----------------------------------------------------------------------------- what to rebuild


@dataclass(frozen=True)
class Plan:
    """What the next build must make: everything (``full``), or the outputs that read a changed key."""

    full: bool
    reason: str
    changed: frozenset[str] = frozenset()  # tracking keys that changed (empty for a full build)
    stale: frozenset[str] = frozenset()  # outputs of the last build that read one of them
    previous: BuildState | None = None

    def must_make(self, path: str) -> bool:
        """Whether the output at ``path`` must be made again (an output the last build did not make is new)."""
        if self.full or self.previous is None:
            return True
        return path in self.stale or path not in self.previous.outputs

    def gone(self, produced: Iterable[str]) -> set[str]:
        """Outputs of the last build that this one does not produce: to remove from the staged copy."""
        if self.previous is None:
            return set()
        return set(self.previous.outputs) - set(produced)


def plan(previous: BuildState | None, config: str, docs: Iterable[str], dataset: Dataset) -> tuple[Plan, BuildState]:
    """What to rebuild, and the new state before any output is recorded in it."""
    docs_now = tuple(sorted(docs))
    entries = dataset_entries(dataset, previous)
    newest = newest_fact_of(dataset)
    state = BuildState(config, newest, docs_now, entries)
    if previous is None:
        return Plan(True, "no state of an earlier build in the site folder"), state
    if previous.config != config:
        return Plan(True, "the settings, templates or versions changed", previous=previous), state
    if previous.docs != docs_now:
        return Plan(True, "hand-written pages were added or removed (every menu changes)", previous=previous), state
    changed = changed_keys_since(previous, entries, newest)
    stale = frozenset(path for path, out in previous.outputs.items() if not changed.isdisjoint(out.reads))
    reason = f"{len(changed)} changed key(s), {len(stale)} output(s) read them"
    return Plan(False, reason, frozenset(changed), stale, previous), state


def kept_or_made(produced: Mapping[str, Iterable[str] | None], previous: BuildState | None) -> dict[str, Iterable[str]]:
    """The outputs of this build: those made now (``produced`` gives their reads) and those kept from ``previous``."""
    return {
        dest: reads or ()
        for dest, reads in produced.items()
        if reads is not None or (previous is not None and dest in previous.outputs)
    }


def record_outputs(
    state: BuildState, plan_made: Plan, produced: Mapping[str, Iterable[str]], written: Mapping[str, str]
) -> None:
    """Fill ``state.outputs``: each output this build produces, with its reads and digest.

    ``produced`` maps every output of this build to what it read (an output that was kept
    read what it read last time); ``written`` the digest of each output made this time.
    """
    previous = plan_made.previous
    for path, reads in produced.items():
        if path in written:
            state.outputs[path] = Output(tuple(sorted(set(map(sys.intern, reads)))), written[path])
        else:
            assert previous is not None and path in previous.outputs, f"{path} was neither kept nor made"
            state.outputs[path] = previous.outputs[path]
