"""The page `mkdocs serve` shows while the data has problems."""

from __future__ import annotations

from markupsafe import Markup

from .core.data.problems import Problem


def errors_html(problems: list[Problem]) -> str:
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(str(p)) for p in problems)
    count = len(problems)
    return str(
        Markup(
            '<div class="ee-data-errors" role="alert">\n'
            "<p><strong>{} problem{} in the election data.</strong> "
            "Fix them and save: this page reloads by itself.</p>\n<ol>{}</ol>\n</div>\n"
        ).format(count, "" if count == 1 else "s", items)
    )
