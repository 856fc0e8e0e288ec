"""The plugin, ``explainers diff`` and ``explainers materialize`` render a site with the same settings.

The plugin fills :class:`SiteConfig` from MkDocs' configuration; the commands read
``mkdocs.yml`` themselves.  Both are checked against each other here on the
example site and on a site that sets every option the renderer reads.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from election_explainers.config import site_config
from election_explainers.core.data.loader import load
from election_explainers.core.publish.siteconfig import SiteConfig, read_site_config
from election_explainers.core.render.render import Renderer
from mkdocs.config import load_config
from sites import copy_example

SETTINGS = """
  - elections:
      data_dir: data
      languages: [en, ru]
      untranslated: allow
      as_of: 2020-03
      feed_entries: 3
      raw_html: allow
      data_edit_uri: blob/main/
      related: {max_count: 2, include_newer: true, weights: {tag: 0.5}}
      sharing: {embeds: false, downloads: false, cards: false}
"""


def from_plugin(config_file: Path) -> SiteConfig:
    config = load_config(str(config_file))
    return site_config(config.plugins["elections"].config, config)


def options_seen(site: SiteConfig) -> dict[str, object]:
    """Every render option, with the callables shown by what they give for one data file."""
    options = site.render_options()
    seen = {field.name: getattr(options, field.name) for field in dataclasses.fields(options)}
    seen["edit_url"] = options.edit_url("data/parties/nur-otan.yaml")
    seen["last_updated"] = options.last_updated("data/parties/nur-otan.yaml")
    seen["template_dirs"] = [Path(d).resolve() for d in options.template_dirs]
    return seen


@pytest.fixture(params=["example", "every option"])
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = copy_example(tmp_path)
    if request.param == "every option":
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        start = text.index("  - elections:")
        end = text.index("\n\n", start)
        text = text[:start] + SETTINGS.strip("\n") + text[end:]
        text = (
            text.replace("permalink: true", "permalink: '#'\n      permalink_title: Link")
            + "\nuse_directory_urls: false\n"
        )
        config.write_text(text, encoding="utf-8")
        (root / "docs" / "index.kk.md").unlink()  # a site without Kazakh keeps no Kazakh page
    return root


def test_plugin_and_commands_render_with_the_same_options(project: Path) -> None:
    plugin, commands = from_plugin(project / "mkdocs.yml"), read_site_config(project / "mkdocs.yml")
    assert options_seen(plugin) == options_seen(commands)
    assert (plugin.data_licence, plugin.feed_entries, plugin.cards) == (
        commands.data_licence,
        commands.feed_entries,
        commands.cards,
    )
    if "as_of" in (project / "mkdocs.yml").read_text(encoding="utf-8"):  # the settings did reach both
        assert (commands.permalink, commands.permalink_title, commands.use_directory_urls) == ("#", "Link", False)
        assert (commands.feed_entries, commands.embeds, str(commands.as_of)) == (3, False, "2020-03")
        assert commands.languages == ("en", "ru")
    else:
        assert commands.languages == ("en", "ru", "kk")


def test_plugin_and_commands_make_the_same_files(project: Path) -> None:
    plugin, commands = from_plugin(project / "mkdocs.yml"), read_site_config(project / "mkdocs.yml")
    dataset = load(commands.data_path, commands.docs_path, root=commands.root, languages=commands.languages)
    made = [
        {f.path: f.make() for f in site.data_files(Renderer(dataset, site.render_options()))}
        for site in (plugin, commands)
    ]
    assert made[0] == made[1]
    if commands.embeds:
        assert any(path.startswith("embed/") for path in made[0])
    else:
        assert not any(path.startswith(("embed/", "data/")) for path in made[0])
