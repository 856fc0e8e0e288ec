"""``explainers diff`` on real git history: what each kind of edit changes, in the data and on the site.

A temporary repository holds the example project; each edit an editor makes
in a pull request is one commit.  The report of each is checked in full, and
for one of them the list of changed pages is checked against two real MkDocs
builds, page by page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from election_explainers.cli import main
from sites import copy_example

# Every commit at the same time: "last updated" dates and the builds do not depend on when the test runs.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_AUTHOR_DATE": "2024-05-01T12:00:00Z",
    "GIT_COMMITTER_DATE": "2024-05-01T12:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

NEW_STORY = """\
title: Auyl Looks Ahead After Missing the Threshold
date: 2021-02-01
byline: Staff
section: Explainers
summary: Auyl won 5.29% in January, short of the 7% it needed.
body: |
  [[auyl]] took 5.29% of the vote in [[kz-2021-mazhilis]], short of the threshold.
about: [kz-2021-mazhilis, auyl]
tags: [elections]
"""


def git(project: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(project), *args],
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclass
class History:
    project: Path
    commits: dict[str, str]  # what the commit did -> its id


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    """The example project, then one commit per edit."""
    project = copy_example(tmp_path_factory.mktemp("repo") / "site")
    git(project, "init", "--quiet", "--initial-branch=main")
    commits: dict[str, str] = {}

    def commit(name: str) -> None:
        git(project, "add", "--all")
        git(project, "commit", "--quiet", "-m", name)
        git(project, "tag", name)
        commits[name] = git(project, "rev-parse", "HEAD")

    commit("base")
    election = project / "data/elections/kz-2021-mazhilis.yaml"
    replace_in(election, "votes: 792828\n        percent: 10.95", "votes: 793828\n        percent: 11.05")
    commit("edited-result")
    replace_in(
        project / "data/parties/adal.yaml",
        "colour:",
        "other_names:\n  - name: Adal Party\n    start_date: 2021-06-01\n    note: Renamed.\ncolour:",
    )
    commit("rename")
    (project / "data/stories/kz-auyl-looks-ahead.yaml").write_text(NEW_STORY, encoding="utf-8")
    commit("new-story")
    (project / "data/people/aigul-utepova.yaml").unlink()
    story = project / "data/stories/kz-blogger-psychiatric-clinic.yaml"
    replace_in(story, "[[aigul-utepova]]", "Aigul Utepova")
    replace_in(story, "  - aigul-utepova\n", "")
    commit("deleted-person")
    return History(project, commits)


def run_diff(project: Path, *args: str) -> Result:
    """``explainers diff`` as an editor runs it, in the project's folder."""
    cwd = os.getcwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(main, ["diff", *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)


def report_between(history: History, before: str, after: str, *options: str) -> str:
    result = run_diff(history.project, before, after, *options)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"Compared \d+ pages and files on each side in \d+\.\d\d s\.\n", result.stderr)
    return result.stdout


def listed(report: str, heading: str) -> list[str]:
    """The site files listed under ``#### heading (n)`` of the Pages section."""
    match = re.search(rf"^#### {re.escape(heading)} \((\d+)\)\n\n((?:- .*\n)+)", report, re.MULTILINE)
    if match is None:
        return []
    files = re.findall(r"· `([^`]+)`$", match.group(2), re.MULTILINE)
    assert len(files) == int(match.group(1))
    return files


def data_files(report: str) -> list[str]:
    return re.findall(r"^- `([^`]+)` \((?:added|removed|changed)\)$", report, re.MULTILINE)


# -- every kind of edit, reported in full --------------------------------------------------------------------------


def label(history: History, tag: str) -> str:
    return f"`{tag} ({history.commits[tag][:7]})`"


