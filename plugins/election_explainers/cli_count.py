"""Command-line options of ``import-results`` for election night: ``--updated``, ``--reported``, ``--basis``."""

from __future__ import annotations

import click

from .core.data.count_import import parse_reported
from .core.data.models import parse_timestamp
from .core.data.result_figures import Figure
from .core.data.result_import import Imported
from .core.data.result_yaml import Outcome


def updated_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        parse_timestamp(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    return value.strip()


def reported_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Figure | None:
    if value is None:
        return None
    try:
        return parse_reported(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def check_count_options(kind: str, replace: bool) -> None:
    if kind != "preliminary":
        raise click.BadParameter("--updated is for --kind preliminary (an update of the count)", param_hint="--updated")
    if replace:
        raise click.BadParameter("an update of the count is added, never replaced: leave out --replace")


def count_outcome(outcome: Outcome, imported: Imported) -> str:
    result_set = imported.result_set
    progress = f"{result_set.reported:g}% reported, " if result_set.reported is not None else ""
    assert result_set.updated is not None
    when = f"{progress}updated {result_set.updated.isoformat()}, {outcome.rows} rows"
    if outcome.status == "unchanged":
        return f"unchanged; its newest preliminary set already is this update ({when})"
    return f"added an update of the preliminary count ({when}); the earlier updates are kept"
