"""One ``explainers build``: what the plugin asks the build state, and what it tells it, event by event.

The command stages the live site (hard links, :mod:`.staging`), and the plugin
builds into the staged copy with MkDocs' dirty mode, asking :meth:`must_make`
for each output; before MkDocs writes anything, :meth:`detach` unlinks every
file it is going to write, so the live site is never written through a shared
link.  :meth:`finish` completes the search index from the live site's, removes
what this build no longer makes, and writes the new state into the staged
folder, which the command then swaps in whole (:func:`.swap.replace`).

Without a previous state (the first build, or after a change of settings,
templates or versions) the plan is a full build, and the same steps give the
clean build's folder: every output is made, the rest pruned.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from ..data.dataset import Dataset
from .buildstate import STATE_FILE, BuildState, Plan, digest, kept_or_made, plan, record_outputs
from .search_merge import merge_search_index
from .staging import ALWAYS_WRITTEN, detach

SEARCH_INDEX = "search/search_index.json"


class PersistentBuild:
    def __init__(self, staging: Path, live: Path | None = None) -> None:
        self.staging = staging
        self.live = live
        self.previous = BuildState.read(live) if live is not None and live.is_dir() else None
        self.plan: Plan | None = None
        self.state: BuildState | None = None
        self.produced: dict[str, frozenset[str] | None] = {}  # every tracked output -> reads if made now
        self.started = time.time()

    # -- on_pre_build ------------------------------------------------------------------

    def begin(self, config: str, docs: Iterable[str], dataset: Dataset) -> Plan:
        self.plan, self.state = plan(self.previous, config, docs, dataset)
        return self.plan

    def changed(self) -> set[str] | None:
        """The changed keys for the plugin's caches and docs pages: ``None`` means everything."""
        assert self.plan is not None, "begin() first"
        return None if self.plan.full else set(self.plan.changed)

    # -- on_files / on_page_* -------------------------------------------------------------

    def must_make(self, dest: str) -> bool:
        """Whether the tracked output at ``dest`` (its path in the site) is made again; it is noted as produced."""
        assert self.plan is not None, "begin() first"
        self.produced.setdefault(dest, None)
        return self.plan.must_make(dest) or not (self.staging / dest).is_file()

    def made(self, dest: str, reads: Iterable[str]) -> None:
        """The output at ``dest`` was made this build, reading ``reads``."""
        self.produced[dest] = frozenset(reads)

    # -- on_nav ----------------------------------------------------------------------------

    def menu(self, fingerprint: str) -> bool:
        """Note the menu's hash; whether it changed since the last build (then every page is made again)."""
        assert self.plan is not None and self.state is not None, "begin() first"
        self.state.nav = fingerprint
        previous = self.plan.previous
        if self.plan.full or previous is None or previous.nav == fingerprint:
            return False
        self.plan = Plan(True, "the menu changed (a title or an address)", previous=previous)
        return True

    # -- on_env: the last event before MkDocs writes ---------------------------------------

    def detach(self, dests: Iterable[str]) -> None:
        """Unlink the staged files MkDocs is about to write (every file whose ``is_modified()`` is true)."""
        for dest in dests:
            detach(self.staging / dest)

    # -- on_post_build, after the search plugin's ---------------------------------------------

    def finish(self, all_dests: Iterable[str], page_order: list[str], rebuilt_pages: Iterable[str]) -> BuildState:
        """Complete the search index, prune, record and write the state; return it.

        ``all_dests``: every file MkDocs knows for this build (pages, assets, generated files);
        ``page_order``: the URL of every page in build order; ``rebuilt_pages``: those built now.
        """
        assert self.plan is not None and self.state is not None, "begin() first"
        self._complete_search_index(page_order, rebuilt_pages)
        keep = {*all_dests, *ALWAYS_WRITTEN, STATE_FILE}
        self._prune(keep)
        written = {}
        for dest, reads in self.produced.items():
            if reads is not None:
                written[dest] = digest((self.staging / dest).read_bytes())
        record_outputs(self.state, self.plan, kept_or_made(self.produced, self.plan.previous), written)
        self.state.write(self.staging)
        return self.state

    def _complete_search_index(self, page_order: list[str], rebuilt_pages: Iterable[str]) -> None:
        new_path = self.staging / SEARCH_INDEX
        old_path = self.live / SEARCH_INDEX if self.live is not None else None
        if self.plan is None or self.plan.full or not new_path.is_file() or old_path is None or not old_path.is_file():
            return  # a full build indexed every page itself
        merged = merge_search_index(
            old_path.read_text(encoding="utf-8"), new_path.read_text(encoding="utf-8"), rebuilt_pages, page_order
        )
        detach(new_path)
        new_path.write_text(merged, encoding="utf-8")

    def _prune(self, keep: set[str]) -> None:
        """Remove staged files this build neither knows nor wrote (gone pages, deleted images, old outputs)."""
        for folder, _dirs, files in os.walk(self.staging, topdown=False):
            here = Path(folder)
            for name in files:
                path = here / name
                relative = path.relative_to(self.staging).as_posix()
                if relative in keep or path.stat().st_mtime >= self.started:
                    continue  # known, or written by this build (another plugin's file)
                path.unlink()
            if here != self.staging and not any(here.iterdir()):
                here.rmdir()
