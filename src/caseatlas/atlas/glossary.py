"""The glossary (data/glossary.yaml), and marking the first use of each term on a page with its definition.

A marked term is `<abbr class="ca-term" title="definition" tabindex="0">term</abbr>`:
the browser shows the title on hover; with Material's `content.tooltips` feature the
definition shows as a tooltip on hover and on keyboard focus (a tap focuses it too)
and is tied to the term with `aria-describedby` for screen readers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

DEFAULT = "en"
# Text inside these elements is never marked: headings, links, code, existing terms, scripts.
_SKIP = {
    "a",
    "abbr",
    "button",
    "code",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "kbd",
    "pre",
    "script",
    "style",
    "sup",
    "svg",
    "summary",
    "textarea",
    "title",
}
_HAN = re.compile(r"[\u3400-\u9fff]")
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>", re.S)


@dataclass(frozen=True)
class Term:
    slug: str
    names: dict[str, str]  # language → the term as shown on the glossary page
    forms: dict[str, list[str]]  # language → every form found in text (the name first)
    definitions: dict[str, str]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names[DEFAULT]

    def definition(self, lang: str) -> str:
        return self.definitions.get(lang) or self.definitions[DEFAULT]


@cache
def load_glossary() -> tuple[Term, ...]:
    """The terms of the packaged glossary, in file order."""
    raw = yaml.safe_load(resources.files("caseatlas").joinpath("data/glossary.yaml").read_text("utf-8"))
    terms = []
    for entry in raw["terms"]:
        langs = {k: v for k, v in entry.items() if k != "slug"}
        terms.append(
            Term(
                entry["slug"],
                {k: v["term"] for k, v in langs.items()},
                {k: [v["term"], *v.get("also", [])] for k, v in langs.items()},
                {k: " ".join(v["definition"].split()) if k != "zh" else v["definition"].strip() for k, v in langs.items()},
            )
        )
    return tuple(terms)


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every form of every term in every language, longest first; and form → slug."""
    owner: dict[str, str] = {}
    for term in load_glossary():
        for forms in term.forms.values():
            for form in forms:
                owner.setdefault(form.lower(), term.slug)
    forms = sorted(owner, key=len, reverse=True)

    def body(form: str) -> str:
        return re.escape(form).replace("\\ ", r"\s+")  # a line break in the HTML may stand for a space

    # Words in alphabetic scripts must stand alone; Chinese has no spaces between words.
    han = [f for f in forms if _HAN.search(f)]
    words = [f for f in forms if f not in han]
    if all(_HAN.match(f) for f in han):
        # The same matches as the alternatives one by one, longest first (no text matches a form of each kind
        # at one place, as each Chinese form starts with a Han character), but the boundaries are checked once,
        # and a quick look at the first character skips the places where no term starts: a tenth of the time.
        starts = "".join(sorted({c for f in forms for c in (f[0], f[0].upper())}))
        pattern = rf"(?=[{re.escape(starts)}])(?:(?<![\w-])(?:{'|'.join(map(body, words))})(?![\w-])|{'|'.join(map(body, han))})"
        return re.compile(pattern, re.I), owner
    alternatives = [body(f) if f in han else rf"(?<![\w-]){body(f)}(?![\w-])" for f in forms]
    return re.compile("|".join(alternatives), re.I), owner


def mark_first_uses(page_html: str, lang: str) -> str:
    """The page's HTML with the first use of each glossary term wrapped in an `<abbr>` holding its definition.

    Terms are found in any of the atlas's languages (an English page on the Chinese site
    still gets Chinese definitions); text in headings, links and code is left alone.
    """
    pattern, owner = _matcher()
    by_slug = {t.slug: t for t in load_glossary()}
    used: set[str] = set()
    out: list[str] = []
    skip = 0
    pos = 0

    def mark(text: str) -> str:
        def wrap(m: re.Match[str]) -> str:
            slug = owner[" ".join(m.group(0).split()).lower()]
            if slug in used:
                return m.group(0)
            used.add(slug)
            title = html.escape(by_slug[slug].definition(lang), quote=True)
            return f'<abbr class="ca-term" title="{title}" tabindex="0">{m.group(0)}</abbr>'

        return pattern.sub(wrap, text)

    for tag in _TAG.finditer(page_html):
        text = page_html[pos : tag.start()]
        out.append(mark(text) if skip == 0 and text.strip() else text)
        out.append(tag.group(0))
        pos = tag.end()
        name = (tag.group(2) or "").lower()
        if name in _SKIP and not tag.group(0).endswith("/>"):
            skip += -1 if tag.group(1) else 1
            skip = max(skip, 0)
    rest = page_html[pos:]
    out.append(mark(rest) if skip == 0 else rest)
    return "".join(out)
