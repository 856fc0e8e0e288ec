"""Data text in the Markdown of the diff report: literal (no markup, links or mentions can come out of
it), code spans, values, and the before and after cells of a changed field."""

from __future__ import annotations

import html
import re
from typing import Any

from ..render.formatting import format_number, format_signed
from .diff_data import FieldChange

# Inside a line (never at its start), only these make markup; '@' and '#' would mention people and issues.
_MARKDOWN_PUNCTUATION_RE = re.compile(r"([\\`*_\[\]|~])")
_REFERENCES = {"@": "&#64;", "#": "&#35;"}
EXCERPT = 80  # characters of a long text shown around its first difference


def md_text(text: str) -> str:
    """Data text as literal Markdown: no markup, links, HTML or table cells can come out of it."""
    text = _MARKDOWN_PUNCTUATION_RE.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return re.sub("[@#]", lambda match: _REFERENCES[match.group()], text)


def md_code(text: str) -> str:
    """Text in a code span (paths, ids): backticks cannot close it early."""
    text = " ".join(text.split()).replace("|", "¦")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if "`" in text else f"`{text}`"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(_value(v) for v in value) or "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return " / ".join(_value(v) for v in value)
    return str(value)


def _excerpts(old: str, new: str) -> tuple[str, str]:
    """Long texts shortened to the stretch where they start to differ."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) <= EXCERPT and len(new) <= EXCERPT:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    begin = max(0, start - EXCERPT // 4)

    def cut(text: str) -> str:
        part = text[begin : begin + EXCERPT]
        return ("…" if begin > 0 else "") + part + ("…" if begin + EXCERPT < len(text) else "")

    return cut(old), cut(new)


def change_cells(change: FieldChange) -> tuple[str, str]:
    """The before and after cells of a field's row; numbers that both sides have show the difference."""
    old, new = change.old, change.new
    numbers = (int, float)
    if (
        isinstance(old, numbers)
        and isinstance(new, numbers)
        and not isinstance(old, bool)
        and not isinstance(new, bool)
    ):
        delta = new - old
        if isinstance(delta, float):
            delta = round(delta, 6)
        return md_text(_value(old)), f"{md_text(_value(new))} ({md_text(format_signed(delta))})"
    if isinstance(old, str) and isinstance(new, str):
        old, new = _excerpts(old, new)
        return md_text(old), md_text(new)
    return md_text(_value(old)), md_text(_value(new))
