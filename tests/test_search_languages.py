"""Search in each language with Material's own search worker (run under Node).

What Material 9.8's worker does with languages, shown here: its default pipeline is
``stopWordFilter`` alone, and it then removes lunr's trimmer and stemmer, so words are matched
whole or by their beginning (search as you type), case folded, in any script. Keeping the
stemmer loses matches: the worker keeps a result only where the typed word begins an indexed
term, and an indexed stem is shorter than the word. So no language is stemmed; Kazakh gets its
stop words from the lunr.kk we ship, which lets a Kazakh index name its language.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import material
import pytest

HERE = Path(__file__).resolve().parent
ASSETS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
OURS = HERE.parent / "plugins" / "election_explainers" / "theme" / "assets" / "javascripts" / "lunr" / "min"
SEPARATOR = r'[\s\-,:;!?()\[\]"“”«»/]+|\.(?!\d)'  # as the example site's mkdocs.yml
FIELDS = {"title": {"boost": 1000}, "text": {"boost": 1}}  # as Material writes them into the index
DOCS = [
    {
        "location": "ru/parties/amanat/",
        "title": "Партия «Аманат»",
        "text": "Правящая партия Казахстана, большинство в Мажилисе.",
    },
    {
        "location": "ru/elections/kz-2021/",
        "title": "Выборы в Мажилис 2021 года",
        "text": "На выборах 10 января явка составила 63,3 %.",
    },
    {
        "location": "kk/parties/amanat/",
        "title": "«Аманат» партиясы",
        "text": "Қазақстанның билеуші партиясы, Мәжілістегі көпшілік.",
    },
    {
        "location": "kk/elections/kz-2021/",
        "title": "2021 жылғы Мәжіліс сайлауы",
        "text": "Сайлау 10 қаңтарда өтті және қатысу 63,3 пайыз болды.",
    },
]

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node to run the search worker")


DEFAULT = ["stopWordFilter"]  # Material's, from its theme's search.config.pipeline


def search(
    tmp_path: Path, lang: list[str], prefix: str, *queries: str, pipeline: list[str] = DEFAULT
) -> list[list[str]]:
    """The pages each query finds in an index of the ``prefix`` pages, as Material's worker searches it."""
    index = {
        "config": {"lang": lang, "separator": SEPARATOR, "pipeline": pipeline, "fields": FIELDS},
        "docs": [doc for doc in DOCS if doc["location"].startswith(prefix)],
        "options": {"suggest": False},
    }
    return run_worker(tmp_path / f"{prefix.strip('/')}-{'-'.join(lang)}-{len(pipeline)}.json", index, *queries)


def run_worker(path: Path, index: dict, *queries: str) -> list[list[str]]:
    """Write ``index`` to ``path`` and ask Material's worker each query: the locations found, sorted."""
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        ["node", str(HERE / "search_worker.js"), str(ASSETS), str(OURS), str(path), *queries],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    return [sorted(doc for group in json.loads(line) for doc in group) for line in result.stdout.splitlines()]


def test_russian_pages_are_found_by_whole_words_and_beginnings_case_folded(tmp_path: Path) -> None:
    found = search(tmp_path, ["en", "ru"], "ru/", "Аманат", "ВЫБОРЫ", "выбор", "мажилис", "Amanat")
    assert found == [
        ["ru/parties/amanat/"],
        ["ru/elections/kz-2021/"],
        ["ru/elections/kz-2021/"],  # the beginning of "Выборы" and "выборах"
        ["ru/elections/kz-2021/", "ru/parties/amanat/"],  # Мажилис, Мажилисе
        [],
    ]


def test_materials_worker_loses_stemmed_matches(tmp_path: Path) -> None:
    """Why the indexes keep Material's default pipeline: with lunr's stemmer, even a word's own form goes."""
    stemmed = ["trimmer", "stopWordFilter", "stemmer"]
    assert search(tmp_path, ["en", "ru"], "ru/", "казахстана", pipeline=stemmed) == [[]]
    assert search(tmp_path, ["en", "ru"], "ru/", "казахстана") == [["ru/parties/amanat/"]]


def test_kazakh_pages_are_found_by_whole_words_with_kazakh_letters(tmp_path: Path) -> None:
    found = search(tmp_path, ["kk"], "kk/", "Аманат", "сайлауы", "ҚАЗАҚСТАННЫҢ", "және", "қатысу")
    assert found == [
        ["kk/parties/amanat/"],
        ["kk/elections/kz-2021/"],
        ["kk/parties/amanat/"],  # case folded, Қ and Ң kept
        [],  # a Kazakh stop word
        ["kk/elections/kz-2021/"],
    ]


def test_kazakh_stop_words_need_the_kazakh_language(tmp_path: Path) -> None:
    assert search(tmp_path, ["en"], "kk/", "және") == [["kk/elections/kz-2021/"]]
    assert search(tmp_path, ["kk"], "kk/", "және") == [[]]


def test_one_index_per_language_and_each_finds_its_own_pages(tmp_path: Path) -> None:
    from election_explainers.core.publish.search_index import lunr_languages, split_search_index

    site_index = {
        "config": {"lang": ["en", "ru"], "separator": SEPARATOR, "pipeline": DEFAULT, "fields": FIELDS},
        "docs": [
            {"location": "parties/amanat/", "title": "Amanat", "text": "Kazakhstan's ruling party; Аманат in Russian."},
            *DOCS,
        ],
        "options": {"suggest": False},
    }
    lunr = lunr_languages([ASSETS / "lunr" / "min", OURS])
    assert {"ru", "kk", "en"} <= lunr and "multi" not in lunr
    split = split_search_index(site_index, ("en", "ru", "kk"), lunr)
    assert [doc["location"] for doc in split["en"]["docs"]] == ["parties/amanat/"]
    assert [doc["location"] for doc in split["ru"]["docs"]] == ["parties/amanat/", "elections/kz-2021/"]
    assert [split[lang]["config"]["lang"] for lang in ("en", "ru", "kk")] == [["en", "ru"], ["ru"], ["kk"]]
    assert site_index["config"]["lang"] == ["en", "ru"]  # the site's index is not changed
    found = {lang: run_worker(tmp_path / f"{lang}.json", index, "Аманат") for lang, index in split.items()}
    # A reader on a Russian page finds the Russian page, on a Kazakh page the Kazakh one.
    assert found == {"en": [["parties/amanat/"]], "ru": [["parties/amanat/"]], "kk": [["parties/amanat/"]]}
