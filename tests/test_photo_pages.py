"""Photos on real pages: built sites show every picture as its data says, and publish only clean files.

The example site (whose records carry drawn illustrations) is built once; a
small project adds what the example lacks: a camera photo carrying EXIF with
GPS, XMP and an ICC profile, and an event with a picture. Every check reads
the built site: the HTML as a reader's browser gets it, and every published
image file back with Pillow (its size is the one the page claims, and no
metadata survives). The browser tests, at the end, open the pages in Debian's
Chromium at 1280 and 375 px.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from browser import axe_violations, chromium_browser, describe_violations, open_page, screenshot_dir
from conftest import MINIMAL_DATA, REPO_ROOT, write_tree
from election_explainers.core.publish.photo_cards import PhotoCard, draw_photo_card
from PIL import ExifTags, Image, ImageStat
from playwright.sync_api import Browser
from sites import Node, Site, build, copy_example, serve

__all__ = ["chromium_browser"]  # the fixture, imported from browser.py

SITE_URL = "https://elections.example.org/"
STORY = "kz-ruling-party-dominates-vote"
FEED_IMAGE_WIDTH = 1024
FORMATS = {"image/webp": "WEBP", "image/jpeg": "JPEG", "image/png": "PNG"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("photos")))


def camera_photo() -> bytes:
    """A JPEG as a phone saves it: EXIF with the camera, the time and a GPS position, XMP, an ICC profile."""
    from PIL import ImageCms

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.DateTimeOriginal] = "2020:06:07 10:11:12"
    exif[ExifTags.Base.BodySerialNumber] = "SN-123456"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (43.0, 15.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (76.0, 54.0, 0.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description creator="Jane"/></rdf:RDF></x:xmpmeta>'
    picture = Image.linear_gradient("L").resize((1600, 1000)).convert("RGB")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, exif=exif, icc_profile=icc, xmp=xmp, comment=b"secret note")
    return out.getvalue()


def small_project(root: Path) -> Path:
    files: dict[str, str | bytes] = dict(MINIMAL_DATA)
    files["data/stories/red-wins.yaml"] = (
        MINIMAL_DATA["data/stories/red-wins.yaml"]
        + """
        image:
          file: square.jpg
          alt: Red supporters wave flags in the main square
          caption: The main square on election night.
          credit: Jane Doe
          licence: CC BY 4.0
          source_url: https://images.example.org/square
        """
    )
    files["data/parties/red.yaml"] = (
        MINIMAL_DATA["data/parties/red.yaml"]
        + """
        events:
          - date: 2019-04-01
            title: Red Party rally fills the square
            image:
              file: square.jpg
              alt: A crowd with red flags fills a square
        """
    )
    files["data/images/square.jpg"] = camera_photo()
    files["mkdocs.yml"] = (
        f"site_name: Photo test\nsite_url: {SITE_URL}\ntheme:\n  name: material\nplugins:\n  - elections\n"
    )
    return write_tree(root, files)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(small_project(tmp_path_factory.mktemp("small-photos")))


def stories_with_images() -> dict[str, dict]:
    found = {}
    for path in sorted((REPO_ROOT / "data/stories").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("image"):
            found[path.stem] = data
    return found


def srcset(value: str) -> list[tuple[str, int]]:
    """``(url, width)`` of each candidate of a ``srcset``."""
    pairs = []
    for candidate in value.split(","):
        url, descriptor = candidate.split()
        assert descriptor.endswith("w"), descriptor
        pairs.append((url, int(descriptor[:-1])))
    return pairs


def site_path(page_url: str, link: str) -> str:
    return urlsplit(urljoin("http://site.invalid/" + page_url, link)).path.lstrip("/")


def pictures_of(site: Site) -> Iterator[tuple[str, Node]]:
    for path in site.html_files():
        url = site.url_of(path)
        for picture in site.page(url).find_all("picture"):
            yield url, picture


def metadata_left(path: Path) -> list[str]:
    """What a published file carries besides pixels: EXIF, GPS, XMP, ICC, comments, text chunks."""
    with Image.open(path) as image:
        found = [key for key in image.info if key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment")]
        found += [f"EXIF {tag}" for tag in image.getexif()]
        found += [f"PNG text {key}" for key in getattr(image, "text", {})]
        if path.suffix == ".jpg":
            data = path.read_bytes()
            found += [f"APP segment {marker}" for marker in (b"Exif\x00", b"http://ns.adobe.com/xap") if marker in data]
    return found


# -- where pictures show --------------------------------------------------------------------------


def test_a_story_leads_with_its_picture_caption_and_credit(site: Site) -> None:
    data = stories_with_images()[STORY]["image"]
    article = site.article(f"stories/{STORY}/")
    figure = article.one("figure", cls="ee-figure--lead")
    img = figure.one("img")
    assert img.get("alt") == data["alt"]
    assert (img.get("loading"), img.get("fetchpriority")) == ("eager", "high")
    assert img.get("width") and img.get("height")
    caption = figure.one("figcaption")
    assert data["caption"] in caption.text
    assert f"{data['credit']} · {data['licence']}" in caption.one("small", cls="ee-credit").text
    # It comes after the headline's standfirst and before the story's text.
    order = [node for node in article.iter() if node is figure or "ee-lead" in node.classes]
    assert order[0] is not figure


def test_the_credit_links_to_the_source(small_site: Site) -> None:
    credit = small_site.article("stories/red-wins/").one("small", cls="ee-credit")
    assert credit.links() == [("https://images.example.org/square", "Jane Doe · CC BY 4.0")]


def test_a_portrait_and_a_logo_sit_in_the_key_facts(site: Site) -> None:
    portrait = site.article("people/kassym-jomart-tokayev/").one("aside", cls="ee-facts").one("figure")
    assert "ee-portrait" in portrait.classes
    img = portrait.one("img")
    assert img.get("width") == img.get("height"), "a portrait is square"
    assert img.get("loading") == "lazy"
    logo = site.article("parties/nur-otan/").one("aside", cls="ee-facts").one("figure", cls="ee-logo")
    logo_img = logo.one("img")
    assert logo_img.get("src", "").endswith(".png"), "a logo with transparency stays a PNG"
    assert (logo_img.get("width"), logo_img.get("height")) == ("600", "600"), "a logo is shown whole"
    facts = site.article("parties/ak-zhol/").one("aside", cls="ee-facts")
    assert not facts.find_all("picture"), "a party without an image has none"


def test_thumbnails_in_the_stories_index_and_related_stories(site: Site) -> None:
    pictured = stories_with_images()
    index = site.article("stories/")
    lines = index.find_all("li", cls="ee-story")
    with_thumb = [li for li in lines if li.find_all("a", cls="ee-story__thumb")]
    assert len(with_thumb) == len([li for li in lines if "ee-story--pictured" in li.classes])
    # Each pictured story is listed once a year heading, with its thumbnail.
    thumbs = {li.find("a", cls="ee-story__title").get("href") for li in with_thumb}
    assert thumbs == {f"{story_id}/" for story_id in pictured}
    for li in with_thumb:
        thumb = li.find("a", cls="ee-story__thumb")
        assert (thumb.get("tabindex"), thumb.get("aria-hidden")) == ("-1", "true")
        assert thumb.get("href") == li.find("a", cls="ee-story__title").get("href")
        img = thumb.one("img")
        assert img.get("loading") == "lazy" and img.get("alt")
        assert abs(int(img.get("width", "0")) / int(img.get("height", "1")) - 16 / 9) < 0.01, "thumbnails are 16:9"
    related = site.article("parties/nur-otan/").section("related-stories")
    assert related.find_all("a", cls="ee-story__thumb"), "related stories show thumbnails"


def test_an_events_picture_shows_on_the_timeline(small_site: Site) -> None:
    timeline = small_site.article("parties/red/").section("timeline")
    entry = next(li for li in timeline.find_all("li") if "Red Party rally" in li.text)
    assert entry.one("img").get("alt") == "A crowd with red flags fills a square"


# -- the files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["example", "small"])
def test_every_picture_file_exists_with_the_size_the_page_claims(site: Site, small_site: Site, which: str) -> None:
    built = site if which == "example" else small_site
    checked = 0
    for url, picture in pictures_of(built):
        img = picture.one("img")
        fallback = "PNG" if img.get("src", "").endswith(".png") else "JPEG"
        candidates = [(fallback, srcset(img.get("srcset", "")))]
        candidates += [(FORMATS[s.get("type", "")], srcset(s.get("srcset", ""))) for s in picture.find_all("source")]
        ratio = int(img.get("width", "0")) / int(img.get("height", "1"))
        for claimed, pairs in candidates:
            assert pairs, f"{url}: a picture without sizes"
            for link, width in pairs:
                file = built.root / site_path(url, link)
                assert file.is_file(), f"{url}: {link} is not published"
                with Image.open(file) as opened:
                    assert opened.width == width, f"{url}: {link} is {opened.width} wide, srcset says {width}"
                    assert opened.format == claimed, f"{url}: {link} is {opened.format}, the page says {claimed}"
                    assert abs(opened.width / opened.height - ratio) < 0.01, f"{url}: {link} is not shaped as claimed"
                checked += 1
        largest = built.root / site_path(url, img.get("src", ""))
        with Image.open(largest) as opened:
            assert (str(opened.width), str(opened.height)) == (img.get("width"), img.get("height"))
    assert checked > 20


def test_no_published_file_keeps_exif_gps_xmp_or_a_profile(small_site: Site) -> None:
    files = sorted((small_site.root / "images").iterdir()) + sorted((small_site.root / "cards").rglob("*.*"))
    assert len(files) > 10
    for file in files:
        assert metadata_left(file) == [], file.name
    assert not list(small_site.root.rglob("square.jpg")), "the original is never published"
    # The original did carry all of it (the check above would catch it).
    assert len(metadata_left(small_site.root.parent / "data/images/square.jpg")) >= 3


# -- sharing: the social card and the feeds --------------------------------------------------------


def test_the_social_card_is_the_photo_with_the_headline(site: Site) -> None:
    head = site.page(f"stories/{STORY}/").find("head")
    tags = {m.get("property"): m.get("content") for m in head.find_all("meta") if m.get("property")}
    card = f"cards/stories/{STORY}.jpg"
    assert tags["og:image"] == SITE_URL + card
    assert (tags["og:image:type"], tags["og:image:width"], tags["og:image:height"]) == ("image/jpeg", "1200", "630")
    assert tags["og:image:alt"] == stories_with_images()[STORY]["image"]["alt"]
    assert not (site.root / f"cards/stories/{STORY}.png").exists(), "the drawn card is not made as well"
    with Image.open(site.root / card) as opened:
        assert (opened.format, opened.size) == ("JPEG", (1200, 630))
        grey = opened.convert("L")
        photo = grey.crop((0, 0, 1200, 120))
        text_band = grey.crop((0, 360, 1200, 630))
        # The top shows the photo as it is; the bottom is darkened under white text.
        assert ImageStat.Stat(photo).mean[0] > 150
        assert ImageStat.Stat(text_band).mean[0] < 110
        assert text_band.getextrema()[1] > 240, "white text over the dark part"
    # A page without an image keeps its drawn card.
    country = site.page("countries/kz/").find("head")
    image = next(m.get("content") for m in country.find_all("meta") if m.get("property") == "og:image")
    assert image == SITE_URL + "cards/countries/kz.png"


def test_the_text_of_a_photo_card_stays_legible_over_a_white_photo(tmp_path: Path) -> None:
    white = tmp_path / "white.jpg"
    Image.new("RGB", (1200, 630), "white").save(white, "JPEG")
    card = PhotoCard(white, "white", False, "Story · 8 June 2020", "Red wins", "Photo test")
    with Image.open(io.BytesIO(draw_photo_card(card))) as drawn:
        grey = drawn.convert("L")
    assert grey.getpixel((600, 20)) > 245, "the top of the photo is left as it is"
    # From the label (one line of title: the label's top is at 413) down, each row's background
    # (its median: the letters are few) is dark enough for white text at 7:1 or more.
    for y in range(413 - 24, 630):
        row = sorted(grey.getpixel((x, y)) for x in range(0, 1200, 4))
        assert row[150] <= 92, (y, row[150])


def test_the_photo_card_is_the_same_on_every_build(small_site: Site, tmp_path: Path) -> None:
    again = build(small_project(tmp_path / "again"))
    card = "cards/stories/red-wins.jpg"
    assert (again.root / card).read_bytes() == (small_site.root / card).read_bytes()


def test_feeds_carry_each_storys_picture(site: Site) -> None:
    pictured = stories_with_images()
    feed = json.loads((site.root / "feeds/feed.json").read_text(encoding="utf-8"))
    for item in feed["items"]:
        story_id = item["url"].rstrip("/").rsplit("/", 1)[-1]
        if story_id not in pictured:
            assert "image" not in item
            continue
        assert item["image"].startswith(SITE_URL + "images/")
        with Image.open(site.root / item["image"].removeprefix(SITE_URL)) as opened:
            assert opened.format == "JPEG" and opened.width <= FEED_IMAGE_WIDTH
    atom = ET.parse(site.root / "feeds/atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom", "media": "http://search.yahoo.com/mrss/"}
    enclosures = atom.findall("a:entry/a:link[@rel='enclosure']", ns)
    thumbnails = atom.findall("a:entry/media:thumbnail", ns)
    assert len(enclosures) == len(thumbnails) == len([i for i in feed["items"] if "image" in i]) > 0
    assert all(e.get("type") == "image/jpeg" for e in enclosures)


# -- in a real browser -----------------------------------------------------------------------------

# Layout shifts as Chromium reports them (buffered: those before the script ran too), after the
# page was scrolled to the end and back so that every lazy picture has loaded.
MEASURE = """
async () => {
  const shifts = [];
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) shifts.push(e.value); })
    .observe({type: "layout-shift", buffered: true});
  for (let y = 0; y <= document.body.scrollHeight; y += 300) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 40)); }
  await Promise.all([...document.images].map(img => img.complete ? null : new Promise(r => { img.onload = img.onerror = r; })));
  window.scrollTo(0, 0);
  await new Promise(r => setTimeout(r, 200));
  const imgs = [...document.querySelectorAll("article img")];
  return {
    cls: shifts.reduce((a, b) => a + b, 0),
    scrollWidth: document.scrollingElement.scrollWidth,
    width: window.innerWidth,
    images: imgs.length,
    broken: imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.currentSrc || i.src),
    unsized: imgs.filter(i => !i.getAttribute("width") || !i.getAttribute("height") || !i.hasAttribute("alt")).map(i => i.src),
    misshapen: imgs.filter(i => {
      const r = i.getBoundingClientRect();
      return r.width > 0 && Math.abs(r.width / r.height - i.naturalWidth / i.naturalHeight) > 0.03;
    }).map(i => i.currentSrc),
  };
}
"""
BROWSER_PAGES = {"story": f"stories/{STORY}/", "stories index": "stories/", "party": "parties/nur-otan/"}


@pytest.fixture(scope="module")
def served(site: Site) -> Iterator[str]:
    with serve(site.root) as base_url:
        yield base_url


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("page_name", list(BROWSER_PAGES))
def test_pictures_in_the_browser_never_move_nor_overflow(
    chromium_browser: Browser, served: str, page_name: str, viewport: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    url = served + BROWSER_PAGES[page_name]
    schemes = ("light", "dark") if viewport == "mobile" or page_name == "party" else ("light",)
    for scheme in schemes:
        with open_page(chromium_browser, url, viewport=viewport, color_scheme=scheme) as (page, report):
            found = page.evaluate(MEASURE)
            assert found["images"] > 0
            assert found["broken"] == [] and found["unsized"] == [] and found["misshapen"] == []
            assert found["scrollWidth"] <= found["width"], f"scrolls sideways: {found}"
            assert found["cls"] == 0, f"layout shift {found['cls']}"
            assert report.failed_requests == [] and report.error_responses == []
            folder = screenshot_dir(tmp_path_factory)
            name = re.sub(r"\W+", "-", f"photos-{page_name}-{viewport}-{scheme}")
            page.screenshot(path=str(folder / f"{name}.png"), full_page=False)
            assert describe_violations(axe_violations(page)) == []


PROBE_PAGE = """<!doctype html><html lang="en"><title>Probe</title><body><article>
<p>Text above.</p><img src="{src}" alt="A picture without its size">
<p style="height: 2000px">Text below, pushed down when the picture arrives.</p>
<script>setTimeout(() => document.querySelector("article").insertAdjacentHTML("afterbegin", "<div style='height: 200px'></div>"), 100);</script>
</article></body></html>"""


@pytest.mark.browser
def test_the_probe_sees_a_layout_shift_and_an_image_without_its_size(
    chromium_browser: Browser, site: Site, served: str
) -> None:
    """The measure above can fail: on a page that moves and an image with no width or height, it says so."""
    src = next(p for p in (site.root / "images").iterdir() if p.suffix == ".jpg").name
    (site.root / "probe.html").write_text(PROBE_PAGE.format(src=f"images/{src}"), encoding="utf-8")
    with open_page(chromium_browser, served + "probe.html", viewport="mobile") as (page, _report):
        found = page.evaluate(MEASURE)
    assert found["cls"] > 0
    assert found["unsized"] != []


def test_photo_cards_are_cached_by_content_and_drawn_again_when_it_changes(tmp_path: Path) -> None:
    project = small_project(tmp_path / "cached")
    cache = project / ".cache/elections/cards/photos"
    build(project)
    first = {path: path.stat().st_mtime_ns for path in cache.rglob("*.jpg")}
    assert len(first) == 1  # the story's (the party's own record has no image: only its event has)
    build(project)
    assert {path: path.stat().st_mtime_ns for path in cache.rglob("*.jpg")} == first, "nothing drawn again"
    story = project / "data/stories/red-wins.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("title: Red wins", "title: Red sweeps"), "utf-8")
    site = build(project)
    assert len(set(cache.rglob("*.jpg")) - set(first)) == 1, "a new title is a new card"
    with Image.open(site.root / "cards/stories/red-wins.jpg") as opened:
        assert opened.size == (1200, 630)
