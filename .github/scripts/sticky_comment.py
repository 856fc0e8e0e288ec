"""Put the change report on the pull request as one comment, updated in place on every push.

The comment is found again by a hidden marker at its start, among the
comments the workflow's own bot wrote; there is never a second one.

    GH_TOKEN=... REPOSITORY=owner/name PULL_REQUEST=12 python sticky_comment.py change-report.md

Standard library only: it runs before anything is installed, on GitHub's runners.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path
from typing import Any

MARKER = "<!-- explainers:change-report -->"
# GitHub refuses comments over 65,536 characters; the job summary holds the whole report.
LIMIT = 60_000
CUT_NOTE = "\n\n*The report is longer than a comment may be: the whole of it is in the check's job summary.*\n"


def comment_body(report: str, limit: int = LIMIT) -> str:
    """The comment: the marker, then the report (cut at a line's end if too long)."""
    body = f"{MARKER}\n{report.rstrip()}\n"
    if len(body) <= limit:
        return body
    kept = body[: limit - len(CUT_NOTE)].rsplit("\n", 1)[0]
    return kept + CUT_NOTE


def api(method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        os.environ["GITHUB_API_URL"] + path,
        method=method,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={
            "Authorization": f"Bearer {os.environ['GH_TOKEN']}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def our_comment(repository: str, number: str) -> int | None:
    """The id of the report comment already on the pull request, if there is one."""
    page = 1
    while True:
        comments = api("GET", f"/repos/{repository}/issues/{number}/comments?per_page=100&page={page}")
        for comment in comments:
            if comment["user"]["type"] == "Bot" and comment["body"].startswith(MARKER):
                return int(comment["id"])
        if len(comments) < 100:
            return None
        page += 1


def main(report_file: str) -> None:
    repository, number = os.environ["REPOSITORY"], os.environ["PULL_REQUEST"]
    body = comment_body(Path(report_file).read_text(encoding="utf-8"))
    existing = our_comment(repository, number)
    if existing is None:
        api("POST", f"/repos/{repository}/issues/{number}/comments", {"body": body})
        print(f"Posted the change report on pull request #{number}")
    else:
        api("PATCH", f"/repos/{repository}/issues/comments/{existing}", {"body": body})
        print(f"Updated the change report on pull request #{number}")


if __name__ == "__main__":
    main(sys.argv[1])
