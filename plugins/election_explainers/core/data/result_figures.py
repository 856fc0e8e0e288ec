"""The figures of a results table's cells: whole numbers (votes, seats) and percentages, kept as the
table showed them, with a message for a cell that is neither."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tables import Cell

_SPACES_IN_NUMBERS = " \u00a0\u202f\u2009'"
_EMPTY = {"", "-", "–", "—", "−"}


@dataclass(frozen=True, slots=True)
class Figure:
    value: int | float
    text: str  # as the table showed it, normalized: "9.10" keeps its two decimals in the YAML


def parse_count(cell: Cell) -> Figure | str | None:
    """A whole number (votes, seats), or a message; ``None`` for an empty cell."""
    value = cell.value
    if isinstance(value, bool):
        return "expected a whole number"
    if isinstance(value, int):
        return Figure(value, str(value))
    if isinstance(value, float):
        return Figure(int(value), str(int(value))) if value.is_integer() else f"expected a whole number, got {value}"
    text = cell.text
    if text in _EMPTY or value is None:
        return None
    digits = text.translate({ord(c): None for c in _SPACES_IN_NUMBERS})
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:\.[0-9]{3})+", digits):
        digits = digits.replace(",", "").replace(".", "")  # thousands separators
    if re.fullmatch(r"[0-9]+", digits):
        return Figure(int(digits), str(int(digits)))
    return f"expected a whole number, got '{text}'"


def parse_percent(cell: Cell) -> Figure | str | None:
    """A percentage (``71.09``, ``71,09``, ``71.09 %``; a sheet's 0.7109 shown as 71.09%), or a message."""
    value = cell.value
    if isinstance(value, bool):
        return "expected a percentage"
    if isinstance(value, (int, float)):
        shown_as_percent = "%" in cell.number_format
        number = float(value) * 100 if shown_as_percent else float(value)
        decimals = _decimals_of(cell.number_format)
        text = f"{number:.{decimals}f}" if decimals is not None else repr(round(number, 6)).removesuffix(".0")
        return _percent_figure(text)
    text = cell.text
    if text in _EMPTY or value is None:
        return None
    plain = text.translate({ord(c): None for c in _SPACES_IN_NUMBERS}).removesuffix("%").replace(",", ".")
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", plain):
        return f"expected a percentage, got '{text}'"
    return _percent_figure(plain)


def _percent_figure(text: str) -> Figure:
    number = float(text)
    return Figure(int(number) if "." not in text else number, text)


def _decimals_of(number_format: str) -> int | None:
    """Decimals a sheet shows: ``0.00%`` → 2, ``#,##0`` → 0; ``General`` → None (not fixed)."""
    first = number_format.split(";")[0]
    match = re.search(r"0(?:\.(0+))?%?\s*$", first.replace('"', ""))
    if match is None:
        return None
    return len(match.group(1) or "")
