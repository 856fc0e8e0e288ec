"""Stories: articles published here or elsewhere, about the entities."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import (
    model_validator,
)

from ..dates import PartialDate
from ..text import FreeText, Text
from .common import (
    Date,
    IdList,
    LanguageCode,
    Markdown,
    Url,
    described,
    example,
)
from .record import Record


class Story(Record):
    kind: ClassVar[str] = "story"
    folder: ClassVar[str] = "stories"
    model_config = example(
        {
            "title": "Kazakhstan Ruling Party Dominates Opposition-Free Vote",
            "date": "2021-01-10",
            "byline": "AFP",
            "section": "South & Central Asia",
            "summary": "Nur Otan heads for a big win in a parliamentary election with no opposition on the ballot.",
            "url": "https://news.example.org/2021/01/10/kazakhstan-vote",
            "about": ["kz-2021-mazhilis", "nur-otan", "kz"],
            "tags": ["elections", "protests"],
        }
    )

    title: FreeText = described("The headline.", "Kazakhstan Ruling Party Dominates Opposition-Free Vote")
    date: Date = described("When it was published.", "2021-01-10")
    url: Url | None = described(
        "The article's address, for a story published elsewhere (a story needs url or body).",
        "https://news.example.org/2021/01/10/kazakhstan-vote",
        None,
    )
    body: Markdown | None = described(
        "The story itself, in Markdown, for a story published on this site at /stories/<id>/.",
        "[[kz]] has abolished the death penalty.",
        None,
    )
    byline: str | None = described("Who wrote it.", "AFP", None)
    section: str | None = described(
        "The section it ran in; the stories page groups by it.", "South & Central Asia", None
    )
    about: IdList = described(
        "Ids of everything it is about: it is listed on their pages, and related stories are found through them.",
        ["kz-2021-mazhilis", "nur-otan", "kz"],
        [],
    )
    lang: LanguageCode | None = described(
        "For a story written in one language only: its language (ru, kk); it is then published in that language alone.",
        "ru",
        None,
    )

    @model_validator(mode="after")
    def _has_url_or_body(self) -> Story:
        if self.url is None and self.body is None:
            raise ValueError("a story needs a 'url' (external article) or a 'body' (published here)")
        return self

    @model_validator(mode="after")
    def _texts_in_its_language(self) -> Story:
        # A story in one language: its plain strings are in that language, not the site's default.
        if self.lang is not None:
            for name in ("title", "summary", "body"):
                value = getattr(self, name)
                if isinstance(value, Text):
                    self.__dict__[name] = value.retag(self.lang)
        return self

    @property
    def name(self) -> str:
        return self.title

    def name_in(
        self, lang: str, day: dt.date | PartialDate | None = None, default_language: str | None = None
    ) -> tuple[str, str | None]:
        """A story's name is its title, in ``lang`` if it has one."""
        return self.title.in_language(lang)

    @property
    def date_of_record(self) -> PartialDate | None:
        return self.date
