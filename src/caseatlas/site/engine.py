"""The engine running the build: MkDocs, or ProperDocs (a maintained fork of MkDocs 1.6, the same API as `properdocs.*`).

`properdocs build` makes every `mkdocs.*` import load its `properdocs.*` module (properdocs.replacement), so
the plugin's imports already are the running engine's there. What an import does not settle is taken from
the configuration being built, whose class belongs to the engine that read it:
- the nested builds (the other languages, the offline bundle) run that engine's `build` and `load_config`;
- its warnings, which `--strict` counts, are logged under its own name: ProperDocs' under `properdocs`
  (of which its command line makes `mkdocs` a child), MkDocs' under `mkdocs`.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def engine_of(config: MkDocsConfig | type[MkDocsConfig]) -> ModuleType:
    """The engine's top package, `mkdocs` or `properdocs`, that `config` (or its class) comes from."""
    cls = config if isinstance(config, type) else type(config)
    return importlib.import_module(cls.__module__.partition(".")[0])


def load_config(like: MkDocsConfig | type[MkDocsConfig], config_file: str, **overrides: Any) -> MkDocsConfig:
    """The configuration file read by the engine of `like`, with `overrides` (as `mkdocs.config.load_config`)."""
    read: Any = importlib.import_module(f"{engine_of(like).__name__}.config").load_config
    config: MkDocsConfig = read(config_file, **overrides)
    return config


def build(config: MkDocsConfig) -> None:
    """Build `config`'s site with the engine that read it, as its `build` command does (without serving)."""
    importlib.import_module(f"{engine_of(config).__name__}.commands.build").build(config)


def engine_logger(config: MkDocsConfig | type[MkDocsConfig]) -> logging.Logger:
    """The logger whose warnings the engine of `config` counts under `--strict`."""
    return logging.getLogger(engine_of(config).__name__)


def build_error(config: MkDocsConfig | type[MkDocsConfig]) -> type[Exception]:
    """The engine's base exception (`MkDocsException`, ProperDocs' `ProperDocsException`)."""
    error: type[Exception] = importlib.import_module(f"{engine_of(config).__name__}.exceptions").MkDocsException
    return error
