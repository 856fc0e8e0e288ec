"""Write the generated site as plain files: a docs folder any MkDocs-compatible engine builds.

The generated pages become Markdown files, hand-written pages get their
``[[id]]`` links and embeds resolved, and the stylesheet, script and JSON
timelines are copied beside them, so nothing needs our plugins any more.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .assets import ASSET_FOLDER, ASSETS
from .publish import timeline_files
from .render import Renderer
from .urls import page_url


def materialize(renderer: Renderer, docs_dir: Path | None, out_dir: Path) -> list[Path]:
    """Write every page and file into ``out_dir`` (which must not exist or be empty)."""
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty; choose a new folder")
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    if docs_dir is not None:
        for source in sorted(docs_dir.rglob("*")):
            relative = source.relative_to(docs_dir).as_posix()
            if source.is_dir() or any(part.startswith(".") for part in source.relative_to(docs_dir).parts):
                continue
            if source.suffix == ".md":
                url = page_url(relative, renderer.options.use_directory_urls)
                write(relative, renderer.hand_written_page(source.read_text(encoding="utf-8"), relative, url))
            else:
                target = out_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                written.append(target)
    hand_written = {p.relative_to(out_dir).as_posix() for p in written}
    for page in renderer.pages():
        if page.src not in hand_written:
            write(page.src, page.markdown)
    for path, text in timeline_files(renderer):
        write(path, text)
    for asset in sorted(ASSETS.iterdir()):
        write(f"{ASSET_FOLDER}/{asset.name}", asset.read_text(encoding="utf-8"))
    return written
