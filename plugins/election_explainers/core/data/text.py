"""Free text in one language or several: ``summary: "..."`` or ``summary: {en: "...", ru: "..."}``.

A :class:`Text` *is* the default-language string, so every place that reads
``record.summary`` as a ``str`` keeps working; a page in another language asks
:meth:`Text.in_language` and learns which language it got (a missing
translation falls back to the default language, which the page marks with its
own ``lang``).

The default language is not in the data file: the loader passes it in the
validation context (``{"default_language": "en"}``), as the site sets it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, ValidationInfo, WithJsonSchema

# The language of text when the site names none: MkDocs' and Material's own default.
DEFAULT_LANGUAGE = "en"


class Text(str):
    """A string in its language (``lang``), with the translations it was written with.

    ``translations`` is empty for a plain string and holds every language's
    text (the default language's too) for a mapping.

    A dataset holds hundreds of thousands of these, so a plain one carries no
    attribute dictionary (about 160 bytes each): its language is a class
    attribute of a subclass made once per language, and ``translations`` is the
    class's empty mapping unless the text has some.
    """

    lang: str = DEFAULT_LANGUAGE
    translations: Mapping[str, str] = MappingProxyType({})

    def __new__(cls, value: str, lang: str = DEFAULT_LANGUAGE, translations: Mapping[str, str] | None = None) -> Text:
        text = str.__new__(_in_language(lang), value)
        if translations:
            text.translations = dict(translations)
        return text

    def in_language(self, lang: str) -> tuple[str, str]:
        """The text in ``lang`` and the language it is actually in (the default when untranslated)."""
        if lang == self.lang:
            return str(self), self.lang
        found = self.translations.get(lang)
        return (found, lang) if found is not None else (str(self), self.lang)

    def has_language(self, lang: str) -> bool:
        return lang == self.lang or lang in self.translations

    def retag(self, lang: str) -> Text:
        """The same plain text, said to be in ``lang`` (a story written in one language)."""
        return self if self.translations else Text(str(self), lang)

    def written(self) -> str | dict[str, str]:
        """As the editor wrote it: a string, or the mapping by language."""
        return dict(self.translations) if self.translations else str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled for worker processes and caches: the attributes travel with the string.
        return (Text, (str(self), self.lang, dict(self.translations)))


@cache
def _in_language(lang: str) -> type[Text]:
    """The subclass of :class:`Text` whose instances are in ``lang`` (one class per language)."""
    return type(f"Text_{lang}", (Text,), {"lang": lang, "__slots__": (), "__module__": __name__})


def _default_language(info: ValidationInfo) -> str:
    context = info.context
    if isinstance(context, Mapping) and isinstance(context.get("default_language"), str):
        return context["default_language"]
    return DEFAULT_LANGUAGE


def parse_text(value: Any, info: ValidationInfo) -> Text:
    """A string, or a mapping of language codes to strings (``{en: ..., ru: ...}``)."""
    return text_from(value, _default_language(info))


def text_from(value: Any, default: str = DEFAULT_LANGUAGE) -> Text:
    """:func:`parse_text` outside validation: plain text is taken to be in ``default``."""
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(value, default)
    if not isinstance(value, Mapping):
        raise ValueError(f"expected text, or text by language ({{{default}: ..., ru: ...}})")
    if not value:
        raise ValueError(f"the mapping by language is empty: write the text, or {{{default}: ...}}")
    translations: dict[str, str] = {}
    for lang, text in value.items():
        if not isinstance(lang, str):
            raise ValueError(f"{lang!r} is not a language code: the keys are codes such as {default} or ru")
        if not isinstance(text, str):
            raise ValueError(f"the text in '{lang}' is not text (write it in quotes, or leave the language out)")
        translations[lang] = text
    # Without the default language (an error the language checks report), the first stands in for it.
    lang = default if default in translations else next(iter(translations))
    return Text(translations[lang], lang, translations)


def _schema(extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "string", **extra},
            {
                "type": "object",
                "description": "the text by language code (BCP 47): {en: ..., ru: ...}",
                "propertyNames": {"pattern": r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"},
                "additionalProperties": {"type": "string", **extra},
                "minProperties": 1,
            },
        ]
    }


_serialize = PlainSerializer(lambda text: text.written() if isinstance(text, Text) else text)

# Plain free text (a story's title, an event's title) and Markdown free text (summary, text, body).
FreeText = Annotated[Text, PlainValidator(parse_text), _serialize, WithJsonSchema(_schema({}))]
MarkdownText = Annotated[
    Text,
    PlainValidator(parse_text),
    _serialize,
    WithJsonSchema(_schema({"contentMediaType": "text/markdown"})),
]
