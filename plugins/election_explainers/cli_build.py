"""``explainers build`` and ``explainers materialize``: publish the site with MkDocs (all or nothing), or
write its generated pages as Markdown for other engines."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .cli_options import AS_OF
from .core.data.dates import PartialDate
from .core.data.loader import load
from .core.data.problems import DataError
from .core.publish.materialize import materialize as write_materialized
from .core.publish.persistent import PersistentBuild
from .core.publish.swap import building
from .core.render.render import Renderer


@click.command()
@click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The site's MkDocs configuration.",
)
@click.option(
    "-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Where to publish [default: site_dir]."
)
@click.option("-s", "--strict", is_flag=True, help="Fail on warnings, as `mkdocs build --strict`.")
@click.option(
    "--incremental",
    is_flag=True,
    help="Rebuild only what the changes since the last build affect, in a copy of the published site, "
    "swapped in whole; the result is the same as without it.",
)
@AS_OF
def build(config_file: Path, site_dir: Path | None, strict: bool, incremental: bool, as_of: PartialDate | None) -> None:
    """Build the site with MkDocs, all or nothing: a failed or killed build leaves the previous site whole.

    MkDocs empties the site folder before it writes; this builds into a new
    folder beside it and swaps it in only when the build has succeeded.
    With --incremental the new folder starts as a copy of the published one
    (hard links) and MkDocs rebuilds only what the build state says changed.
    """
    # MkDocs only here: the rest of the command line works without it.
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _log_like_mkdocs()
    config = load_config(str(config_file), strict=strict)
    if as_of is not None and "elections" in config.plugins:
        config.plugins["elections"].config.as_of = as_of.iso()  # the flag wins over mkdocs.yml
    target = site_dir or Path(config.site_dir)
    plugin = config.plugins.get("elections")
    keeps_state = plugin is not None and hasattr(plugin, "persistent")  # a plugin that reads the build state
    if incremental and not keeps_state:
        click.echo("The elections plugin here keeps no build state: building everything.", err=True)
        incremental = False
    try:
        # An incremental build is an update on a live site: the old folder goes after the swap, unwaited.
        with building(target, staged=incremental, remove_old_later=incremental) as new:
            if keeps_state:
                plugin.persistent = PersistentBuild(new, target if incremental else None)  # type: ignore[union-attr]
            config.site_dir = str(new)
            config.plugins.on_startup(command="build", dirty=incremental)
            try:
                mkdocs_build(config, dirty=incremental)
            finally:
                config.plugins.on_shutdown()
    except MkDocsException as error:
        raise click.ClickException(f"{error}\nThe site in {target.as_posix()} was left as it was.") from None
    click.echo(f"Published to {target.as_posix()}")


def _log_like_mkdocs() -> None:
    """MkDocs' own command line prints its log this way; called as a library it prints nothing."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


@click.command()
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="A new folder for the pages.")
@click.option(
    "-f",
    "--config-file",
    "config_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The site's settings (URLs, sharing, as_of) are read from it, as the plugin reads them.",
)
@click.option("--data", "data_dir", default=None, type=click.Path(path_type=Path), help="[default: from mkdocs.yml]")
@click.option("--docs", "docs_dir", default=None, type=click.Path(path_type=Path), help="[default: from mkdocs.yml]")
@click.option(
    "--directory-urls/--no-directory-urls",
    default=None,
    help="Link as /parties/x/ or as /parties/x.html [default: from mkdocs.yml, else directory URLs].",
)
@AS_OF
def materialize(
    out_dir: Path,
    config_file: Path,
    data_dir: Path | None,
    docs_dir: Path | None,
    directory_urls: bool | None,
    as_of: PartialDate | None,
) -> None:
    """Write generated pages as Markdown (with docs/ resolved), for engines that don't run our plugins."""
    from .core.publish.siteconfig import read_site_config

    site = read_site_config(config_file.absolute())
    if directory_urls is not None:
        site.use_directory_urls = directory_urls
    site.as_of = as_of or site.as_of
    data = data_dir or site.data_path
    docs_path = docs_dir or site.docs_path
    docs = docs_path if docs_path.is_dir() else None
    try:
        dataset = load(data, docs, languages=site.languages)
    except DataError as error:
        for problem in error.problems:
            click.echo(str(problem))
        sys.exit(1)
    renderer = Renderer(dataset, site.render_options())
    try:
        written = write_materialized(renderer, docs, out_dir, site.data_files(renderer))
    except FileExistsError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {len(written)} files to {out_dir.as_posix()}")
