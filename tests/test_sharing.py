"""Share and reuse: social cards and their tags, embeddable charts, the data as downloads.

The example site is built once with everything on; smaller projects check what the
example cannot show (hostile names, the card cache, turning cards off).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import png
import pytest
import yaml
from sites import REPO_ROOT, Node, Site, add_config, build, copy_example, parse_html, require_chromium, serve

MakeProject = Callable[..., Path]
SITE_URL = "https://elections.example.org/"
ELECTION = "kz-2021-mazhilis"
MKDOCS_YML = """
site_name: Sharing test
site_url: https://example.org/news/
theme:
  name: material
plugins:
  - elections
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("sharing")))


def head_tags(node: Node) -> dict[str, str]:
    """``<meta property|name>`` of a page's head by name (og:*, twitter:*)."""
    tags = {}
    for meta in node.find_all("meta"):
        name = meta.get("property") or meta.get("name")
        if name and (name.startswith("og:") or name.startswith("twitter:")):
            assert name not in tags, f"{name} twice"
            tags[name] = meta.get("content") or ""
    return tags


def yaml_records(folder: str) -> dict[str, dict]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((REPO_ROOT / "data" / folder).glob("*.yaml"))
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def number(text: str) -> float | None:
    return float(text.replace("\u2009", "").replace(",", "").rstrip("%")) if text.strip("–—- ") else None


# -- social cards and tags -----------------------------------------------------------------------


def pages_with_cards(site: Site) -> Iterator[tuple[str, str]]:
    """(page URL, card file) of every election, party, country and story page of the example: a record
    with an image has a photo card (a JPEG, see test_photo_pages.py), the others a drawn PNG."""
    for folder in ("elections", "parties", "countries", "stories"):
        for record_id, record in yaml_records(folder).items():
            if folder == "stories" and "body" not in record:
                continue
            yield f"{folder}/{record_id}/", f"cards/{folder}/{record_id}.{'jpg' if record.get('image') else 'png'}"


def test_every_shared_page_has_open_graph_tags_with_absolute_urls_and_its_card(site: Site) -> None:
    pages = list(pages_with_cards(site))
    assert len(pages) >= 10
    for url, card in pages:
        page = site.page(url)
        tags = head_tags(page.find("head"))
        assert tags["og:url"] == SITE_URL + url
        assert tags["og:image"] == SITE_URL + card
        assert tags["twitter:image"] == tags["og:image"]
        assert tags["twitter:card"] == "summary_large_image"
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        assert tags["og:title"] == page.find("h1").text.removesuffix("¶").strip()
        assert tags["og:description"] and tags["og:image:alt"]
        assert tags["og:type"] == ("article" if url.startswith("stories/") else "website")
        data = (site.root / card).read_bytes()
        if card.endswith(".png"):
            assert png.size(data) == (1200, 630), card
        else:
            assert data.startswith(b"\xff\xd8\xff") and tags["og:image:type"] == "image/jpeg", card


def test_pages_other_than_shared_kinds_get_no_card(site: Site) -> None:
    tags = head_tags(site.page("people/kassym-jomart-tokayev/").find("head"))
    assert "og:image" not in tags
    assert not (site.root / "cards" / "people").exists()


def test_party_cards_are_filled_with_the_party_colour(site: Site) -> None:
    parties = yaml_records("parties")
    for party_id in ("auyl", "ak-zhol"):  # parties without an image (nur-otan's card is its logo)
        image = png.read((site.root / f"cards/parties/{party_id}.png").read_bytes())
        assert (image.width, image.height) == (1200, 630)
        colour = parties[party_id]["colour"]
        expected = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        # The right-hand third is the party's colour; the text side is white.
        assert image.pixel(1100, 315) == expected, party_id
        assert image.pixel(1190, 20) == expected, party_id
        assert image.pixel(400, 480) == (255, 255, 255)


def test_election_card_shows_the_seats_in_each_partys_colour(site: Site) -> None:
    election = yaml_records("elections")[ELECTION]
    parties = yaml_records("parties")
    image = png.read((site.root / f"cards/elections/{ELECTION}.png").read_bytes())
    counts = image.colours()
    official = next(s for s in election["results"] if s["kind"] == "official")
    winners = [row for row in official["rows"] if row.get("seats") and row.get("party")]
    assert winners
    for row in winners:
        colour = parties[row["party"]]["colour"]
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        # Every seat is a dot of ~300 pixels at the card's scale: more seats, more pixels.
        assert counts.get(rgb, 0) >= 100 * row["seats"], (row["party"], counts.get(rgb, 0))


