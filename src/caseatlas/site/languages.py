"""One site per language, built by one command: the default language at the root, each other under /<lang>/.

The default-language build (a normal `mkdocs build`) ends by building each other
language with `build_language`: the same configuration, re-read, with
`theme.language`, the plugin's `language` and `site_dir` = <site>/<lang> changed.
Then `after_all_languages` runs once over the whole site.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from caseatlas.content.page_translations import variant_of
from caseatlas.core.strings import strings
from caseatlas.site.engine import build, load_config

log = logging.getLogger("mkdocs.plugins.caseatlas")

# Material's built-in search for Chinese keeps lunr's English stemmer, which stems words
# in the index but not in the query: "Qianhe" then finds nothing on the Chinese site.
# Without it, Latin words match as on the English site; Han text is segmented by jieba.
SEARCH_PIPELINE = {"zh": ["stopWordFilter"]}


@dataclass(frozen=True)
class Site:
    """The languages of a site and the one being built."""

    default: str
    languages: tuple[str, ...]  # default first
    current: str
    alone: bool = False  # only `current` is built, at the root, without a language menu (an offline bundle)

    @property
    def built(self) -> tuple[str, ...]:
        """The languages this run builds."""
        return (self.current,) if self.alone else self.languages

    @property
    def menu(self) -> bool:
        """Whether pages offer the other languages."""
        return len(self.built) > 1

    def root(self, lang: str) -> str:
        """Folder of a language's site inside the whole site: '' for the default, 'zh/' for Chinese."""
        return "" if lang == (self.current if self.alone else self.default) else f"{lang}/"

    def to_root(self, lang: str) -> str:
        """Relative URL from the current language's root to `lang`'s root, such as '../id/'."""
        rel = posixpath.relpath(self.root(lang) or ".", self.root(self.current) or ".")
        return "" if rel == "." else rel + "/"

    def root_alternates(self) -> list[dict[str, str]]:
        """Material's `extra.alternate`: each language's home, relative to the current language's root."""
        return [
            {"name": strings(lang)["language_name"], "lang": lang, "link": self.to_root(lang) or "./"} for lang in self.languages
        ]

    def page_alternates(self, page_url: str) -> list[dict[str, str]]:
        """The same page in each language, as links relative to the page (for the language switcher)."""
        directory = posixpath.dirname(page_url)
        up = "../" * (len(directory.split("/")) if directory else 0)
        out = []
        for lang in self.languages:
            t = strings(lang)
            out.append(
                {
                    "name": t["language_name"],
                    "lang": lang,
                    "href": (up + self.to_root(lang) + page_url) or "./",
                    "current": "true" if lang == self.current else "",
                    # the first-visit notice that offers this language, in this language (caseatlas-language.js)
                    "suggest": t["language_suggest"],
                    "read": t["language_suggest_read"],
                    "close": t["language_suggest_close"],
                }
            )
        return out


def select_page_variants(files: Files, config: MkDocsConfig, site: Site) -> dict[str, File]:
    """Take every `<page>.<lang>.md` out of the site; in a `lang` build, publish it in place of `<page>.md`.

    Returns the variants used in this build by the src_uri they replace.
    """
    used: dict[str, File] = {}
    for file in list(files):
        pair = variant_of(file.src_uri, list(site.languages))
        if pair is None:
            continue
        files.remove(file)
        base, lang = pair
        original = files.get_file_from_path(base)
        if lang == site.current and lang != site.default and original is not None and file.abs_src_path:
            files.remove(original)
            replacement = File.generated(config, base, abs_src_path=file.abs_src_path)
            files.append(replacement)
            used[base] = replacement
    return used


def translate_nav(nav: Navigation, lang: str) -> None:
    """Titles given in mkdocs.yml's `nav`, in `lang` (from the `nav` words in strings.yaml)."""
    words: dict[str, str] = strings(lang).get("nav", {})

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, Section):
                item.title = words.get(item.title, item.title)
                walk(item.children)
            elif isinstance(item, Page) and item.title and item.title in words:
                item.title = words[item.title]

    walk(nav.items)


def language_config(parent: MkDocsConfig, lang: str, default: str = "en") -> MkDocsConfig:
    """The parent build's configuration for `lang`, into <site_dir>/<lang>.

    mkdocs.yml is read again (so every plugin starts afresh); what the parent build was
    given besides the file (folders, --strict, the caseatlas plugin's options) is carried over.
    """
    with _fresh_plugins(type(parent)):
        config = load_config(
            parent,
            parent.config_file_path,
            site_dir=str(Path(parent.site_dir) / lang),
            docs_dir=parent.docs_dir,
            strict=parent.strict,
            use_directory_urls=parent.use_directory_urls,
        )
    config.theme["language"] = lang
    plugin, theirs = config.plugins["caseatlas"], parent.plugins["caseatlas"]
    for key in ("cases_dir", "curriculum_dir", "templates_dir", "languages", "allow_synthetic", "search_index"):
        plugin.config[key] = theirs.config[key]
    plugin.config.language = lang
    plugin.root_language = default  # type: ignore[attr-defined]
    plugin.indexer = getattr(theirs, "indexer", None)  # type: ignore[attr-defined]  # one index for every language
    search = config.plugins.get("material/search")
    if search is not None and lang in SEARCH_PIPELINE and not search.config.pipeline:
        search.config.pipeline = SEARCH_PIPELINE[lang]
    return config


@contextmanager
def _fresh_plugins(engine_config: type[MkDocsConfig]) -> Iterator[None]:
    """New plugin objects for a configuration read while another build runs.

    MkDocs keeps one object per plugin that has `on_startup` or `on_shutdown` (as ours does) in a cache
    shared by every configuration read in the process, so that `mkdocs serve` reuses it across rebuilds.
    A language's build nested in the default one's must not share it: it would overwrite the running
    build's state (its site folder, staging, search marks). The cache is emptied while the language's
    configuration is read, then put back as it was. (`engine_config`: the running engine's configuration class.)
    """
    option = dict(engine_config._schema)["plugins"]
    cache: dict[str, Any] = option.plugin_cache  # type: ignore[attr-defined]
    saved = dict(cache)
    cache.clear()
    try:
        yield
    finally:
        cache.clear()
        cache.update(saved)


def build_language(parent: MkDocsConfig, lang: str, default: str = "en") -> Path:
    """Build the site in `lang` into <parent site_dir>/<lang>, as `mkdocs build` (or `properdocs build`, whichever
    runs) would; returns that folder.

    `parent` is the configuration of the default language's build (`default`, at the site's root).
    """
    config = language_config(parent, lang, default)
    log.info("caseatlas: building the '%s' site into %s", lang, config.site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def after_all_languages(config: MkDocsConfig, site: Site) -> None:
    """Runs once, after every language is built, with the default build's config (site_dir is the whole site).

    Steps over the whole site go here (for example a search index spanning every
    language). Checks that each language's home page was written.
    """
    for lang in site.built:
        home = Path(config.site_dir) / site.root(lang) / "index.html"
        if not home.is_file():
            log.warning("caseatlas: the '%s' site has no home page at %s; check docs/index.md", lang, home)
