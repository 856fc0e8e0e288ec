"""``explainers import-results``: put a result set from a commission's spreadsheet into an election's
YAML file (or, on election night, one more update of the count)."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_count import check_count_options, count_outcome, reported_option, updated_option
from .cli_options import DATA_OPTION, report_problems
from .core.data.count_import import CountUpdate, append_count_update, with_count
from .core.data.dates import PartialDate
from .core.data.files import display_path
from .core.data.loader import load
from .core.data.models import Election
from .core.data.problems import DataError, did_you_mean
from .core.data.result_columns import ROLES
from .core.data.result_figures import Figure
from .core.data.result_import import ImportRequest, read_result_set, request_problems
from .core.data.result_names import read_name_map
from .core.data.result_yaml import ImportRefused, apply_result_set
from .core.data.tables import TableError, read_table


def _date_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value).iso()
    except ValueError as error:
        raise click.BadParameter(f"{value!r}: {error}") from None


def _column_options(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    columns = {}
    for value in values:
        role, equals, header = value.partition("=")
        if not equals or role.strip() not in ROLES or not header.strip():
            raise click.BadParameter(f"{value!r}: write ROLE=HEADER (or ROLE=LETTER), ROLE one of {', '.join(ROLES)}")
        columns[role.strip()] = header.strip()
    return columns


@click.command("import-results")
@click.argument("table_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--election", "election_id", required=True, help="The election's id (its file name in data/elections/).")
@click.option(
    "--kind",
    type=click.Choice(["official", "preliminary", "exit_poll"]),
    default="official",
    show_default=True,
    help="Which result set the table is.",
)
@click.option(
    "--map",
    "map_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML: spreadsheet name: id (or {option: text}, or nothing to skip the line).",
)
@click.option("--replace", is_flag=True, help="Overwrite a different result set of this kind.")
@click.option(
    "--updated",
    callback=updated_option,
    metavar="DATE-TIME",
    help="Election night: when this update of the preliminary count was published, with its UTC offset "
    "(2023-03-19T23:40:00+06:00); the set is added after the earlier updates instead of replacing them.",
)
@click.option(
    "--reported", callback=reported_option, metavar="PERCENT", help="With --updated: how much of the count is done."
)
@click.option("--basis", type=click.Choice(["precincts", "votes"]), help="With --reported: what it counts.")
@click.option(
    "--column",
    "columns",
    multiple=True,
    callback=_column_options,
    metavar="ROLE=HEADER",
    help=f"Which column holds what, when the headers don't say it ({', '.join(ROLES)}); HEADER may be a letter.",
)
@click.option("--source-title", help="The source of the figures: its title.")
@click.option("--source-publisher", help="The source's publisher.")
@click.option("--source-url", help="The source's web address.")
@click.option("--source-date", callback=_date_option, help="The source's date (YYYY-MM-DD).")
@click.option("--date", "set_date", callback=_date_option, help="When the figures were published, if it matters.")
@click.option("--pollster", help="Who ran the exit poll.")
@click.option("--tier", help="For an election with tiers: the tier the table counts (one of its tiers' ids).")
@click.option("--area", help="For one area's count: a constituency of the election or a region of the country.")
@click.option(
    "--round", "round_number", type=click.IntRange(min=1), help="For a vote in rounds: which round (1, 2, ...)."
)
@click.option("--sheet", help="The sheet of an Excel file [default: the first].")
@click.option("--encoding", default="utf-8-sig", show_default=True, help="A CSV file's text encoding.")
@DATA_OPTION
def import_results(
    table_file: Path,
    election_id: str,
    kind: str,
    map_file: Path | None,
    replace: bool,
    updated: str | None,
    reported: Figure | None,
    basis: str | None,
    columns: dict[str, str],
    source_title: str | None,
    source_publisher: str | None,
    source_url: str | None,
    source_date: str | None,
    set_date: str | None,
    pollster: str | None,
    tier: str | None,
    area: str | None,
    round_number: int | None,
    sheet: str | None,
    encoding: str,
    data_dir: Path,
) -> None:
    """Put a result set from a commission's spreadsheet (CSV or XLSX) into an election's YAML file.

    Party and candidate names are matched to ids through their name and
    other_names; the file keeps its comments and layout, and is checked
    before it is written.
    """
    try:
        dataset = load(data_dir)
    except DataError as error:
        click.echo("The data has problems already; fix them before importing:", err=True)
        report_problems(error.problems)
    election = dataset.get(election_id)
    if not isinstance(election, Election):
        elections = [e.id for e in dataset.elections]
        raise click.ClickException(f"no election has the id '{election_id}'{did_you_mean(election_id, elections)}")
    source = {"title": source_title, "publisher": source_publisher, "url": source_url, "date": source_date}
    if any(source.values()) and not source_title:
        raise click.BadParameter("a source needs a title: add --source-title", param_hint="--source-title")
    request = ImportRequest(election_id, kind, columns=columns, source=source, date=set_date, pollster=pollster)
    request.tier, request.area, request.round = tier, area, round_number
    misfits = request_problems(request, election, dataset)
    if misfits:
        raise click.UsageError("\n".join(misfits))
    try:
        table = read_table(table_file, display_path(table_file), encoding=encoding, sheet=sheet)
        if map_file is not None:
            request.names, problems = read_name_map(map_file, display_path(map_file), dataset)
            if problems:
                report_problems(problems)
        imported = read_result_set(table, request, dataset)
        if updated is not None:  # election night: one more update in the count's history
            check_count_options(kind, replace)
            imported = with_count(imported, CountUpdate(updated, reported, basis))
            outcome = append_count_update(data_dir, election, imported)
        else:
            if reported is not None or basis is not None:
                raise click.BadParameter("--reported and --basis go with --updated", param_hint="--updated")
            outcome = apply_result_set(data_dir, election, imported, replace=replace)
    except TableError as error:
        raise click.ClickException(str(error)) from None
    except DataError as error:
        report_problems(error.problems)
    except ImportRefused as error:
        raise click.ClickException(str(error)) from None
    place = [f"{key} {value}" for key, value in (("tier", tier), ("area", area), ("round", round_number)) if value]
    described = f"{kind} ({', '.join(place)})" if place else kind
    for note in imported.skipped:
        click.echo(f"{display_path(table_file)}: left out {note}", err=True)
    if updated is not None:
        click.echo(f"{outcome.file}: {count_outcome(outcome, imported)}")
    elif outcome.status == "unchanged":
        click.echo(f"{outcome.file}: unchanged; its {described} result set already holds these {outcome.rows} rows")
    else:
        click.echo(f"{outcome.file}: {outcome.status} the {described} result set ({outcome.rows} rows)")