def test_cards_are_cached_by_content_and_rebuilt_when_it_changes(make_project: MakeProject) -> None:
    project = make_project({"mkdocs.yml": MKDOCS_YML})
    first = build(project)
    cache = project / ".cache" / "elections" / "cards"
    cached = sorted(cache.rglob("*.png"))
    assert len(cached) == len(list((first.root / "cards").rglob("*.png"))) >= 4
    # A second build reads every card back: a cached file changed by hand is what it publishes.
    marker = cached[0].read_bytes() + b"cached"
    for path in cached:
        path.write_bytes(marker)
    second = build(project, site_dir="site2")
    assert all(path.read_bytes() == marker for path in (second.root / "cards").rglob("*.png"))
    # A party's new colour is a new card: rendered, and cached beside the others.
    red = project / "data/parties/red.yaml"
    red.write_text(red.read_text(encoding="utf-8").replace("#cc0000", "#00aa00"), encoding="utf-8")
    third = build(project, site_dir="site3")
    image = png.read((third.root / "cards/parties/red.png").read_bytes())
    assert image.pixel(1100, 315) == (0, 0xAA, 0)
    assert len(list(cache.rglob("*.png"))) > len(cached)


def test_cards_are_the_same_bytes_drawn_in_one_process_or_two(make_project: MakeProject) -> None:
    """Cards are drawn in worker processes when there are many: the PNGs do not depend on how many."""
    from election_explainers.core.publish.card_cache import IN_PROCESS_BELOW

    # Enough parties (each a card, in its own colour) that the build shares the cards out.
    parties = {
        f"data/parties/p{n}.yaml": f'name: Party number {n} of Cockaigne\ncountry: ck\ncolour: "#{n * 7:02x}{255 - n * 5:02x}{n * 3:02x}"\n'
        for n in range(IN_PROCESS_BELOW + 6)
    }
    config = MKDOCS_YML.replace("  - elections\n", "  - elections:\n      sharing:\n        cards_cache_dir: ''\n")
    project = make_project({"mkdocs.yml": config, **parties})
    sites = {}
    for workers in ("1", "3"):  # 1: in the build's own process; 3: two workers beside the build, which keeps a core
        env = {"ELECTIONS_WORKERS": workers}
        sites[workers] = build(project, site_dir=f"site-{workers}", env=env)
    drawn_alone = [line for line in sites["1"].log.splitlines() if "social cards in" in line]
    assert drawn_alone and all(line.endswith("in 1 process") for line in drawn_alone), drawn_alone
    assert "social cards in 2 processes beside the build" in sites["3"].log
    one, two = (
        {p.relative_to(s.root): p.read_bytes() for p in (s.root / "cards").rglob("*.png")} for s in sites.values()
    )
    assert len(one) >= IN_PROCESS_BELOW + 6
    assert one == two
    # Each party's card is its own: drawn, not copied from another.
    assert len(set(one.values())) == len(one)


def test_cards_can_be_turned_off_and_links_follow_html_file_urls(make_project: MakeProject) -> None:
    config = MKDOCS_YML.replace("  - elections\n", "  - elections:\n      sharing:\n        cards: false\n")
    project = make_project({"mkdocs.yml": config + "use_directory_urls: false\n"})
    site = build(project)
    assert not (site.root / "cards").exists()
    assert not (project / ".cache/elections/cards").exists()  # only the build cache (see test_build_cache.py)
    tags = head_tags(site.page("parties/red.html").find("head"))
    assert "og:image" not in tags
    assert tags["twitter:card"] == "summary"
    assert tags["og:url"] == "https://example.org/news/parties/red.html"
    share = site.page("elections/ck-2020.html").section("share-and-download")
    hrefs = [href for href, _ in share.links()]
    assert "../embed/ck-2020/seats/index.html" in hrefs and "../data/index.html" in hrefs
    snippet = parse_html(share.find("textarea").text).find("iframe")
    assert snippet.get("src") == "https://example.org/news/embed/ck-2020/seats/index.html"
    assert site.article("data/index.html").find("p", cls="ee-licence")


