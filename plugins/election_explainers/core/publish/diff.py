"""What a change to the data does: entities added, removed or changed, and every output that differs.

Both sides are loaded and rendered in full with the same code as the site
(:class:`Renderer` for the generated pages and hand-written pages' data-driven
parts, :mod:`.publish` for the timelines and feeds), and their outputs compared
one by one.  Nothing is inferred from a dependency list, so a page is listed
exactly when what it shows changes.

The theme's frame around each page (menus, search index, sitemap) is MkDocs'
work and is not rendered here; it changes only when pages are added, removed or
retitled, which the report shows.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import html
import multiprocessing
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.loader import load
from ..data.models import Record
from ..data.pages import split_front_matter
from ..data.problems import DataError, Problem
from ..render.formatting import format_number, format_signed
from ..render.render import PageSource, Renderer, front_matter
from ..render.urls import docs_page_language, docs_page_src, page_url
from .publish import DataFile
from .siteconfig import SiteConfig

# -- one side's outputs ------------------------------------------------------------------------------------------


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


# -- what changed in the data ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    path: str  # results[official].rows[nur-otan].votes
    old: Any  # None: absent
    new: Any


@dataclass(frozen=True)
class RecordChange:
    kind: str
    id: str
    name: str
    file: str
    fields: tuple[FieldChange, ...] = ()


@dataclass
class DataChanges:
    added: list[RecordChange] = field(default_factory=list)
    removed: list[RecordChange] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)


def record_values(record: Record) -> dict[str, Any]:
    """A record's fields as plain values, without the ones left at their defaults; its name first."""
    values = record.model_dump(mode="json", exclude={"id", "file"}, exclude_defaults=True)
    first: dict[str, Any] = {key: values.pop(key) for key in ("name", "title") if key in values}
    return {**first, **values}


def _name(record: Record) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", None) or record.id)


def compare_data(before: dict[str, Record], after: dict[str, Record]) -> DataChanges:
    """Records added, removed and changed (with each field that changed), by kind and id."""
    changes = DataChanges()
    order = _kind_order()
    for entity_id in sorted(before.keys() | after.keys(), key=lambda i: (_kind_of(i, before, after, order), i)):
        old, new = before.get(entity_id), after.get(entity_id)
        if old is None and new is not None:
            changes.added.append(RecordChange(new.kind, entity_id, _name(new), new.file))
        elif new is None and old is not None:
            changes.removed.append(RecordChange(old.kind, entity_id, _name(old), old.file))
        elif old is not None and new is not None:
            if old.kind != new.kind:
                changes.removed.append(RecordChange(old.kind, entity_id, _name(old), old.file))
                changes.added.append(RecordChange(new.kind, entity_id, _name(new), new.file))
                continue
            fields = tuple(field_changes(record_values(old), record_values(new)))
            if fields or old.file != new.file:
                moved = (FieldChange("(file)", old.file, new.file),) if old.file != new.file else ()
                changes.changed.append(RecordChange(new.kind, entity_id, _name(new), new.file, moved + fields))
    return changes


def _kind_order() -> dict[str, int]:
    from ..data.models import KINDS

    return {kind.kind: number for number, kind in enumerate(KINDS)}


def _kind_of(entity_id: str, before: dict[str, Record], after: dict[str, Record], order: dict[str, int]) -> int:
    record = after.get(entity_id) or before.get(entity_id)
    return order.get(record.kind, len(order)) if record is not None else len(order)


# How items of a list are matched between the two sides: by these fields, when they tell the items apart.
_ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "results": ("kind", "pollster", "date"),
    "rows": ("party", "person", "option"),
    "leaders": ("person", "start_date"),
    "roles": ("title", "party", "start_date"),
    "chambers": ("id",),
    "other_names": ("name",),
    "events": ("date", "title"),
    "sources": ("title", "publisher"),
}


