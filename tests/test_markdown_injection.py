"""A data string is text wherever it lands: the hostile project built with real MkDocs.

tests/fixtures/hostile holds a valid dataset whose every free-text field carries a payload
(attr_list and legacy attributes, Markdown images and links, raw HTML, entities, comments, Jinja,
snippets, emoji, keys, maths, critic marks, admonitions, tabs, footnotes, abbreviations, wiki
links...) and whose mkdocs.yml enables every Markdown extension a site could reasonably use.
Each payload starts with a marker that says what it is:

- ``ZPnn …``: a plain-text field shown on pages (names, titles, bylines, sections, sources, notes,
  ideology, position, capital, region, chambers, options, pollsters, roles…): wherever ``ZPnn``
  shows, the whole payload follows it exactly as typed, and it shows somewhere;
- ``ZXnn …``: a plain-text field that pages need not show (tags): the same where it shows (a ``lang``
  is a checked BCP 47 code, so hostile ones are refused: see test_languages.py);
- ``ZMnn …``: a Markdown field (summary, body, event text): it may bring Markdown, never script;
  its marker (and ``ZMnn-end``, proof that nothing swallowed the rest) shows somewhere.

The same data is built once per group of extensions (all of them; Python-Markdown's own; the
example site's list). What Material itself emits (its inline scripts, inputs, styles) is learnt
from a clean build with the same mkdocs.yml and allowed exactly.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import MINIMAL_DATA, write_tree
from election_explainers.core.data.loader import load
from election_explainers.core.data.problems import DataError
from sites import FIXTURES, REPO_ROOT, Node, Site, build, parse_html

HOSTILE = FIXTURES / "hostile"
SECRET = "ZSECRET-7f3c1a"  # the text of secret.txt, next to mkdocs.yml
PASSWD = "root:x:0:0"  # the first line of /etc/passwd
MARKER_RE = re.compile(r"^Z[PXM]\d+(?!\d)")

# ----------------------------------------------------------------------------- extension groups

# Python-Markdown's own extensions, without pymdownx (legacy_em, codehilite and fenced_code act
# here instead of betterem, highlight and superfences).
PYTHON_MARKDOWN = """
  - abbr
  - admonition
  - attr_list
  - codehilite
  - def_list
  - fenced_code
  - footnotes
  - legacy_attrs
  - legacy_em
  - md_in_html
  - meta
  - nl2br
  - sane_lists
  - smarty
  - tables
  - toc:
      permalink: true
  - wikilinks
"""


def example_extensions() -> str:
    """The repository's own mkdocs.yml ``markdown_extensions`` block (what a newsroom copies)."""
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^markdown_extensions:[ \t]*\n((?:[ \t]+.*\n|[ \t]*\n)*)", text, re.MULTILINE)
    assert match, "no markdown_extensions block in mkdocs.yml"
    return match.group(1)


GROUPS = ("all", "python-markdown", "example")


def with_extensions(config: str, group: str) -> str:
    """The hostile mkdocs.yml with its markdown_extensions replaced by ``group``'s."""
    if group == "all":
        return config
    head = config[: config.index("\nmarkdown_extensions:")]
    block = PYTHON_MARKDOWN if group == "python-markdown" else example_extensions()
    return head + "\nmarkdown_extensions:\n" + block.strip("\n") + "\n"


# ----------------------------------------------------------------------------- the project


@functools.cache
def optional_data_accepted() -> bool:
    """Whether the loader accepts tests/fixtures/hostile/optional (names with line breaks).

    Rejecting them with a located error is a fine defence too; then the site is built without them.
    """
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(HOSTILE / "data", data)
        shutil.copytree(HOSTILE / "optional", data, dirs_exist_ok=True)
        try:
            load(data)
        except DataError as error:
            optional = {p.relative_to(HOSTILE / "optional").as_posix() for p in (HOSTILE / "optional").rglob("*.yaml")}
            if all(any(problem.file.endswith(name) for name in optional) for problem in error.problems):
                return False
        return True


def hostile_project(dest: Path, group: str = "all") -> Path:
    """The hostile project in ``dest``, with ``group``'s Markdown extensions."""
    shutil.copytree(HOSTILE, dest, ignore=shutil.ignore_patterns("optional"))
    if optional_data_accepted():
        shutil.copytree(HOSTILE / "optional", dest / "data", dirs_exist_ok=True)
    config = dest / "mkdocs.yml"
    config.write_text(with_extensions(config.read_text(encoding="utf-8"), group), encoding="utf-8")
    return dest