KAZAKH_AND_RUSSIAN = "ӘәҒғҚқҢңӨөҰұҮүҺһІіЖжЯя"


def test_the_shipped_font_draws_kazakh_and_russian_letters() -> None:
    """Each letter comes out as ink of its own: a missing glyph would be blank or the same empty box."""
    from election_explainers.core.publish.card_draw import Line, draw_png

    shapes = set()
    for letter in KAZAKH_AND_RUSSIAN:
        image = png.read(draw_png((Line(8, 38, letter, 36, "#1f2937"),), 48, 48))
        ink = tuple(row for row in image.rows)
        assert any(colour != (255, 255, 255) for colour in image.colours()), letter
        shapes.add(ink)
    assert len(shapes) == len(KAZAKH_AND_RUSSIAN)


# -- embeddable charts --------------------------------------------------------------------------


def embed_pages(site: Site) -> list[str]:
    return sorted(
        path.parent.relative_to(site.root).as_posix() + "/" for path in (site.root / "embed").rglob("index.html")
    )


def test_each_chart_has_a_bare_embed_page_an_svg_and_oembed(site: Site) -> None:
    pages = embed_pages(site)
    assert f"embed/{ELECTION}/seats/" in pages and f"embed/{ELECTION}/votes/" in pages
    for url in pages:
        html = site.html(url)
        page = parse_html(html)
        assert not page.find_all("script"), url
        assert 'class="md-' not in html, f"{url} carries the theme"
        assert not page.find_all("link", rel="stylesheet"), url
        figure = page.find("figure", cls="ee-chart")
        assert figure.find_all("svg")
        source = page.find("p", cls="ee-embed-source")
        back = [href for href, _ in source.links() if "elections/" in href]
        assert back, f"{url} links back to its election"
        kind = url.rstrip("/").rsplit("/", 1)[1]
        election_id = url.split("/")[1]
        svg = (site.root / f"embed/{election_id}/{kind}.svg").read_text(encoding="utf-8")
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        oembed = json.loads((site.root / url / "oembed.json").read_text(encoding="utf-8"))
        assert oembed["version"] == "1.0" and oembed["type"] == "rich"
        assert f'src="{SITE_URL}{url}"' in oembed["html"]
        discovery = page.find("link", type="application/json+oembed")
        assert discovery.get("href") == f"{SITE_URL}{url}oembed.json"


def test_the_election_page_offers_the_iframe_snippet(site: Site) -> None:
    page = site.page(f"elections/{ELECTION}/")
    share = page.section("share-and-download")
    snippets = [area.text for area in share.find_all("textarea")]
    assert len(snippets) == 2
    for kind, snippet in zip(("seats", "votes"), snippets, strict=True):
        iframe = parse_html(snippet).find("iframe")
        assert iframe.get("src") == f"{SITE_URL}embed/{ELECTION}/{kind}/"
        assert (site.root / f"embed/{ELECTION}/{kind}/index.html").is_file()
    assert all(area.get("readonly") is not None for area in share.find_all("textarea"))
    # Each chart's embed page carries its oEmbed discovery link (tested above); the election page
    # carries none, since Material fetches a sitemap.xml beside every link[rel=alternate].
    assert page.find("head").find_all("link", type="application/json+oembed") == []


