"""The generator's own words and figures in each of the site's languages.

Words come from gettext catalogues (``.po``) shipped in the package under
``locales/<lang>/LC_MESSAGES/messages.po``; a site adds a language or
overrides a string with its own ``locales/<lang>.po`` (or the same
``<lang>/LC_MESSAGES/messages.po`` layout). A string missing everywhere is
the English msgid. Dates, numbers and percentages follow CLDR through Babel.

The ``.po`` files are compiled in memory when first used (Babel's
``write_mo`` into a buffer, read by the standard library's
``GNUTranslations``): there are no ``.mo`` files to build, commit or let go
stale, and plural forms come from each catalogue's own ``Plural-Forms``
header, evaluated the way gettext does.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from ..data.dates import PartialDate
from ..data.langtags import cldr_locale

PACKAGE_LOCALES = Path(__file__).resolve().parents[2] / "locales"
# Material partials and assets the package adds to the theme (Kazakh words, per-page language, lunr.kk).
THEME_FOLDER = Path(__file__).resolve().parents[2] / "theme"
DOMAIN = "messages"
NO_VALUE = "–"  # en dash: a figure that is not known, the same in every language
_HUNDREDTH = Decimal("0.01")
MINUS = "−"  # U+2212: CLDR's ASCII hyphen reads as a dash in a column of figures

# Plain "en" is written as international English (10 January 2021), the site's style
# from the start; a site wanting American dates sets en-US.
_FORMAT_LOCALE = {"en": "en_001"}


class Translator:
    """One language's words (gettext) and figures (CLDR), for templates and code alike."""

    def __init__(self, lang: str, site_dirs: Sequence[Path] = ()) -> None:
        locale = cldr_locale(lang)
        if locale is None:
            raise ValueError(f"CLDR has no data for the language {lang!r}")
        self.lang = lang
        self.locale = locale
        self.format_locale = Locale.parse(_FORMAT_LOCALE.get(lang, str(locale)))
        self.translations = _translations(str(locale), tuple(site_dirs))
        # Figures and dates as written, by value: a page shows the same shares and days many times over,
        # and Babel parses its pattern again on every call.
        self._shown: dict[tuple[object, ...], str] = {}

    # --- words ------------------------------------------------------------------------------------

    def gettext(self, message: str, **values: object) -> str:
        return _fill(self.translations.gettext(message), values)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form for ``n`` by the catalogue's plural rule; ``%(n)s`` in the text is ``n`` as a number."""
        return _fill(self.translations.ngettext(singular, plural, n), {"n": self.number(n), **values})

    def pgettext(self, context: str, message: str, **values: object) -> str:
        return _fill(self.translations.pgettext(context, message), values)

    def npgettext(self, context: str, singular: str, plural: str, n: int, **values: object) -> str:
        found = self.translations.npgettext(context, singular, plural, n)
        return _fill(found, {"n": self.number(n), **values})

    def language_name(self, code: str) -> str:
        """``code``'s language as this language calls it (``русский`` in Russian, ``Russian`` in English)."""
        other = cldr_locale(code)
        return (other.get_display_name(self.locale) or code) if other is not None else code

    # --- figures ----------------------------------------------------------------------------------

    def number(self, value: float | int | None) -> str:
        """``12 035 578`` in Russian, ``12,035,578`` in English; at most two decimals."""
        if value is None:
            return NO_VALUE
        return self._decimal(value).replace("-", MINUS)

    def percent(self, value: float | int | None) -> str:
        """``53,9 %`` in Russian, ``53.9%`` in English: the value is in percent (53.9, not 0.539)."""
        if value is None:
            return NO_VALUE
        key = ("%", value)
        shown = self._shown.get(key)
        if shown is None:
            pattern = self.format_locale.percent_formats[None].pattern
            # The locale's pattern with up to two decimals: "#,##0 %" → "#,##0.## %".
            with_decimals = pattern.replace("0", "0.##", 1) if "." not in pattern else pattern
            shown = format_decimal(_rounded(value) / 100, format=with_decimals, locale=self.format_locale)
            shown = self._shown[key] = shown.replace("-", MINUS)
        return shown

    def signed(self, value: float | int | None, unit: str = "") -> str:
        """A change: ``+3``, ``−2,5``, ``±0``, with ``unit`` after it (``+1.5 pp``)."""
        if value is None:
            return NO_VALUE
        if value == 0:
            return "±0" + unit
        sign = "+" if value > 0 else MINUS
        return sign + self._decimal(abs(value)) + unit

    def signed_percent(self, value: float | int | None) -> str:
        """A change in percent, ``+1,5 %``: the sign, then the locale's percent form."""
        if value is None:
            return NO_VALUE
        if value == 0:
            return "±" + self.percent(0)
        return ("+" if value > 0 else MINUS) + self.percent(abs(value))

    def date(self, date: PartialDate | None, *, in_sentence: bool = False) -> str:
        """At the date's precision: ``10 января 2021 г.``, ``январь 2021 г.``, ``2021``.

        ``in_sentence``: a month inside a sentence takes the month's format form
        where the language has one ("с января 2021 г.", after a preposition),
        not the stand-alone form of a heading or a table cell ("январь 2021 г.").
        """
        if date is None:
            return NO_VALUE
        key = ("date", date, in_sentence)
        shown = self._shown.get(key)
        if shown is None:
            shown = self._shown[key] = self._date(date, in_sentence)
        return shown

    def _date(self, date: PartialDate, in_sentence: bool) -> str:
        day = date.first_day()
        if date.precision == "day":
            return format_date(day, "long", locale=self.format_locale)
        if date.precision == "month":
            pattern = self.format_locale.datetime_skeletons["yMMMM"].pattern
            if in_sentence:
                pattern = pattern.replace("LLLL", "MMMM")
            return format_date(day, pattern, locale=self.format_locale)
        return format_skeleton("y", day, locale=self.format_locale)

    def month(self, month: int) -> str:
        """A month's name on its own (stand-alone: ``январь``, ``Қаңтар``), as in a list of months."""
        return self.format_locale.months["stand-alone"]["wide"][month]

    def _decimal(self, value: float | int) -> str:
        key = ("n", value)
        shown = self._shown.get(key)
        if shown is None:
            shown = self._shown[key] = format_decimal(_rounded(value), locale=self.format_locale)
        return shown