def test_an_edited_result_shows_the_vote_and_percent_deltas_and_the_pages_that_show_them(history: History) -> None:
    report = report_between(history, "base", "edited-result")
    assert report == "\n".join(
        [
            f"## What changes from {label(history, 'base')} to {label(history, 'edited-result')}",
            "",
            "**Data:** 0 added, 0 removed, 1 changed. **Pages:** 0 added, 0 removed, 14 changed. **Other files:** 9 changed.",
            "",
            "### Data",
            "",
            "#### Changed",
            "",
            "**election `kz-2021-mazhilis`: 2021 Kazakh legislative election** (`data/elections/kz-2021-mazhilis.yaml`)",
            "",
            "| Field | Before | After |",
            "|---|---|---|",
            "| `results[official].rows[ak-zhol].votes` | 792,828 | 793,828 (+1,000) |",
            "| `results[official].rows[ak-zhol].percent` | 10.95 | 11.05 (+0.1) |",
            "",
            "### Pages",
            "",
            "#### Changed (14)",
            "",
            "- [2021 Kazakh legislative election](https://elections.example.org/elections/kz-2021-mazhilis/) · `elections/kz-2021-mazhilis/index.html`",
            "- [2023 Kazakh legislative election](https://elections.example.org/elections/kz-2023-mazhilis/) · `elections/kz-2023-mazhilis/index.html`",
            "- [Kazakhstan's 2021 parliamentary election, explained](https://elections.example.org/explainers/kazakhstan-2021/) · `explainers/kazakhstan-2021/index.html`",
            "- [2021 жылғы Мәжіліс сайлауы](https://elections.example.org/kk/elections/kz-2021-mazhilis/) · `kk/elections/kz-2021-mazhilis/index.html`",
            "- [2023 жылғы Мәжіліс сайлауы](https://elections.example.org/kk/elections/kz-2023-mazhilis/) · `kk/elections/kz-2023-mazhilis/index.html`",
            "- [«Ақ жол» Демократиялық партиясы](https://elections.example.org/kk/parties/ak-zhol/) · `kk/parties/ak-zhol/index.html`",
            "- [Азат Перуашев](https://elections.example.org/kk/people/azat-peruashev/) · `kk/people/azat-peruashev/index.html`",
            "- [Ak Zhol Democratic Party](https://elections.example.org/parties/ak-zhol/) · `parties/ak-zhol/index.html`",
            "- [Azat Peruashev](https://elections.example.org/people/azat-peruashev/) · `people/azat-peruashev/index.html`",
            "- [Выборы в Мажилис Казахстана 2021 года](https://elections.example.org/ru/elections/kz-2021-mazhilis/) · `ru/elections/kz-2021-mazhilis/index.html`",
            "- [Выборы в Мажилис Казахстана 2023 года](https://elections.example.org/ru/elections/kz-2023-mazhilis/) · `ru/elections/kz-2023-mazhilis/index.html`",
            "- [Парламентские выборы 2021 года в Казахстане: объяснение](https://elections.example.org/ru/explainers/kazakhstan-2021/) · `ru/explainers/kazakhstan-2021/index.html`",
            "- [Демократическая партия «Ак жол»](https://elections.example.org/ru/parties/ak-zhol/) · `ru/parties/ak-zhol/index.html`",
            "- [Азат Перуашев](https://elections.example.org/ru/people/azat-peruashev/) · `ru/people/azat-peruashev/index.html`",
            "",
            "### Other files",
            "",
            "- `data/dataset.json` (changed)",
            "- `data/elections/kz-2021-mazhilis.csv` (changed)",
            "- `data/elections/kz-2021-mazhilis.json` (changed)",
            "- `embed/kz-2021-mazhilis/votes.svg` (changed)",
            "- `embed/kz-2021-mazhilis/votes/index.html` (changed)",
            "- `kk/embed/kz-2021-mazhilis/votes.svg` (changed)",
            "- `kk/embed/kz-2021-mazhilis/votes/index.html` (changed)",
            "- `ru/embed/kz-2021-mazhilis/votes.svg` (changed)",
            "- `ru/embed/kz-2021-mazhilis/votes/index.html` (changed)",
            "",
        ]
    )


