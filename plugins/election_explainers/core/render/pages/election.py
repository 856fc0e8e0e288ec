"""An election's page: its charts, results table, sharing links and the people who stood."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ...data.models import Election
from ...index.results import ResultSet, compare, primary_set
from .. import charts
from ..share import chart_title, share_links
from .room import Room


class ElectionPage(Room):
    def results(self, election: Election) -> Markup:
        return self.v.component("results", election=election, comparison=compare(self.v.dataset, election))

    def seat_chart(self, election: Election | None) -> Markup:
        if election is None:
            return Markup("")
        result_set = primary_set(election)
        if result_set is None or not any(r.seats for r in result_set.rows):
            return Markup("")
        parts = [
            charts.ChartPart(self.v.result_label(row, election.date), self.v.row_colour(row), seats=row.seats or 0)
            for row in result_set.rows
            if row.seats
        ]
        won = sum(p.seats for p in parts)
        total = max(election.seats or won, won)
        words = self.v.renderer.words
        name = self.v.name(election.id)
        listed = ", ".join(f"{p.label}: {words.number(p.seats)}" for p in parts)
        description = words.ngettext("%(parties)s of %(n)s seat.", "%(parties)s of %(n)s seats.", total, parties=listed)
        svg = charts.hemicycle_svg(
            parts,
            total,
            chart_id=self.v.unique_id("seats"),
            title=chart_title(words, name, "seats"),
            description=description,
            seat_word=lambda n: words.ngettext("seat", "seats", n),
        )
        return self.v.component(
            "chart", svg=svg, parts=parts, kind="seats", election=election, caption=self.set_caption(result_set)
        )

    def vote_chart(self, election: Election) -> Markup:
        result_set = primary_set(election)
        if result_set is None or not any(r.percent is not None for r in result_set.rows):
            return Markup("")
        parts = [
            charts.ChartPart(self.v.result_label(row, election.date), self.v.row_colour(row), percent=row.percent)
            for row in result_set.rows
            if row.percent is not None
        ]
        title = chart_title(self.v.renderer.words, self.v.name(election.id), "votes")
        svg = self.vote_bars(parts, self.v.unique_id("votes"), title, election.threshold)
        return self.v.component(
            "chart", svg=svg, parts=parts, kind="votes", election=election, caption=self.set_caption(result_set)
        )

    def vote_bars(self, parts: list[charts.ChartPart], chart_id: str, title: str, threshold: float | None) -> Markup:
        """Shares of the vote as bars, every figure and word in the page's language (a tier's too)."""
        words = self.v.renderer.words
        description = ", ".join(f"{p.label}: {words.percent(p.percent)}" for p in parts) + "."
        if threshold is not None:
            description += " " + words.gettext(
                "Threshold for seats: %(threshold)s.", threshold=words.percent(threshold)
            )
        return charts.vote_bars_svg(
            parts,
            chart_id=chart_id,
            title=title,
            description=description,
            threshold=threshold,
            percent=words.percent,
            threshold_label=lambda shown: words.pgettext("chart", "%(threshold)s threshold", threshold=shown),
        )

    def set_caption(self, result_set: ResultSet) -> str:
        """A chart's result set in the page's language: "Official results (pollster)"."""
        label = self.v.kind_label(result_set.kind)
        return f"{label} ({result_set.pollster})" if result_set.pollster else label

    def share(self, election: Election) -> dict[str, Any]:
        """Downloads and embed snippets for an election page (see share.py)."""
        return share_links(self.v.renderer.options, self.v.renderer.words, election, self.v.url)

    def candidates_and_leaders(self, election: Election) -> list[dict[str, Any]]:
        result_set = primary_set(election)
        entries: list[dict[str, Any]] = []
        for row in result_set.rows if result_set else []:
            if row.person:
                entries.append({"person": row.person, "party": row.party, "role": "candidate"})
            elif row.party:
                for person in self.v.leaders_on(row.party, election.date):
                    entries.append({"person": person, "party": row.party, "role": "party leader"})
        return entries

    def winner(self, election: Election) -> Any:
        result_set = primary_set(election)
        if result_set is None or not result_set.rows or election.status != "held":
            return None
        return max(result_set.rows, key=lambda r: (r.seats or 0, r.percent or 0, r.votes or 0))