@dataclass
class Payloads:
    """Every marked string of a project's data and docs front matter, by marker."""

    plain: dict[str, str] = field(default_factory=dict)  # ZP and ZX: marker -> whole text
    shown: set[str] = field(default_factory=set)  # ZP markers: must show somewhere
    markdown: dict[str, str] = field(default_factory=dict)  # ZM


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def payloads(project: Path) -> Payloads:
    found = Payloads()
    documents = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (project / "data").rglob("*.yaml")]
    for page in (project / "docs").rglob("*.md"):
        front = re.match(r"\A---\n(.*?\n)---\n", page.read_text(encoding="utf-8"), re.DOTALL)
        if front:
            documents.append(yaml.safe_load(front.group(1)))
    for text in strings(documents):
        match = MARKER_RE.match(text)
        if match is None:
            continue
        marker = match.group(0)
        assert marker not in found.plain and marker not in found.markdown, f"{marker} marks two payloads"
        if marker.startswith("ZM"):
            found.markdown[marker] = text
        else:
            found.plain[marker] = normalize(text)
            if marker.startswith("ZP"):
                found.shown.add(marker)
    return found


def normalize(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------- what is allowed

# Elements that can run, load or restyle things. The theme's own are allowed as they appear in a
# clean build (same tag, attribute names, class, rel, name, type, text for <style>); data never
# brings one. <img> is not here: a sanitized Markdown image is fine, its attributes are checked.
ACTIVE_TAGS = frozenset(
    {
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "portal",
        "style",
        "link",
        "meta",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "template",
        "video",
        "audio",
        "source",
        "track",
        "dialog",
        "math",
        "maction",
        "set",
        "animate",
        "animatemotion",
        "animatetransform",
        "handler",
        "listener",
    }
)
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "srcset",
    "codebase",
    "to",
    "from",
    "values",
    "by",
)
SCRIPT_URL_RE = re.compile(r"^(javascript|vbscript|livescript):|^data:(text/html|application/xhtml|image/svg)")
TEXT_SKIPPED = frozenset({"script", "style", "template"})


@dataclass(frozen=True)
class Theme:
    """What a clean build with the same mkdocs.yml emits: the only scripts and handlers allowed."""

    handlers: frozenset[tuple[str, str]] = frozenset()  # (tag, on* attribute)
    inline_scripts: frozenset[str] = frozenset()
    active: frozenset[tuple[object, ...]] = frozenset()


NOTHING = Theme()  # for fragments in feeds and exports: no script, handler or active element at all


def script_text(text: str) -> str:
    # Material's inline scripts differ between pages only by the relative path to the site root.
    return re.sub(r'"(?:\.\./)*\.\.?"', '"REL"', text.strip())


def signature(node: Node) -> tuple[object, ...]:
    attrs = node.attrs
    keys = ("class", "rel", "name", "type", "http-equiv", "role")
    text = node.raw_text.strip() if node.tag == "style" else ""  # a <style>'s rules are what it does
    return (node.tag, tuple(sorted(attrs)), *(attrs.get(k, "") for k in keys), text)


def learn_theme(site: Site) -> Theme:
    handlers, scripts, active = set(), set(), set()
    for path in site.html_files(embeds=True):
        for node in site.page(site.url_of(path)).iter():
            handlers |= {(node.tag, name) for name in node.attrs if name.startswith("on")}
            if node.tag == "script" and "src" not in node.attrs and not node.get("type"):
                scripts.add(script_text(node.raw_text))
            if node.tag in ACTIVE_TAGS:
                active.add(signature(node))
    return Theme(frozenset(handlers), frozenset(scripts), frozenset(active))


def script_problem(node: Node, theme: Theme) -> str | None:
    """Why this <script> is not the theme's or ours, if it is not."""
    kind = (node.get("type") or "").lower()
    src = node.get("src")
    if src is not None:
        parts = urlsplit(src)
        # Relative, or root-absolute under site_url's path (404.html): Material's bundle and ours.
        ours = not parts.scheme and not parts.netloc and re.search(r"(^|/)assets/(javascripts|elections)/", parts.path)
        return None if ours and not node.raw_text.strip() else f"script from {src!r}"
    if kind == "application/ld+json" or (kind == "application/json" and node.get("id") == "__config"):
        try:
            json.loads(node.raw_text)
        except ValueError:
            return f"{kind} script that is not JSON (did something close it early?): {node.raw_text[:120]!r}"
        return None
    if kind in ("", "text/javascript", "module") and script_text(node.raw_text) in theme.inline_scripts:
        return None
    return f"inline script type={kind!r}: {node.raw_text[:120]!r}"


