"""One search index per language, from the one Material writes for the whole site.

Material's search plugin indexes every page of the build, ``/ru/…`` and
``/kk/…`` included, in ``search/search_index.json``. A reader on a Russian
page should find Russian pages: each language but the default gets its own
``<lang>/search/search_index.json`` with its pages only (locations relative to
``/<lang>/``, where that language's pages point Material's ``base``), and the
site's own index keeps the default language's pages.

Each index names its language for lunr, which Material's worker loads as
``assets/javascripts/lunr/min/lunr.<lang>.min.js`` (Kazakh is ours). The
pipeline is left as the site sets it: Material's default keeps no stemmer.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def lunr_languages(folders: Iterable[Path]) -> set[str]:
    """The languages lunr can load: ``lunr.<lang>.min.js`` in any of ``folders`` (Material's, ours), and en."""
    found = {"en"}
    for folder in folders:
        for path in folder.glob("lunr.*.min.js"):
            code = path.name.removeprefix("lunr.").removesuffix(".min.js")
            if code not in ("multi", "stemmer.support"):
                found.add(code)
    return found


def split_search_index(index: dict[str, Any], languages: tuple[str, ...], lunr: set[str]) -> dict[str, dict[str, Any]]:
    """``{lang: index}``: the default language's pages under ``languages[0]``, each other language's under its code.

    A language lunr cannot load keeps the site's ``lang`` setting (its words are still found whole).
    """
    prefixes = {lang: f"{lang}/" for lang in languages[1:]}
    docs: dict[str, list[dict[str, Any]]] = {lang: [] for lang in languages}
    for doc in index.get("docs", []):
        location = str(doc.get("location", ""))
        lang = next((code for code, prefix in prefixes.items() if location.startswith(prefix)), languages[0])
        if lang != languages[0]:
            doc = {**doc, "location": location.removeprefix(prefixes[lang])}
        docs[lang].append(doc)
    split = {}
    for lang in languages:
        part = copy.deepcopy({key: value for key, value in index.items() if key != "docs"})
        if lang != languages[0] and lang in lunr:
            part.setdefault("config", {})["lang"] = [lang]
        part["docs"] = docs[lang]
        split[lang] = part
    return split
