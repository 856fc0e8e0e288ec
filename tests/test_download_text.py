"""Downloads carry data, not markup: a Markdown field is the text a reader sees on the page.

A hostile summary (a script, an image with an event handler, an attribute smuggled in
through attr_list), a story body with ``[[id]]`` links and paragraphs, and an event's text
go into a real build; ``dataset.json`` holds their text, and no download holds any of the
markup, whether the site sanitizes its pages' HTML or allows it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sites import build

MakeProject = Callable[..., Path]
MKDOCS_YML = (
    "site_name: Download text\nsite_url: https://example.org/\ntheme:\n  name: material\nplugins:\n  - elections\n"
)
HOSTILE_SUMMARY = (
    "Founded <script>alert(1)</script>in **2001**, <img src=x onerror=alert(1)> with &amp; by [[ann-smith]].\n\n"
    "X\n{: onfocus=alert(1) }\n\n"  # attr_list's syntax on a line of its own: an attribute, which is sanitized away
    "Y {: onfocus=alert(1) }"  # within a line it is no syntax: the page shows it as text, and so does the download
)
MARKUP = ("<script", "<img", "onerror", "onclick", "<p>", "<a ", "<strong", "<b", "&amp;", "[[", "alert(1)</")

CHANGES = {
    "data/parties/red.yaml": f"""
        name: Red Party
        country: ck
        colour: "#cc0000"
        summary: {json.dumps(HOSTILE_SUMMARY)}
        events:
          - date: 2019-05-01
            title: A congress
            text: "The congress elects [[ann-smith|its leader]] <b onclick=alert(1)>again</b>."
    """,
    "data/stories/red-wins.yaml": """
        title: Red wins
        date: 2020-06-08
        about: [ck-2020, red]
        summary: The [[red]] takes a majority.
        body: |
          The [[red]] won [[ck-2020|the vote]] & more.

          - one *point*
          - another
    """,
}


@pytest.mark.parametrize("raw_html", ["sanitize", "allow"])
def test_markdown_fields_in_downloads_are_the_text_a_reader_sees(make_project: MakeProject, raw_html: str) -> None:
    config = MKDOCS_YML.replace("  - elections\n", f"  - elections:\n      raw_html: {raw_html}\n")
    project = make_project({"mkdocs.yml": config, **CHANGES})
    site = build(project)
    dataset = json.loads((site.root / "data/dataset.json").read_text(encoding="utf-8"))
    red = next(p for p in dataset["parties"] if p["id"] == "red")
    # Rendered, sanitized, without tags: the words of the page, the link as its text, the paragraphs apart.
    assert red["summary"] == "Founded in 2001, with & by Ann Smith.\n\nX\n\nY {: onfocus=alert(1) }"
    assert red["events"][0]["text"] == "The congress elects its leader again."
    assert red["events"][0]["title"] == "A congress"
    story = next(s for s in dataset["stories"] if s["id"] == "red-wins")
    assert story["summary"] == "The Red Party takes a majority."
    assert story["body"] == "The Red Party won the vote & more.\n\none point\nanother"
    # No download carries the markup.
    for path in (site.root / "data").rglob("*"):
        if path.suffix in (".json", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8-sig")
            assert not [m for m in MARKUP if m in text], (path.name, [m for m in MARKUP if m in text])


def test_plain_text_fields_stay_the_editors_string(make_project: MakeProject) -> None:
    """A name is shown on the page as it is written (escaped), so the download keeps it as it is."""
    name = "Red <b>Party</b> & Co"
    project = make_project(
        {"mkdocs.yml": MKDOCS_YML, "data/parties/red.yaml": f"name: {json.dumps(name)}\ncountry: ck\n"}
    )
    site = build(project)
    dataset = json.loads((site.root / "data/dataset.json").read_text(encoding="utf-8"))
    assert next(p for p in dataset["parties"] if p["id"] == "red")["name"] == name
