"""The options of the `caseatlas` plugin in mkdocs.yml (`plugins: - caseatlas: {...}`)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

FIND_PAGE = "find/index.md"  # "Find a case": generated only when the site has its search index


class PluginConfig(base.Config):
    cases_dir = opt.Dir(exists=True, default="case_studies")
    """Folder of case study files, `<country>/<id>.yaml`, relative to mkdocs.yml."""
    curriculum_dir = opt.Dir(exists=False, default="curriculum")
    """Folder of course module files, `<id>.yaml`, relative to mkdocs.yml; a site without it builds without modules."""
    templates_dir = opt.Optional(opt.Dir(exists=True))
    """Folder whose `caseatlas/*.j2` templates replace the packaged ones."""
    language = opt.Type(str, default="en")
    """Language of this build; the site's default language, at the root of the site (BCP 47)."""
    languages = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Languages of the site; each other than `language` is built into <site_dir>/<lang>/. Default: every language
    with interface words in strings.yaml."""
    allow_synthetic = opt.Type(bool, default=False)
    """Accept cases marked `synthetic: true`; only benchmarks and tests set this."""
    search_index = opt.Type(bool, default=True)
    """Mark case pages and index the built site with Pagefind for "Find a case". Switch off for a build
    that uses Material's own search instead (the offline bundle: add the `search` plugin there); the "Find a case"
    page, which needs the index, is then left out of the site and its nav."""
    only_language = opt.Optional(opt.Type(str))
    """Build only this one of `languages`, at the root of site_dir, without a language menu (an offline bundle).
    Hand-written pages are still read as written in `language`, with their translations."""
    course_packs = opt.Type(bool, default=True)
    """Build each module's course pack (PDF) and calendar with the site, offered on the module's page."""
    only_cases = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Publish only these cases (ids); every case is still validated. Default: every case."""
    only_modules = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Publish only these course modules (ids), each of whose cases must be published. Default: every module."""
    offline_save = opt.Type(bool, default=True)
    """Module and case pages offer "save for offline" (a service worker, offline_save.py) and every page links the
    web app manifest. Only in a site of every language with directory URLs: an offline bundle (file://) has none."""
