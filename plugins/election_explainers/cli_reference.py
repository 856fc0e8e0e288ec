"""``explainers schema`` and ``explainers guide-fields``: write the data format's reference from the
models, as JSON Schemas for editors and as the guide's field page."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_options import DATA_OPTION
from .core.data.field_reference import REFERENCE_PAGE, field_reference, write_field_reference
from .core.data.schema import SCHEMA_FOLDER, write_schemas


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Where to write them [default: DATA/{SCHEMA_FOLDER}].",
)
@DATA_OPTION
def schema(out_dir: Path | None, data_dir: Path) -> None:
    """Write a JSON Schema per kind (country, party, person, election, story)."""
    for path in write_schemas(out_dir or data_dir / SCHEMA_FOLDER):
        click.echo(path.as_posix())


@click.command("guide-fields")
@click.option(
    "--out",
    "out_file",
    default=str(REFERENCE_PAGE),
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The page to write.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the page is not what the models say.")
def guide_fields(out_file: Path, check: bool) -> None:
    """Write the guide's field reference from the data models (every field, its type and an example)."""
    if check:
        current = out_file.read_text(encoding="utf-8") if out_file.is_file() else None
        if current != field_reference():
            raise click.ClickException(f"{out_file.as_posix()} is out of date: run `explainers guide-fields`")
        return
    changed = write_field_reference(out_file)
    click.echo(f"{'Wrote' if changed else 'Unchanged:'} {out_file.as_posix()}")
