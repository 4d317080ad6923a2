"""Every kind of page the site has, one example each: the table the browser gates walk.

A new kind of page (a course module, the glossary, the search page, a language's home…)
is one line here; the crawl, console, link and accessibility tests then cover it.
"""

from __future__ import annotations

PAGE_KINDS: list[tuple[str, str]] = [
    ("home", ""),
    ("case", "cases/qianhe/"),
    ("all cases", "cases/"),
    ("countries", "countries/"),
    ("country", "countries/cn/"),
    ("mechanisms", "mechanisms/"),
    ("mechanism", "mechanisms/resident-officials/"),
    ("themes", "themes/"),
    ("theme", "themes/gender/"),
    ("SDGs", "sdgs/"),
    ("SDG", "sdgs/1/"),
    ("matrix", "matrix/"),
    ("find a case", "find/"),
    ("performance", "performance/"),
    ("open data", "open-data/"),
    ("modules", "modules/"),
    ("module", "modules/targeted-poverty-alleviation-study-visit/"),
    ("handout", "modules/targeted-poverty-alleviation-study-visit/handout/"),
    ("facilitator guide", "modules/targeted-poverty-alleviation-study-visit/guide/"),
    ("guide", "guides/contributing/"),
    ("guide to reading", "guides/reading-a-case/"),
    ("glossary", "glossary/"),
    ("translations", "translations/"),
    ("write a case", "contribute/"),
    ("not found", "404.html"),
    # The same kinds of page in the other languages of the site (languages.py)
    ("home, Chinese", "zh/"),
    ("case, Chinese", "zh/cases/shibadong/"),
    ("find a case, Chinese", "zh/find/"),
    ("module, Chinese", "zh/modules/targeted-poverty-alleviation-study-visit/"),
    ("glossary, Chinese", "zh/glossary/"),
    ("home, Indonesian", "id/"),
    ("case, Indonesian", "id/cases/qianhe/"),
    ("case untranslated, Indonesian", "id/cases/luhua-embroidery/"),
    ("glossary, Indonesian", "id/glossary/"),
    ("write a case, Chinese", "zh/contribute/"),
    ("write a case, Indonesian", "id/contribute/"),
]
"""(kind, path under the site root)."""

LANGUAGES = {"zh": "Chinese", "id": "Indonesian"}
"""The site's languages other than the default, under /<lang>/."""


def in_every_language() -> list[tuple[str, str]]:
    """Every kind of page in every language of the site: PAGE_KINDS, and each default-language kind again
    under /zh/ and /id/ where PAGE_KINDS has no example (a server answers a missing page with the one 404.html)."""
    listed = {path for _, path in PAGE_KINDS}
    default = [(kind, path) for kind, path in PAGE_KINDS if path.split("/", 1)[0] not in LANGUAGES]
    more = [
        (f"{kind}, {name}", f"{lang}/{path}")
        for lang, name in LANGUAGES.items()
        for kind, path in default
        if path != "404.html" and f"{lang}/{path}" not in listed and f"{kind}, {name}" not in dict(PAGE_KINDS)
    ]
    return PAGE_KINDS + more
