"""Load ``data/``: find the entity files, parse them and check each on its own.

Cross-file checks (references, election arithmetic) follow in :mod:`.checks`;
:func:`load` runs both and raises :class:`DataError` with every problem.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .as_of import NewestDate
from .checks import check_dataset, check_lineage, check_sections
from .count_checks import Clock, wall_clock
from .dataset import Dataset
from .fields import problems_from
from .files import Entry, StatKey, display_path, fingerprint, walk
from .images import IMAGE_FOLDER, ImageChecks, check_images, image_places, layout_problem
from .langtags import cldr_locale, language_code_problem, language_suffix
from .languages import check_languages
from .maps import MAP_SUFFIX, MAPS_FOLDER, load_maps
from .models import KIND_BY_FOLDER, Record, is_id
from .pages import load_pages
from .parse_files import Parsed, language_candidates, parse_files
from .problems import DataError, Problem, did_you_mean, printable
from .slugs import SectionNames
from .text import DEFAULT_LANGUAGE
from .yamlfile import YamlFile

YAML_SUFFIXES = (".yaml", ".yml")
_FOLDERS = ", ".join(f"{folder}/" for folder in KIND_BY_FOLDER)


@dataclass
class Loaded:
    """What loading found: the records, their parsed files and the problems."""

    records: dict[str, Record] = field(default_factory=dict)
    kinds: dict[str, type[Record]] = field(default_factory=dict)
    # Records whose own check failed, minus their broken fields: checked across files only.
    partial: dict[str, Record | None] = field(default_factory=dict)
    files: dict[str, YamlFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)  # id -> hash of the file's bytes
    newest_dates: dict[str, NewestDate] = field(default_factory=dict)  # id -> its newest date (see .as_of)
    languages: set[str] = field(default_factory=set)  # codes the files may use (see parse_files.language_candidates)


FoundFile = tuple[type[Record], Entry, str]  # kind, the file, its path as shown in messages


def entity_files(data_dir: Path, root: Path | None = None) -> tuple[list[FoundFile], list[Problem]]:
    """Every entity file under ``data_dir`` with its kind, and every stray file as a problem."""
    found: list[FoundFile] = []
    problems: list[Problem] = []
    shown_data_dir = display_path(data_dir, root)
    if not data_dir.is_dir():
        return found, [Problem(shown_data_dir, 1, 1, "", "the data folder does not exist")]
    shown_folders: dict[tuple[str, ...], str] = {}  # resolved once per folder, not per file
    for entry in walk(data_dir, "the data folder"):
        name, relative = entry.name, entry.relative
        if name.startswith(".") or name == "README.md":
            continue
        shown_folder = shown_folders.setdefault(relative, "/".join((shown_data_dir, *map(printable, relative))))
        shown = f"{shown_folder}/{printable(name)}"
        if entry.problem is not None:
            message = entry.problem
        elif relative[:1] == (IMAGE_FOLDER,):
            if (why := layout_problem(relative, name)) is None:
                continue  # an image: checked when a record names it (see .images)
            message = why
        elif not relative:
            message = f"entity files go in a kind folder ({_FOLDERS}), not at the top of the data folder"
        elif relative[0] == MAPS_FOLDER:
            if relative == (MAPS_FOLDER,) and name.endswith(MAP_SUFFIX):
                continue  # read by .maps, once the countries are known
            message = f"only <country-id>{MAP_SUFFIX} boundary files belong in {MAPS_FOLDER}/, not in sub-folders"
        elif relative[0] not in KIND_BY_FOLDER:
            message = (
                f"'{relative[0]}/' is not a kind folder{did_you_mean(relative[0], KIND_BY_FOLDER)} (use {_FOLDERS})"
            )
        elif not name.endswith(YAML_SUFFIXES):
            message = "only YAML files (.yaml or .yml) and README.md belong in the data folder"
        else:
            found.append((KIND_BY_FOLDER[relative[0]], entry, shown))
            continue
        problems.append(Problem(shown, 1, 1, "", message))
    return found, problems


@dataclass
class FileResult:
    """What one entity file gives on its own; the same bytes always give the same result."""

    record: Record | None = None
    partial: Record | None = None  # the record minus its broken fields, when it has some
    source: YamlFile | None = None
    problems: list[Problem] = field(default_factory=list)
    fingerprint: str | None = None  # a hash of the file's bytes
    newest: NewestDate | None = None  # the record's newest date, found when first asked for
    languages: set[str] | None = None  # language codes the file may use, when they were looked for


class LoadCache:
    """Results of earlier loads, so ``mkdocs serve`` re-parses only the files that changed.

    A file is read again when its (size, mtime_ns, inode) change; checks
    across files always run over everything, so a load with a cache gives
    exactly what a fresh load gives.
    """

    def __init__(self) -> None:
        self._files: dict[tuple[str, str, str], tuple[StatKey, FileResult]] = {}
        self.parsed = 0  # files read and parsed by the last load (the rest came from here)
        self.images = ImageChecks()  # image files checked, kept while unchanged
        self.default_language = DEFAULT_LANGUAGE  # plain text is read as in this language

    def read_as(self, default_language: str) -> None:
        """Forget everything read in another default language (plain text carries its language)."""
        if default_language != self.default_language:
            self._files.clear()
            self.default_language = default_language

    def lookup(self, kind: type[Record], entry: Entry, shown: str) -> FileResult | None:
        cached = self._files.get((str(entry.path), shown, kind.kind))
        return cached[1] if cached is not None and cached[0] == entry.key else None

    def store(self, kind: type[Record], entry: Entry, shown: str, result: FileResult) -> None:
        if entry.key is not None:
            self._files[(str(entry.path), shown, kind.kind)] = (entry.key, result)

    def keep_only(self, seen: set[tuple[str, str, str]]) -> None:
        """Forget files that are gone, so the cache does not grow with every rename."""
        for key in self._files.keys() - seen:
            del self._files[key]


def load_records(
    data_dir: Path,
    root: Path | None = None,
    cache: LoadCache | None = None,
    default_language: str = DEFAULT_LANGUAGE,
    scan_languages: bool = False,
) -> Loaded:
    """Parse and validate every entity file on its own; plain text is taken to be in ``default_language``.

    With ``scan_languages``, ``Loaded.languages`` gathers the language codes the files may use.
    """
    loaded = Loaded()
    if cache is not None:
        cache.read_as(default_language)
    found, loaded.problems = entity_files(data_dir, root)
    first_file: dict[str, str] = {}
    seen: set[tuple[str, str, str]] = set()
    # Each file's id and kind, and its result from the cache (None: parsed below, in this order).
    slots: list[tuple[str, type[Record], Entry, FileResult | None]] = []
    to_parse: list[tuple[str, str]] = []
    sizes: list[int] = []
    for kind, entry, shown in found:
        entity_id = sys.intern(entry.name.rsplit(".", 1)[0])  # the same object as the references to it
        if not is_id(entity_id):
            message = f"the file name {_quoted(entity_id)} is not a valid id: use lowercase letters, digits and '-'"
            loaded.problems.append(Problem(shown, 1, 1, "", message))
            continue
        if entity_id in first_file:
            loaded.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    f"the id '{entity_id}' is already used by {first_file[entity_id]}; ids are unique across all kinds",
                )
            )
            continue
        first_file[entity_id] = shown
        loaded.kinds[entity_id] = kind
        seen.add((str(entry.path), shown, kind.kind))
        result = cache.lookup(kind, entry, shown) if cache is not None else None
        if result is not None and (result.languages is not None or not scan_languages):
            slots.append((entity_id, kind, entry, result))
        else:
            assert entry.real is not None
            slots.append((entity_id, kind, entry, None))
            to_parse.append((entry.real, shown))
            sizes.append(entry.key[0] if entry.key is not None else 0)
    parsed = parse_files(to_parse, sizes, scan_languages)  # in the order of to_parse, as the slots ask for them
    context = {"default_language": default_language}
    for entity_id, kind, entry, slot in slots:
        if slot is None:
            parsed_file = next(parsed)
            result = _checked(kind, entity_id, parsed_file, context)
            if cache is not None:
                cache.store(kind, entry, parsed_file.shown, result)
        else:
            result = slot
        _add(loaded, entity_id, result)
    if cache is not None:
        cache.keep_only(seen)
        cache.parsed = len(to_parse)
    return loaded


def _quoted(name: str) -> str:
    """A file name in quotes, control characters escaped (a newline would break the report)."""
    return f"'{printable(name)}'"


def _add(loaded: Loaded, entity_id: str, result: FileResult) -> None:
    loaded.problems.extend(result.problems)
    if result.source is not None:
        loaded.files[entity_id] = result.source
    if result.record is not None:
        loaded.records[entity_id] = result.record
        if result.newest is not None:
            loaded.newest_dates[entity_id] = result.newest
    elif result.partial is not None:
        loaded.partial[entity_id] = result.partial
    if result.fingerprint is not None:
        loaded.fingerprints[entity_id] = result.fingerprint
    if result.languages:
        loaded.languages |= result.languages


def _checked(kind: type[Record], entity_id: str, parsed: Parsed, context: dict[str, str]) -> FileResult:
    """Validate one parsed entity file."""
    result = FileResult(fingerprint=parsed.fingerprint, problems=parsed.problems, languages=parsed.languages)
    result.source = parsed.source()
    if result.source is not None:
        try:
            _validate(kind, entity_id, parsed.shown, result.source, result, context)
        finally:
            result.source.release()
    return result


def _validate(
    kind: type[Record], entity_id: str, shown: str, source: YamlFile, result: FileResult, context: dict[str, str]
) -> None:
    if not isinstance(source.data, dict):
        result.problems.append(
            source.problem((), f"a {kind.kind} file holds a mapping of fields (name: …), not a single value or list")
        )
        return
    for reserved in ("id", "file"):
        if reserved in source.data:
            result.problems.append(
                source.problem(
                    (reserved,), f"'{reserved}' is not a field: it comes from the file's name and place", key=True
                )
            )
            return
    try:
        result.record = kind.model_validate({**source.data, "id": entity_id, "file": shown}, context=context)
        result.record.share_fields_sets()
        result.newest = NewestDate(result.record)
    except ValidationError as error:
        result.problems.extend(problems_from(error, kind, source))
        result.partial = _salvage(kind, source.data, error, entity_id, shown, context)


def _salvage(
    kind: type[Record],
    data: dict[str, Any],
    error: ValidationError,
    entity_id: str,
    shown: str,
    context: dict[str, str],
) -> Record | None:
    """The record without its broken fields, so checks across files still run on the rest."""
    broken = {detail["loc"][0] for detail in error.errors() if detail["loc"]}
    try:
        return kind.model_validate(
            {**{k: v for k, v in data.items() if k not in broken}, "id": entity_id, "file": shown}, context=context
        )
    except ValidationError:
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading only creates objects that live on; cyclic collection passes over them in vain."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(
    data_dir: Path,
    docs_dir: Path | None = None,
    root: Path | None = None,
    cache: LoadCache | None = None,
    clock: Clock = wall_clock,
    languages: Sequence[str] | None = None,
) -> Dataset:
    """Load, validate and index ``data_dir`` (and check ``docs_dir`` pages); raise on any problem.

    ``languages`` are the site's, the default first (see :mod:`.languages`). Without them (a
    tool that does not read the site's settings) the default language and every language the
    data and the docs pages are written in are taken as the site's.
    With a ``cache`` (kept between calls), files unchanged since the last
    load are not read again; the result is the same as without one.
    ``clock`` is the time the data is checked at (a count may not be published in the future).
    """
    with _collector_paused():  # the checks too: they only add objects that live on or die young
        default = languages[0] if languages else DEFAULT_LANGUAGE
        loaded = load_records(data_dir, root, cache, default, scan_languages=languages is None)
        if languages is None:
            languages = site_languages(loaded.languages | docs_languages(docs_dir))
        return _load(loaded, data_dir, docs_dir, root, cache, clock, tuple(languages) or (DEFAULT_LANGUAGE,))


def docs_languages(docs_dir: Path | None) -> set[str]:
    """Language codes the docs pages may be written in: suffixes (``x.ru.md``) and text by language."""
    found: set[str] = set()
    if docs_dir is not None and docs_dir.is_dir():
        for path in docs_dir.rglob("*.md"):
            if (lang := language_suffix(path.name)[1]) is not None:
                found.add(lang)
            with contextlib.suppress(OSError, UnicodeDecodeError):
                found |= language_candidates(path.read_text(encoding="utf-8")[:4000])
    return found


def site_languages(candidates: set[str]) -> tuple[str, ...]:
    """The default language, then every valid code among ``candidates``."""
    valid = sorted(code for code in candidates if language_code_problem(code) is None and cldr_locale(code) is not None)
    return (DEFAULT_LANGUAGE, *[code for code in valid if code != DEFAULT_LANGUAGE])


def _load(
    loaded: Loaded,
    data_dir: Path,
    docs_dir: Path | None,
    root: Path | None,
    cache: LoadCache | None,
    clock: Clock,
    languages: tuple[str, ...],
) -> Dataset:
    dataset = Dataset(
        loaded.records,
        known=loaded.kinds,
        fingerprints=dict(loaded.fingerprints),
        newest_dates=loaded.newest_dates,
    )
    problems = list(loaded.problems)
    problems += check_dataset(dataset, loaded.files, clock)
    salvaged = {i: r for i, r in loaded.partial.items() if r is not None}
    problems += check_dataset(Dataset(salvaged, known=loaded.kinds), loaded.files, clock, valid=dataset)
    # Valid and salvaged records alike, in the order of their files.
    dataset.maps, map_problems = load_maps(data_dir, dataset, root)
    problems += map_problems
    everything = [r for i in loaded.kinds if (r := loaded.records.get(i) or salvaged.get(i)) is not None]
    problems += check_lineage(everything, loaded.files)
    dataset.images, image_problems = check_images(
        everything, loaded.files, data_dir, cache.images if cache is not None else None
    )
    problems += image_problems
    for record in loaded.records.values():  # a changed photo changes the pages that show it
        digests = [found.digest for _, image in image_places(record) if (found := dataset.images.get(image.file))]
        if digests and record.id in dataset.fingerprints:
            dataset.fingerprints[record.id] = fingerprint(
                " ".join([dataset.fingerprints[record.id], *digests]).encode()
            )
    sections = SectionNames()
    problems += check_sections(everything, loaded.files, sections)
    problems += check_languages(everything, loaded.files, languages)
    if docs_dir is not None:
        pages, page_problems, page_prints = load_pages(docs_dir, dataset, root, sections, languages)
        dataset.pages = pages
        dataset.fingerprints.update(page_prints)
        problems += page_problems
    if problems:
        raise DataError(problems)
    return dataset
