"""The MkDocs plugin: a thin adapter from MkDocs' events to the data core."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .core.dataset import Dataset
from .core.loader import load
from .core.problems import DataError

log = logging.getLogger("mkdocs.plugins.elections")


class ElectionsConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """The data folder, relative to mkdocs.yml."""


class ElectionsPlugin(BasePlugin[ElectionsConfig]):
    def __init__(self) -> None:
        self.dataset: Dataset | None = None

    def data_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs before MkDocs cleans or writes site_dir: bad data leaves it untouched.
        try:
            self.dataset = load(self.data_path(config), Path(config.docs_dir))
        except DataError as error:
            for problem in error.problems:
                log.error(str(problem))
            raise PluginError(f"{len(error.problems)} problem(s) in the election data; nothing was built") from None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.data_path(config)))
        return server
