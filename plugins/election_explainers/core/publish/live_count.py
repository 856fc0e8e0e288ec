"""``elections/<id>/count.json``: the count's figures beside a counting election's page, for its script.

While an election is counted its page (see ``assets/count.js``) asks for this small file every
30 seconds and puts the newest figures in place: no reload, no server beyond static files.  The
body depends only on the data (no build time), so an unchanged count is the same bytes and the
same ETag, and a server answers ``304``.  An election that had a count keeps its file once held,
saying so, so that a page left open stops asking and tells its reader the result is in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..data.models import Election
from ..index.counting import count_status, history
from ..render.pages.counting import Counting, count_file
from ..render.view import View
from .publish import DataFile

if TYPE_CHECKING:
    from ..render.i18n import Translator
    from ..render.render import Renderer


def count_json(renderer: Renderer, election: Election) -> str:
    """The count in the renderer's language: the mark's sentence and the table's words as its page has them."""
    view = View(renderer, "", election)
    status = count_status(election)
    data: dict[str, Any] = {"election": election.id, "status": election.status, "provisional": status is not None}
    counting = Counting(view)
    count = counting.history(election)
    if status is not None and count is not None:
        words = renderer.words
        data |= {
            "text": counting.sentence(status),
            "updated": status.updated.isoformat() if status.updated else None,
            "reported": status.reported,
            "basis": status.basis,
            # The history table as the page shows it: the script fills cells, it formats nothing.
            "columns": [view.result_label(column, election.date) for column in count.columns],
            "rows": [
                {
                    "updated": row.iso,
                    "cells": [
                        row.time,
                        reported_cell(words, row.reported, row.basis),
                        *(percent or "–" for percent in row.percents),
                    ],
                }
                for row in count.rows
            ],
        }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def reported_cell(words: Translator, reported: str | None, basis: str | None) -> str:
    """As count-history.html words it."""
    if reported is None:
        return "–"
    of = {"precincts": "of precincts", "votes": "of votes"}.get(basis or "")
    return f"{reported} {words.gettext(of)}" if of else reported


def count_files(renderer: Renderer) -> Iterator[DataFile]:
    """One file per election with a count's history (counting, or held after one), in the renderer's
    language and under its folder: ``ru/elections/<id>/count.json`` beside the Russian page."""
    for election in renderer.dataset.elections:
        if history(election):
            # The columns name parties and candidates (as of the election's day).
            reads = {f"rec:{election.id}"}
            for result_set in history(election):
                reads.update(f"rec:{row.party}" for row in result_set.rows if row.party)
                reads.update(f"rec:{row.person}" for row in result_set.rows if row.person)
            yield DataFile(
                renderer.options.prefix + count_file(election.id),
                frozenset(reads),
                lambda election=election: count_json(renderer, election),  # type: ignore[misc]
            )
