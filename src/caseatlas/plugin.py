"""The MkDocs plugin: thin glue from MkDocs events to load → validate → render."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .errors import CaseAtlasError
from .export import data_files
from .jsonld import case_jsonld, insert_into_head, script_tag
from .model import Atlas
from .pages import Renderer, static_files
from .pipeline import load_atlas

log = logging.getLogger("mkdocs.plugins.caseatlas")
MAP_PLACEHOLDER = "<!-- caseatlas:world-map -->"


class PluginConfig(base.Config):
    cases_dir = opt.Dir(exists=True, default="case_studies")
    """Folder of case study files, `<country>/<id>.yaml`, relative to mkdocs.yml."""
    templates_dir = opt.Optional(opt.Dir(exists=True))
    """Folder whose `caseatlas/*.j2` templates replace the packaged ones."""
    language = opt.Type(str, default="en")
    """Language of the interface words on generated pages (BCP 47)."""
    allow_synthetic = opt.Type(bool, default=False)
    """Accept cases marked `synthetic: true`; only benchmarks and tests set this."""


class CaseAtlasPlugin(BasePlugin[PluginConfig]):
    atlas: Atlas | None = None
    renderer: Renderer | None = None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            self.atlas = load_atlas(Path(self.config.cases_dir), allow_synthetic=self.config.allow_synthetic)
            self.renderer = Renderer(self.atlas, self.config.language, _optional_path(self.config.templates_dir),
                                     config.use_directory_urls)
            pages = list(self.renderer.pages())
        except CaseAtlasError as exc:
            raise PluginError(f"caseatlas: the content has problems:\n{exc}") from None
        generated = [(p.src_uri, p.content) for p in pages] + list(static_files().items()) + list(data_files(self.atlas).items())
        for src_uri, content in generated:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"caseatlas: docs/{src_uri} is generated from the case studies; remove the hand-written file")
            files.append(File.generated(config, src_uri, content=content))
        log.debug("caseatlas: generated %d pages from %d cases", len(pages), len(self.atlas.cases))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page shows the world map where it says `<!-- caseatlas:world-map -->`."""
        if MAP_PLACEHOLDER in markdown and self.renderer is not None:
            block = self.renderer.world_map(page.file.src_uri).content
            markdown = markdown.replace(MAP_PLACEHOLDER, "\n" + block + "\n", 1)
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Each case page carries its schema.org JSON-LD in <head>."""
        uri = page.file.src_uri
        if self.atlas is not None and uri.startswith("cases/") and uri.endswith(".md"):
            case = self.atlas.cases.get(uri[len("cases/"):-3])
            if case is not None:
                output = insert_into_head(output, script_tag(case_jsonld(case, self.atlas.vocabulary)))
        return output

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.config.cases_dir)
        if self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None
