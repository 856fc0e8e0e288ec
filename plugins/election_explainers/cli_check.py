"""``explainers validate`` and ``explainers translations``: check the data (and pages), and list what is
not yet translated."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_options import CONFIG_OPTION, DATA_OPTION, DOCS_OPTION, report_problems
from .core.data.langtags import not_a_site_language, site_language_problems
from .core.data.languages import language_name, missing_page_translations, missing_translations
from .core.data.loader import load, load_records
from .core.data.problems import DataError
from .core.publish.site_languages import site_languages, untranslated_allowed


@click.command()
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
        report_problems(error.problems, output=output)
    if len(languages) < 2:
        return
    missing = _missing_translations(data_dir, docs, languages)
    if strict and any(missing.values()):
        report_problems([problem for lang in missing for problem in missing[lang]], output=output)
    counts = [f"{len(found)} into {language_name(lang)} ({lang})" for lang, found in missing.items() if found]
    if counts and not untranslated_allowed(config_file):  # a site partly translated on purpose is not nagged
        click.echo(f"warning: not yet translated: {', '.join(counts)}; `explainers translations` lists them", err=True)


@click.command()
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
