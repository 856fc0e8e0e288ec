"""Generated pages kept on disk between one-off builds: the next build renders only what changed.

Each ``mkdocs build`` is a new process.  The build state that ``explainers
build --incremental`` keeps in the published folder (:mod:`.buildstate`) says,
in the next process, which outputs read something that changed; here the same
state is kept in the build cache folder, beside each generated page's HTML and
table of contents.  A page the plan does not name is taken from there instead
of rendered; the theme, search and writing still run for every page, so the
site is the one a clean build makes (tested).

A kept page is used only if its bytes hash to what the state recorded, so a
build that stopped half-way (new pages written, no new state) can never pass
an old page off as new: that page is rendered again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..data.dataset import Dataset
from ..render.page_types import RenderedPage
from ..render.view import Heading
from .buildstate import BuildState, Plan, digest, kept_or_made, plan, record_outputs

STATE_FILE = "pages-state.json"
PAGES = "pages"


class PageCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.previous = BuildState.read_file(folder / STATE_FILE)
        self.plan: Plan | None = None
        self.state: BuildState | None = None
        self.produced: dict[str, tuple[str, ...] | None] = {}  # page -> its reads if rendered now
        self.written: dict[str, str] = {}
        self.keys: dict[str, str] = {}
        self.folders: set[Path] = set()  # made this build: one mkdir per folder, not per page

    def begin(self, config: str, docs: Iterable[str], dataset: Dataset) -> Plan:
        self.plan, self.state = plan(self.previous, config, docs, dataset)
        return self.plan

    def get(self, dest: str) -> RenderedPage | None:
        """The page at ``dest`` as the last build rendered it, if nothing it read has changed."""
        assert self.plan is not None, "begin() first"
        self.produced.setdefault(dest, None)
        previous = self.plan.previous
        if previous is None or self.plan.must_make(dest):
            return None
        try:
            data = self._path(dest).read_bytes()
            if digest(data) != previous.outputs[dest].digest:
                return None
            outline, _, html = data.decode().partition("\n")
        except (OSError, UnicodeDecodeError):
            return None
        try:
            headings = tuple(Heading(level, id, title) for level, id, title in json.loads(outline))
        except (ValueError, TypeError):
            return None
        return RenderedPage(html, headings, frozenset(previous.outputs[dest].reads))

    def put(self, dest: str, page: RenderedPage) -> None:
        """Keep the page rendered for ``dest`` for the next build."""
        outline = json.dumps([[h.level, h.id, h.text] for h in page.headings], ensure_ascii=False)
        data = f"{outline}\n{page.html}".encode()
        path = self._path(dest)
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        with open(path, "wb") as output:
            output.write(data)
        # One string per key across every page: thousands of pages each hold hundreds of them until finish().
        self.produced[dest] = tuple(sorted(self.keys.setdefault(key, key) for key in page.reads))
        self.written[dest] = digest(data)

    def finish(self) -> None:
        """Write the new state and remove the pages this build no longer makes."""
        assert self.plan is not None and self.state is not None, "begin() first"
        outputs = kept_or_made(self.produced, self.plan.previous)
        record_outputs(self.state, self.plan, outputs, self.written)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.state.write_file(self.folder / STATE_FILE)
        for dest in self.plan.gone(outputs):
            self._path(dest).unlink(missing_ok=True)

    def _path(self, dest: str) -> Path:
        name = digest(dest)
        return self.folder / PAGES / name[:2] / f"{name}.html"
