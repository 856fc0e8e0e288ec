"""What a change to the data does: entities added, removed or changed, and every output that differs.

Both sides are loaded and rendered in full with the same code as the site
(:class:`Renderer` for the generated pages and hand-written pages' data-driven
parts, :mod:`.publish` for the timelines and feeds), and their outputs compared
one by one.  Nothing is inferred from a dependency list, so a page is listed
exactly when what it shows changes.

The theme's frame around each page (menus, search index, sitemap) is MkDocs'
work and is not rendered here; it changes only when pages are added, removed or
retitled, which the report shows.

This module compares two sides and writes the report; a side is a
:class:`~.diff_snapshot.Snapshot`, the changes in its records come from
:mod:`.diff_data`, and data text is made literal Markdown by :mod:`.diff_markdown`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diff_data import DataChanges, compare_data
from .diff_markdown import change_cells, md_code, md_text
from .diff_snapshot import Output, Snapshot

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
