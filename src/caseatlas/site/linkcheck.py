"""Internal links written as raw HTML, checked at build time.

MkDocs checks every Markdown link between pages (`validation:` in mkdocs.yml).
It leaves alone links that reach a page as raw HTML: the citation links of case
pages, and every link in a contributor's Markdown, which `markup.prose` turns
into HTML. This module checks those: each relative link must lead to a file of
the built site, and its `#fragment` to an id on that page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK = re.compile(r"<(?:a|img|source|audio|video)\b[^>]*?\s(?:href|src)=\"([^\"]*)\"", re.I)
_ID = re.compile(r"\sid=\"([^\"]+)\"")


@dataclass
class LinkIndex:
    """The ids of every page, and the internal links found in their content."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (page's source, page's url, href)

    def add_page(self, src_uri: str, url: str, content: str, *, check: bool = True) -> None:
        """Record the ids of one page's content HTML and, with `check`, its internal links (relative to `url`)."""
        self.ids[_page_key(url)] = {html.unescape(i) for i in _ID.findall(content)}
        for href in _LINK.findall(content) if check else []:
            href = html.unescape(href)
            parts = urlsplit(href)
            if href and not parts.scheme and not parts.netloc:
                self.links.append((src_uri, url, href))

    def broken(self, site_dir: Path) -> list[str]:
        """One message per link that leads to no file of the built site, or to no id on its page."""
        out = []
        exists: dict[str, bool] = {}  # a target many pages link to is looked up once
        for src_uri, url, href in self.links:
            parts = urlsplit(href)
            # a page's folder: 'a/b/' for 'a/b/' and 'a/b/c.html'; '' for a page at the root ('' or 'matrix.html')
            base = url if url.endswith("/") or not url else posixpath.dirname(url) + "/" if "/" in url else ""
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else _page_key(url)
            target = "" if target == "." else target
            if target.startswith(".."):
                out.append(f"{src_uri} links to '{href}', which leads outside the site")
                continue
            if target not in exists:
                exists[target] = any((site_dir / t).is_file() for t in _candidates(target))
            if not exists[target]:
                out.append(f"{src_uri} links to '{href}', which is not a page or file of the site")
            elif parts.fragment and _page_key(target) in self.ids and unquote(parts.fragment) not in self.ids[_page_key(target)]:
                out.append(f"{src_uri} links to '{href}', but that page has no id '{unquote(parts.fragment)}'")
        return out


def _page_key(url: str) -> str:
    """The same page whichever way a link names it: 'cases/a/', 'cases/a/index.html' and 'cases/a' alike."""
    url = url.removesuffix("index.html").rstrip("/")
    return url.removesuffix(".html")


def _candidates(target: str) -> tuple[str, ...]:
    """The files a link may mean: the file itself, or a page with or without directory URLs."""
    return ("index.html",) if not target else (target, f"{target}/index.html", f"{target}.html")