def _item_key(list_name: str, item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    parts = [str(item[key]) for key in _ITEM_KEYS.get(list_name, ()) if item.get(key) is not None]
    return " ".join(parts) or None


def _keyed(list_name: str, items: list[Any]) -> dict[str, Any] | None:
    """The items by their key, or ``None`` when some have none or two share one (then they go by position)."""
    keyed: dict[str, Any] = {}
    for item in items:
        key = _item_key(list_name, item)
        if key is None or key in keyed:
            return None
        keyed[key] = item
    return keyed


def field_changes(old: Any, new: Any, path: str = "") -> Iterator[FieldChange]:
    """Every leaf that differs, as a path into the record; lists of items are matched item by item."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            yield from field_changes(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if isinstance(old, list) and isinstance(new, list) and any(isinstance(i, dict) for i in old + new):
        before, after = _keyed(name, old), _keyed(name, new)
        if before is None or after is None:
            before = {str(i): item for i, item in enumerate(old)}
            after = {str(i): item for i, item in enumerate(new)}
        for key in [*after, *(k for k in before if k not in after)]:
            yield from field_changes(before.get(key), after.get(key), f"{path}[{key}]")
        return
    yield FieldChange(path, old, new)


# -- the whole comparison -------------------------------------------------------------------------------------------


@dataclass
class Comparison:
    data: DataChanges
    added: list[Output]
    removed: list[Output]
    changed: list[Output]
    outputs_compared: int  # on the larger side

    @property
    def empty(self) -> bool:
        data = self.data
        return not (data.added or data.removed or data.changed or self.added or self.removed or self.changed)


def compare(before: Snapshot, after: Snapshot) -> Comparison:
    old, new = before.outputs, after.outputs
    return Comparison(
        compare_data(before.records, after.records),
        added=[new[p] for p in sorted(new.keys() - old.keys())],
        removed=[old[p] for p in sorted(old.keys() - new.keys())],
        changed=[new[p] for p in sorted(old.keys() & new.keys()) if old[p].digest != new[p].digest],
        outputs_compared=max(len(old), len(new)),
    )


# -- the report, in Markdown --------------------------------------------------------------------------------------

# Inside a line (never at its start), only these make markup; '@' and '#' would mention people and issues.
_MARKDOWN_PUNCTUATION_RE = re.compile(r"([\\`*_\[\]|~])")
_REFERENCES = {"@": "&#64;", "#": "&#35;"}
EXCERPT = 80  # characters of a long text shown around its first difference


def md_text(text: str) -> str:
    """Data text as literal Markdown: no markup, links, HTML or table cells can come out of it."""
    text = _MARKDOWN_PUNCTUATION_RE.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return re.sub("[@#]", lambda match: _REFERENCES[match.group()], text)


def md_code(text: str) -> str:
    """Text in a code span (paths, ids): backticks cannot close it early."""
    text = " ".join(text.split()).replace("|", "¦")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if "`" in text else f"`{text}`"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(_value(v) for v in value) or "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return " / ".join(_value(v) for v in value)
    return str(value)


def _excerpts(old: str, new: str) -> tuple[str, str]:
    """Long texts shortened to the stretch where they start to differ."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) <= EXCERPT and len(new) <= EXCERPT:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    begin = max(0, start - EXCERPT // 4)

    def cut(text: str) -> str:
        part = text[begin : begin + EXCERPT]
        return ("…" if begin > 0 else "") + part + ("…" if begin + EXCERPT < len(text) else "")

    return cut(old), cut(new)


def change_cells(change: FieldChange) -> tuple[str, str]:
    """The before and after cells of a field's row; numbers that both sides have show the difference."""
    old, new = change.old, change.new
    numbers = (int, float)
    if (
        isinstance(old, numbers)
        and isinstance(new, numbers)
        and not isinstance(old, bool)
        and not isinstance(new, bool)
    ):
        delta = new - old
        if isinstance(delta, float):
            delta = round(delta, 6)
        return md_text(_value(old)), f"{md_text(_value(new))} ({md_text(format_signed(delta))})"
    if isinstance(old, str) and isinstance(new, str):
        old, new = _excerpts(old, new)
        return md_text(old), md_text(new)
    return md_text(_value(old)), md_text(_value(new))


WORKING_TREE = "the working tree"  # a side that is the files as they are now (shown as words, not as a ref)


@dataclass
class ReportOptions:
    base_label: str
    head_label: str
    site_url: str = ""  # links to pages point here
    preview_url: str = ""  # ... or here, when a preview of the change is online
    artifact_url: str = ""  # where the built preview site can be downloaded


def _link(output: Output, options: ReportOptions, removed: bool = False) -> str:
    title = md_text(output.title)
    base = options.site_url if removed else (options.preview_url or options.site_url)
    shown = f"[{title}]({_url_in(base, output.url)})" if base else title
    return f"{shown} · {md_code(output.site_file)}"


def _url_in(base: str, url: str) -> str:
    address = base.rstrip("/") + "/" + url
    return address.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def report(comparison: Comparison, options: ReportOptions) -> str:
    """The comparison as Markdown, for a terminal, a pull request comment or a job summary."""
    base, head = (
        md_code(label) if label != WORKING_TREE else label for label in (options.base_label, options.head_label)
    )
    lines = [f"## What changes from {base} to {head}", ""]
    data = comparison.data
    pages = [o for o in comparison.changed if o.is_page]
    files = [o for group in (comparison.added, comparison.removed, comparison.changed) for o in group if not o.is_page]
    added_pages = [o for o in comparison.added if o.is_page]
    removed_pages = [o for o in comparison.removed if o.is_page]
    if comparison.empty:
        lines += ["Nothing: the data and every page built from it are the same on both sides.", ""]
        return "\n".join(lines).rstrip("\n")
    lines.append(
        f"**Data:** {len(data.added):,} added, {len(data.removed):,} removed, {len(data.changed):,} changed. "
        f"**Pages:** {len(added_pages):,} added, {len(removed_pages):,} removed, {len(pages):,} changed. "
        f"**Other files:** {len(files):,} changed."
    )
    lines.append("")
    if options.artifact_url:
        lines += [
            f"**Preview:** [download the site with this change]({options.artifact_url}), unzip it, run "
            "`python3 -m http.server` in its folder and open the pages listed below (the file after each name)."
            + (" Page names link to the published site as it is now." if options.site_url else ""),
            "",
        ]
    if data.added or data.removed or data.changed:
        lines += ["### Data", ""]
        for title, records in (("Added", data.added), ("Removed", data.removed)):
            if records:
                lines += [f"#### {title}", ""]
                lines += [f"- {r.kind} {md_code(r.id)}: {md_text(r.name)} ({md_code(r.file)})" for r in records]
                lines.append("")
        if data.changed:
            lines += ["#### Changed", ""]
            for record in data.changed:
                lines += [
                    f"**{record.kind} {md_code(record.id)}: {md_text(record.name)}** ({md_code(record.file)})",
                    "",
                ]
                lines += ["| Field | Before | After |", "|---|---|---|"]
                for change in record.fields:
                    before, after = change_cells(change)
                    lines.append(f"| {md_code(change.path)} | {before} | {after} |")
                lines.append("")
    if pages or added_pages or removed_pages:
        lines += ["### Pages", ""]
        for title, group, removed in (
            ("Added", added_pages, False),
            ("Removed", removed_pages, True),
            ("Changed", pages, False),
        ):
            if group:
                lines += [f"#### {title} ({len(group):,})", ""]
                lines += [f"- {_link(o, options, removed)}" for o in group]
                lines.append("")
    if files:
        lines += ["### Other files", ""]
        for title, group in (
            ("added", comparison.added),
            ("removed", comparison.removed),
            ("changed", comparison.changed),
        ):
            lines += [f"- {md_code(o.path)} ({title})" for o in group if not o.is_page]
        lines.append("")
    return "\n".join(lines).rstrip("\n")
