"""Addresses of story sections: ``/stories/sections/<slug>/``.

Two section names that differ only in case or punctuation ("Asia Pacific",
"asia-pacific") share an address, so validation insists they are written
the same way (:class:`SectionNames`).

A name with no ASCII letter or digit ("Политика") would slug to nothing:
it gets ``section-`` and a short hash of its letters instead, stable across
builds and distinct for different names. A name with no letter or digit in
any script ("!!!") has nothing to make an address from and is an error.
"""

from __future__ import annotations

import hashlib
import re

_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
_NOT_WORD = re.compile(r"[\W_]+")


def section_slug(text: str) -> str:
    """The last part of a section's address; what the renderer must use."""
    slug = _NOT_ASCII_WORD.sub("-", text.casefold()).strip("-")
    if slug:
        return slug
    letters = _NOT_WORD.sub("-", text.casefold()).strip("-")
    if not letters:
        return "section"  # never published: validation rejects such a name
    return "section-" + hashlib.sha256(letters.encode()).hexdigest()[:8]


def has_address(text: str) -> bool:
    """Whether ``text`` has a letter or digit to make a section's address from."""
    return bool(_NOT_WORD.sub("", text))


class SectionNames:
    """The first spelling of each section address seen, and where it was written."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[str, str]] = {}  # slug -> (name, file)

    def claim(self, name: str, file: str) -> str | None:
        """Why ``name`` (written in ``file``) may not be used, or None when it may."""
        if not has_address(name):
            return f"section {name!r} has no letter or digit to make its address from"
        first = self._first.setdefault(section_slug(name), (name, file))
        if first[0] == name:
            return None
        return f"section {name!r} has the same address as {first[0]!r} in {first[1]}; write it the same way"
