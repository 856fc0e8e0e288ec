"""``[[id]]`` links and ``![[id#component]]`` embeds in Markdown.

- ``[[id]]`` links to the entity's page with its name, ``[[id|text]]`` with
  that text, ``[[id#results]]`` to a section of its page.
- ``![[id#component]]`` on a line of its own embeds a generated component
  (results table, seat chart, …) in a hand-written page; ``![[id]]`` embeds
  the key-facts box.

Links inside code (fenced blocks and inline backticks) are left alone, so an
editor guide can show the syntax itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

LINK_RE = re.compile(r"(!)?\[\[([^\[\]|#\n]+?)(?:#([^\[\]|\n]+?))?(?:\|([^\[\]\n]+?))?\]\]")

# Components an embed may name, and the kinds of entity that have each.
EMBEDS: dict[str, tuple[str, ...]] = {
    "facts": ("country", "party", "person", "election", "story"),
    "results": ("election",),
    "seats": ("election", "country"),
    "votes": ("election",),
    "history": ("party",),
    "timeline": ("country", "party", "person", "election"),
    "stories": ("country", "party", "person", "election", "story"),
}
_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_INLINE_CODE_RE = re.compile(r"(`+)(?:.+?)\1")
_MAY_HAVE_CODE_RE = re.compile(r"`|~~~|^(?: {4}|\t)", re.MULTILINE)
_LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]")


@dataclass(frozen=True, slots=True)
class WikiLink:
    target: str
    text: str | None
    section: str | None  # after '#': an anchor for a link, a component for an embed
    embed: bool
    line: int  # 0-based within the Markdown
    column: int  # 0-based within its line
    start: int  # offsets in the whole text
    end: int


def find_links(markdown: str) -> Iterator[WikiLink]:
    """Every ``[[…]]`` outside code, with where it stands."""
    if "[[" not in markdown:
        return
    if not _MAY_HAVE_CODE_RE.search(markdown):
        # No code anywhere (the usual case): one pass over the whole text.
        for match in LINK_RE.finditer(markdown):
            line_start = markdown.rfind("\n", 0, match.start()) + 1
            yield _link(match, markdown.count("\n", 0, match.start()), match.start() - line_start, line_start)
        return
    offset = 0
    fence: str | None = None
    indented_code = after_blank = in_list = False
    for number, line in enumerate(markdown.splitlines(keepends=True)):
        opening = _FENCE_RE.match(line)
        blank = not line.strip()
        indented = not blank and (line.startswith("    ") or line.startswith("\t"))
        # An indented block after a blank line is code, unless it continues a list item.
        indented_code = indented and (indented_code or (after_blank and not in_list))
        if not blank and not indented:
            in_list = bool(_LIST_ITEM_RE.match(line)) or (in_list and not after_blank)
        after_blank = blank
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        elif not indented_code:
            code_spans = [m.span() for m in _INLINE_CODE_RE.finditer(line)]
            for match in LINK_RE.finditer(line):
                if any(start <= match.start() < end for start, end in code_spans):
                    continue
                yield _link(match, number, match.start(), offset)
        offset += len(line)


def _link(match: re.Match[str], line: int, column: int, line_offset: int) -> WikiLink:
    """A link from a match in a line that starts at ``line_offset`` of the whole text."""
    bang, target, section, text = match.groups()
    start = line_offset + column
    return WikiLink(
        target.strip(),
        text.strip() if text else None,
        section.strip() if section else None,
        bool(bang),
        line,
        column,
        start,
        start + match.end() - match.start(),
    )


def replace_links(markdown: str, render: Callable[[WikiLink], str]) -> str:
    """``markdown`` with each link replaced by what ``render`` makes of it."""
    parts: list[str] = []
    last = 0
    for link in find_links(markdown):
        parts.append(markdown[last : link.start])
        parts.append(render(link))
        last = link.end
    parts.append(markdown[last:])
    return "".join(parts)


def embed_problem(link: WikiLink, kind: str) -> str | None:
    """Why an embed cannot be made for an entity of ``kind``, if it cannot."""
    component = link.section or "facts"
    kinds = EMBEDS.get(component)
    if kinds is None:
        return f"unknown component '{component}' (use {', '.join(EMBEDS)})"
    if kind not in kinds:
        return f"a {kind} has no '{component}' component"
    return None