def html_problems(root: Node, theme: Theme, where: str) -> list[str]:
    """Every element of ``root`` that could run script, beyond what ``theme`` allows."""
    problems = []
    for node in root.iter():
        at = f"{where}:{node.line}: <{node.tag}>"
        for name, value in node.attrs.items():
            if name.startswith("on") and (node.tag, name) not in theme.handlers:
                problems.append(f"{at} has {name}={value!r}")
            if name == "srcdoc":
                problems.append(f"{at} has srcdoc={value[:80]!r}")
            if name in URL_ATTRIBUTES and SCRIPT_URL_RE.match(re.sub(r"[\x00-\x20]+", "", value).lower()):
                problems.append(f"{at} has {name}={value[:80]!r}")
        if node.tag == "script":
            problem = script_problem(node, theme)
            if problem:
                problems.append(f"{at} {problem}")
        elif node.tag in ACTIVE_TAGS and signature(node) not in theme.active:
            problems.append(f"{at} {node.attrs} is not emitted by the theme")
    return problems


def visible_text(node: Node) -> str:
    """The text a reader can see (script and style content left out), white space normalized."""
    parts: list[str] = []

    def walk(current: Node) -> None:
        for child in current.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in TEXT_SKIPPED:
                walk(child)

    walk(node)
    return normalize(" ".join(parts))


def literal_problems(text: str, plain: dict[str, str], where: str, seen: set[str]) -> list[str]:
    """Each marker in ``text`` must be followed by its whole payload, as typed.

    A label cut short with "…" (chart labels) is fine if what it shows is the payload's start.
    """
    problems = []
    for marker, payload in plain.items():
        for match in re.finditer(re.escape(marker) + r"(?!\d)", text):
            shown = text[match.start() : match.start() + len(payload)]
            cut = shown.find("…")
            if shown == payload:
                seen.add(marker)
            elif cut > len(marker) and payload.startswith(shown[:cut].rstrip()):
                continue
            else:
                problems.append(f"{where}: {marker} shows as {shown!r}, typed {payload!r}")
                break
    return problems


def report(problems: list[str], limit: int = 60) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems[:limit]) + ("\n…" if len(problems) > limit else "")


# ----------------------------------------------------------------------------- sites


@dataclass
class Built:
    group: str
    site: Site
    payloads: Payloads
    theme: Theme

    def pages(self) -> Iterator[tuple[str, Node]]:
        for path in self.site.html_files(embeds=True):
            url = self.site.url_of(path)
            yield url, self.site.page(url)


@pytest.fixture(scope="module")
def theme(tmp_path_factory: pytest.TempPathFactory) -> Theme:
    """A clean build (the minimal dataset) with the hostile mkdocs.yml: what Material emits."""
    project = tmp_path_factory.mktemp("clean")
    write_tree(project, MINIMAL_DATA)
    shutil.copy2(HOSTILE / "mkdocs.yml", project / "mkdocs.yml")
    return learn_theme(build(project))


@pytest.fixture(scope="module")
def built_sites(tmp_path_factory: pytest.TempPathFactory, theme: Theme) -> dict[str, Built]:
    """The hostile project built once per extension group."""
    sites = {}
    for group in GROUPS:
        project = hostile_project(tmp_path_factory.mktemp("hostile") / group, group)
        sites[group] = Built(group, build(project), payloads(project), theme)
    return sites


@pytest.fixture(params=GROUPS)
def hostile(request: pytest.FixtureRequest, built_sites: dict[str, Built]) -> Built:
    return built_sites[request.param]


@pytest.fixture
def hostile_all(built_sites: dict[str, Built]) -> Built:
    return built_sites["all"]


# ----------------------------------------------------------------------------- pages


def test_the_hostile_data_is_valid_and_complete(hostile_all: Built) -> None:
    """The fixture itself: valid (it built with --strict) and full of payloads of every kind."""
    found = hostile_all.payloads
    assert len(found.shown) > 100 and len(found.markdown) > 20
    assert len(hostile_all.site.html_files()) > 25


def test_no_event_handlers_scripts_or_frames_from_data(hostile: Built) -> None:
    problems = []
    for url, page in hostile.pages():
        problems += html_problems(page, hostile.theme, url or "index")
    assert not problems, f"[{hostile.group}] " + report(problems)


