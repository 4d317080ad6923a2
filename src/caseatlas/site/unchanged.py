"""`mkdocs serve`: after an edit, only the pages it changed are rendered and rebuilt.

Three things make a rebuild after editing one case short:

- `RenderedPages`: a case, country or term page is rendered again only when something it is made from changed:
  the files of the cases and modules it shows (with their translations; for a case page, Renderer.shown_on_case_page),
  what else it shows (the map's counts, a list's total), or the renderer's settings and templates. A file counts as
  unchanged by its stamp (size, modification time, inode), as in core/file_cache.py. The pages over every case (the
  lists, the matrix, translations, open data…) are rendered every time.
- `UnchangedFiles`: MkDocs' dirty build skips a page whose source is older than its output, but a generated file
  has no source on disk, so MkDocs would rebuild every generated page. This remembers a digest of each generated
  file's content (and of what MkDocs' events add to it: the search record, JSON-LD); a file the same as last time,
  whose output is still in the site folder, counts as unmodified. After an edit to one case's title, the pages
  that show that title (the case, its country, its terms, the lists, the cases whose "elsewhere" names it) are
  rebuilt, the rest are kept.
- `dirty_rebuilds`: plain `mkdocs serve` rebuilds the whole site after every edit; with the plugin, its rebuilds
  are dirty ones (the first build is a full one), as with `mkdocs serve --dirty`. `mkdocs serve --clean` keeps
  MkDocs' full rebuilds. A change to mkdocs.yml gets a full rebuild.
- The edited case first: after an edit to a case file, a first rebuild renders and writes only the page of each
  edited case (in the default language), every other generated page kept as the previous build made it, and
  the browsers reload (a contributor sees the edit in a second or two); then the dirty rebuild above brings the
  pages that show the case (its country, its terms, the lists) and the other languages up to date, and the
  browsers reload again. Only the second rebuild writes the search index and the "save for offline" lists.

As with any dirty build, what a kept page shows from outside its own content (the navigation, the theme) is
refreshed only by a full build, and the page of a deleted case stays in the preview until the next full build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File

from caseatlas.atlas.model import Case
from caseatlas.content.modules import Module
from caseatlas.core.file_cache import stamp
from caseatlas.render.pages import Page, Renderer

log = logging.getLogger("mkdocs.plugins.caseatlas")


class UnchangedFiles:
    """What the previous build of `mkdocs serve` generated: each file's digest, and the case pages it rendered."""

    def __init__(self) -> None:
        self._digests: dict[str, bytes] = {}
        self.rendered = RenderedPages()
        self.edited_first = False
        """This build is the first of the two after an edit to a case: only the edited cases' pages are rendered."""
        self.previous: dict[str, tuple[str | bytes, bool]] = {}
        """The default language's generated files at its previous full rebuild: content, and whether it is HTML."""

    def mark(self, file: File, content: str | bytes, extra: str = "") -> bool:
        """Record `file`'s content (and `extra`: what the page gets on its way through MkDocs); if both are the
        same as at the previous build and the output exists, mark the file unmodified for this build. Returns
        whether it was marked."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.blake2b(data, digest_size=16)
        digest.update(extra.encode("utf-8"))
        same = self._digests.get(file.src_uri) == digest.digest() and os.path.isfile(file.abs_dest_path)
        self._digests[file.src_uri] = digest.digest()
        if same:
            file.is_modified = lambda: False  # type: ignore[method-assign]
        return same


def template_stamps(renderer: Renderer) -> tuple[Any, ...]:
    """The stamp of every template the renderer may read (a site's overrides first): editing one renders again."""
    loader = renderer.env.loader
    assert loader is not None
    stamps = []
    for name in loader.list_templates():
        _, filename, _ = loader.get_source(renderer.env, name)
        stamps.append((name, stamp(Path(filename)) if filename else None))
    return tuple(stamps)


class RenderedPages:
    """Case, country and term pages as rendered at the previous build, with what each was made from."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[Hashable, Page]] = {}
        self.rendered: list[str] = []
        """Those of these pages the last build rendered (the others were kept); tests read it."""
        self._own: dict[str, tuple[Path, Any]] = {}  # case id → its file, with its stamp when its page was rendered

    def edited_cases(self) -> set[str]:
        """The cases whose file changed since their page was last rendered (a case whose file went is forgotten: its
        page goes at the next full build). An edit to a translation is not counted: the translated page is another
        language's, which the second rebuild makes."""
        edited = set()
        for cid, (path, was) in list(self._own.items()):
            now = stamp(path)
            if now is None:
                del self._own[cid]
            elif now != was:
                edited.add(cid)
        return edited

    def attach(self, renderer: Renderer) -> None:
        """Have `renderer` take each case, country and term page from here while what it is made from is unchanged."""
        atlas = renderer.atlas
        settings = (
            renderer.lang,
            renderer.directory_urls,
            renderer.site_root,
            tuple(renderer.site_languages),
            renderer.offline,
            renderer.downloads,
            id(atlas.vocabulary),  # loaded once per language and process (core/vocabulary.py)
            json.dumps(renderer.t, sort_keys=True, default=str),  # the interface words (a fresh copy per build)
            template_stamps(renderer),
        )
        self.rendered = []

        def files(c: Case | Module) -> tuple[Any, ...]:
            kind = atlas.module_translations if isinstance(c, Module) else atlas.translations
            return (c.id, stamp(c.path), *((lang, stamp(tr.path)) for lang, tr in sorted(kind.get(c.id, {}).items())))

        def reuse(src_uri: str, shows: list[Case | Module], also: Hashable, render: Callable[[], Page]) -> Page:
            key = (settings, tuple(files(c) for c in shows), also)
            kept = self._pages.get(src_uri)
            if kept is not None and kept[0] == key:
                return kept[1]
            page = render()
            if shows and isinstance(shows[0], Case) and src_uri == f"cases/{shows[0].id}.md":  # for edited_cases
                self._own[shows[0].id] = (shows[0].path, stamp(shows[0].path))
            self.rendered.append(src_uri)
            self._pages[src_uri] = (key, page)
            return page

        renderer.reuse = reuse

    def made_from(self, src_uri: str) -> Hashable:
        """The stamps of the files of what a kept page shows (a case page's first: its JSON-LD is made from them)."""
        kept = self._pages.get(src_uri)
        return kept[0][1] if kept is not None else None  # type: ignore[index]


def _stamps(config_file: str | None, theme_dir: str | None) -> tuple[Any, ...]:
    """mkdocs.yml's stamp and those of the site's theme overrides: a change to either rebuilds every page."""
    paths = [Path(config_file)] if config_file else []
    if theme_dir and Path(theme_dir).is_dir():
        paths += sorted(p for p in Path(theme_dir).rglob("*") if p.is_file())
    return tuple((str(p), stamp(p)) for p in paths)


EPOCHS = ("_epoch_cond", "_visible_epoch", "_wanted_epoch")
"""MkDocs 1.6's server serves the site, and reloads the browsers, only once its builder returns: these let a
rebuild show the site in its middle (`_show_now`) and have it shown again at its end (`_show_again`)."""


def _show_now(server: LiveReloadServer) -> None:
    with server._epoch_cond:  # serving waits while the two differ; the browsers reload to the version shown
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def _show_again(server: LiveReloadServer) -> None:
    with server._epoch_cond:  # a newer version than the one shown mid-rebuild: MkDocs shows it after the builder returns
        server._wanted_epoch = server._visible_epoch + 1


def dirty_rebuilds(
    server: LiveReloadServer, builder: Callable[..., None], config: MkDocsConfig, unchanged: UnchangedFiles | None = None
) -> bool:
    """Have `mkdocs serve` rebuild dirty after an edit (its first build was a full one); a rebuild after mkdocs.yml
    or the theme's overrides changed is a full one; after an edit to a case (`unchanged` given), the edited case's
    page is rebuilt and shown first. Returns False, leaving MkDocs' rebuilds as they are, where the
    builder is not MkDocs 1.6's (which reads a fresh configuration with `get_config` for each rebuild)."""
    code, closure = getattr(builder, "__code__", None), getattr(builder, "__closure__", None) or ()
    names = dict(zip(code.co_freevars, closure, strict=True)) if code is not None else {}
    if "get_config" not in names or "serve_url" not in names:
        log.info("caseatlas: this MkDocs rebuilds the whole site after each edit; `mkdocs serve --dirty` is faster")
        return False
    get_config, serve_url = names["get_config"].cell_contents, names["serve_url"].cell_contents
    config_file, theme_dir = config.config_file_path, config.theme.custom_dir
    last = [_stamps(config_file, theme_dir)]

    can_show_early = all(hasattr(server, name) for name in EPOCHS)

    def build_once(dirty: bool) -> None:
        fresh = get_config()
        fresh.site_url = serve_url
        build(fresh, serve_url=serve_url, dirty=dirty)

    def rebuild() -> None:
        now = _stamps(config_file, theme_dir)
        dirty, last[0] = now == last[0], now
        if dirty and unchanged is not None and unchanged.previous and can_show_early and unchanged.rendered.edited_cases():
            log.info("Building the edited case's page first...")
            unchanged.edited_first = True
            try:
                build_once(dirty=True)
            finally:
                unchanged.edited_first = False
            _show_now(server)
            log.info("Reloading browsers: the edited case. Building the pages that show it...")
            build_once(dirty=True)
            _show_again(server)
            return
        log.info("Building documentation (%s)...", "what the edit changed" if dirty else "all of it: the configuration changed")
        build_once(dirty=dirty)

    server.builder = rebuild
    return True
