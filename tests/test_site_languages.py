"""The example site in English, Russian and Kazakh, built for real: URLs, versions, words and figures per language."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from sites import Site, build, copy_example

SITE = "https://elections.example.org/"
XHTML = "{http://www.w3.org/1999/xhtml}link"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("languages")))


def hreflangs(site: Site, url: str) -> dict[str, str]:
    head = site.page(url).find("head")
    return {link.get("hreflang") or "": link.get("href") or "" for link in head.find_all("link", rel="alternate")}


def switcher_targets(site: Site, url: str) -> dict[str, str]:
    return {a.get("hreflang") or "": a.get("href") or "" for a in site.page(url).find_all("a", cls="md-select__link")}


def test_each_language_has_the_same_paths_under_its_folder(example: Site) -> None:
    for url in ("parties/nur-otan/", "elections/kz-2021-mazhilis/", "countries/", "stories/", "timeline/"):
        example.file(url)
        example.file(f"ru/{url}")
        example.file(f"kk/{url}")
    # A translated docs page is published at /ru/<path>/, not at /<path>.ru/.
    example.file("ru/explainers/kazakhstan-2021/")
    assert not (example.root / "explainers" / "kazakhstan-2021.ru").exists()
    # Not translated into Kazakh: no Kazakh version, and none linked.
    assert not (example.root / "kk" / "explainers" / "kazakhstan-2021").exists()


def test_html_lang_is_the_pages_language(example: Site) -> None:
    assert example.page("parties/nur-otan/").find("html").get("lang") == "en"
    assert example.page("ru/parties/nur-otan/").find("html").get("lang") == "ru"
    assert example.page("kk/parties/nur-otan/").find("html").get("lang") == "kk"
    assert example.page("ru/explainers/kazakhstan-2021/").find("html").get("lang") == "ru"
    kazakh_home = example.page("kk/")
    assert kazakh_home.find("html").get("lang") == "kk" and kazakh_home.find("h1").text.startswith(
        "Сайлау түсіндірмелері"
    )


def test_hreflang_links_pair_both_ways_with_x_default(example: Site) -> None:
    versions = {
        "en": SITE + "parties/nur-otan/",
        "ru": SITE + "ru/parties/nur-otan/",
        "kk": SITE + "kk/parties/nur-otan/",
        "x-default": SITE + "parties/nur-otan/",
    }
    for url in ("parties/nur-otan/", "ru/parties/nur-otan/", "kk/parties/nur-otan/"):
        found = hreflangs(example, url)
        assert {lang: found[lang] for lang in versions} == versions, url
    explainer = {"en": SITE + "explainers/kazakhstan-2021/", "ru": SITE + "ru/explainers/kazakhstan-2021/"}
    for url in ("explainers/kazakhstan-2021/", "ru/explainers/kazakhstan-2021/"):
        found = hreflangs(example, url)
        assert "kk" not in found, "a version that does not exist is not linked"
        assert {lang: found[lang] for lang in explainer} == explainer
    # A page in one language only has no versions to offer.
    assert not {"ru", "kk", "x-default"} & set(hreflangs(example, "guide/"))


def test_switcher_goes_to_the_same_page_in_the_other_language(example: Site) -> None:
    assert switcher_targets(example, "ru/parties/nur-otan/") == {
        "en": SITE + "parties/nur-otan/",
        "ru": SITE + "ru/parties/nur-otan/",
        "kk": SITE + "kk/parties/nur-otan/",
    }
    names = [a.text for a in example.page("parties/nur-otan/").find_all("a", cls="md-select__link")]
    assert names == ["English", "русский", "қазақ тілі"]
    assert switcher_targets(example, "guide/") == {}


def test_names_and_text_in_the_pages_language_with_fallback_marked(example: Site) -> None:
    ru = example.article("ru/parties/nur-otan/")
    assert ru.find("h1").text.startswith("Аманат")
    assert "Правящая партия Казахстана" in ru.text
    assert not [node for node in ru.iter() if node.get("lang") == "en" and "ruling party" in node.text]
    # Ak Zhol's summary has no Russian: the English text stands in, marked as English.
    fallback = [d for d in example.article("ru/parties/ak-zhol/").find_all("div") if d.get("lang") == "en"]
    assert fallback and "pro-government party" in fallback[0].text
    # In English nothing falls back (the "also known as" names are marked with their own languages).
    assert not [n for n in example.article("parties/ak-zhol/").iter() if n.get("lang") == "en"]


def test_the_generators_own_words_are_in_the_pages_language(example: Site) -> None:
    ru = example.article("ru/elections/kz-2021-mazhilis/")
    assert ru.find("h1").text == "Выборы в Мажилис Казахстана 2021 года"  # the election's own name in Russian
    text = ru.text
    for words in ("Места", "Доля голосов", "Об этих данных", "Скопируйте этот код", "Изменить эти данные"):
        assert words in text, words
    seats_chart = ru.find("svg", cls="ee-hemicycle")
    assert seats_chart is not None and "мест" in seats_chart.text and "seats" not in seats_chart.text
    bars = ru.find("svg", cls="ee-bars").text.replace("\xa0", " ")
    assert "71,09 %" in bars and "барьер 7 %" in bars and "threshold" not in bars
    for english in ("Seats", "Share of the vote", "About this data", "Edit this data", "Copy this code"):
        assert english not in text, english
    # "Also known as" gives the names in other languages, not the page's own again.
    facts = example.article("kk/elections/kz-2021-mazhilis/").find("aside", cls="ee-facts")
    assert facts is not None and "Выборы в Мажилис Казахстана 2021 года" in facts.text
    assert facts.text.count("2021 жылғы Мәжіліс сайлауы") == 1  # the box's title only
    # A party's facts on the timeline are written in the page's language, with its names.
    assert "Переименование: Нур Отан → Аманат" in example.article("ru/timeline/").text
    assert "Nur Otan renamed Amanat" in example.article("timeline/").text
    exported = json.loads(example.file("ru/timeline/index.json").read_text(encoding="utf-8"))
    assert "Переименование: Нур Отан → Аманат" in [item["title"] for item in exported["items"]]
    timeline = example.article("kk/timeline/").text
    assert "2021 жылғы Мәжіліс сайлауы" in timeline and "All countries" not in example.html("kk/timeline/")


def test_links_stay_in_the_pages_language(example: Site) -> None:
    # From /ru/parties/nur-otan/ and /ru/explainers/kazakhstan-2021/, ../../ is /ru/.
    hrefs = [href for href, _ in example.article("ru/parties/nur-otan/").links()]
    assert "../../countries/kz/" in hrefs
    hrefs = [href for href, _ in example.article("ru/explainers/kazakhstan-2021/").links()]
    assert "../../parties/nur-otan/" in hrefs and "../../countries/kz/" in hrefs


def test_figures_and_dates_follow_cldr(example: Site) -> None:
    ru = example.html("ru/elections/kz-2021-mazhilis/")
    assert "5\xa0148\xa0074" in ru and "71,09\xa0%" in ru and "10 января 2021\u202fг." in ru
    en = example.html("elections/kz-2021-mazhilis/")
    assert "5,148,074" in en and "71.09%" in en and "10 January 2021" in en


def test_sitemap_lists_the_alternates(example: Site) -> None:
    for data in (
        (example.root / "sitemap.xml").read_bytes(),
        gzip.decompress((example.root / "sitemap.xml.gz").read_bytes()),
    ):
        root = ElementTree.fromstring(data)
        entries = {u.findtext(f"{SITEMAP}loc"): u for u in root.findall(f"{SITEMAP}url")}
        for loc in (SITE + "parties/nur-otan/", SITE + "ru/parties/nur-otan/"):
            links = {link.get("hreflang"): link.get("href") for link in entries[loc].findall(XHTML)}
            assert links == {
                "en": SITE + "parties/nur-otan/",
                "ru": SITE + "ru/parties/nur-otan/",
                "kk": SITE + "kk/parties/nur-otan/",
                "x-default": SITE + "parties/nur-otan/",
            }
        assert not entries[SITE + "guide/"].findall(XHTML)


def test_one_search_index_per_language(example: Site) -> None:
    site_index = json.loads((example.root / "search/search_index.json").read_text(encoding="utf-8"))
    ru_index = json.loads((example.root / "ru/search/search_index.json").read_text(encoding="utf-8"))
    kk_index = json.loads((example.root / "kk/search/search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in site_index["docs"] if d["location"].startswith(("ru/", "kk/"))]
    assert ru_index["config"]["lang"] == ["ru"] and kk_index["config"]["lang"] == ["kk"]
    titles = {d["title"] for d in ru_index["docs"]}
    assert "Парламентские выборы 2021 года в Казахстане: объяснение" in titles
    assert any(d["location"].startswith("parties/nur-otan/") for d in ru_index["docs"])
    # Material's search looks for its index under "base": the language's folder.
    config = example.page("ru/parties/nur-otan/").find("script", id="__config")
    assert json.loads(config.raw_text)["base"] == "../../../ru/"
    config = example.page("parties/nur-otan/").find("script", id="__config")
    assert json.loads(config.raw_text)["base"] == "../.."


def test_a_bad_languages_setting_stops_the_build(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "bad")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("[en, ru, kk]", "[en, ru, ru]"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "languages: 'ru' is listed twice" in result.stderr + result.stdout
    assert not (project / "site").exists()


def test_each_language_has_its_own_navigation(example: Site) -> None:
    def tabs(url: str) -> dict[str, str]:
        return {a.text.strip(): a.get("href") or "" for a in example.page(url).find_all("a", cls="md-tabs__link")}

    ru = tabs("ru/parties/nur-otan/")
    assert ru["Главная"] == "../../" and ru["Партии"] == "../" and ru["Хронология"] == "../../timeline/"
    assert "Guide" not in ru, "the guide has no Russian version: it is not linked"
    en = tabs("parties/nur-otan/")
    assert {"Home", "Guide", "Parties"} <= set(en) and "Главная" not in en


def test_json_ld_names_the_pages_language(example: Site) -> None:
    def data(url: str) -> dict[str, object]:
        script = example.page(url).find("script", type="application/ld+json")
        return json.loads(script.raw_text)

    assert data("parties/nur-otan/")["inLanguage"] == "en"
    assert data("ru/parties/nur-otan/")["inLanguage"] == "ru"
    assert data("ru/parties/nur-otan/")["name"] == "Аманат"


def test_feeds_and_timelines_exist_per_language(example: Site) -> None:
    ru_feed = json.loads((example.root / "ru/feeds/feed.json").read_text(encoding="utf-8"))
    assert ru_feed["feed_url"] == SITE + "ru/feeds/feed.json"
    assert all(item["url"].startswith(SITE + "ru/") for item in ru_feed["items"] if item["url"].startswith(SITE))
    head = example.page("ru/parties/nur-otan/").find("head")
    feeds = {link.get("href") for link in head.find_all("link", rel="alternate feed")}
    assert SITE + "ru/feeds/atom.xml" in feeds and SITE + "feeds/atom.xml" not in feeds
    timeline = json.loads((example.root / "ru/timeline/nur-otan.timelinejs.json").read_text(encoding="utf-8"))
    assert "Аманат" in json.dumps(timeline, ensure_ascii=False)
    links = [href for href, _ in example.article("ru/parties/nur-otan/").links() if href.endswith(".json")]
    assert "../../timeline/nur-otan.json" in links  # /ru/timeline/


def test_social_cards_per_language(example: Site) -> None:
    def card_of(url: str) -> str:
        tags = [m for m in example.page(url).find_all("meta") if m.get("property") == "og:image"]
        assert len(tags) == 1, url
        return (tags[0].get("content") or "").removeprefix(SITE)

    english = card_of("elections/kz-2021-mazhilis/")
    russian = card_of("ru/elections/kz-2021-mazhilis/")
    assert (english, russian) == ("cards/elections/kz-2021-mazhilis.png", "ru/cards/elections/kz-2021-mazhilis.png")
    assert card_of("kk/parties/ak-zhol/") == "kk/cards/parties/ak-zhol.png"
    drawn = {path: (example.root / path).read_bytes() for path in (english, russian)}
    assert drawn[english] != drawn[russian]  # drawn in its own words, not a copy
    alt = [
        m
        for m in example.page("ru/elections/kz-2021-mazhilis/").find_all("meta")
        if m.get("property") == "og:image:alt"
    ]
    assert alt and alt[0].get("content", "").startswith("Выборы в Мажилис Казахстана 2021 года: полученные места")


def test_chart_embeds_per_language(example: Site) -> None:
    embed = example.page("ru/embed/kz-2021-mazhilis/seats/")
    assert embed.find("html").get("lang") == "ru"
    assert embed.find("title").text == "Полученные места: Выборы в Мажилис Казахстана 2021 года"
    oembed = json.loads(example.file("kk/embed/kz-2021-mazhilis/seats/oembed.json").read_text(encoding="utf-8"))
    assert oembed["title"] == "Алынған орындар: 2021 жылғы Мәжіліс сайлауы"
    assert f'src="{SITE}kk/embed/kz-2021-mazhilis/seats/"' in oembed["html"]
    # The Russian page offers the Russian charts to embed.
    code = example.page("ru/elections/kz-2021-mazhilis/").find("textarea", cls="ee-embed-code").text
    assert f"{SITE}ru/embed/kz-2021-mazhilis/seats/" in code and "Диаграмма мест" in code
    assert "мест" in (example.root / "ru/embed/kz-2021-mazhilis/seats.svg").read_text(encoding="utf-8")
