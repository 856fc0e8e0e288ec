"""One side of a change, loaded and rendered in full: every page and data file its data makes, each with
a digest of what the data puts in it, so that two sides compare output by output (see :mod:`.diff`)."""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import multiprocessing
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..data.loader import load
from ..data.models import Record
from ..data.pages import split_front_matter
from ..data.problems import DataError, Problem
from ..render.page_types import PageSource
from ..render.render import Renderer, front_matter
from ..render.urls import docs_page_language, docs_page_src, page_url
from .publish import DataFile
from .siteconfig import SiteConfig


@dataclass(frozen=True)
class Output:
    """One file of the site as the data makes it: a page or a data file (timeline, feed)."""

    path: str  # its source path (pages) or its path in the site (data files)
    url: str  # site-root relative
    title: str
    digest: str  # of everything the data puts in it
    is_page: bool = True

    @property
    def site_file(self) -> str:
        """Where it is in the built site folder."""
        if not self.is_page or self.url.endswith(".html"):
            return self.url
        return self.url + "index.html"


@dataclass
class Snapshot:
    """One side of a change: its valid records and everything rendered from them, by path."""

    records: dict[str, Record]
    outputs: dict[str, Output]


def _digest(*parts: str | bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        # Data files made as bytes (social cards) are hashed as they are written.
        hasher.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def snapshot(config: SiteConfig, part: int = 0, parts: int = 1) -> Snapshot:
    """Load and render a project; raises :class:`~.problems.DataError` with every problem of its data.

    With ``parts`` > 1, only every ``parts``-th output (from the ``part``-th on) is rendered, so that
    several processes can share the work; each still loads the whole data, which every page may read.
    Problems name files relative to the project's folder.
    """
    docs = config.docs_path if config.docs_path.is_dir() else None
    dataset = load(config.data_path, docs, root=config.root, languages=config.languages)
    options = config.render_options()
    renderer = Renderer(dataset, options)
    languages = tuple(config.languages)
    renderers = {lang: renderer.in_language(lang) for lang in languages}
    # Every language's pages, where the plugin publishes them: docs/x.ru.md at ru/x/.
    docs_files: dict[str, tuple[str, str, Path]] = {}
    for src, path in (_docs_files(docs) if docs is not None else {}).items():
        entry = dataset.page(src)
        lang = docs_page_language(src, languages, entry.lang if entry else None)[1] if src.endswith(".md") else None
        published = docs_page_src(src, languages, entry.lang if entry else None) if lang else src
        docs_files[published] = (lang or languages[0], src, path)
    makers: list[Callable[[], Output]] = []
    for language_renderer in renderers.values():
        for source in language_renderer.sources():
            if source.src not in docs_files:  # the plugin leaves such a page to docs/ too
                makers.append(functools.partial(_generated_output, language_renderer, source))
    for published, (lang, src, path) in docs_files.items():
        makers.append(
            functools.partial(_docs_output, renderers[lang], published, src, path, options.use_directory_urls)
        )
    for data_file in config.data_files(renderer):
        makers.append(functools.partial(_data_file_output, data_file))
    outputs = [make() for make in makers[part::parts]]
    return Snapshot(dataset.records, {output.path: output for output in outputs})


def _generated_output(renderer: Renderer, source: PageSource) -> Output:
    rendered = renderer.render(source)
    edit = renderer.options.edit_url(source.data_file) if source.data_file else None
    url = page_url(source.src, renderer.options.use_directory_urls)
    return Output(source.src, url, source.title, _digest(front_matter(source), rendered.html, edit or ""))


def _data_file_output(data_file: DataFile) -> Output:
    return Output(data_file.path, data_file.path, data_file.path, _digest(data_file.make()), is_page=False)


def _snapshot_part(config: SiteConfig, part: int, parts: int) -> Snapshot | list[Problem]:
    """:func:`snapshot` in a worker process: problems come back as a value (exceptions lose them on the way)."""
    try:
        return snapshot(config, part, parts)
    except DataError as error:
        return error.problems


def snapshots(configs: Sequence[SiteConfig], jobs: int = 1) -> list[Snapshot | list[Problem]]:
    """Each project's snapshot (or the problems of its data), rendered by up to ``jobs`` processes."""
    if jobs <= 1:
        return [_snapshot_part(config, 0, 1) for config in configs]
    parts = max(1, jobs // len(configs))
    # spawn: a fresh interpreter per worker, whatever threads the calling process has.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [[pool.submit(_snapshot_part, config, part, parts) for part in range(parts)] for config in configs]
        results: list[Snapshot | list[Problem]] = []
        for side in futures:
            pieces = [future.result() for future in side]
            problems = next((piece for piece in pieces if isinstance(piece, list)), None)
            if problems is not None:
                results.append(problems)
                continue
            merged = Snapshot({}, {})
            for piece in pieces:
                assert isinstance(piece, Snapshot)
                merged.records = piece.records
                merged.outputs.update(piece.outputs)
            results.append(merged)
    return results


def _docs_files(docs: Path) -> dict[str, Path]:
    """Every file of ``docs/`` MkDocs publishes (hidden ones are not), by path with '/' separators."""
    found: dict[str, Path] = {}
    for path in sorted(docs.rglob("*")):
        parts = path.relative_to(docs).parts
        if path.is_file() and not any(part.startswith(".") for part in parts):
            found["/".join(parts)] = path
    return found


_HEADING_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_TITLE_RE = re.compile(r"^title:[ \t]*['\"]?(.+?)['\"]?[ \t]*$", re.MULTILINE)


def _docs_output(renderer: Renderer, published: str, src: str, path: Path, directory_urls: bool) -> Output:
    """A hand-written file (``src`` in docs/, published as ``published``): a page with its links, embeds and
    related stories filled in, or any other file."""
    if not src.endswith(".md"):
        return Output(src, src, src, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest(), is_page=False)
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    front, body, _ = split_front_matter(text.replace("\r\n", "\n"))
    url = page_url(published, directory_urls)
    page = renderer.hand_written_page(body, src, url)
    title_match = _TITLE_RE.search(front or "") or _HEADING_RE.search(body)
    title = title_match.group(1) if title_match else src
    return Output(published, url, title, _digest(front or "", page.fill(page.markdown), *page.slots))
