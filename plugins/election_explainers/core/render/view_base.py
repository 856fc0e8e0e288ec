"""What every part of a view stands on: the renderer that made it (as the :class:`SiteRenderer` it
asks things of) and the page's date, reads and tracked dataset.

:class:`.view.View` is made of parts (:mod:`.view_dates`, :mod:`.view_lookups`)
so that no one module has to hold all a template may call; each part is a
:class:`ViewBase`, which only says what a view has, and ``View`` sets it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from ..data.dataset import Dataset, Page
from ..data.dates import PartialDate
from ..data.models import Record, Story
from ..index.timeline import Item
from ..index.tracking import TrackedDataset
from .fragments import Reads

if TYPE_CHECKING:
    import jinja2

    from ..index.results import Standing
    from .fragments import Fragments
    from .markdown_html import MarkdownConverter
    from .options import RenderOptions


class SiteRenderer(Protocol):
    """What a view asks of the renderer that made it (:class:`.render.Renderer` is the one there is).

    Described here rather than imported, so that the renderer depends on views
    and not the other way round.
    """

    dataset: Dataset
    options: RenderOptions
    env: jinja2.Environment
    markdown: MarkdownConverter
    fragments: Fragments[Any] | None
    timeline: list[Item]
    timeline_by_id: dict[str, list[Item]]
    standings: dict[tuple[str, str], list[Standing]]

    @property
    def as_of(self) -> PartialDate | None: ...

    @property
    def by_country(self) -> dict[str, dict[str, list[Record]]]: ...

    @property
    def entries(self) -> list[Story | Page]: ...

    @property
    def sections(self) -> dict[str, list[Story | Page]]: ...

    @property
    def page_languages(self) -> dict[str, str | None]: ...

    @property
    def fact_titles(self) -> dict[tuple[Any, Any], str]: ...

    @property
    def words(self) -> Any: ...

    def shows_page(self, src: str) -> bool: ...

    def url_of(self, target: str | Record | Page) -> str | None: ...

    def section_url(self, section: str) -> str: ...

    def related(self, story: Story) -> list[Story | Page]: ...

    def rooms(self, view: Any) -> Mapping[str, object]:
        """The page kinds' rooms for ``view`` (:mod:`.pages`), as templates see them by name.

        ``view`` is a :class:`.view.View`, not named here: the view module imports this one."""
        ...


class ViewBase:
    """What each part of a view works with; :class:`.view.View` sets every one of these."""

    renderer: SiteRenderer
    date: PartialDate | None  # the date the page is true on
    reads: Reads  # the keys of everything the page read (see tracking.py)
    dataset: TrackedDataset  # the renderer's dataset, noting what the page reads

    @property
    def language(self) -> str:
        return self.renderer.options.language
