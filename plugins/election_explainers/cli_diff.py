"""``explainers diff``: what a change does to the data and to every page, as a Markdown report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

SMALL_DATA_FILES = 300  # below this many data files, `diff` renders in one process


@click.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The site's MkDocs configuration; its folder is the project (at each git ref too).",
)
@click.option("--site-url", default=None, help="Link pages to this site [default: site_url of mkdocs.yml].")
@click.option("--preview-url", default="", help="Link pages to a preview of the change published here instead.")
@click.option(
    "--artifact-url", default="", help="Where the built preview site can be downloaded (named in the report)."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that render [default: 1 for small data, else one per processor].",
)
def diff(
    base: str,
    head: str | None,
    config_file: Path,
    site_url: str | None,
    preview_url: str,
    artifact_url: str,
    jobs: int | None,
) -> None:
    """Report what changes from BASE to HEAD: entities and their fields, and every page whose output differs.

    BASE and HEAD are git refs (a branch, tag or commit) or project folders; HEAD defaults to the
    working tree. The report is Markdown, on standard output; the time it took goes to standard error.
    """
    import tempfile
    import time

    from .core.publish.diff import WORKING_TREE, ReportOptions, compare, report
    from .core.publish.diff_snapshot import snapshots
    from .core.publish.gitrefs import GitError, export_commit, resolve_commit
    from .core.publish.siteconfig import read_site_config

    started = time.perf_counter()
    project = config_file.absolute().parent
    with tempfile.TemporaryDirectory(prefix="explainers-diff-") as temp:
        configs, labels = [], []
        for name, ref in (("base", base), ("head", head)):
            if ref is None:
                folder, label = project, WORKING_TREE
            elif Path(ref).is_dir():
                folder, label = Path(ref).absolute(), ref
            else:
                try:
                    commit = resolve_commit(project, ref)
                    folder = export_commit(project, commit, Path(temp) / name)
                except GitError as error:
                    raise click.ClickException(str(error)) from None
                label = commit[:12] if commit.startswith(ref.lower()) else f"{ref} ({commit[:7]})"
            configs.append(read_site_config(folder / config_file.name))
            labels.append(label)
        if jobs is None:
            # Worker processes pay for themselves only on larger data (each loads it again).
            files = sum(1 for _ in configs[1].data_path.rglob("*.y*ml"))
            jobs = 1 if files < SMALL_DATA_FILES else len(os.sched_getaffinity(0))
        sides = snapshots(configs, jobs)
    failed = False
    for label, side in zip(labels, sides, strict=True):
        if isinstance(side, list):
            failed = True
            click.echo(f"The data at {label} has {len(side)} problem(s):", err=True)
            for problem in side:
                click.echo(str(problem), err=True)
    if failed:
        sys.exit(1)
    before, after = sides
    assert not isinstance(before, list) and not isinstance(after, list)
    config = configs[1]
    comparison = compare(before, after)
    options = ReportOptions(
        labels[0],
        labels[1],
        site_url=config.site_url if site_url is None else site_url,
        preview_url=preview_url,
        artifact_url=artifact_url,
    )
    click.echo(report(comparison, options))
    elapsed = time.perf_counter() - started
    click.echo(f"Compared {comparison.outputs_compared:,} pages and files on each side in {elapsed:.2f} s.", err=True)
