"""One dataset, several languages: free text by language, names per language, and the checks on both."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from election_explainers.core.data.dates import PartialDate
from election_explainers.core.data.langtags import language_code_problem, language_suffix, site_language_problems
from election_explainers.core.data.languages import missing_page_translations, missing_translations
from election_explainers.core.data.loader import LoadCache, load, load_records
from election_explainers.core.data.models import Party, Story
from election_explainers.core.data.problems import DataError
from election_explainers.core.data.schema import write_schemas
from election_explainers.core.data.text import Text

MakeProject = Callable[..., Path]
SITE = ("en", "ru", "kk")

NUR_OTAN = """
    name: Nur Otan
    country: ck
    other_names:
      - name: Amanat
        start_date: 2022-03-01
      - name: Нұр Отан
        lang: kk
      - name: Нур Отан
        lang: ru
      - name: Аманат
        lang: ru
        start_date: 2022-03-01
    summary:
      en: The ruling party.
      ru: Правящая партия.
"""


def problems(root: Path, languages: tuple[str, ...] = SITE) -> list[str]:
    try:
        load(root / "data", root / "docs", root=root, languages=languages)
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return []


def party(fields: dict) -> Party:
    return Party.model_validate({"name": "Nur Otan", **fields}, context={"default_language": "en"})


# --- free text ------------------------------------------------------------------------------------


def test_text_by_language_is_the_default_string_and_knows_its_translations(make_project: MakeProject) -> None:
    root = make_project({"data/parties/red.yaml": NUR_OTAN})
    record = load(root / "data", root / "docs", root=root, languages=SITE).records["red"]
    summary = record.summary
    assert isinstance(summary, Text)
    assert summary == "The ruling party."  # a str: every existing reader keeps working
    assert summary.in_language("ru") == ("Правящая партия.", "ru")
    assert summary.in_language("kk") == ("The ruling party.", "en")  # the fallback says its language
    assert summary.in_language("en") == ("The ruling party.", "en")
    # Written back out (downloads, diff) as the editor wrote it.
    assert record.model_dump(mode="json")["summary"] == {"en": "The ruling party.", "ru": "Правящая партия."}
    copy = pickle.loads(pickle.dumps(summary))
    assert (copy, copy.lang, copy.translations) == (summary, "en", summary.translations)


def test_a_plain_string_is_in_the_sites_default_language(make_project: MakeProject) -> None:
    root = make_project()
    dataset = load(root / "data", root / "docs", root=root, languages=("ru", "en"))
    story = dataset.records["red-wins"]
    assert isinstance(story, Story)
    assert story.title.lang == "ru" and story.summary is not None and story.summary.lang == "ru"
    assert story.title.in_language("en") == ("Red wins", "ru")


def test_a_cache_does_not_keep_text_read_in_another_default_language(make_project: MakeProject) -> None:
    root = make_project()
    cache = LoadCache()
    load(root / "data", root=root, cache=cache, languages=("en",))
    again = load(root / "data", root=root, cache=cache, languages=("ru", "en"))
    assert again.records["red-wins"].summary.lang == "ru"  # type: ignore[union-attr]


def test_a_story_in_one_language(make_project: MakeProject) -> None:
    root = make_project(
        {"data/stories/red-wins.yaml": "title: Красные побеждают\ndate: 2020-06-08\nlang: ru\nbody: Текст.\n"}
    )
    story = load(root / "data", root=root, languages=SITE).records["red-wins"]
    assert isinstance(story, Story)
    assert story.lang == "ru"
    assert story.title.in_language("en") == ("Красные побеждают", "ru")
    assert story.name_in("kk") == ("Красные побеждают", "ru")
    assert missing_translations([story], SITE) == {"ru": [], "kk": []}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "summary: {en: Red., de: Rot.}",
            "data/parties/red.yaml:4:21: summary.de: 'de' is not one of the site's languages (en, ru, kk); add it to languages: in mkdocs.yml",
        ),
        (
            "summary: {en: Red., RU: Красная.}",
            "data/parties/red.yaml:4:21: summary.RU: 'RU' is not one of the site's languages (en, ru, kk); did you mean 'ru'?; add it to languages: in mkdocs.yml",
        ),
        (
            "summary: {en: Red., ru_RU: Красная.}",
            "data/parties/red.yaml:4:21: summary.ru_RU: 'ru_RU' is not a BCP 47 language code (write 'ru-RU')",
        ),
        (
            "summary: {ru: Красная.}",
            "data/parties/red.yaml:4:10: summary: has no text in 'en', the default language: the other languages fall back to it",
        ),
        (
            "summary: {}",
            "data/parties/red.yaml:4:10: summary: the mapping by language is empty: write the text, or {en: ...}",
        ),
        (
            "summary: {en: Red., ru: [a]}",
            "data/parties/red.yaml:4:10: summary: the text in 'ru' is not text (write it in quotes, or leave the language out)",
        ),
        (
            "summary: {en: Red., ru: 'В [[nobody]]'}",
            "data/parties/red.yaml:4:28: summary.ru: unknown id in link 'nobody'",
        ),
        (
            "other_names: [{name: Rot, lang: 'de DE'}]",
            "data/parties/red.yaml:4:33: other_names[0].lang: 'de DE' is not a BCP 47 language code such as en, ru, kk or pt-BR",
        ),
    ],
)
def test_bad_text_by_language(make_project: MakeProject, content: str, expected: str) -> None:
    root = make_project({"data/parties/red.yaml": "name: Red Party\ncountry: ck\nfounded: 2001-05\n" + content + "\n"})
    assert problems(root) == [expected]


def test_a_story_language_the_site_does_not_publish(make_project: MakeProject) -> None:
    root = make_project({"data/stories/red-wins.yaml": "title: Rot\ndate: 2020-06-08\nlang: de\nbody: Rot.\n"})
    assert problems(root) == [
        "data/stories/red-wins.yaml:3:7: lang: 'de' is not one of the site's languages (en, ru, kk); add it to languages: in mkdocs.yml"
    ]
    assert problems(root, ("en", "de")) == []


def test_a_story_in_one_language_needs_no_default_language_text(make_project: MakeProject) -> None:
    story = "title: {ru: Красные}\ndate: 2020-06-08\nlang: ru\nbody: Текст.\n"
    assert problems(make_project({"data/stories/red-wins.yaml": story})) == []


def test_a_site_with_one_language_refuses_other_languages_text(make_project: MakeProject) -> None:
    root = make_project({"data/stories/red-wins.yaml": "title: {en: Red, ru: Красные}\ndate: 2020-06-08\nbody: x\n"})
    assert [p.split(": ", 2)[1] for p in problems(root, ("en",))] == ["title.ru"]


# --- docs pages -----------------------------------------------------------------------------------


def test_docs_pages_by_suffix_and_front_matter(make_project: MakeProject) -> None:
    root = make_project(
        {
            "docs/index.ru.md": "---\nabout: [ck]\n---\n# Главная\n",
            "docs/index.de.md": "# Start\n",
            "docs/index.en.md": "# Home\n",
            "docs/notes.old.md": "# Old notes\n",  # not a language: an ordinary page
            "docs/ru-only.md": "---\nlang: ru\nabout: [ck]\n---\n# Только по-русски\n",
            "docs/wrong.kk.md": "---\nlang: ru\n---\n# ?\n",
            "docs/unknown.md": "---\nlang: xx-\n---\n# ?\n",
        }
    )
    assert problems(root) == [
        "docs/index.de.md:1:1: the page's language suffix: 'de' is not one of the site's languages (en, ru, kk); add it to languages: in mkdocs.yml",
        "docs/index.en.md:1:1: a page in the default language (en) takes no language suffix: name it index.md",
        "docs/unknown.md:2:7: lang: 'xx-' is not a BCP 47 language code such as en, ru, kk or pt-BR",
        "docs/wrong.kk.md:2:7: lang: the page says lang: ru but its file name says kk",
    ]
    for name in ("index.de.md", "index.en.md", "unknown.md", "wrong.kk.md"):
        (root / "docs" / name).unlink()
    pages = {p.src: p.lang for p in load(root / "data", root / "docs", root=root, languages=SITE).pages}
    assert pages == {"index.ru.md": "ru", "ru-only.md": "ru"}
    missing = missing_page_translations(root / "docs", SITE, root)
    assert [str(p) for p in missing["ru"]] == ["docs/notes.old.md:1:1: no Russian version: notes.old.ru.md beside it"]
    assert [str(p) for p in missing["kk"]] == [
        "docs/index.md:1:1: no Kazakh version: index.kk.md beside it",
        "docs/notes.old.md:1:1: no Kazakh version: notes.old.kk.md beside it",
    ]


def test_language_suffix() -> None:
    assert language_suffix("kz-2021.ru.md") == ("kz-2021.md", "ru")
    assert language_suffix("kz-2021.pt-BR.md") == ("kz-2021.md", "pt-BR")
    assert language_suffix("v1.2.md") == ("v1.2.md", None)
    assert language_suffix("notes.draft.md") == ("notes.draft.md", None)


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "day", "expected"),
    [
        ("ru", None, ("Нур Отан", "ru")),
        ("ru", "2021-01-10", ("Нур Отан", "ru")),
        ("ru", "2023-03", ("Аманат", "ru")),  # the Russian entry carries the rename's date
        ("kk", "2021", ("Нұр Отан", "kk")),
        ("kk", "2023", ("Amanat", "en")),  # the rename holds in Kazakh too; untranslated, it stays English
        ("en", "2023", ("Amanat", "en")),
        ("de", "2023", ("Amanat", "en")),
    ],
)
def test_name_in_a_language_keeps_renames(lang: str, day: str | None, expected: tuple[str, str]) -> None:
    record = party(
        {
            "other_names": [
                {"name": "Amanat", "start_date": "2022-03-01"},
                {"name": "Нұр Отан", "lang": "kk"},
                {"name": "Нур Отан", "lang": "ru"},
                {"name": "Аманат", "lang": "ru", "start_date": "2022-03-01"},
            ]
        }
    )
    date = PartialDate.parse(day) if day else None
    assert record.name_in(lang, date, default_language="en") == expected
    assert record.name_on(date) == ("Amanat" if day and day >= "2022" else "Nur Otan")  # English unchanged


def test_missing_translations_are_listed_per_language_with_their_lines(make_project: MakeProject) -> None:
    root = make_project({"data/parties/red.yaml": NUR_OTAN})
    loaded = load_records(root / "data", root)
    missing = missing_translations(loaded.records.values(), SITE, loaded.files)
    ru = [str(p) for p in missing["ru"] if "red.yaml" in p.file]
    kk = [str(p) for p in missing["kk"] if "red.yaml" in p.file]
    assert ru == []  # a Russian name and summary
    assert kk == ["data/parties/red.yaml:14:3: summary: not translated into Kazakh (kk)"]
    blue = [str(p) for p in missing["ru"] if "blue.yaml" in p.file]
    assert blue == ["data/parties/blue.yaml:1:7: name: no name in Russian: an other_names entry with lang: ru"]
    story = [str(p) for p in missing["kk"] if "red-wins" in p.file]  # in the order of the file
    assert story == [
        "data/stories/red-wins.yaml:1:8: title: not translated into Kazakh (kk)",
        "data/stories/red-wins.yaml:4:10: summary: not translated into Kazakh (kk)",
        "data/stories/red-wins.yaml:5:7: body: not translated into Kazakh (kk)",
    ]


# --- language codes -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "ru", "kk", "pt-BR", "sr-Latn", "zh-Hant-TW", "de-CH-1996", "x-private"[2:]])
def test_bcp47_codes(code: str) -> None:
    assert language_code_problem(code) is None


@pytest.mark.parametrize("code", ["", "e", "ru_RU", "en-", "english language", "123", "ru--kk"])
def test_not_bcp47_codes(code: str) -> None:
    assert language_code_problem(code) is not None


def test_site_languages() -> None:
    assert site_language_problems(["en", "ru", "kk"]) == []
    assert site_language_problems(["en", "xq", "ru_RU", "EN"]) == [
        "'xq' is a language code that CLDR has no data for: its dates and numbers cannot be written",
        "'ru_RU' is not a BCP 47 language code (write 'ru-RU')",
        "'EN' is listed twice",
    ]
    assert site_language_problems([]) != []


def test_json_schema_takes_both_forms(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    write_schemas(tmp_path)
    import json

    schema = json.loads((tmp_path / "party.schema.json").read_text(encoding="utf-8"))
    base = {"name": "Red"}
    jsonschema.validate({**base, "summary": "Red."}, schema)
    jsonschema.validate({**base, "summary": {"en": "Red.", "ru": "Красная."}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**base, "summary": {"en": 3}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**base, "other_names": [{"name": "x", "lang": "ru RU"}]}, schema)


# --- the command line -----------------------------------------------------------------------------


def test_validate_warns_strict_fails_and_translations_lists(make_project: MakeProject) -> None:
    from test_cli import explainers

    root = make_project(
        {
            "mkdocs.yml": "site_name: x\nplugins:\n  - elections:\n      languages: [en, ru]\n",
            "data/parties/red.yaml": NUR_OTAN,
        }
    )
    result = explainers("validate", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: not yet translated: 8 into Russian (ru)" in result.stderr
    strict = explainers("validate", "--strict", cwd=root)
    assert strict.returncode == 1
    assert "data/parties/blue.yaml:1:7: name: no name in Russian: an other_names entry with lang: ru" in strict.stdout
    listed = explainers("translations", cwd=root)
    assert listed.returncode == 0
    assert listed.stdout.splitlines()[0] == "Russian (ru): 8 missing"
    assert "  docs/index.md:1:1: no Russian version: index.ru.md beside it" in listed.stdout
    (root / "mkdocs.yml").write_text("plugins:\n  - elections:\n      languages: [en, ru_RU]\n", encoding="utf-8")
    bad = explainers("validate", cwd=root)
    assert bad.returncode != 0 and "languages: 'ru_RU' is not a BCP 47 language code" in bad.stderr


@pytest.mark.parametrize(
    "code",
    [
        '"><svg onload=alert(1)>',
        "ru onmouseover=alert(1)",
        "ru\nkk",
        "{: onerror=alert(1) }",
        "../../etc",
    ],
)
def test_a_hostile_language_code_is_refused_before_it_reaches_an_attribute(
    make_project: MakeProject, code: str
) -> None:
    """``lang`` lands in lang="…" attributes and in paths (/<lang>/): only a BCP 47 code gets there."""
    root = make_project(
        {"data/parties/red.yaml": "name: Red Party\nother_names:\n  - name: Rot\n    lang: " + json.dumps(code) + "\n"}
    )
    found = problems(root)
    assert len(found) == 1 and found[0].startswith("data/parties/red.yaml:4:11: other_names[0].lang: ")
    assert "is not a BCP 47 language code" in found[0] and "\n" not in found[0]
