"""The entries inside records: other names, sources, images and events."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
)

from ..text import FreeText
from .common import (
    _SPACE_OR_CONTROL_RE,
    Date,
    IdList,
    LanguageCode,
    Markdown,
    Model,
    Url,
    described,
    example,
)


class OtherName(Model):
    """Another name: a translation, a short name, or a former or later name (a rename, when dated)."""

    model_config = example({"name": "Amanat", "start_date": "2022-03-01", "note": "New name for the same party."})

    name: str = described("The other name, as it is written.", "Amanat")
    lang: LanguageCode | None = described(
        "Language code when the name is a translation (kk for Kazakh, ru for Russian); leave it out otherwise.",
        "kk",
        None,
    )
    start_date: Date | None = described("For a rename: the day the entity started using this name.", "2022-03-01", None)
    end_date: Date | None = described("For a former name: when the entity stopped using it.", "2020-11", None)
    note: str | None = described("A short note for readers, such as why the name changed.", "Short name.", None)

    @property
    def is_rename(self) -> bool:
        return self.lang is None and (self.start_date is not None or self.end_date is not None)


class Source(Model):
    """Where a fact comes from."""

    title: str = described("The title of the article, report or table.", "Kazakh parliamentary election: final results")
    url: Url | None = described(
        "Its web address, starting with http:// or https://.", "https://news.example.org/2021/01/12/results", None
    )
    publisher: str | None = described(
        "Who published it: a news outlet, a commission, an agency.", "The Astana Times", None
    )
    date: Date | None = described("When it was published.", "2021-01-12", None)


# -- images (photos, portraits, logos): see core/data/images.py for the checks on the file itself --

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
"""The image files data/images/ may hold: JPEG, PNG or WebP (SVG is refused: it can carry scripts)."""

Unit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class Image(Model):
    """A photo, portrait or logo: a file in data/images/ with the words that go with it."""

    model_config = example(
        {
            "file": "kz-2021-almaty-polling.jpg",
            "alt": "An election official in protective gear checks voter lists",
            "caption": "A local electoral commission member checks lists in Almaty, 10 January 2021.",
            "credit": "AFP",
            "licence": "All rights reserved",
            "focus": [0.5, 0.3],
        }
    )

    file: str = described(
        "The image's file name in data/images/ (sub-folders allowed): a JPEG, PNG or WebP.",
        "kz-2021-almaty-polling.jpg",
    )
    alt: FreeText = described(
        "What the image shows, for readers who cannot see it (required; not the file name).",
        "An election official in protective gear checks voter lists",
    )
    caption: FreeText | None = described(
        "The caption shown under the image.", "A local electoral commission member checks lists in Almaty.", None
    )
    credit: str | None = described("Who made it or owns it: a photographer, an agency.", "AFP", None)
    licence: str | None = described("The terms it is published under.", "CC BY 4.0", None)
    source_url: Url | None = described("Where the image comes from.", "https://images.example.org/almaty", None)
    focus: Annotated[list[Unit], Field(min_length=2, max_length=2)] | None = described(
        "The point to keep when the image is cropped, as [across, down], each from 0 to 1 ([0.5, 0.5] is the centre).",
        [0.5, 0.3],
        None,
    )

    @field_validator("file")
    @classmethod
    def _plain_file_name(cls, value: str) -> str:
        if _SPACE_OR_CONTROL_RE.search(value.replace(" ", "")):
            raise ValueError(f"{value!r} is not a file name: it holds a tab, newline or control character")
        parts = value.replace("\\", "/").split("/")
        if value.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"{value!r} is not a file name in data/images/: no leading '/', '..' or empty parts")
        if value.lower().endswith((".svg", ".svgz")):
            raise ValueError("SVG images are not accepted (an SVG can carry scripts): export it as PNG")
        if not value.lower().endswith(IMAGE_SUFFIXES):
            raise ValueError(f"{value!r} is not a JPEG, PNG or WebP file (.jpg, .jpeg, .png or .webp)")
        return value

    @field_validator("alt")
    @classmethod
    def _alt_says_something(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip():
            raise ValueError("alt is empty: say what the image shows, for readers who cannot see it")
        file = info.data.get("file")
        if isinstance(file, str) and _bare(value) in {_bare(file), _bare(file.rsplit("/", 1)[-1].rsplit(".", 1)[0])}:
            raise ValueError("alt is just the file name: say what the image shows, for readers who cannot see it")
        return value

    @property
    def focus_point(self) -> tuple[float, float]:
        return (self.focus[0], self.focus[1]) if self.focus else (0.5, 0.5)


def _bare(text: str) -> str:
    """Text without case, separators or spaces: 'Almaty_polling.JPG' and 'almaty polling jpg' are the same."""
    return re.sub(r"[\W_]+", "", text.casefold())


class Event(Model):
    """Something that happened, for the timelines."""

    date: Date = described("When it happened, as precisely as the source says.", "2021-01-10")
    end_date: Date | None = described("When it ended, for something that lasted more than a day.", "2021-01-11", None)
    title: FreeText = described(
        "What happened, in one line: the timeline shows it as a heading.", "Riot police cordon protesters in Almaty"
    )
    text: Markdown | None = described(
        "More about it, in a sentence or two of Markdown.",
        "Dozens of activists are detained; [[zhanbolat-mamay]] says dozens of members were arrested.",
        None,
    )
    about: IdList = described(
        "Ids of the others it concerns; the event shows on their timelines too. The entity whose file holds it is included by itself.",
        ["zhanbolat-mamay"],
        [],
    )
    sources: list[Source] = described(
        "Where the facts come from.",
        [
            {
                "title": "Kazakhstan Ruling Party Dominates Opposition-Free Vote",
                "publisher": "Voice of America / AFP",
                "date": "2021-01-10",
            }
        ],
        [],
    )
    image: Image | None = described(
        "A picture of what happened, with its alt text, caption and credit.",
        {"file": "almaty-protest.jpg", "alt": "Riot police stand in a line across a snowy square"},
        None,
    )
