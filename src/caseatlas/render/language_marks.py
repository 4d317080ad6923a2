"""`lang` where a page's text is in another language than the page's: a case, module or hand-written page shown
in its original language (no translation yet) is wrapped in `<div lang="…">`, so that a screen reader reads it
with the right voice and a browser hyphenates it right; the notices above it stay in the reader's language."""

from __future__ import annotations

import re

from caseatlas.atlas.model import Atlas
from caseatlas.content.translations import same_language

_NOTICE = re.compile(r'<div class="admonition (\w+) ca-notice">')


def foreign_pages(atlas: Atlas, lang: str, untranslated_handwritten: dict[str, str]) -> dict[str, str]:
    """src_uri → language of the text of each page whose text is not in `lang`."""
    out = dict(untranslated_handwritten)
    for case in atlas.cases.values():
        if case.state == "missing" and not same_language(case.language, lang):
            out[f"cases/{case.id}.md"] = case.language
    for m in atlas.modules.values():
        if m.state == "missing" and not same_language(m.language, lang):
            for name in ("index", "handout", "guide"):
                out[f"modules/{m.id}/{name}.md"] = m.language
    return out


def mark_language(html: str, text_lang: str, page_lang: str) -> str:
    """The page's HTML in a `<div lang>` of its text's language; each notice marked with the page's language."""
    html = _NOTICE.sub(lambda m: f'<div lang="{page_lang}" class="admonition {m.group(1)} ca-notice">', html)
    return f'<div lang="{text_lang}">\n{html}\n</div>'
