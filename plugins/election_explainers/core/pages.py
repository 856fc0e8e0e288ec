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
from .loader import display_path
from .problems import Problem
from .yamlfile import YamlFile, decode, parse_yaml

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TITLE_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def load_pages(docs_dir: Path, dataset: Dataset, root: Path | None = None) -> tuple[list[Page], list[Problem]]:
    pages: list[Page] = []
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
            continue
        shown = display_path(path, root)
        text, decode_problems = decode(shown, path.read_bytes())
        if text is None:
            problems += decode_problems
            continue
        page, page_problems = read_page(path.relative_to(docs_dir).as_posix(), shown, text, dataset)
        problems += page_problems
        if page is not None:
            pages.append(page)
    return pages, problems


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter, body, line number in the file where the body starts, 0-based)."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return None, text, 0
    return match.group(1) or "", text[match.end() :], text.count("\n", 0, match.end())


def read_page(src: str, shown: str, text: str, dataset: Dataset) -> tuple[Page | None, list[Problem]]:
    """Check one page; return its data part (``None`` if it has none) and its problems."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # line numbers stay the same
    front, body, body_line = split_front_matter(text)
    problems: list[Problem] = []
    for link, message in link_problems(dataset, body):
        problems.append(Problem(shown, body_line + link.line + 1, link.column + 1, "", message))
    if not front:
        return None, problems
    # Offset positions by the opening '---' line.
    source, yaml_problems = parse_yaml(shown, front)
    if source is None or not isinstance(source.data, dict):
        problems += [Problem(p.file, p.line + 1, p.column, p.field, p.message) for p in yaml_problems]
        return None, problems
    meta = source.data
    about, date, summary = meta.get("about", []), meta.get("date"), meta.get("summary")
    if isinstance(about, str):
        about = [about]
    if not isinstance(about, list) or not all(isinstance(a, str) for a in about):
        problems.append(_shifted(source, ("about",), "expected a list of ids"))
        about = []
    for i, target in enumerate(about):
        if target not in dataset.known:
            problems.append(_shifted(source, ("about", i), unknown_id_message(dataset, target, ANY_KIND)))
    parsed_date = None
    if date is not None:
        try:
            parsed_date = PartialDate.parse(date)
        except ValueError as error:
            problems.append(_shifted(source, ("date",), str(error)))
    if summary is not None and not isinstance(summary, str):
        problems.append(_shifted(source, ("summary",), "expected text"))
        summary = None
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    if title is None and (heading := _TITLE_RE.search(body)):
        title = heading.group(1)
    if not about and parsed_date is None:
        return None, problems
    section, byline, tags = meta.get("section"), meta.get("byline"), meta.get("tags", [])
    for name, value in (("section", section), ("byline", byline)):
        if value is not None and not isinstance(value, str):
            problems.append(_shifted(source, (name,), "expected text"))
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(_shifted(source, ("tags",), "expected a list of tags"))
        tags = []
    return Page(
        src,
        title,
        parsed_date,
        summary,
        tuple(about),
        section if isinstance(section, str) else None,
        byline if isinstance(byline, str) else None,
        tuple(tags),
    ), problems


def _shifted(source: YamlFile, field: tuple[str | int, ...], message: str) -> Problem:
    problem = source.problem(field, message)
    return Problem(problem.file, problem.line + 1, problem.column, problem.field, message)
