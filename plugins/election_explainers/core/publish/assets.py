"""The stylesheet and script every generated site needs, and where they are published."""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).parent.parent.parent / "assets"
ASSET_FOLDER = "assets/elections"
STYLESHEET = f"{ASSET_FOLDER}/elections.css"
SCRIPT = f"{ASSET_FOLDER}/timeline.js"
COUNT_SCRIPT = f"{ASSET_FOLDER}/count.js"  # election night: a counting election's figures refresh
