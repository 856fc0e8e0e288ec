"""One dataset, several languages: the checks that need the site's languages, and what is left to translate.

The site's languages come from the plugin's ``languages:`` setting, the
default first. Free text (:mod:`.text`) is checked here rather than in the
models because the models do not know the site: a ``{de: ...}`` key is fine
data, but not on a site without German.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .files import display_path, walk
from .langtags import language_code_problem, language_suffix, not_a_site_language
from .models import Entity, Record, Story
from .problems import FieldPath, Problem, format_field
from .text import Text
from .yamlfile import YamlFile


def free_texts(model: BaseModel, at: FieldPath = ()) -> Iterator[tuple[FieldPath, Text]]:
    """Every free text (:class:`Text`) in ``model`` and its parts, with its field."""
    for name in _text_fields(type(model)):
        yield from _texts_in(getattr(model, name), (*at, name))


def _texts_in(value: Any, at: FieldPath) -> Iterator[tuple[FieldPath, Text]]:
    if isinstance(value, Text):
        yield at, value
    elif isinstance(value, BaseModel):
        yield from free_texts(value, at)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts_in(item, (*at, i))


@cache
def _text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that can hold free text, directly or in a part: found once per class."""
    return tuple(name for name, field in model.model_fields.items() if _can_hold_text(field.annotation, set()))


def _can_hold_text(annotation: Any, seen: set[Any]) -> bool:
    if annotation is Text:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return False
        seen.add(annotation)
        return any(_can_hold_text(f.annotation, seen) for f in annotation.model_fields.values())
    return any(_can_hold_text(arg, seen) for arg in typing.get_args(annotation))


def text_language(record: Record, languages: tuple[str, ...]) -> str:
    """The language a record's plain text is in: a story's own, else the site's default."""
    return record.lang if isinstance(record, Story) and record.lang else languages[0]


def check_languages(records: Iterable[Record], files: dict[str, YamlFile], languages: tuple[str, ...]) -> list[Problem]:
    """Text by language names only the site's languages and has the default; a story's language is the site's."""
    problems: list[Problem] = []
    for record in records:
        source = files.get(record.id)
        if source is None:
            continue
        if isinstance(record, Story) and record.lang is not None and record.lang not in languages:
            problems.append(source.problem(("lang",), not_a_site_language(record.lang, languages)))
        required = text_language(record, languages)
        for field, text in free_texts(record):
            if not text.translations:
                continue
            for lang in text.translations:
                why = language_code_problem(lang)
                if why is None and lang not in languages:
                    why = not_a_site_language(lang, languages)
                if why is not None:
                    problems.append(source.problem((*field, lang), why, key=True))
            if required not in text.translations:
                problems.append(
                    source.problem(
                        field,
                        f"has no text in '{required}', the {'story' if required != languages[0] else 'default'} "
                        "language: the other languages fall back to it",
                    )
                )
    return problems


def missing_translations(
    records: Iterable[Record], languages: tuple[str, ...], files: dict[str, YamlFile] | None = None
) -> dict[str, list[Problem]]:
    """For each language but the default: every name and free text not translated into it, in file order.

    A story written in one language (``lang:``) is complete as it is.
    With ``files``, each entry points at the line of the field.
    """
    missing: dict[str, list[Problem]] = {lang: [] for lang in languages[1:]}
    for record in records:
        if isinstance(record, Story) and record.lang is not None:
            continue
        source = files.get(record.id) if files else None
        for lang in languages[1:]:
            wanted = language_name(lang)
            if isinstance(record, Entity) and not any(o.lang == lang for o in record.other_names):
                missing[lang].append(
                    _missing(record, source, ("name",), f"no name in {wanted}: an other_names entry with lang: {lang}")
                )
            for field, text in free_texts(record):
                if not text.has_language(lang):
                    missing[lang].append(_missing(record, source, field, f"not translated into {wanted} ({lang})"))
    for found in missing.values():
        found.sort()  # by file and line, as an editor goes through them
    return missing


def _missing(record: Record, source: YamlFile | None, field: FieldPath, message: str) -> Problem:
    if source is not None:
        return source.problem(field, message)
    return Problem(record.file, 1, 1, format_field(field), message)


def missing_page_translations(
    docs_dir: Path, languages: tuple[str, ...], root: Path | None = None
) -> dict[str, list[Problem]]:
    """For each language but the default: the docs pages with no ``.<lang>.md`` version beside them.

    A page written in one language (``lang:`` in its front matter, or a
    language suffix) needs none.
    """
    from .pages import page_language_field  # pages imports the checks this module's callers run first

    missing: dict[str, list[Problem]] = {lang: [] for lang in languages[1:]}
    if not docs_dir.is_dir():
        return missing
    shown_docs = display_path(docs_dir, root)
    names: dict[tuple[str, ...], set[str]] = {}
    # Each readable page with the path to open it (its real path is never None here).
    entries = [
        (e, real) for e in walk(docs_dir, "the docs folder") if e.name.endswith(".md") and (real := e.real) is not None
    ]
    for entry, _ in entries:
        names.setdefault(entry.relative, set()).add(entry.name)
    for entry, real in entries:
        stem, lang = language_suffix(entry.name)
        if lang is not None or page_language_field(real) is not None:
            continue
        for other in languages[1:]:
            translated = f"{stem.removesuffix('.md')}.{other}.md"
            if translated not in names[entry.relative]:
                shown = "/".join((shown_docs, *entry.relative, entry.name))
                message = f"no {language_name(other)} version: {translated} beside it"
                missing[other].append(Problem(shown, 1, 1, "", message))
    return missing


def language_name(code: str) -> str:
    """``Russian`` for ``ru``, in English (messages to editors are in English), or the code itself."""
    from .langtags import cldr_locale

    locale = cldr_locale(code)
    return (locale.get_display_name("en") or code) if locale is not None else code
