"""Write the generated site as plain files: a docs folder any MkDocs-compatible engine builds.

The generated pages become Markdown files (front matter and HTML blocks),
hand-written pages get their ``[[id]]`` links and embeds resolved, and the
stylesheet, script and JSON timelines are copied beside them, so nothing
needs our plugins any more.

Another engine runs its own Markdown extensions over these files, so every
character of our HTML's text that Markdown could read as syntax is written
as a character reference (``[`` as ``&#91;``): the browser shows the same
text, and no extension sees syntax in it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from ..render.formatting import compact_html
from ..render.render import Renderer, front_matter
from ..render.urls import docs_page_language, page_url
from .assets import ASSET_FOLDER, ASSETS
from .publish import DataFile

# Tags, comments, and the raw text of script elements (where a reference would not be decoded).
_TAG_OR_SCRIPT_RE = re.compile(r"<script\b.*?</script\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)
# ASCII punctuation that some Markdown extension reads as syntax ('&' stays: it begins our own references).
_MARKDOWN_SYNTAX_RE = re.compile(r"""[!"#$'()*+\-./:;=?@\[\\\]^_`{|}~]""")


def markdown_safe(html: str) -> str:
    """``html`` with the text between tags proof against Markdown syntax."""
    parts: list[str] = []
    last = 0
    for match in _TAG_OR_SCRIPT_RE.finditer(html):
        parts.append(_escape_text(html[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append(_escape_text(html[last:]))
    return "".join(parts)


def _escape_text(text: str) -> str:
    return _MARKDOWN_SYNTAX_RE.sub(lambda match: f"&#{ord(match.group())};", text)


def materialize(renderer: Renderer, docs_dir: Path | None, out_dir: Path, data_files: Iterable[DataFile]) -> list[Path]:
    """Write every page and ``data_files`` (the site's, :meth:`.SiteConfig.data_files`) into ``out_dir``
    (which must not exist or be empty)."""
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty; choose a new folder")
    written: list[Path] = []

    def write(relative: str, content: str | bytes) -> None:
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        written.append(path)

    languages = renderer.options.languages or (renderer.options.language,)
    renderers = {lang: renderer.in_language(lang) for lang in languages}
    if docs_dir is not None:
        for source in sorted(docs_dir.rglob("*")):
            relative = source.relative_to(docs_dir).as_posix()
            if source.is_dir() or any(part.startswith(".") for part in source.relative_to(docs_dir).parts):
                continue
            if source.suffix == ".md":
                # In its own language; kept at its path (docs/x.ru.md), where its editor's relative links hold.
                entry = renderer.dataset.page(relative)
                lang = docs_page_language(relative, languages, entry.lang if entry else None)[1]
                url = page_url(relative, renderer.options.use_directory_urls)
                page = renderers[lang].hand_written_page(source.read_text(encoding="utf-8"), relative, url)
                write(relative, page.fill(page.markdown, wrap=lambda html: markdown_safe(str(compact_html(html)))))
            else:
                target = out_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                written.append(target)
    hand_written = {p.relative_to(out_dir).as_posix() for p in written}
    for language_renderer in renderers.values():
        for generated in language_renderer.sources():
            if generated.src not in hand_written:
                body = markdown_safe(str(compact_html(language_renderer.render(generated).html)))
                write(generated.src, front_matter(generated) + body + "\n")
    for data_file in data_files:
        write(data_file.path, data_file.make())
    for asset in sorted(ASSETS.iterdir()):
        write(f"{ASSET_FOLDER}/{asset.name}", asset.read_text(encoding="utf-8"))
    return written
