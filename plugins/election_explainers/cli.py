"""The ``explainers`` command: validate data, build the site safely, write JSON Schemas, materialize pages."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .core.dates import PartialDate
from .core.loader import load
from .core.materialize import materialize as write_materialized
from .core.problems import DataError
from .core.render import Renderer, RenderOptions
from .core.schema import SCHEMA_FOLDER, write_schemas
from .core.swap import building


class DateParam(click.ParamType):
    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> PartialDate:
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


AS_OF = click.option(
    "--as-of",
    "as_of",
    type=DateParam(),
    default=None,
    help="The date entity pages and hubs are true on (YYYY[-MM[-DD]]) [default: the newest dated fact in the data].",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Election explainers: check and publish election data."""


@main.command()
@click.option(
    "--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder."
)
@click.option(
    "--docs",
    "docs_dir",
    default="docs",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Pages whose [[id]] links and front matter to check; skipped if missing.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github: GitHub Actions annotations, shown on the pull request's lines.",
)
def validate(data_dir: Path, docs_dir: Path, output: str) -> None:
    """Check every data file (and page); print every problem; exit 1 if any."""
    try:
        load(data_dir, docs_dir if docs_dir.is_dir() else None)
    except DataError as error:
        for problem in error.problems:
            click.echo(problem.github() if output == "github" else str(problem))
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        sys.exit(1)


@main.command()
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
@AS_OF
def build(config_file: Path, site_dir: Path | None, strict: bool, as_of: PartialDate | None) -> None:
    """Build the site with MkDocs, all or nothing: a failed or killed build leaves the previous site whole.

    MkDocs empties the site folder before it writes; this builds into a new
    folder beside it and swaps it in only when the build has succeeded.
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
    try:
        with building(target) as new:
            config.site_dir = str(new)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
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


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Where to write them [default: DATA/{SCHEMA_FOLDER}].",
)
@click.option(
    "--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder."
)
def schema(out_dir: Path | None, data_dir: Path) -> None:
    """Write a JSON Schema per kind (country, party, person, election, story)."""
    for path in write_schemas(out_dir or data_dir / SCHEMA_FOLDER):
        click.echo(path.as_posix())


@main.command()
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="A new folder for the pages.")
@click.option("--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path))
@click.option("--docs", "docs_dir", default="docs", show_default=True, type=click.Path(path_type=Path))
@click.option(
    "--directory-urls/--no-directory-urls",
    default=True,
    show_default=True,
    help="Link as /parties/x/ (MkDocs' default) or as /parties/x.html.",
)
@AS_OF
def materialize(out_dir: Path, data_dir: Path, docs_dir: Path, directory_urls: bool, as_of: PartialDate | None) -> None:
    """Write generated pages as Markdown (with docs/ resolved), for engines that don't run our plugins."""
    docs = docs_dir if docs_dir.is_dir() else None
    try:
        dataset = load(data_dir, docs)
    except DataError as error:
        for problem in error.problems:
            click.echo(str(problem))
        sys.exit(1)
    renderer = Renderer(dataset, RenderOptions(use_directory_urls=directory_urls, as_of=as_of))
    try:
        written = write_materialized(renderer, docs, out_dir)
    except FileExistsError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {len(written)} files to {out_dir.as_posix()}")


if __name__ == "__main__":
    main()
