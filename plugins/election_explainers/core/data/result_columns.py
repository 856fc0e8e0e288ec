"""Where a results table's header row is, and which of its columns holds the names, votes, percent and
seats: from the headers' words (English, Russian or Kazakh), or as ``--column`` names them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .problems import Problem
from .result_names import normalize_name
from .tables import Cell, Table

ROLES = ("name", "votes", "percent", "seats")
FIGURES = ("votes", "percent", "seats")

# Words in a header that say what the column holds, checked in this order ("% of votes" is a percent,
# "number of mandates" seats). Stems, so that Russian and Kazakh endings match too.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "percent", "per cent", "share", "процент", "пайыз", "үлес"),
    "seats": ("seat", "mandate", "мандат", "мест", "орын"),
    "votes": ("vote", "голос", "дауыс"),
    "name": ("party", "parties", "name", "candidate", "list", "option", "парти", "наименован", "назван", "кандидат",
             "список", "атау", "үміткер"),
}  # fmt: skip
# How far down the header row may be: commissions put a title, a date and a blank line above it.
_HEADER_SEARCH_ROWS = 30


def _role_of(header: str) -> str | None:
    text = normalize_name(header)
    if not text:
        return None
    for role, words in _HEADER_WORDS.items():
        if any(word in text for word in words):
            return role
    return None


def find_columns(table: Table, chosen: Mapping[str, str]) -> tuple[int, dict[str, int], list[Problem]]:
    """The header row's index and the column number of each role found in it."""
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if cell.text) < 2:
            continue  # a title or a blank line: a header names at least two columns
        columns, problems = _columns_in(table, row, chosen)
        if "name" in columns and any(role in columns for role in FIGURES):
            return index, columns, problems
    listed = ", ".join(f"{role} ({', '.join(repr(w) for w in words[:4])} ...)" for role, words in _HEADER_WORDS.items())
    message = (
        "no header row found: the table needs a column of names and at least one of votes, percent or seats, "
        f"with headers such as {listed}; or name the columns with --column name=HEADER"
    )
    return -1, {}, [table.problem(None, message)]


def _columns_in(table: Table, row: list[Cell], chosen: Mapping[str, str]) -> tuple[dict[str, int], list[Problem]]:
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    by_header = {normalize_name(cell.text): cell for cell in row if cell.text}
    for role, wanted in chosen.items():
        cell = by_header.get(normalize_name(wanted))
        if cell is not None:
            columns[role] = cell.column
        elif re.fullmatch(r"[A-Za-z]{1,3}", wanted):
            columns[role] = _column_number(wanted.upper())
    candidates: dict[str, list[Cell]] = {}
    for cell in row:
        guessed = _role_of(cell.text)
        if guessed is not None and guessed not in chosen and cell.column not in columns.values():
            candidates.setdefault(guessed, []).append(cell)
    for role, cells in candidates.items():
        columns[role] = cells[0].column
        if len(cells) > 1:
            which = " and ".join(f"{c.ref} ({c.text!r})" for c in cells)
            problems.append(
                table.problem(
                    cells[1], f"two columns could hold the {role}: {which}; choose with --column {role}=HEADER"
                )
            )
    return columns, problems


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
