"""The site's languages, from the ``elections`` plugin's ``languages:`` in ``mkdocs.yml``, read without MkDocs.

For ``explainers validate`` and ``explainers translations``, which check the
data for the languages the site publishes. The default language comes first.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..data.text import DEFAULT_LANGUAGE
from .siteconfig import _plugin_settings, _TolerantLoader, languages_setting


def site_languages(config_file: Path) -> tuple[str, ...]:
    """``("en", "ru", "kk")`` as ``languages:`` lists them; ``("en",)`` without a file or the setting.

    A value that is not a list of strings is returned as it is written, as
    strings, so that the language checks can say what is wrong with it.
    """
    if not config_file.is_file():
        return (DEFAULT_LANGUAGE,)
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    languages = _plugin_settings(raw.get("plugins") if isinstance(raw, dict) else None).get("languages")
    if languages is None:
        return (DEFAULT_LANGUAGE,)
    return languages_setting(languages) if isinstance(languages, (str, list)) else ()


def untranslated_allowed(config_file: Path) -> bool:
    """Whether the site publishes partly translated on purpose (``untranslated: allow``)."""
    if not config_file.is_file():
        return False
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    return _plugin_settings(raw.get("plugins") if isinstance(raw, dict) else None).get("untranslated") == "allow"
