"""The ``explainers`` command: validate data, build the site safely, write JSON Schemas, materialize pages,
import results from a spreadsheet.

Each command lives in a ``cli_*`` module of its own; this one gathers them under one group.
"""

from __future__ import annotations

import click

from .cli_build import build, materialize
from .cli_check import translations, validate
from .cli_diff import diff
from .cli_import import import_results
from .cli_reference import guide_fields, schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Election explainers: check and publish election data."""


for command in (validate, translations, build, schema, materialize, diff, guide_fields, import_results):
    main.add_command(command)


if __name__ == "__main__":
    main()
