"""The generator's words from the shipped catalogues, a site's own catalogues, and CLDR figures and dates."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from election_explainers.core.data.dates import PartialDate
from election_explainers.core.render.i18n import PACKAGE_LOCALES, Translator, shipped_languages, translator

NBSP, NNBSP = "\u00a0", "\u202f"  # CLDR's group separator and the space before "г." / "ж."
CATALOGUES = sorted(PACKAGE_LOCALES.glob("*/LC_MESSAGES/messages.po"))
_PLACEHOLDER_RE = re.compile(r"%\((\w+)\)s|%%")


def test_the_package_ships_english_russian_and_kazakh() -> None:
    assert shipped_languages() == ["en", "kk", "ru"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Related stories", "Turnout", "Born", "Born", "As of 10 January 2021"]),
        (
            "ru",
            ["Связанные материалы", "Явка", "Дата рождения", "Рождение", f"По состоянию на 10 января 2021{NNBSP}г."],
        ),
        (
            "kk",
            [
                "Қатысты материалдар",
                "Сайлаушылардың қатысуы",
                "Туған күні",
                "Туған",
                f"2021{NNBSP}ж. 10 қаңтар жағдайы бойынша",
            ],
        ),
    ],
)
def test_words(lang: str, expected: list[str]) -> None:
    t = translator(lang)
    day = t.date(PartialDate.parse("2021-01-10"))
    found = [
        t.gettext("Related stories"),
        t.pgettext("facts", "Turnout"),
        t.pgettext("facts", "Born"),  # a label in the key facts
        t.pgettext("timeline", "Born"),  # the kind of a timeline entry: the same English, another word
        t.gettext("As of %(date)s", date=day),
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("lang", "counts", "expected"),
    [
        ("en", (1, 2, 5, 21), ["1 seat", "2 seats", "5 seats", "21 seats"]),
        ("ru", (1, 2, 5, 21, 12, 104), ["1 место", "2 места", "5 мест", "21 место", "12 мест", "104 места"]),
        ("kk", (1, 2, 5), ["1 орын", "2 орын", "5 орын"]),
    ],
)
def test_plural_forms_come_from_the_catalogue(lang: str, counts: tuple[int, ...], expected: list[str]) -> None:
    t = translator(lang)
    assert [t.ngettext("%(n)s seat", "%(n)s seats", n) for n in counts] == expected


def test_plural_numbers_are_written_the_languages_way() -> None:
    assert (
        translator("ru").ngettext("%(n)s vote", "%(n)s votes", 5148074) == f"5{NBSP}148{NBSP}074 голоса"
    )  # ends in 4: the "few" form
    assert translator("en").ngettext("%(n)s vote", "%(n)s votes", 5148074) == "5,148,074 votes"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["12,035,578", "53.9", "71.1", "–", "53.9%", "7%", "100%", "−2.5", "+3", "±0", "+1.5%", "+1.5 pp"]),
        (
            "ru",
            [
                f"12{NBSP}035{NBSP}578",
                "53,9",
                "71,1",
                "–",
                f"53,9{NBSP}%",
                f"7{NBSP}%",
                f"100{NBSP}%",
                "−2,5",
                "+3",
                "±0",
                f"+1,5{NBSP}%",
                "+1,5 pp",
            ],
        ),
        (
            "kk",
            [
                f"12{NBSP}035{NBSP}578",
                "53,9",
                "71,1",
                "–",
                "53,9%",
                "7%",
                "100%",
                "−2,5",
                "+3",
                "±0",
                "+1,5%",
                "+1,5 pp",
            ],
        ),
    ],
)
def test_numbers_and_percents(lang: str, expected: list[str]) -> None:
    t = translator(lang)
    found = [
        t.number(12035578),
        t.number(53.9),
        t.number(71.095),  # two decimals, half up, no trailing zero
        t.number(None),
        t.percent(53.9),
        t.percent(7),
        t.percent(100.0),
        t.signed(-2.5),
        t.signed(3),
        t.signed(0),
        t.signed_percent(1.5),
        t.signed(1.5, " pp"),
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["10 January 2021", "January 2021", "January 2021", "2021", "January", "March"]),
        (
            "ru",
            [f"10 января 2021{NNBSP}г.", f"январь 2021{NNBSP}г.", f"января 2021{NNBSP}г.", "2021", "январь", "март"],
        ),
        (
            "kk",
            [f"2021{NNBSP}ж. 10 қаңтар", f"2021{NNBSP}ж. қаңтар", f"2021{NNBSP}ж. қаңтар", "2021", "Қаңтар", "Наурыз"],
        ),
    ],
)
def test_dates_at_their_precision(lang: str, expected: list[str]) -> None:
    t = translator(lang)
    found = [
        t.date(PartialDate.parse("2021-01-10")),
        t.date(PartialDate.parse("2021-01")),
        t.date(PartialDate.parse("2021-01"), in_sentence=True),  # after "с": the genitive in Russian
        t.date(PartialDate.parse("2021")),
        t.month(1),
        t.month(3),
    ]
    assert found == expected
    assert (
        t.gettext("since %(date)s", date=t.date(PartialDate.parse("2019-03"), in_sentence=True))
        == {
            "en": "since March 2019",
            "ru": f"с марта 2019{NNBSP}г.",
            "kk": f"2019{NNBSP}ж. наурыз бастап",
        }[lang]
    )


def test_language_names_in_each_language() -> None:
    assert [translator(lang).language_name("kk") for lang in ("en", "ru", "kk")] == [
        "Kazakh",
        "казахский",
        "қазақ тілі",
    ]


def test_a_site_overrides_a_string_and_adds_a_language(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    locales.mkdir()
    (locales / "ru.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Related stories"\nmsgstr "Читайте также"\n',
        encoding="utf-8",
    )
    (locales / "de" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "de" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Related stories"\nmsgstr "Verwandte Artikel"\n\n'
        'msgid "%(n)s seat"\nmsgid_plural "%(n)s seats"\nmsgstr[0] "%(n)s Sitz"\nmsgstr[1] "%(n)s Sitze"\n',
        encoding="utf-8",
    )
    ru = Translator("ru", [locales])
    assert ru.gettext("Related stories") == "Читайте также"  # the site's word
    assert ru.gettext("Sources") == "Источники"  # the rest from the package
    de = Translator("de", [locales])
    assert de.gettext("Related stories") == "Verwandte Artikel"
    assert de.ngettext("%(n)s seat", "%(n)s seats", 76) == "76 Sitze"
    assert de.gettext("Sources") == "Sources"  # not in its catalogue: the English msgid
    assert de.date(PartialDate.parse("2021-01-10")) == "10. Januar 2021"  # CLDR for the added language
    assert de.percent(53.9) == f"53,9{NBSP}%"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="CLDR has no data"):
        Translator("xq")


# --- the catalogues themselves --------------------------------------------------------------------


def _read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, abort_invalid=True)


def test_catalogues_parse_and_hold_the_same_messages() -> None:
    assert [p.parts[-3] for p in CATALOGUES] == ["en", "kk", "ru"]
    ids = [{(m.context, str(m.id)) for m in _read(path) if m.id} for path in CATALOGUES]
    assert ids[0] == ids[1] == ids[2]
    assert len(ids[0]) > 200


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_no_message_is_in_a_catalogue_twice(path: Path) -> None:
    # Babel keeps one of two entries for the same message without a word: the other translation is lost.
    text = path.read_text(encoding="utf-8")
    keys = re.findall(r'^(?:msgctxt "((?:[^"\\]|\\.)*)"\n)?msgid "((?:[^"\\]|\\.)+)"$', text, re.MULTILINE)
    assert [key for key, count in collections.Counter(keys).items() if count > 1] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_message_is_translated_with_its_placeholders(path: Path) -> None:
    catalog = _read(path)
    forms = catalog.num_plurals
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"{path.parts[-3]}: {message.id!r} has an empty translation"
        assert not message.fuzzy, message.id
        if isinstance(message.id, tuple):
            assert len(strings) == forms, f"{message.id!r}: {len(strings)} plural forms, the header says {forms}"
        wanted = sorted(set(_PLACEHOLDER_RE.findall(ids[-1])))
        for string in strings:
            assert sorted(set(_PLACEHOLDER_RE.findall(string))) == wanted, (message.id, string)


# --- every word the generator asks for is in every catalogue ---------------------------------------

PACKAGE = PACKAGE_LOCALES.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
METHODS = [
    ("templates/**.html", "jinja2.ext:babel_extract"),
    ("core/render/**.py", "python"),
    ("core/publish/**.py", "python"),
]


def _asked_for(folder: Path, methods: list[tuple[str, str]]) -> set[tuple[str | None, str]]:
    """(context, msgid) of every gettext call in ``folder``, as Babel's extractors (the standard ones) find them."""
    from babel.messages.extract import extract_from_dir

    found = set()
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(folder), methods, options_map=options, keywords=KEYWORDS
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def _not_in_catalogues(asked: set[tuple[str | None, str]]) -> list[str]:
    missing = []
    for path in CATALOGUES:
        known = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in _read(path) if m.id}
        missing += [f"{path.parts[-3]}: {context or ''}|{msgid}" for context, msgid in sorted(asked - known, key=str)]
    return missing


