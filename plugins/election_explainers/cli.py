"""The ``explainers`` command: validate data, build the site safely, write JSON Schemas, materialize pages,
import results from a spreadsheet."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from .cli_count import check_count_options, count_outcome, reported_option, updated_option
from .core.data.count_import import CountUpdate, append_count_update, with_count
from .core.data.dates import PartialDate
from .core.data.field_reference import REFERENCE_PAGE, field_reference, write_field_reference
from .core.data.files import display_path
from .core.data.langtags import not_a_site_language, site_language_problems
from .core.data.languages import language_name, missing_page_translations, missing_translations
from .core.data.loader import load, load_records
from .core.data.models import Election
from .core.data.problems import DataError, did_you_mean
from .core.data.result_import import ROLES, Figure, ImportRequest, read_name_map, read_result_set, request_problems
from .core.data.result_yaml import ImportRefused, apply_result_set
from .core.data.schema import SCHEMA_FOLDER, write_schemas
from .core.data.tables import TableError, read_table
from .core.publish.materialize import materialize as write_materialized
from .core.publish.persistent import PersistentBuild
from .core.publish.site_languages import site_languages, untranslated_allowed
from .core.publish.swap import building
from .core.render.render import Renderer

SMALL_DATA_FILES = 300  # below this many data files, `diff` renders in one process


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


@main.command()
@DATA_OPTION
@DOCS_OPTION
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github: GitHub Actions annotations, shown on the pull request's lines.",
)
@CONFIG_OPTION
@click.option("-s", "--strict", is_flag=True, help="A missing translation is an error, not a warning.")
def validate(data_dir: Path, docs_dir: Path, output: str, config_file: Path, strict: bool) -> None:
    """Check every data file (and page); print every problem; exit 1 if any."""
    languages = _languages(config_file)
    docs = docs_dir if docs_dir.is_dir() else None
    try:
        load(data_dir, docs, languages=languages)
    except DataError as error:
        _report(error.problems, output=output)
    if len(languages) < 2:
        return
    missing = _missing_translations(data_dir, docs, languages)
    if strict and any(missing.values()):
        _report([problem for lang in missing for problem in missing[lang]], output=output)
    counts = [f"{len(found)} into {language_name(lang)} ({lang})" for lang, found in missing.items() if found]
    if counts and not untranslated_allowed(config_file):  # a site partly translated on purpose is not nagged
        click.echo(f"warning: not yet translated: {', '.join(counts)}; `explainers translations` lists them", err=True)


@main.command()
@DATA_OPTION
@DOCS_OPTION
@CONFIG_OPTION
@click.option(
    "--lang", "only", multiple=True, help="Only this language (repeatable) [default: every language but the first]."
)
def translations(data_dir: Path, docs_dir: Path, config_file: Path, only: tuple[str, ...]) -> None:
    """List what is not yet translated, per language: names, free text and docs pages, each with its line."""
    languages = _languages(config_file)
    for lang in only:
        if lang not in languages[1:]:
            raise click.BadParameter(not_a_site_language(lang, languages), param_hint="--lang")
    missing = _missing_translations(data_dir, docs_dir if docs_dir.is_dir() else None, languages)
    for lang, found in missing.items():
        if only and lang not in only:
            continue
        click.echo(f"{language_name(lang)} ({lang}): {len(found)} missing")
        for problem in found:
            click.echo(f"  {problem}")


def _languages(config_file: Path) -> tuple[str, ...]:
    """The plugin's ``languages:`` in ``config_file`` (the default first); English alone without one."""
    languages = site_languages(config_file)
    problems = site_language_problems(list(languages))
    if problems:
        raise click.ClickException(f"{config_file.as_posix()}: languages: " + "; ".join(problems))
    return languages


def _missing_translations(data_dir: Path, docs_dir: Path | None, languages: tuple[str, ...]) -> dict[str, list]:
    loaded = load_records(data_dir, default_language=languages[0])
    missing = missing_translations(loaded.records.values(), languages, loaded.files)
    if docs_dir is not None:
        for lang, pages in missing_page_translations(docs_dir, languages).items():
            missing[lang] += pages
    return missing


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


@main.command()
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

    from .core.publish.diff import WORKING_TREE, ReportOptions, compare, report, snapshots
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


@main.command("guide-fields")
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


def _report(problems: list, *, output: str = "text") -> None:
    """Every problem, one a line, then the count on stderr; exit 1."""
    for problem in problems:
        click.echo(problem.github() if output == "github" else str(problem))
    count = len(problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
    sys.exit(1)


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


@main.command("import-results")
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
@click.option(
    "--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder."
)
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
        _report(error.problems)
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
                _report(problems)
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
        _report(error.problems)
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


if __name__ == "__main__":
    main()
