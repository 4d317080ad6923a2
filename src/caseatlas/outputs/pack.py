"""`caseatlas export pack`: a module's course pack as one PDF, for A4 or US Letter, through WeasyPrint.

WeasyPrint (HTML and CSS to PDF, no browser) needs Pango, HarfBuzz and fontconfig from
the system; `weasyprint_html()` turns their absence into an error that names the
packages to install. The pack is in the reader's language: the atlas and the module
as `Atlas.in_language` gives them, so translations of cases (and of modules, once they
exist) apply. What has no translation is printed in its original language only with
`allow_untranslated`, and the pack's cover says so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib import resources
from typing import Any

from caseatlas.atlas.model import Atlas
from caseatlas.atlas.status import module_status
from caseatlas.content.modules import Module
from caseatlas.core.errors import CaseAtlasError
from caseatlas.core.strings import languages
from caseatlas.outputs.pack_html import AUDIENCES, PAPERS, pack_document
from caseatlas.render.pack_words import pack_words

SYSTEM_LIBRARIES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1"
FONTS = "fonts-noto-core fonts-noto-cjk"


@dataclass(frozen=True)
class Pack:
    pdf: bytes
    pages: int
    seconds: float


def untranslated(atlas: Atlas, module: Module, lang: str) -> list[str]:
    """What a reader of `lang` would get in its original language: the module and cases without a translation."""
    missing = []
    row = next(r for r in module_status(atlas, [lang]) if r.id == module.id)
    if row.states[lang] == "missing":
        missing.append(f"the module ({module.path.name})")
    shown = atlas.in_language(lang)
    missing += [f"case {cid}" for cid in module.case_ids if shown.cases[cid].state == "missing"]
    return missing


def reader_view(atlas: Atlas, module_id: str, lang: str, allow_untranslated: bool) -> tuple[Atlas, Module, list[str]]:
    """The atlas and module as a reader of `lang` sees them, and the notice for what is untranslated."""
    if lang not in languages():
        raise CaseAtlasError(f"no language '{lang}' (hint: use one of {', '.join(languages())})")
    missing = untranslated(atlas, atlas.modules[module_id], lang)
    if missing and not allow_untranslated:
        raise CaseAtlasError(
            f"no '{lang}' translation of {', '.join(missing)} (hint: translate them first, see "
            "`caseatlas i18n status`, or pass --allow-untranslated to print them in their original language)"
        )
    shown = atlas.in_language(lang)
    notes = [str(pack_words(lang)["untranslated_notice"])] if missing else []
    return shown, shown.modules[module_id], notes


def sheet_languages(lang: str) -> list[str]:
    """Languages of the attendance sheet and name cards: the pack's first, then the site's others."""
    return [lang, *(other for other in languages() if other != lang)]


def weasyprint_html() -> Any:
    """WeasyPrint's HTML class, or an error saying which system libraries to install."""
    try:
        from weasyprint import HTML
    except (OSError, ImportError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CaseAtlasError(
            f"WeasyPrint cannot load its system libraries ({first}) "
            f"(hint: on Debian or Ubuntu: apt-get install {SYSTEM_LIBRARIES} {FONTS})"
        ) from None
    return HTML


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF of a pack document, and its number of pages."""
    html_class = weasyprint_html()
    document = html_class(string=html, base_url=None).render()
    pdf = document.write_pdf()
    return bytes(pdf), len(document.pages)


def build_pack(
    atlas: Atlas,
    module_id: str,
    lang: str = "en",
    audience: str = "participants",
    paper: str = "a4",
    allow_untranslated: bool = False,
) -> Pack:
    """The course pack of a module, as PDF bytes."""
    if audience not in AUDIENCES:
        raise CaseAtlasError(f"no audience '{audience}' (hint: use {' or '.join(AUDIENCES)})")
    if paper not in PAPERS:
        raise CaseAtlasError(f"no paper size '{paper}' (hint: use {' or '.join(PAPERS)})")
    started = time.perf_counter()
    shown, module, notes = reader_view(atlas, module_id, lang, allow_untranslated)
    css = resources.files("caseatlas").joinpath("templates/caseatlas/pack.css").read_text("utf-8")
    html = pack_document(shown, module, lang, audience, paper, css, notes, sheet_languages(lang))
    pdf, pages = render_pdf(html)
    return Pack(pdf, pages, time.perf_counter() - started)
