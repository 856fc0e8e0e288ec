"""Published images: every planned variant made once, kept in a cache folder, added to the site.

The plan (which files, which sizes) is :mod:`..render.pictures`; the work on
one original is :mod:`.image_work`. A variant's file name already is a hash
of the original's bytes, the settings and the crop, so the cache is simply a
folder of those files: a variant found there is never made again, across
builds and across ``mkdocs serve`` reloads, and a warm build decodes
nothing. Originals with something missing are processed in a pool of
processes, one per core, each writing its files itself.

No original is ever published: only the variants, which all went through
orientation, colour conversion and the removal of every piece of metadata.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..data.dataset import Dataset
from ..data.images import ImageFile, image_places
from ..render.pictures import EVENT_CROPS, RECORD_CROPS, Picture, Variant, picture
from .image_work import Job, process

if TYPE_CHECKING:
    from .publish import DataFile


@dataclass(frozen=True, slots=True)
class ImageOutput:
    """A published variant: its path in the site and the processed file in the cache to copy there."""

    path: str
    file: Path


class ImageError(Exception):
    """An image that passed the checks but could not be processed; raised before anything is published."""


def pictures_of(dataset: Dataset) -> Iterator[Picture]:
    """Every picture the site shows: each record's own image in every crop, each event's image whole."""
    for record in dataset.records.values():
        for place, image in image_places(record):
            source = dataset.images.get(image.file)
            if source is None:
                continue
            for crop in RECORD_CROPS if place == ("image",) else EVENT_CROPS:
                yield picture(image, source, crop)


class ImageCache:
    """Processed variants in ``folder`` by name (names are content hashes); ``None``: a temporary folder.

    ``workers`` is how many processes make missing variants (default: one a
    core); with 1 the work runs in this process.
    """

    def __init__(self, folder: Path | None, workers: int | None = None) -> None:
        self._temporary = None if folder is not None else tempfile.TemporaryDirectory(prefix="elections-images-")
        self.folder = folder if folder is not None else Path(self._temporary.name)  # type: ignore[union-attr]
        self.workers = workers
        self.processed = 0  # originals decoded by this cache (each makes all its missing variants at once)
        self.written = 0  # variant files written

    def file(self, variant: Variant) -> Path:
        return self.folder / variant.path.rsplit("/", 1)[-1]

    def prepare(self, pictures: Iterable[Picture]) -> list[ImageOutput]:
        """Make the variants not in the cache yet; every variant as an output, in a stable order."""
        by_source: dict[str, tuple[ImageFile, dict[tuple[int, int, int, int], dict[str, Variant]]]] = {}
        outputs: dict[str, ImageOutput] = {}
        for pic in pictures:
            for variant in pic.variants:
                if variant.path in outputs:
                    continue
                outputs[variant.path] = ImageOutput(variant.path, self.file(variant))
                if not outputs[variant.path].file.is_file():
                    crops = by_source.setdefault(pic.source.path, (pic.source, {}))[1]
                    crops.setdefault(variant.box, {})[variant.path] = variant
        if by_source:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._run([self._job(source, crops) for source, crops in sorted(by_source.values(), key=_by_path)])
        return [outputs[path] for path in sorted(outputs)]

    def _job(self, source: ImageFile, crops: dict[tuple[int, int, int, int], dict[str, Variant]]) -> Job:
        work = [
            (box, [(self.file(v).name, v.format, v.width, v.height) for v in variants.values()])
            for box, variants in sorted(crops.items())
        ]
        return (source.path, source.width, source.height, source.alpha, str(self.folder), work)

    def _run(self, jobs: list[Job]) -> None:
        workers = min(len(jobs), self.workers or os.cpu_count() or 1)
        if workers <= 1:
            results = [process(job) for job in jobs]
        else:
            # spawn: forking a process that runs threads (mkdocs serve) is not safe.
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                results = list(pool.map(process, jobs))
        failures = []
        for job, (written, error) in zip(jobs, results, strict=True):
            self.processed += 1
            self.written += len(written)
            if error is not None:
                failures.append(f"{job[0]}: the image could not be processed ({error})")
        if failures:
            raise ImageError("\n".join(failures))


def _by_path(item: tuple[ImageFile, object]) -> str:
    return item[0].path


def image_outputs(dataset: Dataset, cache: ImageCache) -> list[ImageOutput]:
    """Every variant the site publishes, made now where the cache lacks it."""
    return cache.prepare(pictures_of(dataset))


def image_data_files(dataset: Dataset, cache: ImageCache) -> Iterator[DataFile]:
    """The variants as data files (see publish.py): each read from the cache when it is written.

    A variant's path names its content, so it reads nothing that could change it.
    """
    from .publish import DataFile

    for output in image_outputs(dataset, cache):
        yield DataFile(output.path, frozenset(), output.file.read_bytes)