# Measured in a Chromium of its own, in a child process: Playwright's sync API runs one instance per
# process, and the browser tests' session-wide one may already be open.
MEASURE_EMBEDS = """
import json, sys
from playwright.sync_api import sync_playwright
executable, base, width, urls = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
found = []
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": width, "height": 700})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: errors.append(request.url))
    for url in urls:
        page.goto(base + url, wait_until="load")
        found.append(page.evaluate(
            "({url: location.pathname, scroll: document.documentElement.scrollWidth, view: window.innerWidth,"
            " scripts: document.scripts.length, svg: document.querySelector('svg').getBoundingClientRect().width})"
        ))
    browser.close()
print(json.dumps({"pages": found, "errors": errors}))
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 800])
def test_embed_pages_fit_any_width_without_scripts(site: Site, width: int) -> None:
    executable = require_chromium()
    pages = embed_pages(site)
    with serve(site.root) as base:
        result = subprocess.run(
            [sys.executable, "-c", MEASURE_EMBEDS, executable, base, str(width), *pages],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    measured = json.loads(result.stdout)
    assert not measured["errors"]
    assert len(measured["pages"]) == len(pages) >= 4
    for sizes in measured["pages"]:
        assert sizes["scroll"] == sizes["view"] == width, sizes
        assert sizes["scripts"] == 0, sizes
        assert 0 < sizes["svg"] <= width, sizes


# -- downloads ------------------------------------------------------------------------------------


def test_results_csv_matches_the_yaml_with_names_as_of_the_election(site: Site) -> None:
    parties = yaml_records("parties")
    for election_id, election in yaml_records("elections").items():
        every_row = read_csv(site.root / f"data/elections/{election_id}.csv")
        # A mixed election's national totals over its tiers come first, as tier "all": made, not written.
        rows = [r for r in every_row if r["tier"] != "all"]
        totals = [r for r in every_row if r["tier"] == "all"]
        assert bool(totals) == bool(election.get("tiers"))
        if totals:
            assert every_row[: len(totals)] == totals
            assert sum(int(r["seats"]) for r in totals if r["seats"]) == election["seats"]
        expected = [
            ((s["kind"], s.get("tier"), s.get("area"), s.get("round")), row)
            for s in election.get("results", [])
            for row in s["rows"]
        ]
        assert len(rows) == len(expected)

        def where(r: dict[str, str]) -> tuple[str, str | None, str | None, int | None]:
            return (r["result_set"], r["tier"] or None, r["area"] or None, int(r["round"]) if r["round"] else None)

        by_key = {(where(r), r["choice_id"] or r["name"]): r for r in rows}
        assert len(by_key) == len(rows)
        for kind, row in expected:
            got = by_key[(kind, row.get("person") or row.get("party") or row["option"])]
            assert got["election_date"] == str(election["date"])
            for field in ("votes", "seats"):
                assert (int(got[field]) if got[field] else None) == row.get(field)
            assert (float(got["percent"]) if got["percent"] else None) == row.get("percent")
            if row.get("party"):
                party = parties[row["party"]]
                assert got["name"] in {party["name"], *(o["name"] for o in party.get("other_names", []))}
    # Nur Otan is Amanat from 2022: the 2021 election's file still says Nur Otan.
    rows = read_csv(site.root / f"data/elections/{ELECTION}.csv")
    assert {r["name"] for r in rows if r["choice_id"] == "nur-otan"} == {"Nur Otan"}


def test_each_download_says_what_the_page_says(site: Site) -> None:
    for election_id in yaml_records("elections"):
        page = site.page(f"elections/{election_id}/")
        table = page.find("table", cls="ee-table")
        header = [th.text for th in table.find("thead").find_all("th")]
        rows = read_csv(site.root / f"data/elections/{election_id}.csv")
        primary = rows[0]["result_set"]
        same_set = ("result_set", "tier", "area", "round")
        primary_rows = [r for r in rows if all(r[key] == rows[0][key] for key in same_set)]
        body = table.find("tbody").find_all("tr")
        assert len(body) == len(primary_rows)
        share_col = next(
            i for i, text in enumerate(header) if text.endswith("%") and text.startswith(("Official", "Prelim"))
        )
        for tr, row in zip(body, primary_rows, strict=True):
            cells = [tr.find("th"), *tr.find_all("td")]
            assert cells[0].text.startswith(row["name"])
            assert number(cells[share_col].text) == (float(row["percent"]) if row["percent"] else None)
            if "Seats" in header:
                assert number(cells[header.index("Seats")].text) == (float(row["seats"]) if row["seats"] else None)
        data = json.loads((site.root / f"data/elections/{election_id}.json").read_text(encoding="utf-8"))
        json_rows = data["result_sets"][0]["rows"] if data["result_sets"][0]["kind"] == primary else None
        if json_rows is not None:
            assert [r["name"] for r in json_rows] == [r["name"] for r in primary_rows]
        links = dict((text, href) for href, text in page.section("share-and-download").links())
        assert links["CSV"].endswith(f"data/elections/{election_id}.csv")


def test_the_dataset_and_popolo_exports_match_the_yaml(site: Site) -> None:
    dataset = json.loads((site.root / "data/dataset.json").read_text(encoding="utf-8"))
    for kind in ("countries", "parties", "people", "elections", "stories"):
        records = yaml_records(kind)
        assert {r["id"] for r in dataset[kind]} == set(records)
        for record in dataset[kind]:
            key = "title" if kind == "stories" else "name"
            assert record[key] == records[record["id"]][key]
    popolo = json.loads((site.root / "data/popolo.json").read_text(encoding="utf-8"))
    people, parties, elections = yaml_records("people"), yaml_records("parties"), yaml_records("elections")
    assert {p["id"]: p["name"] for p in popolo["persons"]} == {k: v["name"] for k, v in people.items()}
    organizations = {o["id"]: o for o in popolo["organizations"]}
    for party_id, party in parties.items():
        assert organizations[party_id]["name"] == party["name"]
        assert organizations[party_id]["classification"] == "party"
    assert popolo["memberships"]
    for membership in popolo["memberships"]:
        assert membership["person_id"] in people and membership["organization_id"] in organizations
    leaders = {(leader["person"], party_id) for party_id, p in parties.items() for leader in p.get("leaders", [])}
    assert leaders <= {(m["person_id"], m["organization_id"]) for m in popolo["memberships"]}
    assert {e["id"]: e["start_date"] for e in popolo["events"]} == {k: str(v["date"]) for k, v in elections.items()}
    assert all(e["classification"] == "election" for e in popolo["events"])


def test_the_data_page_states_the_licence_from_mkdocs_yml(site: Site) -> None:
    licence = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:")[0])[
        "extra"
    ]["data_licence"]
    page = site.article("data/")
    assert licence in page.find("p", cls="ee-licence").text
    hrefs = [href for href, _ in page.links()]
    for name in ("dataset.json", "popolo.json", "README.txt", f"elections/{ELECTION}.csv"):
        assert name in hrefs, name
        assert (site.root / "data" / name).is_file()
    assert licence in (site.root / "data/README.txt").read_text(encoding="utf-8")


# -- hostile names --------------------------------------------------------------------------------

HOSTILE_NAME = yaml.safe_load(
    (REPO_ROOT / "tests/fixtures/hostile/data/parties/p-attr.yaml").read_text(encoding="utf-8")
)["name"]
FORMULAS = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(1)")


def test_hostile_and_formula_names_stay_text_in_csv_svg_embeds_and_tags(make_project: MakeProject) -> None:
    changes = {
        "mkdocs.yml": MKDOCS_YML,
        "data/parties/red.yaml": f'name: {json.dumps(HOSTILE_NAME)}\ncountry: ck\ncolour: "#cc0000"\n',
        "data/parties/blue.yaml": f"name: {json.dumps(FORMULAS[0])}\ncountry: ck\nother_names:\n"
        + "".join(f"  - name: {json.dumps(name)}\n    end_date: 2019\n" for name in FORMULAS[1:2])
        + "",
    }
    project = make_project(changes)
    add_config(project, "extra:\n  data_licence: '<b>CC</b> \"BY\"'")
    site = build(project)
    rows = read_csv(site.root / "data/elections/ck-2020.csv")
    names = {r["choice_id"]: r["name"] for r in rows}
    assert names["red"] == HOSTILE_NAME
    assert names["blue"] == "'" + FORMULAS[0]  # a spreadsheet shows it as text, not a formula
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    # SVG files parse, and the name is their text.
    svg = ET.fromstring((site.root / "embed/ck-2020/seats.svg").read_text(encoding="utf-8"))
    assert not [e for e in svg.iter() if e.tag.endswith("script") or any(a.startswith("on") for a in e.attrib)]
    assert any(HOSTILE_NAME in (e.text or "") for e in svg.iter())
    for url in ("embed/ck-2020/seats/", "embed/ck-2020/votes/"):
        page = parse_html(site.html(url))
        assert not page.find_all("script") and not page.find_all("img")
        assert HOSTILE_NAME in page.find("figure").text
    tags = head_tags(site.page("parties/red/").find("head"))
    assert tags["og:title"] == HOSTILE_NAME
    assert tags["twitter:title"] == HOSTILE_NAME
    assert not parse_html(site.html("parties/red/")).find("head").find_all("svg")
    popolo = json.loads((site.root / "data/popolo.json").read_text(encoding="utf-8"))
    assert {o["id"]: o["name"] for o in popolo["organizations"]}["red"] == HOSTILE_NAME
    assert site.article("data/").find("p", cls="ee-licence").find("strong").text == '<b>CC</b> "BY"'
