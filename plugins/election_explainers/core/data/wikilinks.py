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
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass

LINK_RE = re.compile(r"(!)?\[\[([^\[\]|#\n]+?)(?:#([^\[\]|\n]+?))?(?:\|([^\[\]\n]+?))?\]\]")

# Components an embed may name, and the kinds of entity that have each.
EMBEDS: dict[str, tuple[str, ...]] = {
    "facts": ("country", "party", "person", "election", "story"),
    "results": ("election",),
    "seats": ("election", "country"),
    "votes": ("election",),
    "history": ("party",),
    "tiers": ("election",),
    "districts": ("election",),
    "rounds": ("election",),
    "areas": ("election",),
    "timeline": ("country", "party", "person", "election"),
    "stories": ("country", "party", "person", "election", "story"),
}
_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_BACKTICKS_RE = re.compile(r"`+")
_LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]")
# Anything written as a link, empty parts allowed ([[|x]], [[kz|]], [[kz#]], [[]]), with
# LINK_RE's character classes: a match whose parts are all non-empty is exactly LINK_RE's
# match. It starts with a literal '[[' (an embed's '!' is looked up before it), which
# lets the regex engine skip ahead to each '[[' instead of trying every position.
_SCAN_RE = re.compile(r"\[\[([^\[\]|#\n]*?)(?:(#)([^\[\]|\n]*?))?(?:(\|)([^\[\]\n]*?))?\]\]")
# A whole [[…]] token, for finding copies of a link's text (see link_places).
_TOKEN_RE = re.compile(r"!?\[\[[^\[\]\n]*\]\]")


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
    for link, broken in scan_links(markdown):
        if broken is None or broken.strict:
            yield link


def find_broken_links(markdown: str) -> Iterator[tuple[WikiLink, str]]:
    """Every ``[[…]]`` outside code with an empty part, and what is empty.

    :func:`find_links` leaves ``[[|x]]``, ``[[kz|]]`` and ``[[kz#]]`` as
    text; an editor who wrote one meant a link, so validation reports them.
    """
    for link, broken in scan_links(markdown):
        if broken is not None:
            yield link, broken.message


@dataclass(frozen=True, slots=True)
class Broken:
    """What is empty in a link; ``strict`` when only whitespace is (LINK_RE still reads it as a link)."""

    message: str
    strict: bool


def all_links_known(markdown: str, known: Container[str]) -> bool:
    """Whether every ``[[…]]`` in the text, code included, is a whole link (no embed) to a ``known`` id.

    Then no link in it can be a problem: the links outside code are some of these.  Most
    texts pass, and this test (one ``findall``) is much cheaper than placing each link.
    """
    if "![[" in markdown:
        return False  # an embed: its component is checked too
    # A pattern that starts with its literal "[[" lets the regex engine skip ahead to each one.
    for target, hash_mark, section, bar, text in _SCAN_RE.findall(markdown):
        if (hash_mark and not section.strip()) or (bar and not text.strip()) or target.strip() not in known:
            return False
    return True


def scan_links(markdown: str) -> Iterator[tuple[WikiLink, Broken | None]]:
    """Every ``[[…]]`` outside code, each with what is wrong with its form (if anything), in one pass."""
    for match, line, column, line_offset in _find_matches(markdown):
        start = match.start()
        bang = start > 0 and match.string[start - 1] == "!"
        target, hash_mark, section, bar, text = match.groups()
        link = WikiLink(
            target.strip(),
            text.strip() if text else None,
            section.strip() if section else None,
            bang,
            line,
            column - bang,
            line_offset + column - bang,
            line_offset + column + match.end() - start,
        )
        if target.strip() and (not hash_mark or section.strip()) and (not bar or text.strip()):
            yield link, None
            continue
        raw = "!" * bang + match.group()
        what = "embed" if bang else "link"
        if not target.strip():
            message = f"empty {what} target in {raw}"
        elif hash_mark and not section.strip():
            message = f"empty {'component' if bang else 'section'} in {raw}"
        else:
            message = f"empty {what} text in {raw}"
        yield link, Broken(message, bool(target) and (not hash_mark or bool(section)) and (not bar or bool(text)))


def link_places(text: str, start: int = 0, end: int | None = None) -> dict[str, list[int]]:
    """Offsets of every copy of every ``[[…]]`` text in ``text[start:end]``, code included.

    One pass for all links: each link's copies are what ``str.find`` would
    find, as no ``[[…]]`` can overlap another (``![[id]]`` also holds a copy
    of ``[[id]]``).
    """
    places: dict[str, list[int]] = {}
    for match in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        token = match.group()
        places.setdefault(token, []).append(match.start())
        if token.startswith("!"):
            places.setdefault(token[1:], []).append(match.start() + 1)
    return places


def _find_matches(markdown: str) -> Iterator[tuple[re.Match[str], int, int, int]]:
    """Matches of ``_SCAN_RE`` outside code, with their line, column and line's offset.

    In time linear in the text's length: lines are counted as the matches
    go, not from the start of the text for each.
    """
    if "[[" not in markdown:
        return
    if not _may_have_code(markdown):
        # No code anywhere (the usual case): one pass, counting lines as we go.
        line, line_start, counted = 0, 0, 0
        for match in _SCAN_RE.finditer(markdown):
            start = match.start()
            breaks = markdown.count("\n", counted, start)
            if breaks:
                line += breaks
                line_start = markdown.rfind("\n", counted, start) + 1
            counted = start
            yield match, line, start - line_start, line_start
        return
    offset = 0
    fence: str | None = None
    indented_code = after_blank = in_list = False
    for number, line_text in enumerate(_lines(markdown)):
        opening = _FENCE_RE.match(line_text)
        blank = not line_text.strip()
        indented = not blank and (line_text.startswith("    ") or line_text.startswith("\t"))
        # An indented block after a blank line is code, unless it continues a list item.
        indented_code = indented and (indented_code or (after_blank and not in_list))
        if not blank and not indented:
            in_list = bool(_LIST_ITEM_RE.match(line_text)) or (in_list and not after_blank)
        after_blank = blank
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        elif not indented_code and "[[" in line_text:
            for match in _outside_spans(_SCAN_RE.finditer(line_text), _code_spans(line_text)):
                yield match, number, match.start(), offset
        offset += len(line_text)


def _may_have_code(text: str) -> bool:
    """Backticks, a tilde fence or an indented line: plain ``in`` tests, faster than one regex."""
    return "`" in text or "~~~" in text or "\n    " in text or "\n\t" in text or text.startswith(("    ", "\t"))


def _lines(text: str) -> Iterator[str]:
    """Lines with their ``\\n``: only ``\\n`` ends a line, as for the line count above."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _code_spans(line: str) -> list[tuple[int, int]]:
    """Inline code spans: a run of backticks up to the next run of the same length.

    Linear: each run looks up the next run of its length, found by one
    backward pass, instead of a regular expression that backtracks over a
    long run of backticks.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(line)]
    next_same: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        next_same[index] = last_of_length.get(length)
        last_of_length[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = next_same[index]
        if closing is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closing][1]))
        index = closing + 1
    return spans


def _outside_spans(matches: Iterator[re.Match[str]], spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The matches that start outside every span (both in order: one walk over each)."""
    index = 0
    for match in matches:
        while index < len(spans) and spans[index][1] <= match.start():
            index += 1
        if index < len(spans) and spans[index][0] <= match.start():
            continue
        yield match


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
