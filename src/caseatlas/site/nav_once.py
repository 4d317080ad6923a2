"""Material's navigation drawn once per folder for the pages it does not list.

Material draws the whole navigation into every page (`partials/nav.html`, a recursive macro over every
item): at 1,000 cases about a tenth of the build. On a page the navigation does not list (a case page, a
country page), nothing in it is active and nothing depends on the page but its links, which MkDocs' `url`
filter makes relative to the page's folder. So every such page in one folder gets the same markup, drawn for
the first and copied for the rest. A page the navigation lists, or one with a listed page below it, is drawn as
before. The built site is the same, byte for byte (tests/test_nav_once.py).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

import jinja2

NAV_TEMPLATE = "partials/nav.html"


def draw_navigation_once(env: jinja2.Environment) -> None:
    """Make the theme's navigation partial, as `env` includes it, draw once per folder of unlisted pages."""
    try:
        template = env.get_template(NAV_TEMPLATE)
    except jinja2.TemplateNotFound:  # a theme without it: nothing to do
        return
    draw: Callable[[Any], Iterator[str]] = template.root_render_func
    drawn: dict[tuple[int, str, bool], str] = {}
    listed: dict[int, tuple[object, frozenset[str]]] = {}  # per navigation (kept alive: its id is the key)

    def render(context: Any) -> Iterator[str]:
        page, nav = context.get("page"), context.get("nav")
        url = getattr(page, "url", None)
        pages = getattr(nav, "pages", None)
        if not isinstance(url, str) or not url or pages is None:
            yield from draw(context)
            return
        if id(nav) not in listed:
            listed[id(nav)] = (nav, frozenset(str(p.url) for p in pages))
        urls = listed[id(nav)][1]
        if url in urls or any(u.startswith(url) for u in urls):
            yield from draw(context)
            return
        key = (id(nav), posixpath.dirname(url.rstrip("/")), url.endswith("/"))
        if key not in drawn:
            drawn[key] = "".join(draw(context))
        yield drawn[key]

    template.root_render_func = render