def _rounded(value: float | int) -> Decimal:
    # Through str: 53.9 stays 53.9, not 53.89999…; two decimals, as the pages have always shown.
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(str(value)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP).normalize()


def _fill(text: str, values: dict[str, object]) -> str:
    """``%(name)s`` placeholders filled; a string without values is returned as it is (a lone % stays)."""
    return text % values if values else text


def _translations(locale: str, site_dirs: tuple[Path, ...]) -> gettext.NullTranslations:
    """The site's catalogues first, then the package's, then the English msgid."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    files = [_catalogue_file(PACKAGE_LOCALES, locale, nested_only=True)]
    files += [_catalogue_file(folder, locale) for folder in site_dirs]
    for path in files:  # each added later is asked first
        if path is None:
            continue
        found = _compiled(path)
        found.add_fallback(chain)
        chain = found
    return chain


def _catalogue_file(folder: Path, locale: str, *, nested_only: bool = False) -> Path | None:
    """``<folder>/<locale>/LC_MESSAGES/messages.po``, else (a site's folder) ``<folder>/<locale>.po``.

    ``pt_BR`` falls back to ``pt``: a site's Brazilian pages use the shipped Portuguese words.
    """
    for name in dict.fromkeys((locale, locale.split("_")[0])):
        candidates = [folder / name / "LC_MESSAGES" / f"{DOMAIN}.po"]
        if not nested_only:
            candidates.append(folder / f"{name}.po")
        for path in candidates:
            if path.is_file():
                return path
    return None


def _compiled(path: Path) -> gettext.GNUTranslations:
    with path.open("rb") as po:
        catalog = read_po(po, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy and untranslated entries are left out: they fall back
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def shipped_languages() -> list[str]:
    """The languages whose catalogues the package ships (``en``, ``kk``, ``ru``)."""
    return sorted(p.name for p in PACKAGE_LOCALES.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


@lru_cache(maxsize=64)
def translator(lang: str, site_dirs: tuple[Path, ...] = ()) -> Translator:
    """The :class:`Translator` for ``lang`` with a site's ``locales`` folders, made once.

    ``mkdocs serve`` calls ``translator.cache_clear()`` when a site's catalogue changes.
    """
    return Translator(lang, site_dirs)
