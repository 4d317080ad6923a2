"""The files module pages offer for download, built with the site: each module's course pack (PDF, A4, for
participants, in the site's language) and, when the module states a start date and time zone, its calendar.

Laying out a pack takes seconds, so a pack is kept in a cache folder under the name of a hash of its HTML
document (and of WeasyPrint's version): a build whose content did not change takes the PDF from there.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from importlib import resources
from pathlib import Path

from caseatlas.atlas.model import Atlas
from caseatlas.content.modules import Module
from caseatlas.core.output_files import write_output
from caseatlas.outputs.calendar_export import calendar_bytes, parse_start, parse_zone
from caseatlas.outputs.pack import reader_view, render_pdf, sheet_languages
from caseatlas.outputs.pack_html import pack_document
from caseatlas.render.pack_words import has_calendar

log = logging.getLogger("mkdocs.plugins.caseatlas")


def pack_path(module: Module) -> str:
    return f"modules/{module.id}/{module.id}.pdf"


def calendar_path(module: Module) -> str:
    return f"modules/{module.id}/{module.id}.ics"


def cache_folder() -> Path:
    """$CASEATLAS_CACHE, else the user's cache folder (XDG_CACHE_HOME or ~/.cache), /caseatlas/packs."""
    explicit = os.environ.get("CASEATLAS_CACHE")
    if explicit:
        return Path(explicit) / "packs"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "caseatlas" / "packs"


def cached_pdf(html: str) -> bytes:
    """The PDF of a pack document: from the cache when the same document was laid out before."""
    import weasyprint

    key = hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest()
    folder = cache_folder()
    hit = folder / f"{key}.pdf"
    if hit.is_file():
        return hit.read_bytes()
    pdf, _ = render_pdf(html)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_output(hit, pdf)
    except Exception as exc:  # a cache that cannot be written only costs time
        log.debug("caseatlas: course pack not cached: %s", exc)
    return pdf


def download_files(atlas: Atlas, lang: str) -> dict[str, bytes]:
    """Site path → bytes of every module's downloads, in `lang` (what has no translation in its original)."""
    out: dict[str, bytes] = {}
    css = resources.files("caseatlas").joinpath("templates/caseatlas/pack.css").read_text("utf-8")
    started = time.perf_counter()
    for module_id, module in atlas.modules.items():
        shown, m, notes = reader_view(atlas, module_id, lang, allow_untranslated=True)
        html = pack_document(shown, m, lang, "participants", "a4", css, notes, sheet_languages(lang))
        out[pack_path(module)] = cached_pdf(html)
        if has_calendar(module):
            start, zone = parse_start(str(module.data["start_date"])), parse_zone(str(module.data["timezone"]))
            out[calendar_path(module)] = calendar_bytes(shown, m, start, zone, lang)
    if atlas.modules:
        log.info(
            "caseatlas: course packs of %d module(s) in '%s' in %.1f s", len(atlas.modules), lang, time.perf_counter() - started
        )
    return out
