"""The text a reader sees in rendered HTML: tags gone, entities read, paragraphs kept apart.

For what leaves the site as data rather than as a page (the downloads): an editor's
Markdown is rendered and sanitized as on the page, then reduced to its text here, so a
``<script>`` or an attribute smuggled in through Markdown never reaches a file that
another program may show as HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
)
_LINES = frozenset({"li", "tr", "dt", "dd", "br"})
_CELLS = frozenset({"td", "th"})
_UNSEEN = frozenset({"script", "style", "template"})  # their content is never shown as text
_PARAGRAPH, _LINE = "\x00P", "\x00L"  # markers, turned into blank lines and line breaks at the end


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.unseen = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _UNSEEN:
            self.unseen += 1
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNSEEN:
            self.unseen = max(0, self.unseen - 1)
        self._break(tag)

    def handle_data(self, data: str) -> None:
        if not self.unseen:
            self.parts.append(data)

    def _break(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
        elif tag in _LINES:
            self.parts.append(_LINE)
        elif tag in _CELLS:
            self.parts.append(" ")


_MARKERS_RE = re.compile(f"(?:\\s*(?:{_PARAGRAPH}|{_LINE}))+\\s*")


def html_text(html: str) -> str:
    """The text of ``html``: words as a reader sees them, one space between words, a line break
    between list items or lines, a blank line between paragraphs; nothing before or after."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    # White space collapses to one space, as a browser shows it; then the breaks go in.
    text = " ".join("".join(parser.parts).split())

    def joint(match: re.Match[str]) -> str:
        return "\n\n" if _PARAGRAPH in match.group() else "\n"

    return _MARKERS_RE.sub(joint, text).strip()
