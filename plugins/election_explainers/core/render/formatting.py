"""Numbers and HTML fragments as pages show them."""

from __future__ import annotations

from markupsafe import Markup


def format_number(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def format_signed(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if value == 0:
        return "±0" + unit
    text = f"{value:+,}" if isinstance(value, int) else f"{value:+.2f}".rstrip("0").rstrip(".")
    return text.replace("-", "−") + unit


def compact_html(html: str) -> Markup:
    """Drop blank lines: Markdown ends a raw HTML block at a blank line."""
    return Markup("\n".join(line for line in str(html).splitlines() if line.strip()))
