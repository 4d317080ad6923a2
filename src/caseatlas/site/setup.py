"""The start of each language's build: which languages, the theme's extra templates, the staged site folder.

Called from the plugin's `on_config`, before any other plugin reads `site_dir`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from caseatlas.core.regular_files import irregular_entries
from caseatlas.core.strings import languages
from caseatlas.site.engine import engine_logger
from caseatlas.site.languages import Site
from caseatlas.site.navigation import nav_without
from caseatlas.site.plugin_config import FIND_PAGE, PluginConfig
from caseatlas.site.staging import StagedBuild, stage

log = logging.getLogger("mkdocs.plugins.caseatlas")


@dataclass
class BuildSetup:
    """The languages of this build, and the staged folder it writes into (with the site_dir it replaces)."""

    site: Site
    staged: StagedBuild | None = None
    site_dir: str = ""


def configure(config: MkDocsConfig, options: PluginConfig, *, root_language: str | None, staged_build: bool) -> BuildSetup:
    """Set the theme's language, the language menu's links and the theme folder in `config`; stage the build
    when `staged_build` (a full `mkdocs build` of the default language). Problems are PluginErrors."""
    wanted = options.languages or languages()
    only = options.only_language
    unknown = [lang for lang in [*wanted, *([only] if only else [])] if lang not in languages()]
    if unknown:
        raise PluginError(
            f"caseatlas: no interface words for {', '.join(unknown)} (hint: add a mapping to "
            "src/caseatlas/data/strings.yaml, or remove it from the plugin's `languages`)"
        )
    default = root_language or options.language
    site = Site(default, tuple(dict.fromkeys([default, *wanted])), only or options.language, alone=bool(only))
    config.theme["language"] = site.current
    config.extra["alternate"] = site.root_alternates() if site.menu else config.extra.get("alternate")
    if not options.search_index and config.nav:
        config.nav = nav_without(config.nav, {FIND_PAGE})
    theme_dir = str(resources.files("caseatlas").joinpath("theme"))
    if theme_dir not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
    # MkDocs walks docs/ following every link once this returns: a link to "/" would have it list the whole disk.
    irregular = irregular_entries(Path(config.docs_dir))
    if irregular:
        raise PluginError("caseatlas: the content has problems:\n" + "\n".join(map(str, irregular)))
    setup = BuildSetup(site)
    # The other languages are built inside the default one's (staged) site folder.
    if staged_build:
        setup.staged = stage(Path(config.site_dir), strict=bool(config.strict), logger=engine_logger(config))
        if setup.staged:
            setup.site_dir, config.site_dir = config.site_dir, str(setup.staged.folder)
            log.info(
                "caseatlas: building into %s, which replaces %s if the build succeeds", setup.staged.folder.name, setup.site_dir
            )
    return setup