def test_a_rename_shows_the_new_name_and_every_page_and_timeline_that_names_the_party(history: History) -> None:
    report = report_between(history, "edited-result", "rename", "--site-url", "")
    assert report == "\n".join(
        [
            f"## What changes from {label(history, 'edited-result')} to {label(history, 'rename')}",
            "",
            "**Data:** 0 added, 0 removed, 1 changed. **Pages:** 0 added, 0 removed, 20 changed. **Other files:** 26 changed.",
            "",
            "### Data",
            "",
            "#### Changed",
            "",
            "**party `adal`: Adal** (`data/parties/adal.yaml`)",
            "",
            "| Field | Before | After |",
            "|---|---|---|",
            "| `other_names` | — | name: Adal Party; start\\_date: 2021-06-01; note: Renamed. |",
            "",
            "### Pages",
            "",
            "#### Changed (20)",
            "",
            "- Kazakhstan · `countries/kz/index.html`",
            "- 2021 Kazakh legislative election · `elections/kz-2021-mazhilis/index.html`",
            "- Kazakhstan's 2021 parliamentary election, explained · `explainers/kazakhstan-2021/index.html`",
            "- Қазақстан · `kk/countries/kz/index.html`",
            "- 2021 жылғы Мәжіліс сайлауы · `kk/elections/kz-2021-mazhilis/index.html`",
            "- Adal Party · `kk/parties/adal/index.html`",
            "- Партиялар · `kk/parties/index.html`",
            "- Материалдар · `kk/stories/index.html`",
            "- Хронология · `kk/timeline/index.html`",
            "- Adal Party · `parties/adal/index.html`",
            "- Parties · `parties/index.html`",
            "- Казахстан · `ru/countries/kz/index.html`",
            "- Выборы в Мажилис Казахстана 2021 года · `ru/elections/kz-2021-mazhilis/index.html`",
            "- Парламентские выборы 2021 года в Казахстане: объяснение · `ru/explainers/kazakhstan-2021/index.html`",
            "- Adal Party · `ru/parties/adal/index.html`",
            "- Партии · `ru/parties/index.html`",
            "- Материалы · `ru/stories/index.html`",
            "- Хронология · `ru/timeline/index.html`",
            "- Stories · `stories/index.html`",
            "- Timeline · `timeline/index.html`",
            "",
            "### Other files",
            "",
            "- `data/dataset.json` (changed)",
            "- `data/popolo.json` (changed)",
            "- `embed/kz-2021-mazhilis/votes.svg` (changed)",
            "- `embed/kz-2021-mazhilis/votes/index.html` (changed)",
            "- `kk/embed/kz-2021-mazhilis/votes.svg` (changed)",
            "- `kk/embed/kz-2021-mazhilis/votes/index.html` (changed)",
            "- `kk/timeline/adal.json` (changed)",
            "- `kk/timeline/adal.timelinejs.json` (changed)",
            "- `kk/timeline/index.json` (changed)",
            "- `kk/timeline/index.timelinejs.json` (changed)",
            "- `kk/timeline/kz.json` (changed)",
            "- `kk/timeline/kz.timelinejs.json` (changed)",
            "- `ru/embed/kz-2021-mazhilis/votes.svg` (changed)",
            "- `ru/embed/kz-2021-mazhilis/votes/index.html` (changed)",
            "- `ru/timeline/adal.json` (changed)",
            "- `ru/timeline/adal.timelinejs.json` (changed)",
            "- `ru/timeline/index.json` (changed)",
            "- `ru/timeline/index.timelinejs.json` (changed)",
            "- `ru/timeline/kz.json` (changed)",
            "- `ru/timeline/kz.timelinejs.json` (changed)",
            "- `timeline/adal.json` (changed)",
            "- `timeline/adal.timelinejs.json` (changed)",
            "- `timeline/index.json` (changed)",
            "- `timeline/index.timelinejs.json` (changed)",
            "- `timeline/kz.json` (changed)",
            "- `timeline/kz.timelinejs.json` (changed)",
            "",
        ]
    )


