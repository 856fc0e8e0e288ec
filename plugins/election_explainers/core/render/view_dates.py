"""Dates as a page writes them: ``<time>`` tags in the page's language, sentences around a date
("since 1 March 2021"), and terms as a reader says them on the page's date."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..data.as_of import holds_on
from ..data.dates import PartialDate
from .view_base import ViewBase


class DateText(ViewBase):
    """The date helpers of :class:`.view.View`."""

    def human(self, date: PartialDate, in_sentence: bool = False) -> str:
        """A date as the page's language writes it (CLDR: ``10 января 2021 г.``); English as it always was."""
        if not self.renderer.options.prefix and self.language == "en":
            return date.human()
        return str(escape(self.renderer.words.date(date, in_sentence=in_sentence)))

    def human_date(self, iso: str) -> str:
        return self.human(PartialDate.parse(iso))

    def date_tag(self, date: PartialDate | None, end: PartialDate | None = None) -> Markup:
        if date is None:
            return Markup("")
        tag = Markup(f'<time datetime="{date.iso()}">{self.human(date)}</time>')  # digits and month names
        if end is not None and end != date:
            tag += Markup(f' – <time datetime="{end.iso()}">{self.human(end)}</time>')
        return tag

    def with_date(self, message: str, date: PartialDate) -> Markup:
        """A catalogue sentence around a date (``since %(date)s``), the date as its ``<time>`` tag."""
        before, _, after = self.renderer.words.gettext(message, date="\x00").partition("\x00")
        # In a sentence some languages change the date's form ("с 1 марта", not "1 марта").
        tag = Markup(f'<time datetime="{date.iso()}">{self.human(date, in_sentence=True)}</time>')
        return escape(before) + tag + escape(after)

    def term(self, start: PartialDate | None, end: PartialDate | None) -> Markup:
        """A period as a reader says it on the page's date: "1999 to 2022" (dates), "since 2019" (begun by
        the page's date and not ended by it), "from 2030" (not begun), "until 2019", or a dash when
        nothing is known.  A page as of 2021 does not yet know that a term ended in 2022."""
        if start and end and self.date and holds_on(self.date, start, end) and end.first_day() > self.date.last_day():
            end = None
        if start and end:
            return self.date_tag(start, end) if start != end else self.date_tag(start)
        if start:
            begun = self.date is None or start.first_day() <= self.date.last_day()
            return self.with_date("since %(date)s" if begun else "from %(date)s", start)
        if end:
            return self.with_date("until %(date)s", end)
        return Markup("–")

    def as_of_tag(self) -> Markup:
        """ "As of <date>": the date the page is true on."""
        return self.with_date("As of %(date)s", self.date) if self.date else Markup("")

    def is_current(self, term: Any) -> bool:
        """Whether a leadership or role (anything with start and end dates) runs on the page's date."""
        return holds_on(self.date, term.start_date, term.end_date)
