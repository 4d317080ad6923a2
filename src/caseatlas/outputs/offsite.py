"""What a built site would fetch from another host: the check behind offline bundles and the page budgets.

A page fetches by itself through scripts, images (and their `srcset`), frames, media, SVG images, `<link>`s
other than those a reader follows (stylesheets, icons, preload and preconnect alike), and `url()` or
`@import` in styles; links a reader clicks are not fetches.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

FETCHING = (
    "//script/@src | //img/@src | //img/@srcset | //source/@src | //source/@srcset | //iframe/@src"
    " | //video/@src | //video/@poster | //audio/@src | //embed/@src | //object/@data | //input/@src"
    " | //track/@src | //*[local-name()='image']/@href | //*[local-name()='use']/@href | //link"
)
NOT_FETCHED = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "bookmark"}
"""`<link rel>` values that name a page for the reader or a robot; the browser does not fetch them."""
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def offsite(url: str) -> bool:
    """Whether fetching `url`, as written in a page of the site, would reach another host."""
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme not in ("", "data", "blob") or bool(parts.netloc)


def offsite_fetches(site: Path) -> list[str]:
    """`file: url` for every fetch from another host that a page or style sheet of the built `site` makes."""
    found: list[str] = []
    for path in sorted(site.rglob("*.html")):
        doc = lxml.html.document_fromstring(path.read_bytes())
        urls = []
        for value in doc.xpath(FETCHING):
            if isinstance(value, lxml.html.HtmlElement):  # a <link>
                rels = set((value.get("rel") or "").lower().split())
                value = value.get("href") if not rels or rels - NOT_FETCHED else None
            if value:
                urls += [u.split()[0] for u in re.split(r",\s+", str(value)) if u.strip()]  # srcset: "url 2x, …"
        urls += _css_urls(" ".join(doc.xpath("//style/text() | //@style")))
        found += [f"{path.relative_to(site).as_posix()}: {u}" for u in urls if offsite(u)]
    for path in sorted(site.rglob("*.css")):
        css = path.read_text("utf-8", errors="replace")
        found += [f"{path.relative_to(site).as_posix()}: {u}" for u in _css_urls(css) if offsite(u)]
    return found


def _css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]
