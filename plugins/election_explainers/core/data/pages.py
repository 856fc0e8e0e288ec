"""Hand-written pages in ``docs/``: their ``[[id]]`` links and data front matter.

A page may set ``about: [ids]``, ``date:`` and ``summary:`` in its front
matter; it then takes part in related stories like a story does.
"""

from __future__ import annotations

import re
from pathlib import Path

from .checks import ANY_KIND, link_problems, unknown_id_message
from .dataset import Dataset, Page
from .dates import PartialDate
from .files import MiB, display_path, fingerprint, read_capped, walk
from .langtags import language_code_problem, language_suffix, not_a_site_language
from .problems import FieldPath, Problem, printable
from .slugs import SectionNames
from .text import DEFAULT_LANGUAGE
from .yamlfile import YamlFile, decode, parse_yaml

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TITLE_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


# A hand-written page is text; more than this is a mistake, and is not read past it.
MAX_PAGE_BYTES = 5 * MiB


def load_pages(
    docs_dir: Path,
    dataset: Dataset,
    root: Path | None = None,
    sections: SectionNames | None = None,
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,),
) -> tuple[list[Page], list[Problem], dict[str, str]]:
    """Check every page in ``docs_dir``: its pages with data, the problems, and a fingerprint of each page with data."""
    pages: list[Page] = []
    problems: list[Problem] = []
    prints: dict[str, str] = {}
    sections = SectionNames() if sections is None else sections
    if not docs_dir.is_dir():
        return pages, problems, prints
    shown_docs_dir = display_path(docs_dir, root)
    for entry in walk(docs_dir, "the docs folder"):
        if not entry.name.endswith(".md") and not entry.folder:
            continue
        src = "/".join((*entry.relative, entry.name))
        shown = f"{shown_docs_dir}/{printable(src)}"
        raw, why = (None, entry.problem) if entry.real is None else read_capped(entry.real, MAX_PAGE_BYTES)
        if raw is None:
            problems.append(Problem(shown, 1, 1, "", why or "the file cannot be read"))
            continue
        text, decode_problems = decode(shown, raw)
        if text is None:
            problems += decode_problems
            continue
        page, page_problems = read_page(src, shown, text, dataset, sections, languages)
        problems += page_problems
        if page is not None:
            pages.append(page)
            prints[src] = fingerprint(raw)
    return pages, problems, prints


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter, body, line number in the file where the body starts, 0-based)."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return None, text, 0
    return match.group(1) or "", text[match.end() :], text.count("\n", 0, match.end())


def read_page(
    src: str,
    shown: str,
    text: str,
    dataset: Dataset,
    sections: SectionNames | None = None,
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,),
) -> tuple[Page | None, list[Problem]]:
    """Check one page; return its data part (``None`` if it has none) and its problems."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # line numbers stay the same
    front, body, body_line = split_front_matter(text)
    problems: list[Problem] = []
    suffix = language_suffix(src.rsplit("/", 1)[-1])[1]
    if suffix is not None and suffix not in languages[1:]:
        why = (
            f"a page in the default language ({suffix}) takes no language suffix: name it {language_suffix(src)[0]}"
            if suffix == languages[0]
            else "the page's language suffix: " + not_a_site_language(suffix, languages)
        )
        problems.append(Problem(shown, 1, 1, "", why))
    for link, message in sorted(link_problems(dataset, body), key=lambda item: item[0].start):
        problems.append(Problem(shown, body_line + link.line + 1, link.column + 1, "", message))
    if not front:
        return None, problems
    source, yaml_problems = parse_yaml(shown, front)
    if source is None:
        if _only_comments(front):
            return None, problems  # "---\n# draft\n---": no fields, nothing wrong
        # Offset positions by the opening '---' line.
        problems += [Problem(p.file, p.line + 1, p.column, p.field, p.message) for p in yaml_problems]
        return None, problems
    if not isinstance(source.data, dict):
        problems.append(
            _shifted(source, (), "front matter must be a mapping of fields (title: …), not a list or single value")
        )
        return None, problems
    fields = _FrontMatter(source, dataset, languages, suffix)
    page = fields.page(src, body)
    problems += fields.problems
    if page is not None and page.section is not None and sections is not None:
        taken = sections.claim(page.section, shown)
        if taken is not None:
            problems.append(_shifted(source, ("section",), taken))
    return page, problems


def _only_comments(front: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in front.splitlines())


class _FrontMatter:
    """The fields of a page's front matter that take part in the data, each checked."""

    def __init__(
        self,
        source: YamlFile,
        dataset: Dataset,
        languages: tuple[str, ...] = (DEFAULT_LANGUAGE,),
        suffix: str | None = None,
    ) -> None:
        self.source = source
        self.dataset = dataset
        self.languages = languages
        self.suffix = suffix  # the language of the file name (kz-2021.ru.md), if any
        self.problems: list[Problem] = []

    def fail(self, field: FieldPath, message: str) -> None:
        self.problems.append(_shifted(self.source, field, message))

    def text(self, name: str) -> str | None:
        value = self.source.data.get(name)
        if value is not None and not isinstance(value, str):
            self.fail((name,), f"expected text, got {_describe(value)}")
            return None
        return value

    def texts(self, name: str, what: str) -> list[str]:
        value = self.source.data.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail((name,), f"expected a list of {what}")
            return []
        return value

    def about(self) -> list[str]:
        about = self.texts("about", "ids")
        for i, target in enumerate(about):
            if target not in self.dataset.known:
                self.fail(("about", i), unknown_id_message(self.dataset, target, ANY_KIND))
        return about

    def lang(self) -> str | None:
        """``lang: ru``: a page written in one language; by suffix, the file name says it."""
        lang = self.text("lang")
        if lang is None:
            return self.suffix
        why = language_code_problem(lang)
        if why is None and lang not in self.languages:
            why = not_a_site_language(lang, self.languages)
        if why is None and self.suffix is not None and lang != self.suffix:
            why = f"the page says lang: {lang} but its file name says {self.suffix}"
        if why is not None:
            self.fail(("lang",), why)
            return self.suffix
        return lang

    def date(self) -> PartialDate | None:
        value = self.source.data.get("date")
        if value is None:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            self.fail(("date",), str(error))
            return None

    def page(self, src: str, body: str) -> Page | None:
        """Every field is checked whether or not the page takes part in the data."""
        about, date, lang = self.about(), self.date(), self.lang()
        summary, title = self.text("summary"), self.text("title")
        section, byline = self.text("section"), self.text("byline")
        tags = self.texts("tags", "tags")
        if title is None and (heading := _TITLE_RE.search(body)):
            title = heading.group(1)
        if not about and date is None:
            return None
        return Page(src, title, date, summary, tuple(about), section, byline, tuple(tags), lang)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return "a number"
    return "a list" if isinstance(value, list) else "a mapping"


def _shifted(source: YamlFile, field: FieldPath, message: str) -> Problem:
    problem = source.problem(field, message)
    return Problem(problem.file, problem.line + 1, problem.column, problem.field, message)


def page_language_field(path: str | Path) -> str | None:
    """The ``lang:`` a page's front matter sets, read without checking the rest (for listing translations)."""
    raw, _ = read_capped(str(path), MAX_PAGE_BYTES)
    text = raw.decode("utf-8", "replace") if raw is not None else ""
    front = split_front_matter(text.replace("\r\n", "\n"))[0]
    if not front:
        return None
    source, _ = parse_yaml(str(path), front)
    data = source.data if source is not None else None
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) else None
