"""Problems found in editors' files, and how they are reported.

Every problem carries a file, a 1-based line and column, the field it concerns
(``results[0].rows[2].party``) and a message, so an editor can jump to it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: "
        return where + (f"{self.field}: {self.message}" if self.field else self.message)

    def github(self) -> str:
        """A GitHub Actions workflow command, so a pull request shows it on its line."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        return (
            f"::error file={_escape_property(self.file)},line={self.line},col={self.column},"
            f"title={_escape_property('Election data')}::{_escape_data(text)}"
        )


class DataError(Exception):
    """Raised with every problem at once; nothing has been written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in the election data:"
        super().__init__("\n".join([summary, *map(str, self.problems)]))


def format_field(path: FieldPath) -> str:
    """``("results", 0, "rows", 2, "party")`` → ``results[0].rows[2].party``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def printable(text: str) -> str:
    """``text`` with control characters escaped (``evil\\n``): one problem stays one line."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x' or 'y'?)`` for the closest choices, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    quoted = [f"'{choice}'" for choice in close]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {listed}?"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