def test_plain_text_fields_show_exactly_as_typed(hostile: Built) -> None:
    plain = hostile.payloads.plain
    problems: list[str] = []
    seen: set[str] = set()
    for url, page in hostile.pages():
        problems += literal_problems(visible_text(page), plain, url or "index", seen)
    missing = sorted(hostile.payloads.shown - seen, key=lambda m: int(m[2:]))
    problems[:0] = [f"{marker} is never shown as typed: {plain[marker][:100]!r}" for marker in missing]
    assert not problems, f"[{hostile.group}] " + report(problems)


ENTITY_FOLDERS = ("countries", "parties", "people", "elections", "stories")


def test_every_page_title_is_its_name(hostile: Built) -> None:
    """The h1 and <title> of each generated page: the name (or story title) as typed."""
    problems = []
    for path in (hostile.site.root.parent / "data").rglob("*.yaml"):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        folder = path.relative_to(hostile.site.root.parent / "data").parts[0]
        if folder == "stories" and "body" not in record:
            continue
        url = f"{folder}/{path.stem}/"
        name = normalize(record.get("name") or record["title"])
        page = hostile.site.page(url)
        h1 = visible_text(hostile.site.article(url).find("h1")).removesuffix(" ¶")
        title = visible_text(page.find("head").find("title"))
        if h1 != name:
            problems.append(f"{url}: <h1> {h1!r} != {name!r}")
        if not title.startswith(name):
            problems.append(f"{url}: <title> {title!r} does not start with {name!r}")
    assert not problems, f"[{hostile.group}] " + report(problems)


def test_markdown_fields_show_whole(hostile: Built) -> None:
    """Sanitizing a Markdown field drops what can run, not the text around it."""
    texts = [visible_text(page) for _, page in hostile.pages()]
    everything = "\n".join(texts)
    missing = []
    for marker, text in hostile.payloads.markdown.items():
        patterns = [re.escape(marker) + r"(?![\d-])"] + (
            [re.escape(f"{marker}-end")] if f"{marker}-end" in text else []
        )
        missing += [f"{p} (of {text[:60]!r}…) is shown on no page" for p in patterns if not re.search(p, everything)]
    assert not missing, f"[{hostile.group}] " + report(missing)


