"""Election night on every page: the provisional mark of a counting election and its count's history.

Wherever an election appears while ``status: counting`` (its page, facts box, election lists,
party and person histories, chart embeds), templates call :meth:`Counting.mark`; the words
come from :func:`..index.counting.describe_count` (the one place the English is written) or, in
another language, from the catalogue.
Once the election is ``held`` every method here returns nothing, so every mark goes.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...data.dates import PartialDate
from ...data.models import Election, Row
from ...index.counting import CountStatus, count_status, describe_count, history, percent_text
from ...index.results import primary_set
from .room import Room


@dataclass(frozen=True)
class HistoryRow:
    """One update of the count, as the history table shows it."""

    time: str  # HH:MM, with the day when it is not polling day
    iso: str | None  # for <time datetime>
    reported: str | None  # "62.5%"
    basis: str | None
    percents: tuple[str | None, ...]  # one per column of :attr:`CountHistory.columns`


@dataclass(frozen=True)
class CountHistory:
    columns: tuple[Row, ...]  # the newest update's rows: who the columns are
    rows: tuple[HistoryRow, ...]  # oldest first
    offset: str | None  # the newest update's UTC offset, for the table's caption


def count_file(election_id: str) -> str:
    """The count's figures beside the election's page, which its script refreshes from (see publish.live_count)."""
    return f"elections/{election_id}/count.json"


def _row_key(row: Row) -> str:
    return row.party or row.person or row.option or ""


class Counting(Room):
    def status(self, election: Election) -> CountStatus | None:
        """The count's progress while the election is provisional; ``None`` once it is not."""
        self.v.reads.add(f"rec:{election.id}")
        return count_status(election)

    def describe(self, election: Election) -> str:
        """``Preliminary count, 62.5% of precincts reported, updated 23:40 (UTC+6)``, or ``""``."""
        status = self.status(election)
        return self.sentence(status) if status else ""

    @property
    def in_english(self) -> bool:
        """English is written by :mod:`..index.counting` itself; another language from the catalogue."""
        return self.v.renderer.words.lang.split("-")[0] == "en"

    def sentence(self, status: CountStatus) -> str:
        """The mark's words in the page's language: English as :func:`describe_count` writes it, else
        from the catalogue, with the language's own percent and date."""
        if self.in_english:
            return describe_count(status)
        words = self.v.renderer.words
        parts = [words.gettext("Preliminary count")]
        if status.reported is not None:
            parts.append(words.gettext("%(percent)s reported", percent=words.percent(status.reported)))
        if status.updated is not None:
            moment = status.updated
            time = moment.strftime("%H:%M")
            if not status.on_polling_day:
                time = f"{words.date(PartialDate(moment.year, moment.month, moment.day))}, {time}"
            parts.append(words.gettext("updated %(time)s", time=f"{time} ({status.offset})"))
        return ", ".join(parts)

    def mark(self, election: Election, block: bool = False) -> Markup:
        """The provisional mark (a sentence), inline or as the page's status paragraph."""
        status = self.status(election)
        if status is None:
            return Markup("")
        return self.v.component(
            "count-status", election=election, text=self.sentence(status), block=block, src=self.source(election)
        )

    def source(self, election: Election) -> str:
        """The link to the election's ``count.json`` from this page."""
        return self.v.href_path(self.v.renderer.options.prefix + count_file(election.id), page=False)

    def leading(self, election: Election) -> Row | None:
        """Who leads the count so far (shown only beside the provisional mark)."""
        result_set = primary_set(election) if self.status(election) else None
        if result_set is None or not result_set.rows:
            return None
        return max(result_set.rows, key=lambda r: (r.seats or 0, r.percent or 0, r.votes or 0))

    def history(self, election: Election) -> CountHistory | None:
        """The count's updates, oldest first, with each one's share per party (newest's order)."""
        status = self.status(election)
        sets = history(election)
        if status is None or not sets:
            return None
        columns = tuple(sets[-1].rows)
        english = self.in_english
        percent = percent_text if english else self.v.renderer.words.percent  # "62.5%"; "62,5 %" in Russian
        rows = []
        for result_set in sets:
            by_key = {_row_key(row): row for row in result_set.rows}
            updated = result_set.updated
            if updated is None:
                time = ""
            elif updated.date() == status.polling_day:
                time = updated.strftime("%H:%M")
            else:
                day = f"{updated.day} {updated.strftime('%b')}" if english else f"{updated.day:02d}.{updated.month:02d}"
                time = f"{day} {updated.strftime('%H:%M')}"
            percents = tuple(
                percent(found.percent)
                if (found := by_key.get(_row_key(column))) is not None and found.percent is not None
                else None
                for column in columns
            )
            rows.append(
                HistoryRow(
                    time=time,
                    iso=updated.isoformat() if updated else None,
                    reported=percent(result_set.reported) if result_set.reported is not None else None,
                    basis=result_set.basis,
                    percents=percents,
                )
            )
        return CountHistory(columns=columns, rows=tuple(rows), offset=status.offset)
