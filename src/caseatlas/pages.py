"""Render the atlas into Markdown pages through Jinja templates (no MkDocs needed)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import markup
from .errors import CaseAtlasError
from .glossary import load_glossary
from .model import Atlas, Case
from .notices import case_notices, with_notices
from .schemas import schema_text
from .status import StatusRow, case_status, percent, summary
from .strings import languages, strings
from .vocabulary import country_name, subdivision_name


class TemplateError(CaseAtlasError):
    """A template (usually a site's override) that does not compile or render."""


@dataclass(frozen=True)
class Page:
    """One generated file: its path in the site's docs tree and its content."""

    src_uri: str
    content: str


@cache
def environment(templates_dir: str | None = None) -> jinja2.Environment:
    """One Jinja environment per override folder, reused across pages and builds.

    Autoescaping is on and every printed value passes through `markup.inline`,
    which escapes it for HTML and Markdown alike: contributor text is untrusted.
    Templates in `templates_dir/caseatlas/` replace the packaged ones of the same name.
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("caseatlas", "templates")]
    if templates_dir:
        loaders.insert(0, jinja2.FileSystemLoader(templates_dir))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        finalize=markup.inline,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(prose=markup.prose, prose_list=markup.prose_list, url=markup.url)
    env.globals.update(country_name=country_name, subdivision_name=subdivision_name)
    return env


def _linker(src_uri: str) -> Callable[[str], Markup]:
    here = posixpath.dirname(src_uri)
    return lambda target: Markup(posixpath.relpath(target, here or "."))


def _year(v: dict[str, Any], t: dict[str, Any]) -> str:
    q = v.get("year_qualifier")
    return t[f"year_{q}"].format(year=v["year"]) if q else str(v["year"])


def _amount(v: dict[str, Any], ind: dict[str, Any]) -> str:
    text = f"{v['value']:,}"  # the precision the source gave, with thousands separators
    if v.get("qualifier"):
        text = f"{v['qualifier']} {text}"
    return f"{text} {ind.get('currency') or ind['unit']}"


_BLOCK_START = re.compile(r"^(#{1,6} |\*\*|<div class=\"ca-prose\"|- |\d+\. )")


def tidy(text: str) -> str:
    """Blank lines where Markdown needs them (around headings, tables, lists and HTML blocks), no runs of them."""
    out: list[str] = []
    depth = 0  # inside a raw HTML block, lines are left as they are
    for line in text.splitlines():
        if depth == 0 and out and out[-1] != "":
            prev = out[-1]
            table_edge = prev.startswith("|") != line.startswith("|")
            list_item = _BLOCK_START.match(line) and line[:2] in ("- ",) and prev.startswith("- ")
            if line and (table_edge or (_BLOCK_START.match(line) and not list_item) or prev.startswith("#")):
                out.append("")
        if line.startswith('<div class="ca-prose"'):
            depth += 1
        elif depth and line == "</div>":
            depth -= 1
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


LISTING_LIMIT = 500  # past this many cases, the all-cases page links to country pages instead of listing
CELL_LIMIT = 5  # cases shown in one cell of the matrix before "… more"


class Renderer:
    """Renders every page of the atlas in one language."""

    def __init__(self, atlas: Atlas, lang: str = "en", templates_dir: Path | None = None,
                 site_languages: list[str] | None = None, page_status: list[StatusRow] = ()) -> None:  # type: ignore[assignment]
        self.atlas, self.lang = atlas, lang
        self.env = environment(str(templates_dir) if templates_dir else None)
        self.t = strings(lang)
        self.site_languages = site_languages or languages()
        self.page_status = list(page_status)

    def render(self, template: str, src_uri: str, **context: Any) -> Page:
        names = {"country_name": lambda cc: country_name(cc, self.lang),
                 "subdivision_name": lambda code: subdivision_name(code, self.lang)}
        try:
            tpl = self.env.get_template(f"caseatlas/{template}")
            text = tpl.render(atlas=self.atlas, vocab=self.atlas.vocabulary, t=self.t, link=_linker(src_uri), lang=self.lang,
                              **names, **context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or template}:{exc.lineno}: template syntax error: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"template caseatlas/{template} failed on {src_uri}: {exc}") from None
        return Page(src_uri, tidy(text))

    def case(self, case: Case) -> Page:
        sources = {s["id"]: i for i, s in enumerate(case.data["sources"], 1)}

        def cite(source_id: str) -> Markup:
            return Markup(f'<sup class="ca-cite"><a href="#source-{source_id}">[{sources[source_id]}]</a></sup>')

        page = self.render("case.md.j2", f"cases/{case.id}.md", case=case, cite=cite,
                           year=lambda v: _year(v, self.t), amount=_amount)
        tr = case.translation
        notes = case_notices(case.state, self.t, case.language, tr.translator if tr else "", tr.reviewed if tr else True)
        return Page(page.src_uri, with_notices(page.content, notes))

    def pages(self) -> Iterator[Page]:
        a, t, v = self.atlas, self.t, self.atlas.vocabulary
        yield self.render("cases_index.md.j2", "cases/index.md", listing_limit=LISTING_LIMIT)
        for c in a.cases.values():
            yield self.case(c)
        yield self.render("countries_index.md.j2", "countries/index.md")
        for cc, cases in a.by_country.items():
            yield self.render("country.md.j2", f"countries/{cc.lower()}.md", name=country_name(cc, self.lang),
                              cases=cases)
        sections: list[tuple[str, dict[Any, Any], dict[Any, list[Case]], str, str, str, str]] = [
            ("mechanisms", v.mechanisms, a.by_mechanism, t["mechanisms"], t["mechanisms_intro"], t["mechanism"],
             t["cases_using"]),
            ("themes", v.themes, a.by_theme, t["themes"], t["themes_intro"], t["theme"], t["cases_about"]),
            ("sdgs", v.sdgs, a.by_sdg, t["sdgs"], t["sdgs_intro"], t["sdg"], t["cases_towards"]),
        ]
        for folder, terms, index, heading, intro, kind_label, cases_heading in sections:
            def label(key: Any, term: Any, folder: str = folder) -> str:
                return f"{t['sdg_short']} {key}: {term.label}" if folder == "sdgs" else term.label

            yield self.render("terms_index.md.j2", f"{folder}/index.md", heading=heading, intro=intro,
                              kind_label=kind_label, terms=terms, index=index, folder=folder, label=label)
            for key, term in terms.items():
                yield self.render("term.md.j2", f"{folder}/{key}.md", heading=label(key, term), term=term,
                                  cases=index.get(key, []), cases_heading=cases_heading)
        yield self.render("matrix.md.j2", "matrix.md", cell_limit=CELL_LIMIT)
        yield self.render("glossary.md.j2", "glossary.md", glossary=load_glossary())
        langs = self.site_languages
        rows = case_status(self.atlas, langs)
        yield self.render("translations.md.j2", "translations.md", languages=langs, rows=rows, totals=summary(rows, langs),
                          page_rows=self.page_status, percent=percent)


def render_pages(atlas: Atlas, lang: str = "en", templates_dir: Path | None = None,
                 site_languages: list[str] | None = None, page_status: list[StatusRow] = ()) -> list[Page]:  # type: ignore[assignment]
    """Every generated Markdown page of the site, in memory, in `lang`."""
    return list(Renderer(atlas, lang, templates_dir, site_languages, page_status).pages())


def static_files() -> dict[str, str]:
    """Files published beside the pages, such as the schemas editors use."""
    return {f"schema/{name}": schema_text(name) for name in ("case.schema.json", "translation.schema.json")}