def test_a_new_story_adds_its_page_and_changes_the_lists_and_feeds_it_joins(history: History) -> None:
    report = report_between(history, "rename", "new-story", "--site-url", "")
    assert report == "\n".join(
        [
            f"## What changes from {label(history, 'rename')} to {label(history, 'new-story')}",
            "",
            "**Data:** 1 added, 0 removed, 0 changed. **Pages:** 3 added, 0 removed, 15 changed. **Other files:** 31 changed.",
            "",
            "### Data",
            "",
            "#### Added",
            "",
            "- story `kz-auyl-looks-ahead`: Auyl Looks Ahead After Missing the Threshold (`data/stories/kz-auyl-looks-ahead.yaml`)",
            "",
            "### Pages",
            "",
            "#### Added (3)",
            "",
            "- Auyl Looks Ahead After Missing the Threshold · `kk/stories/kz-auyl-looks-ahead/index.html`",
            "- Auyl Looks Ahead After Missing the Threshold · `ru/stories/kz-auyl-looks-ahead/index.html`",
            "- Auyl Looks Ahead After Missing the Threshold · `stories/kz-auyl-looks-ahead/index.html`",
            "",
            "#### Changed (15)",
            "",
            "- 2021 Kazakh legislative election · `elections/kz-2021-mazhilis/index.html`",
            "- 2021 жылғы Мәжіліс сайлауы · `kk/elections/kz-2021-mazhilis/index.html`",
            "- Ауыл Халықтық-демократиялық патриоттық партиясы · `kk/parties/auyl/index.html`",
            "- Материалдар · `kk/stories/index.html`",
            "- Explainers · `kk/stories/sections/explainers/index.html`",
            "- Хронология · `kk/timeline/index.html`",
            "- Auyl People's Democratic Patriotic Party · `parties/auyl/index.html`",
            "- Выборы в Мажилис Казахстана 2021 года · `ru/elections/kz-2021-mazhilis/index.html`",
            "- Народно-демократическая патриотическая партия «Ауыл» · `ru/parties/auyl/index.html`",
            "- Материалы · `ru/stories/index.html`",
            "- Explainers · `ru/stories/sections/explainers/index.html`",
            "- Хронология · `ru/timeline/index.html`",
            "- Stories · `stories/index.html`",
            "- Explainers · `stories/sections/explainers/index.html`",
            "- Timeline · `timeline/index.html`",
            "",
            "### Other files",
            "",
            "- `data/dataset.json` (changed)",
            "- `feeds/atom.xml` (changed)",
            "- `feeds/feed.json` (changed)",
            "- `feeds/kz/atom.xml` (changed)",
            "- `feeds/kz/feed.json` (changed)",
            "- `kk/feeds/atom.xml` (changed)",
            "- `kk/feeds/feed.json` (changed)",
            "- `kk/feeds/kz/atom.xml` (changed)",
            "- `kk/feeds/kz/feed.json` (changed)",
            "- `kk/timeline/auyl.json` (changed)",
            "- `kk/timeline/auyl.timelinejs.json` (changed)",
            "- `kk/timeline/index.json` (changed)",
            "- `kk/timeline/index.timelinejs.json` (changed)",
            "- `kk/timeline/kz-2021-mazhilis.json` (changed)",
            "- `kk/timeline/kz-2021-mazhilis.timelinejs.json` (changed)",
            "- `ru/feeds/atom.xml` (changed)",
            "- `ru/feeds/feed.json` (changed)",
            "- `ru/feeds/kz/atom.xml` (changed)",
            "- `ru/feeds/kz/feed.json` (changed)",
            "- `ru/timeline/auyl.json` (changed)",
            "- `ru/timeline/auyl.timelinejs.json` (changed)",
            "- `ru/timeline/index.json` (changed)",
            "- `ru/timeline/index.timelinejs.json` (changed)",
            "- `ru/timeline/kz-2021-mazhilis.json` (changed)",
            "- `ru/timeline/kz-2021-mazhilis.timelinejs.json` (changed)",
            "- `timeline/auyl.json` (changed)",
            "- `timeline/auyl.timelinejs.json` (changed)",
            "- `timeline/index.json` (changed)",
            "- `timeline/index.timelinejs.json` (changed)",
            "- `timeline/kz-2021-mazhilis.json` (changed)",
            "- `timeline/kz-2021-mazhilis.timelinejs.json` (changed)",
            "",
        ]
    )


