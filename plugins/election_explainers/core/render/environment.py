"""The Jinja environment pages are rendered in: the template folders, the generator's words in the
page's language and its figures as that language writes them.

Templates live in ``templates/elections/``; a site overrides any of them by
putting a file of the same name in its theme's ``custom_dir``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from .formatting import compact_html, format_number, format_percent, format_signed
from .i18n import translator


@functools.lru_cache(maxsize=16)
def make_environment(
    template_dirs: tuple[Path, ...] = (), language: str = "en", locale_dirs: tuple[Path, ...] = ()
) -> jinja2.Environment:
    """One environment per set of template folders and language: compiled templates are reused from
    build to build (Jinja still reloads a template whose file changed)."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in template_dirs])]
    loaders.append(jinja2.PackageLoader("election_explainers", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.filters["compact"] = compact_html
    if language == "en" and not locale_dirs:
        # The generator's own words go through _() / ngettext() (new style: _("%(n)s seats", n=n), the
        # values escaped); English as written, figures as the pages have always shown them.
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        env.filters["number"] = format_number
        env.filters["percent"] = format_percent
        env.filters["signed"] = format_signed
        return env
    # Another language: its catalogue's words and its CLDR figures (12 035 578, 53,9 %).
    words = translator(language, locale_dirs)
    env.install_gettext_translations(words.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters["number"] = words.number
    env.filters["percent"] = words.percent
    env.filters["signed"] = words.signed
    return env
