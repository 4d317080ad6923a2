"""Links a contributor writes in a case's prose, checked by `caseatlas validate` with file, line and field.

The build checks every link of the built site (linkcheck.py), but only after the whole site is built, and
names the page, not the file and field to correct. Here each text field of each case is read for its links
(markdown-it-py's tokens: the same parser that renders it), and each relative one is resolved from the case's
page (`cases/<id>/`) against the pages and files the site will have: the generated pages, and the files of
docs/. A link to a page that does not exist is a problem at the field that holds it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from caseatlas.content.loading import Document
from caseatlas.core.errors import Problem
from caseatlas.core.limits import shorten
from caseatlas.core.markup import _converter

Where = tuple[str | int, ...]


def strings_of(value: Any, path: Where = ()) -> Iterator[tuple[Where, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_of(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings_of(item, (*path, i))


def relative_links(doc: Document) -> list[tuple[Where, str]]:
    """(field, target) of every relative link in the case's text; links to other sites and #fragments are left."""
    found = []
    for path, text in strings_of(doc.data):
        if "](" not in text and "]:" not in text and "][" not in text:
            continue  # no Markdown link can be in it: most fields are read no further
        for token in _converter().parse(text):
            for child in token.children or []:
                attr = {"link_open": "href", "image": "src"}.get(child.type)
                href = child.attrGet(attr) if attr else None
                parts = urlsplit(str(href or ""))
                if href and not parts.scheme and not parts.netloc and parts.path:
                    found.append((path, str(href)))
    return found


def site_targets(src_uris: Iterable[str], docs_dir: Path | None) -> set[str]:
    """Every path a link may lead to, with directory URLs: `cases/a/` for cases/a.md, the file itself otherwise."""
    files = set(src_uris)
    if docs_dir is not None and docs_dir.is_dir():
        files |= {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()}
    targets = set()
    for uri in files:
        if uri.endswith(".md"):
            page = uri[:-3]
            page = page.removesuffix("index").rstrip("/") if page.endswith("index") else page
            targets.add(page)
        else:
            targets.add(uri)
    return targets


def case_pages(case_id: object) -> list[str]:
    """The pages a case's text (or its translation's) appears on: its own page."""
    return [f"cases/{case_id}/"]


def module_pages(module_id: object) -> list[str]:
    """The pages a module's text (or its translation's) appears on: the module page, its handout and its guide,
    at two depths, so a relative link must lead somewhere from each."""
    return [f"modules/{module_id}/", f"modules/{module_id}/handout/", f"modules/{module_id}/guide/"]


def link_problems(sources: list[tuple[Document, list[str]]], targets: set[str]) -> list[Problem]:
    """One problem per relative link in a case's or module's text that leads to no page or file of the site from
    one of the pages (`sources`: each document with the pages its text appears on) that show it."""
    problems = []
    for doc, pages in sources:
        for path, href in relative_links(doc):
            for base in pages:
                target = posixpath.normpath(posixpath.join(base, unquote(urlsplit(href).path)))
                target = "" if target == "." else target.rstrip("/")
                if target.startswith(".."):
                    problems.append(
                        doc.problem(
                            path,
                            f"links to '{shorten(href)}', which leads outside the site",
                            "link to a page of the site, or write the full https:// address",
                        )
                    )
                elif target not in targets and target.removesuffix(".md") not in targets:
                    where = "the pages that show the text" if len(pages) > 1 else "the page that shows the text"
                    problems.append(
                        doc.problem(
                            path,
                            f"links to '{shorten(href)}', which from {base} is not a page or file of the site",
                            f"links are read from {', '.join(pages)}, {where}: from {base} another case is "
                            f"{posixpath.relpath('cases/its-id', base)}/ and the matrix {posixpath.relpath('matrix', base)}/",
                        )
                    )
                else:
                    continue
                break  # one problem per link
    return problems
