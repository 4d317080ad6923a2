"""The site of an offline bundle: the project's mkdocs.yml, changed so the built folder works from file://.

- Material's `offline` plugin (links to `page.html`, not `page/`) and its built-in `search`, whose
  index the offline plugin inlines into a script; the caseatlas plugin builds no Pagefind index, so
  "Find a case" (which needs http) is left out and the header shows Material's search instead.
- One language (`only_language`), and only the bundle's cases and modules (`only_cases`, `only_modules`).
- No request leaves the reader's device: no web fonts (`theme.font: false`), and the Web Worker shim
  Material needs on file:// is shipped in the bundle (offline/iframe-worker/) instead of loaded from a CDN.
  `offsite_fetches` (offsite.py) checks the built pages for anything still loaded from elsewhere.
"""

from __future__ import annotations

import logging
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pathspec
from mkdocs.config.defaults import MkDocsConfig

from caseatlas.core.errors import CaseAtlasError
from caseatlas.core.strings import languages
from caseatlas.outputs.offsite import offsite_fetches
from caseatlas.site.engine import build, build_error, engine_logger, load_config
from caseatlas.site.languages import SEARCH_PIPELINE
from caseatlas.site.navigation import nav_without
from caseatlas.site.plugin_config import FIND_PAGE

SHIM = "assets/iframe-worker/shim.js"  # its path must name iframe-worker: then Material adds no CDN copy
# The script and style of "Find a case" and of the header's results as one types, which the bundle leaves out
# (it has Material's search instead).
LEFT_OUT = ["/assets/caseatlas-find.js", "/assets/caseatlas-search.css"]


class BundleError(CaseAtlasError):
    """A bundle that cannot be made: a wrong selection, a failed build, an output that cannot be written."""


def bundle_config(
    mkdocs_yml: Path, site_dir: Path, language: str, case_ids: list[str] | None, module_ids: list[str] | None
) -> MkDocsConfig:
    """The project's configuration, changed for an offline bundle built into `site_dir`."""
    base = load_config(MkDocsConfig, str(mkdocs_yml))
    if "caseatlas" not in base.plugins:
        raise BundleError(f"{mkdocs_yml}: the caseatlas plugin is not in `plugins` (hint: run from the project folder)")
    options: dict[str, Any] = {k: v for k, v in base.plugins["caseatlas"].config.items() if v is not None}
    site_languages = options.get("languages") or languages()
    if language not in site_languages:
        raise BundleError(f"the site has no '{language}' pages (hint: one of {', '.join(site_languages)})")
    options.update(search_index=False, only_language=language, only_cases=case_ids, only_modules=module_ids)
    search: dict[str, Any] = {"pipeline": SEARCH_PIPELINE[language]} if language in SEARCH_PIPELINE else {}
    if language.split("-")[0] != "zh":
        # Material segments Han text with jieba in every language, with zero-width spaces between the words; only
        # its Chinese separator splits there. Elsewhere a case's Chinese name would stay one word: 十八洞 would not
        # find 十八洞村 on the English bundle. (Material's English separator, with the zero-width space.)
        search["separator"] = r"[\s\u200b\-]+"
    overrides: dict[str, Any] = {
        "site_dir": str(site_dir),
        "strict": True,
        "use_directory_urls": False,
        "plugins": [{"material/search": search}, {"material/offline": {}}, {"caseatlas": options}],
    }
    if base.nav:
        overrides["nav"] = nav_without(base.nav, {FIND_PAGE})
    config = load_config(base, str(mkdocs_yml), **overrides)
    left_out = pathspec.GitIgnoreSpec.from_lines(LEFT_OUT)
    config.exclude_docs = config.exclude_docs + left_out if config.exclude_docs else left_out
    left = tuple(path.lstrip("/").removeprefix("assets/") for path in LEFT_OUT)
    config.extra_javascript = [js for js in config.extra_javascript if not str(js).endswith(left)]
    config.extra_css = [css for css in config.extra_css if not str(css).endswith(left)]
    config.theme["font"] = False
    config.extra["polyfills"] = [SHIM]
    config.extra.pop("analytics", None)
    return config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_bundle_site(config: MkDocsConfig) -> Path:
    """`mkdocs build --strict` of the bundle's configuration, plus the worker shim; returns the site folder.

    Warnings and errors of the build are collected into the BundleError it raises when the build fails.
    """
    collected = _Collect()
    # Material's search segments Chinese with jieba, which reports its progress, and a failure to cache its
    # dictionary (harmless: it is only a cache), with a traceback.
    logging.getLogger("jieba").setLevel(logging.CRITICAL)
    logger = engine_logger(config)
    logger.addHandler(collected)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (build_error(config), CaseAtlasError) as exc:
        if isinstance(exc.__cause__, OSError):  # the plugin's message for a site that could not be written
            cause = exc.__cause__
            raise BundleError(
                f"cannot write the bundle's pages to a temporary folder: {cause.strerror or cause} "
                "(hint: free some space in the temporary folder, or set TMPDIR to another one)"
            ) from None
        said = "\n".join(m for m in collected.messages if not m.startswith("Aborted")) or str(exc)
        raise BundleError(f"the bundle's site did not build:\n{said}") from None
    except OSError as exc:
        raise BundleError(
            f"cannot write the bundle's pages to a temporary folder: {exc.strerror or exc} "
            "(hint: free some space in the temporary folder, or set TMPDIR to another one)"
        ) from None
    finally:
        config.plugins.on_shutdown()
        logger.removeHandler(collected)
    site = Path(config.site_dir)
    shim = resources.files("caseatlas").joinpath("offline/iframe-worker")
    (site / SHIM).parent.mkdir(parents=True, exist_ok=True)
    for name in ("shim.js", "LICENSE"):
        with resources.as_file(shim.joinpath(name)) as path:
            shutil.copyfile(path, (site / SHIM).parent / name)
    for unused in [*site.glob("assets/**/*.map"), site / "search/search_index.json"]:
        unused.unlink(missing_ok=True)  # source maps; the index as JSON, which only a web server's reader fetches
    found = offsite_fetches(site)
    if found:
        raise BundleError(
            "the bundle's pages load files from elsewhere, which an offline reader cannot reach:\n"
            + "\n".join(found[:20])
            + "\n(hint: remove them from mkdocs.yml's extra_css, extra_javascript "
            "or theme, or ship a copy in docs/assets/)"
        )
    return site