def test_every_msgid_the_generator_uses_is_in_every_catalogue() -> None:
    assert _not_in_catalogues(_asked_for(PACKAGE, METHODS)) == []


def test_the_msgid_check_finds_what_templates_and_code_ask_for(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text(
        '<h2>{{ _("Related stories") }}</h2><p>{{ pgettext("facts", "Born") }} {{ _("Not a message we ship") }}</p>',
        encoding="utf-8",
    )
    (tmp_path / "core" / "render").mkdir(parents=True)
    (tmp_path / "core" / "render" / "x.py").write_text(
        't.ngettext("%(n)s seat", "%(n)s seats", 3)\nt.gettext("Nor this")\n'
    )
    asked = _asked_for(tmp_path, METHODS)
    assert asked == {
        (None, "Related stories"),
        ("facts", "Born"),
        (None, "Not a message we ship"),
        (None, "%(n)s seat"),
        (None, "Nor this"),
    }
    assert _not_in_catalogues(asked) == [
        f"{lang}: |{msgid}" for lang in ("en", "kk", "ru") for msgid in ("Nor this", "Not a message we ship")
    ]


# --- the Material theme's own words in Kazakh --------------------------------------------------------


def _theme_words(folder: Path, lang: str) -> dict[str, str]:
    """The theme's translation partial for ``lang``, rendered with Jinja as Material imports it."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True)
    module = env.get_template(f"partials/languages/{lang}.html").module
    source = (folder / "partials" / "languages" / f"{lang}.html").read_text(encoding="utf-8")
    keys = re.findall(r'^  "([^"]+)":', source, re.MULTILINE)
    return {key: str(module.t(key)) for key in keys}  # type: ignore[attr-defined]


def test_material_has_no_kazakh_and_ours_has_every_key_of_its_english() -> None:
    import material

    theme = Path(material.__file__).parent / "templates"
    assert not (theme / "partials" / "languages" / "kk.html").exists()  # still needed
    english = _theme_words(theme, "en")
    kazakh = _theme_words(PACKAGE / "theme", "kk")
    assert kazakh.keys() == english.keys()
    assert all(kazakh.values())
    assert kazakh["language"] == "kk"
    assert kazakh["search.result.other"] == "# сәйкес құжат"  # Material replaces # with the count
    assert sum(kazakh[k] == english[k] for k in english) <= 6  # codes, direction, separator, pipeline


def test_the_theme_speaks_the_pages_language() -> None:
    """Our partials/language.html before Material's: the page's ``lang`` picks the theme's words."""
    import jinja2
    import material

    folders = [str(PACKAGE / "theme"), str(Path(material.__file__).parent / "templates")]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), autoescape=True)
    probe = env.from_string('{% import "partials/language.html" as lang with context %}{{ lang.t("search") }}')

    class Page:
        def __init__(self, lang: str | None) -> None:
            self.meta = {"lang": lang} if lang else {}

    config = {"theme": {"language": "en"}}
    assert probe.render(config=config, page=Page("kk")) == "Іздеу"
    assert probe.render(config=config, page=Page("ru")) == "Поиск"
    assert probe.render(config=config, page=Page(None)) == "Search"
    assert probe.render(config=config) == "Search"  # no page: the search plugin's defaults