def test_a_deleted_person_removes_their_page_and_timeline_and_changes_what_mentioned_them(history: History) -> None:
    report = report_between(history, "new-story", "deleted-person", "--site-url", "")
    assert report == "\n".join(
        [
            f"## What changes from {label(history, 'new-story')} to {label(history, 'deleted-person')}",
            "",
            "**Data:** 0 added, 1 removed, 1 changed. **Pages:** 0 added, 3 removed, 23 changed. **Other files:** 14 changed.",
            "",
            "### Data",
            "",
            "#### Removed",
            "",
            "- person `aigul-utepova`: Aigul Utepova (`data/people/aigul-utepova.yaml`)",
            "",
            "#### Changed",
            "",
            "**story `kz-blogger-psychiatric-clinic`: Kazakhstan Holds Blogger in Psychiatric Clinic Over Government Criticism** (`data/stories/kz-blogger-psychiatric-clinic.yaml`)",
            "",
            "| Field | Before | After |",
            "|---|---|---|",
            "| `body` | Blogger \\[\\[aigul-utepova\\]\\], a critic of the government, is being held in a psychi… | Blogger Aigul Utepova, a critic of the government, is being held in a psychiatri… |",
            "| `about` | kz, aigul-utepova | kz |",
            "",
            "### Pages",
            "",
            "#### Removed (3)",
            "",
            "- Айгүл Өтепова · `kk/people/aigul-utepova/index.html`",
            "- Aigul Utepova · `people/aigul-utepova/index.html`",
            "- Айгуль Утепова · `ru/people/aigul-utepova/index.html`",
            "",
            "#### Changed (23)",
            "",
            "- Kazakhstan · `countries/kz/index.html`",
            "- Kazakhstan's 2021 parliamentary election, explained · `explainers/kazakhstan-2021/index.html`",
            "- Қазақстан · `kk/countries/kz/index.html`",
            "- Тұлғалар · `kk/people/index.html`",
            "- Материалдар · `kk/stories/index.html`",
            "- Kazakhstan Abolishes Death Penalty · `kk/stories/kz-abolishes-death-penalty/index.html`",
            "- Kazakhstan Holds Blogger in Psychiatric Clinic Over Government Criticism · `kk/stories/kz-blogger-psychiatric-clinic/index.html`",
            "- Kazakhstan Ruling Party Dominates Opposition-Free Vote · `kk/stories/kz-ruling-party-dominates-vote/index.html`",
            "- Press Freedom · `kk/stories/sections/press-freedom/index.html`",
            "- People · `people/index.html`",
            "- Казахстан · `ru/countries/kz/index.html`",
            "- Парламентские выборы 2021 года в Казахстане: объяснение · `ru/explainers/kazakhstan-2021/index.html`",
            "- Люди · `ru/people/index.html`",
            "- Материалы · `ru/stories/index.html`",
            "- Kazakhstan Abolishes Death Penalty · `ru/stories/kz-abolishes-death-penalty/index.html`",
            "- Kazakhstan Holds Blogger in Psychiatric Clinic Over Government Criticism · `ru/stories/kz-blogger-psychiatric-clinic/index.html`",
            "- Kazakhstan Ruling Party Dominates Opposition-Free Vote · `ru/stories/kz-ruling-party-dominates-vote/index.html`",
            "- Press Freedom · `ru/stories/sections/press-freedom/index.html`",
            "- Stories · `stories/index.html`",
            "- Kazakhstan Abolishes Death Penalty · `stories/kz-abolishes-death-penalty/index.html`",
            "- Kazakhstan Holds Blogger in Psychiatric Clinic Over Government Criticism · `stories/kz-blogger-psychiatric-clinic/index.html`",
            "- Kazakhstan Ruling Party Dominates Opposition-Free Vote · `stories/kz-ruling-party-dominates-vote/index.html`",
            "- Press Freedom · `stories/sections/press-freedom/index.html`",
            "",
            "### Other files",
            "",
            "- `kk/timeline/aigul-utepova.json` (removed)",
            "- `kk/timeline/aigul-utepova.timelinejs.json` (removed)",
            "- `ru/timeline/aigul-utepova.json` (removed)",
            "- `ru/timeline/aigul-utepova.timelinejs.json` (removed)",
            "- `timeline/aigul-utepova.json` (removed)",
            "- `timeline/aigul-utepova.timelinejs.json` (removed)",
            "- `data/dataset.json` (changed)",
            "- `data/popolo.json` (changed)",
            "- `kk/timeline/index.json` (changed)",
            "- `kk/timeline/kz.json` (changed)",
            "- `ru/timeline/index.json` (changed)",
            "- `ru/timeline/kz.json` (changed)",
            "- `timeline/index.json` (changed)",
            "- `timeline/kz.json` (changed)",
            "",
        ]
    )


