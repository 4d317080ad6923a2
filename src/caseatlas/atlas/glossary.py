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
_SKIP_TAG = re.compile(r"<!--.*?-->|<(/?)(" + "|".join(sorted(_SKIP, key=len, reverse=True)) + r")\b[^>]*>", re.S | re.I)


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
        # The forms are written as a trie (`village(?:\s+fund)?`): at each place the engine follows one branch per
        # character instead of trying every form in turn; the longer form is still tried first.
        starts = "".join(sorted({c for f in forms for c in (f[0], f[0].upper())}))
        pattern = rf"(?=[{re.escape(starts)}])(?:(?<![\w-]){_trie(words)}(?![\w-])|{_trie(han)})"
        return re.compile(pattern, re.I), owner
    alternatives = [body(f) if f in han else rf"(?<![\w-]){body(f)}(?![\w-])" for f in forms]
    return re.compile("|".join(alternatives), re.I), owner


def _trie(forms: list[str]) -> str:
    """One regular expression matching exactly `forms` (lower case), longest first, factored by common prefixes;
    a space in a form matches any run of white space."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a form ends here; a longer one is tried first
            return ("(?:" + inner + ")" if len(branches) == 1 and len(inner) > 1 else inner) + "?"
        return inner

    return "(?:" + build(root) + ")"


def mark_first_uses(page_html: str, lang: str) -> str:
    """The page's HTML with the first use of each glossary term wrapped in an `<abbr>` holding its definition.

    Terms are found in any of the atlas's languages (an English page on the Chinese site
    still gets Chinese definitions); text in headings, links and code is left alone.

    The elements of _SKIP are found from their own tags alone (a page has thousands of tags, few of them of
    _SKIP, and its charts are long SVG); the text between them is scanned once for every term, and a candidate
    of a term not yet marked must lie in text, not inside a tag or a comment.
    """
    pattern, owner = _matcher()
    by_slug = {t.slug: t for t in load_glossary()}
    used: set[str] = set()
    marks: list[tuple[int, int, str]] = []
    for begin, end in _marked_regions(page_html):
        for m in pattern.finditer(page_html, begin, end):
            slug = owner[" ".join(m.group(0).split()).lower()]
            if slug in used or _inside_tag(page_html, m.start()):
                continue
            used.add(slug)
            marks.append((m.start(), m.end(), slug))
        if len(used) == len(by_slug):
            break
    out: list[str] = []
    pos = 0
    for begin, end, slug in marks:
        title = html.escape(by_slug[slug].definition(lang), quote=True)
        out += [page_html[pos:begin], f'<abbr class="ca-term" title="{title}" tabindex="0">{page_html[begin:end]}</abbr>']
        pos = end
    out.append(page_html[pos:])
    return "".join(out)


def _inside_tag(page_html: str, at: int) -> bool:
    """Whether position `at` is inside a tag or a comment (a `<` before it and no `>` since)."""
    if page_html.rfind("<", 0, at) > page_html.rfind(">", 0, at):
        return True
    comment = page_html.rfind("<!--", 0, at) if "<!--" in page_html else -1
    return comment >= 0 and page_html.find("-->", comment, at) < 0


def _marked_regions(page_html: str) -> list[tuple[int, int]]:
    """The stretches of the page outside every element of _SKIP (and outside comments)."""
    regions, depth, start = [], 0, 0
    for tag in _SKIP_TAG.finditer(page_html):
        if tag.group(2) is None:  # a comment
            if depth == 0:
                regions.append((start, tag.start()))
                start = tag.end()
            continue
        if tag.group(0).endswith("/>"):
            continue
        if tag.group(1):
            depth = max(depth - 1, 0)
            if depth == 0:
                start = tag.end()
        else:
            if depth == 0:
                regions.append((start, tag.start()))
            depth += 1
    if depth == 0:
        regions.append((start, len(page_html)))
    return [(b, e) for b, e in regions if e > b]