def test_snippets_in_data_never_include_files(hostile: Built) -> None:
    """``--8<-- "secret.txt"`` / ``"/etc/passwd"`` in any data field: no file's text in any output."""
    leaked = []
    for path in sorted(hostile.site.root.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            leaked += [
                f"{path.relative_to(hostile.site.root)} holds {what}" for what in (SECRET, PASSWD) if what in text
            ]
    assert not leaked, f"[{hostile.group}] " + report(leaked)


def test_json_ld_blocks_are_inert(hostile_all: Built) -> None:
    problems = []
    for url, page in hostile_all.pages():
        for node in page.find_all("script", type="application/ld+json"):
            where = f"{url}:{node.line}"
            if "<" in node.raw_text:
                problems.append(f"{where}: '<' inside JSON-LD could close the script")
            try:
                data = json.loads(node.raw_text)
            except ValueError as error:
                problems.append(f"{where}: JSON-LD does not parse ({error})")
                continue
            problems += [f"{where}: {problem}" for problem in json_url_problems(data)]
    assert not problems, report(problems)


def test_meta_descriptions_are_single_and_in_the_head(hostile: Built) -> None:
    """A summary in front matter (docs) or data must stay inside its content="…"."""
    problems = []
    for url, page in hostile.pages():
        metas = page.find_all("meta", name="description")
        if len(metas) > 1:
            problems.append(f"{url}: {len(metas)} <meta name=description>")
        for meta in metas:
            if meta.parent is None or meta.parent.tag != "head":
                problems.append(f"{url}:{meta.line}: <meta name=description> outside <head>")
        head = page.find("head")
        problems += html_problems(head, hostile.theme, f"{url} <head>")
    explainer = [m.get("content") or "" for m in hostile.site.page("explainer/").find_all("meta", name="description")]
    if not any(content.startswith("ZM900") and "[j](javascript" not in content for content in explainer):
        problems.append(f"explainer/: description {explainer!r} is not the summary's text")
    assert not problems, f"[{hostile.group}] " + report(problems)


# ----------------------------------------------------------------------------- exports


def json_url_problems(data: object, path: str = "") -> Iterator[str]:
    """Every string value under a URL-ish key that is not http(s) or a relative path."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}.{key}"
            if isinstance(value, str) and key.lower() in URL_KEYS:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme not in ("", "http", "https"):
                    yield f"{here} = {value[:80]!r}"
            else:
                yield from json_url_problems(value, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, str) and path.rsplit(".", 1)[-1].lower() in URL_KEYS:
                if urlsplit(value.strip()).scheme.lower() not in ("", "http", "https"):
                    yield f"{path}[{index}] = {value[:80]!r}"
            else:
                yield from json_url_problems(value, f"{path}[{index}]")


URL_KEYS = frozenset(
    {
        "url",
        "external_url",
        "home_page_url",
        "feed_url",
        "@id",
        "sameas",
        "subjectof",
        "citation",
        "image",
        "link",
        "href",
        "src",
    }
)


def fragment_problems(fragment: str, where: str) -> list[str]:
    """An HTML fragment from a feed or export, as a reader's app would render it."""
    return html_problems(parse_html(fragment), NOTHING, where)


def export_files(site: Site, pattern: str) -> list[Path]:
    files = sorted(site.root.glob(pattern))
    assert files, f"no {pattern} in the built site"
    return files


def test_json_feeds_are_inert(hostile_all: Built) -> None:
    problems = []
    for path in export_files(hostile_all.site, "feeds/**/feed.json"):
        feed = json.loads(path.read_text(encoding="utf-8"))
        where = path.relative_to(hostile_all.site.root).as_posix()
        for index, item in enumerate(feed["items"]):
            for key in ("content_html", "summary"):
                if key in item:
                    problems += fragment_problems(item[key], f"{where} items[{index}].{key}")
        problems += [f"{where}: {problem}" for problem in json_url_problems(feed)]
    assert not problems, report(problems)


def test_atom_feeds_are_inert(hostile_all: Built) -> None:
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    problems = []
    for path in export_files(hostile_all.site, "feeds/**/atom.xml"):
        where = path.relative_to(hostile_all.site.root).as_posix()
        root = ET.fromstring(path.read_bytes())  # ]]> and friends in data must not break the XML
        for index, entry in enumerate(root.iterfind("atom:entry", ns)):
            for tag in ("summary", "content", "title"):
                element = entry.find(f"atom:{tag}", ns)
                if element is not None and element.get("type") in ("html", "xhtml"):
                    problems += fragment_problems(element.text or "", f"{where} entry[{index}].{tag}")
        for link in root.iter(f"{{{ns['atom']}}}link"):
            if urlsplit(link.get("href", "")).scheme not in ("http", "https"):
                problems.append(f"{where}: <link href={link.get('href')!r}>")
    assert not problems, report(problems)


def test_timeline_exports_are_inert(hostile_all: Built) -> None:
    """Plain timeline JSON (``text`` is the editor's Markdown: a consumer renders it, raw HTML and
    all) and TimelineJS JSON (``headline`` and ``text`` are HTML TimelineJS inserts as is)."""
    problems = []
    for path in export_files(hostile_all.site, "timeline/*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        where = path.relative_to(hostile_all.site.root).as_posix()
        problems += [f"{where}: {problem}" for problem in json_url_problems(data)]
        if path.name.endswith(".timelinejs.json"):
            texts = [data["title"]["text"], *(event["text"] for event in data["events"])]
            for index, text in enumerate(texts):
                for key in ("headline", "text"):
                    problems += fragment_problems(text.get(key) or "", f"{where} [{index}].{key}")
        else:
            for index, item in enumerate(data["items"]):
                problems += fragment_problems(item.get("text") or "", f"{where} items[{index}].text")
    assert not problems, report(problems)


def test_search_index_is_inert(hostile_all: Built) -> None:
    """Material shows search results' titles and text as HTML: they must carry data as text."""
    index = json.loads((hostile_all.site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    problems = []
    for document in index["docs"]:
        for key in ("title", "text"):
            problems += fragment_problems(document.get(key) or "", f"search {document['location']} {key}")
    assert not problems, report(problems)


def test_the_converter_keeps_the_most_recently_used_conversions_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large site's every summary kept as HTML would hold a tenth of its build's memory."""
    from election_explainers.core.render import markdown_html

    monkeypatch.setattr(markdown_html, "KEPT_CONVERSIONS", 3)
    converter = markdown_html.MarkdownConverter()
    first = converter.convert("*one*")
    for text in ("two", "three"):
        converter.convert(text)
    assert converter.convert("*one*") is first  # used again: kept, and now the most recent
    converter.convert("four")  # "two" is the least recently used: it goes
    assert converter.convert("*one*") is first
    assert converter.convert("three")[0] == "<p>three</p>"
    assert len(converter._cache) == 3 and "two" not in converter._cache
