"""When each data file last changed, from git, in one call for the whole folder."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(folder: Path) -> dict[Path, str]:
    """Absolute path → ISO date of the last commit touching it; empty outside a git work tree."""
    try:
        output = subprocess.run(
            ["git", "-C", str(folder), "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[Path, str] = {}
    date = ""
    for line in output.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and date:
            dates.setdefault((folder / line).resolve(), date)
    return dates


def last_commit_date(folder: Path) -> str | None:
    """The UTC date (YYYY-MM-DD) of the last commit of the git work tree holding ``folder``, or ``None``."""
    try:
        output = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not output.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(output), dt.UTC).date().isoformat()
