"""What the ``explainers`` commands share: the data, docs and config options, ``--as-of``, and how
problems are reported."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .core.data.dates import PartialDate


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

DATA_OPTION = click.option(
    "--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder."
)
DOCS_OPTION = click.option(
    "--docs",
    "docs_dir",
    default="docs",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Pages whose [[id]] links and front matter to check; skipped if missing.",
)
CONFIG_OPTION = click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The site's MkDocs configuration, for its languages; without one, the site is in English only.",
)


def report_problems(problems: list, *, output: str = "text") -> None:
    """Every problem, one a line, then the count on stderr; exit 1."""
    for problem in problems:
        click.echo(problem.github() if output == "github" else str(problem))
    count = len(problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
    sys.exit(1)
