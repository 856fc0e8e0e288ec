"""An election's page: its charts, results table, sharing links and the people who stood."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ...data.models import Election
from ...index.results import compare, primary_set, set_label
from .. import charts
from ..formatting import format_percent
from ..share import share_links
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
        name = election.name
        description = ", ".join(f"{p.label}: {p.seats}" for p in parts) + f" of {total} seats."
        svg = charts.hemicycle_svg(
            parts, total, chart_id=self.v.unique_id("seats"), title=f"Seats won: {name}", description=description
        )
        return self.v.component(
            "chart", svg=svg, parts=parts, kind="seats", election=election, caption=set_label(result_set)
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
        description = ", ".join(f"{p.label}: {format_percent(p.percent)}" for p in parts) + "."
        if election.threshold is not None:
            description += f" Threshold for seats: {format_percent(election.threshold)}."
        svg = charts.vote_bars_svg(
            parts,
            chart_id=self.v.unique_id("votes"),
            title=f"Share of the vote: {election.name}",
            description=description,
            threshold=election.threshold,
        )
        return self.v.component(
            "chart", svg=svg, parts=parts, kind="votes", election=election, caption=set_label(result_set)
        )

    def share(self, election: Election) -> dict[str, Any]:
        """Downloads and embed snippets for an election page (see share.py)."""
        return share_links(self.v.renderer.options, election, self.v.url)

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
