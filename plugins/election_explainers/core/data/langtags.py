"""Language codes: the form of a BCP 47 tag (``ru``, ``kk``, ``pt-BR``, ``sr-Latn``), and whether CLDR knows it."""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from .problems import did_you_mean, printable

# RFC 5646 "langtag" (grandfathered tags aside), case-insensitive: language with up to three
# extlangs, script, region, variants, extensions, private use. Used with fullmatch.
_BCP47_RE = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?",
    re.IGNORECASE,
)
# The same for JSON Schema (editors' tools), where case cannot be ignored.
BCP47_PATTERN = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"


def is_language_code(code: str) -> bool:
    return _BCP47_RE.fullmatch(code) is not None


def language_code_problem(code: str) -> str | None:
    """Why ``code`` is not a BCP 47 language code, or ``None``."""
    if is_language_code(code):
        return None
    hint = code.replace("_", "-")
    example = f" (write '{hint}')" if "_" in code and is_language_code(hint) else " such as en, ru, kk or pt-BR"
    return f"'{printable(code)}' is not a BCP 47 language code{example}"


@lru_cache(maxsize=256)
def cldr_locale(code: str) -> Locale | None:
    """Babel's locale for a BCP 47 code (``pt-BR`` → ``pt_BR``), or ``None`` if CLDR has no data for it."""
    if not is_language_code(code):
        return None
    try:
        return Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def site_language_problems(languages: object) -> list[str]:
    """What is wrong with a site's ``languages:`` setting (for the plugin's configuration check)."""
    if not isinstance(languages, list | tuple) or not languages:
        return ["languages must be a list of language codes, the default language first: [en, ru, kk]"]
    problems = []
    seen: set[str] = set()
    for code in languages:
        if not isinstance(code, str):
            problems.append(f"{printable(repr(code))} is not a language code")
            continue
        why = language_code_problem(code)
        if why is None and cldr_locale(code) is None:
            why = f"'{code}' is a language code that CLDR has no data for: its dates and numbers cannot be written"
        if why is None and code.casefold() in seen:
            why = f"'{code}' is listed twice"
        seen.add(code.casefold())
        if why is not None:
            problems.append(why)
    return problems


# ``name.ru.md``, ``name.pt-BR.md``: a language suffix is a short code that CLDR knows.
_SUFFIX_RE = re.compile(r"(?P<stem>.+)\.(?P<code>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.md")


def language_suffix(name: str) -> tuple[str, str | None]:
    """``("kz-2021.md", "ru")`` for ``kz-2021.ru.md``; ``(name, None)`` for a page without a language suffix."""
    match = _SUFFIX_RE.fullmatch(name)
    if match is None or cldr_locale(match["code"]) is None:
        return name, None
    return f"{match['stem']}.md", match["code"]


def not_a_site_language(code: str, languages: tuple[str, ...] | list[str]) -> str:
    """The message for a language code the site does not publish."""
    listed = ", ".join(languages)
    close = [lang for lang in languages if lang.casefold() == code.casefold()]
    hint = f"; did you mean '{close[0]}'?" if close else did_you_mean(code, languages)
    return (
        f"'{printable(code)}' is not one of the site's languages ({listed}){hint}; add it to languages: in mkdocs.yml"
    )