# -- the pages listed are exactly the pages a real build changes -----------------------------------------------------

_ARTICLE_RE = re.compile(r'<article class="md-content__inner.*?</article>', re.DOTALL)
_HEAD_RE = re.compile(r"<title>.*?</title>|<meta name=\"description\"[^>]*>", re.DOTALL)


def what_the_data_shows(site: Path) -> dict[str, str]:
    """Each published file the data can change: a page's head title, description and article; a data file whole."""
    shown: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        unprefixed = re.sub(r"^(ru|kk)/", "", relative)  # any language's
        if unprefixed.startswith("cards/") or relative == "data/index.html":
            continue  # pictures, and the downloads' own page: explainers diff does not list them yet
        if (unprefixed.startswith("embed/") or relative.startswith("data/")) and path.is_file():
            shown[relative] = path.read_text(encoding="utf-8")  # written as made, like timelines and feeds
        elif relative.endswith(".html") and relative != "404.html":
            text = path.read_text(encoding="utf-8")
            shown[relative] = "".join(_HEAD_RE.findall(text)) + "".join(_ARTICLE_RE.findall(text))
        elif unprefixed.startswith(("timeline/", "feeds/")) and path.is_file():
            shown[relative] = path.read_text(encoding="utf-8")
    return shown


@pytest.fixture(scope="module")
def built(history: History, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Each commit checked out on its own and built with ``mkdocs build --strict``."""
    sites: dict[str, dict[str, str]] = {}
    for tag in ("base", "edited-result", "rename", "new-story", "deleted-person"):
        checkout = tmp_path_factory.mktemp(tag) / "project"
        git(history.project, "worktree", "add", "--quiet", "--detach", str(checkout), history.commits[tag])
        (checkout / "overrides").mkdir(exist_ok=True)  # git keeps no empty folder
        env = {**os.environ, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(checkout / "site")],
            cwd=checkout,
            env=env,
            check=True,
            capture_output=True,
        )
        sites[tag] = what_the_data_shows(checkout / "site")
        shutil.rmtree(checkout / "site")
    return sites


@pytest.mark.parametrize(
    ("before", "after"),
    [("base", "edited-result"), ("edited-result", "rename"), ("rename", "new-story"), ("new-story", "deleted-person")],
)
def test_the_pages_listed_are_those_whose_built_output_differs(
    history: History, built: dict[str, dict[str, str]], before: str, after: str
) -> None:
    old, new = built[before], built[after]
    differs = sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))
    report = report_between(history, before, after)
    reported = listed(report, "Added") + listed(report, "Removed") + listed(report, "Changed") + data_files(report)
    assert sorted(set(reported) - set(differs)) == [], "reported, not changed"
    assert sorted(set(differs) - set(reported)) == [], "changed, not reported"
    assert sorted(reported) == differs


# -- sides, errors and text ------------------------------------------------------------------------------------------


def test_head_defaults_to_the_working_tree_and_its_uncommitted_edits(history: History) -> None:
    party = history.project / "data/parties/adal.yaml"
    replace_in(party, 'colour: "#6a1b9a"', 'colour: "#7b1fa2"')
    try:
        result = run_diff(history.project, "deleted-person", "--site-url", "")
    finally:
        git(history.project, "checkout", "--", "data/parties/adal.yaml")
    assert result.exit_code == 0, result.output
    report = result.stdout
    assert report.startswith(f"## What changes from {label(history, 'deleted-person')} to the working tree\n")
    assert "| `colour` | #6a1b9a | #7b1fa2 |" not in report  # '#' would name an issue on GitHub
    assert "| `colour` | &#35;6a1b9a | &#35;7b1fa2 |" in report
    assert listed(report, "Changed") == [
        "countries/kz/index.html",
        "elections/kz-2021-mazhilis/index.html",
        "explainers/kazakhstan-2021/index.html",
        # the same pages in Kazakh and Russian (the explainer has no Kazakh version)
        "kk/countries/kz/index.html",
        "kk/elections/kz-2021-mazhilis/index.html",
        "kk/parties/adal/index.html",
        "kk/parties/index.html",
        "parties/adal/index.html",
        "parties/index.html",
        "ru/countries/kz/index.html",
        "ru/elections/kz-2021-mazhilis/index.html",
        "ru/explainers/kazakhstan-2021/index.html",
        "ru/parties/adal/index.html",
        "ru/parties/index.html",
    ]
    assert git(history.project, "status", "--porcelain") == ""  # the diff itself touched nothing


def test_two_folders_compare_like_two_commits(tmp_path: Path) -> None:
    copy_example(tmp_path / "before")
    after = copy_example(tmp_path / "after")
    replace_in(after / "data/countries/kz.yaml", "name: Kazakhstan", "name: Republic of Kazakhstan")
    result = run_diff(tmp_path, "before", "after", "-f", "after/mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## What changes from `before` to `after`\n")
    assert "| `name` | Kazakhstan | Republic of Kazakhstan |" in result.stdout


def test_data_strings_cannot_make_markup_mentions_or_cells_in_the_report(tmp_path: Path) -> None:
    copy_example(tmp_path / "before")
    after = copy_example(tmp_path / "after")
    hostile = "Evil | @octocat #1 <img src=x> [click](https://example.org) `code` *bold*"
    replace_in(after / "data/parties/adal.yaml", "name: Adal", f"name: {json_string(hostile)}")
    result = run_diff(tmp_path, "before", "after", "-f", "after/mkdocs.yml", "--site-url", "")
    assert result.exit_code == 0, result.output
    escaped = "Evil \\| &#64;octocat &#35;1 &lt;img src=x&gt; \\[click\\](https://example.org) \\`code\\` \\*bold\\*"
    assert f"| `name` | Adal | {escaped} |" in result.stdout
    assert f"- {escaped} · `parties/adal/index.html`" in result.stdout


def json_string(text: str) -> str:
    import json

    return json.dumps(text)


def test_problems_on_either_side_are_located_and_fail_the_command(tmp_path: Path) -> None:
    copy_example(tmp_path / "before")
    after = copy_example(tmp_path / "after")
    replace_in(after / "data/parties/adal.yaml", "country: kz", "country: kzz")
    result = run_diff(tmp_path, "before", "after", "-f", "after/mkdocs.yml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[:2] == [
        "The data at after has 1 problem(s):",
        "data/parties/adal.yaml:3:10: country: unknown country 'kzz'; did you mean 'kz'?",
    ]


def test_an_unknown_ref_is_refused_before_anything_is_read(history: History) -> None:
    result = run_diff(history.project, "no-such-branch")
    assert result.exit_code == 1
    assert "'no-such-branch' is neither a folder nor a commit, branch or tag" in result.stderr
    result = run_diff(history.project, "--", "--output=/tmp/x")  # never passed to git as an option
    assert result.exit_code == 1
    assert "'--output=/tmp/x' is not a git ref" in result.stderr


def test_worker_processes_give_the_same_report_as_one(history: History) -> None:
    one = report_between(history, "rename", "new-story", "--jobs", "1")
    assert report_between(history, "rename", "new-story", "--jobs", "4") == one  # two processes per side


def test_page_links_go_to_the_preview_when_there_is_one_and_removed_pages_to_the_site(history: History) -> None:
    report = report_between(
        history,
        "new-story",
        "deleted-person",
        "--preview-url",
        "https://preview.example.org/pr-7/",
        "--artifact-url",
        "https://artifacts.example.org/123",
    )
    assert "**Preview:** [download the site with this change](https://artifacts.example.org/123)" in report
    assert "- [Aigul Utepova](https://elections.example.org/people/aigul-utepova/) · " in report  # removed: as it was
    assert "- [People](https://preview.example.org/pr-7/people/) · `people/index.html`" in report


def test_a_committed_link_out_of_the_project_is_refused_not_followed(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "site")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "base")
    (project / "data/parties/evil.yaml").symlink_to("/etc/passwd")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "a link")
    result = run_diff(project, "HEAD~1", "HEAD")
    assert result.exit_code == 1
    assert "holds a file that cannot be read safely" in result.stderr
    assert "root:" not in result.output


# -- fields, one by one ------------------------------------------------------------------------------------------------


def test_result_rows_are_matched_by_party_so_a_new_order_is_no_change_and_a_new_row_is_one() -> None:
    from election_explainers.core.publish.diff_data import FieldChange, field_changes

    red = {"party": "red", "votes": 360, "seats": 60}
    blue = {"party": "blue", "votes": 240, "seats": 40}
    green = {"party": "green", "votes": 10}
    before = {"results": [{"kind": "official", "rows": [red, blue]}]}
    assert list(field_changes(before, {"results": [{"kind": "official", "rows": [blue, red]}]})) == []
    after = {"results": [{"kind": "official", "rows": [red, {**blue, "seats": 39}, green]}]}
    assert list(field_changes(before, after)) == [
        FieldChange("results[official].rows[blue].seats", 40, 39),
        FieldChange("results[official].rows[green]", None, green),
    ]


def test_items_that_share_a_key_are_compared_by_position() -> None:
    from election_explainers.core.publish.diff_data import FieldChange, field_changes

    before = {"sources": [{"title": "CEC"}, {"title": "CEC"}]}
    after = {"sources": [{"title": "CEC"}, {"title": "CEC", "date": "2021-01-12"}]}
    assert list(field_changes(before, after)) == [FieldChange("sources[1].date", None, "2021-01-12")]


def test_a_project_in_a_folder_of_the_repository_is_read_from_that_folder_at_each_ref(tmp_path: Path) -> None:
    repository = tmp_path / "newsroom"
    project = copy_example(repository / "elections")
    (repository / "README.md").write_text("Newsroom tools\n", encoding="utf-8")
    git(repository, "init", "--quiet", "--initial-branch=main")
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "-m", "base")
    replace_in(project / "data/people/aikyn-konurov.yaml", "name: Aikyn Konurov", "name: Aikyn K. Konurov")
    git(repository, "commit", "--quiet", "--all", "-m", "name")
    result = run_diff(repository, "HEAD~1", "HEAD", "-f", "elections/mkdocs.yml", "--site-url", "")
    assert result.exit_code == 0, result.output
    assert "| `name` | Aikyn Konurov | Aikyn K. Konurov |" in result.stdout
    assert "- Aikyn K. Konurov · `people/aikyn-konurov/index.html`" in result.stdout
