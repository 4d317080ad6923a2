"""Render the atlas into Markdown pages through Jinja templates (no MkDocs needed)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from caseatlas.atlas.glossary import load_glossary
from caseatlas.atlas.indicators import case_series, comparisons
from caseatlas.atlas.model import Atlas, Case
from caseatlas.atlas.money import format_number, format_usd
from caseatlas.atlas.open_data import CSV_COLUMNS, indicator_rows
from caseatlas.atlas.status import StatusRow, case_status, module_status, percent, summary
from caseatlas.content.modules import Module, hours_text
from caseatlas.content.schemas import schema_text
from caseatlas.content.translations import same_language
from caseatlas.core import markup
from caseatlas.core.errors import CaseAtlasError
from caseatlas.core.strings import counted, language_label, languages, strings
from caseatlas.core.vocabulary import country_name, subdivision_name
from caseatlas.render.charts import swatch
from caseatlas.render.citations import Citations
from caseatlas.render.figures import atlas_map, axis_label, comparison_chart, series_chart
from caseatlas.render.html_pages import hrefer, relative_path, resolve_links, to_markdown
from caseatlas.render.notices import case_notices, with_notices
from caseatlas.render.pack_words import has_calendar, pack_words
from caseatlas.search.facets import facet_counts, find_strings


class TemplateError(CaseAtlasError):
    """A template (usually a site's override) that does not compile or render."""


@dataclass(frozen=True)
class Page:
    """One generated file: its path in the site's docs tree and its content: Markdown, or (`html`, from a
    `.html.j2` template) the page body as HTML that no Markdown converter reads again (html_pages.py)."""

    src_uri: str
    content: str
    html: bool = False


def outdated_overrides(templates_dir: Path) -> None:
    """A site's override of a page template that is now HTML (`case.md.j2` → `case.html.j2`) would be ignored
    without a word: it is an error that says what to do."""
    packaged = resources.files("caseatlas").joinpath("templates", "caseatlas")
    for path in sorted((templates_dir / "caseatlas").glob("*.md.j2")):
        html_name = path.name[: -len(".md.j2")] + ".html.j2"
        if not packaged.joinpath(path.name).is_file() and packaged.joinpath(html_name).is_file():
            raise TemplateError(
                f"{path}: this page is now rendered from caseatlas/{html_name}, which writes HTML "
                f"(hint: rename the override to {html_name} and write its Markdown as HTML, starting from the packaged one)"
            )


@cache
def environment(templates_dir: str | None = None) -> jinja2.Environment:
    """One Jinja environment per override folder, reused across pages and builds.

    Autoescaping is on and every printed value passes through `markup.inline`,
    which escapes it for HTML and Markdown alike: contributor text is untrusted.
    Templates in `templates_dir/caseatlas/` replace the packaged ones of the same name.
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("caseatlas", "templates")]
    if templates_dir:
        outdated_overrides(Path(templates_dir))
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
    env.globals.update(
        country_name=country_name,
        subdivision_name=subdivision_name,
        swatch=swatch,
        format_number=format_number,
        format_usd=format_usd,
        hours=hours_text,
    )
    return env


def _linker(src_uri: str) -> Callable[[str], Markup]:
    here = posixpath.dirname(src_uri) or "."
    return lambda target: Markup(relative_path(target, here))


def _year(v: dict[str, Any], t: dict[str, Any]) -> str:
    q = v.get("year_qualifier")
    return t[f"year_{q}"].format(year=v["year"]) if q else str(v["year"])


def _amount(v: dict[str, Any], ind: dict[str, Any], t: dict[str, Any] | None = None) -> str:
    text = f"{v['value']:,}"  # the precision the source gave, with thousands separators
    if v.get("qualifier"):
        text = f"{(t or {}).get('qualifier_values', {}).get(v['qualifier'], v['qualifier'])} {text}"
    return f"{text} {ind.get('currency') or ind['unit']}"


_BLOCK_START = re.compile(r"^(#{1,6} |\*\*|<div class=\"ca-|- |\d+\. )")


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

    def __init__(
        self,
        atlas: Atlas,
        lang: str = "en",
        templates_dir: Path | None = None,
        directory_urls: bool = True,
        site_languages: list[str] | None = None,
        page_status: list[StatusRow] | None = None,
        site_root: str = "",
    ) -> None:
        """`site_root`: from this language's root to the whole site's (`../` for a language under /<lang>/),
        where the search index of every language is."""
        self.atlas, self.lang, self.directory_urls, self.site_root = atlas, lang, directory_urls, site_root
        self.env = environment(str(templates_dir) if templates_dir else None)
        self.t = strings(lang)
        self.site_languages = site_languages or languages()
        self.page_status = list(page_status or [])
        self.downloads = False  # the site offers each module's course pack (and calendar), see site_downloads.py
        self.offline = False  # module and case pages offer "save for offline", see offline_save.py
        self.reuse: Callable[[str, list[Case | Module], Hashable, Callable[[], Page]], Page] | None = None
        """`mkdocs serve`: gives a page (case, country, term) from `render`, or as kept from the previous build while
        the cases and modules it shows and what else it is made from are unchanged (site/unchanged.py)."""

    def render(self, template: str, src_uri: str, **context: Any) -> Page:
        names = {
            "country_name": lambda cc: country_name(cc, self.lang),
            "subdivision_name": lambda code: subdivision_name(code, self.lang),
        }
        try:
            tpl = self.env.get_template(f"caseatlas/{template}")
            href = hrefer(src_uri, self.directory_urls)
            text = tpl.render(
                atlas=self.atlas,
                vocab=self.atlas.vocabulary,
                t=self.t,
                link=_linker(src_uri),
                href=href,
                lang=self.lang,
                axis_label=lambda ind: axis_label(ind, self.t),
                language_label=lambda tag: language_label(tag, self.t),
                count=lambda key, n: counted(self.t, key, n),
                offline=self.offline,
                **names,
                **context,
            )
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or template}:{exc.lineno}: template syntax error: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"template caseatlas/{template} failed on {src_uri}: {exc}") from None
        if template.endswith(".html.j2"):
            return Page(src_uri, text.strip() + "\n", html=True)
        return Page(src_uri, tidy(text))

    def case(self, case: Case) -> Page:
        citations = Citations(case.data)
        series = case_series(case, self.t)
        charts = [series_chart(s, self.t, f"chart-{s.id}") for s in series]
        page = self.render(
            "case.html.j2",
            f"cases/{case.id}.md",
            case=case,
            cite=citations.cite,
            quotes_of=citations.quotes_of,
            series=series,
            charts=charts,
            year=lambda v: _year(v, self.t),
            amount=lambda v, ind: _amount(v, ind, self.t),
        )
        tr = case.translation
        notes = case_notices(case.state, self.t, case.language, tr.translator if tr else "", tr.reviewed if tr else True)
        return Page(page.src_uri, with_notices(page.content, notes, html=page.html), page.html)

    def case_page(self, case: Case) -> Page:
        """The case's page: rendered, or (`mkdocs serve`) kept from the previous build while what it shows is unchanged."""
        if self.reuse is None:
            return self.case(case)
        return self.reuse(f"cases/{case.id}.md", *self.shown_on_case_page(case), partial(self.case, case))

    def shown_on_case_page(self, case: Case) -> tuple[list[Case | Module], Hashable]:
        """What a case page is made from besides this renderer's settings (case.html.j2; keep them in step): the case,
        the other cases and the modules it shows ("elsewhere", related cases, the modules that use it), and each
        "elsewhere" list's total."""
        others = self.atlas.elsewhere(case)
        shown: list[Case | Module] = [case, *(c for cs, _ in others.values() for c in cs)]
        shown += [self.atlas.cases[rid] for rid in case.data.get("related") or [] if rid in self.atlas.cases]
        shown += self.atlas.modules_by_case.get(case.id) or []
        return shown, tuple(total for _, total in others.values())

    def module_page(self, module: Module, template: str, src_uri: str, **context: Any) -> Page:
        """One page of a module; `case_link` defaults to the case pages of the site."""
        link = _linker(src_uri)
        context.setdefault("case_link", lambda cid: link(f"cases/{cid}.md"))
        page = self.render(template, src_uri, module=module, sources={s["id"]: s for s in module.data["sources"]}, **context)
        tr = module.translation
        state = "original" if same_language(module.language, self.lang) else module.state
        notes = case_notices(state, self.t, module.language, tr.translator if tr else "", tr.reviewed if tr else True)
        return Page(page.src_uri, with_notices(page.content, notes, html=page.html), page.html)

    def modules(self) -> Iterator[Page]:
        yield self.render("modules_index.html.j2", "modules/index.md")
        for m in self.atlas.modules.values():
            yield self.module_page(
                m,
                "module.html.j2",
                f"modules/{m.id}/index.md",
                downloads=self.downloads,
                words=pack_words(self.lang),
                has_calendar=has_calendar(m),
            )
            yield self.module_page(m, "module_handout.html.j2", f"modules/{m.id}/handout.md")
            yield self.module_page(m, "module_guide.html.j2", f"modules/{m.id}/guide.md")

    def world_map(self, src_uri: str, current: str | None = None) -> Page:
        """The map block for a page: the home page (through the plugin) or a country's page."""
        svg = atlas_map(self.atlas, self.t, hrefer(src_uri, self.directory_urls), "ca-map", current)
        return self.render("_map.html.j2", src_uri, svg=svg, current=current)

    def country(self, cc: str, cases: list[Case]) -> Page:
        src_uri = f"countries/{cc.lower()}.md"
        world_map = Markup(self.world_map(src_uri, cc).content)
        return self.render("country.html.j2", src_uri, name=country_name(cc, self.lang), cases=cases, world_map=world_map)

    def mechanism(self, key: str, term: Any, heading: str, cases_heading: str) -> Page:
        found = comparisons(self.atlas.by_mechanism.get(key, []), self.t)
        charts = [comparison_chart(c, self.t, f"compare-{i}") for i, c in enumerate(found, 1)]
        return self.render(
            "term.html.j2",
            f"mechanisms/{key}.md",
            heading=heading,
            term=term,
            cases=self.atlas.by_mechanism.get(key, []),
            cases_heading=cases_heading,
            comparisons=found,
            charts=charts,
        )

    def pages(self) -> Iterator[Page]:
        a, t, v = self.atlas, self.t, self.atlas.vocabulary
        yield self.render("cases_index.html.j2", "cases/index.md", listing_limit=LISTING_LIMIT)
        for c in a.cases.values():
            yield self.case_page(c)
        yield self.render("countries_index.html.j2", "countries/index.md")
        counts = tuple((cc, len(cases)) for cc, cases in a.by_country.items())  # the map shades every country
        for cc, cases in a.by_country.items():
            src_uri = f"countries/{cc.lower()}.md"
            render = partial(self.country, cc, cases)
            yield render() if self.reuse is None else self.reuse(src_uri, list(cases), counts, render)
        sections: list[tuple[str, dict[Any, Any], dict[Any, list[Case]], str, str, str, str]] = [
            (
                "mechanisms",
                v.mechanisms,
                a.by_mechanism,
                t["mechanisms"],
                t["mechanisms_intro"],
                t["mechanism"],
                t["cases_using"],
            ),
            ("themes", v.themes, a.by_theme, t["themes"], t["themes_intro"], t["theme"], t["cases_about"]),
            ("sdgs", v.sdgs, a.by_sdg, t["sdgs"], t["sdgs_intro"], t["sdg"], t["cases_towards"]),
        ]
        for folder, terms, index, heading, intro, kind_label, cases_heading in sections:

            def label(key: Any, term: Any, folder: str = folder) -> str:
                return f"{t['sdg_short']} {key}: {term.label}" if folder == "sdgs" else term.label

            yield self.render(
                "terms_index.html.j2",
                f"{folder}/index.md",
                heading=heading,
                intro=intro,
                kind_label=kind_label,
                terms=terms,
                index=index,
                folder=folder,
                label=label,
            )
            for key, term in terms.items():
                if folder == "mechanisms":
                    render = partial(self.mechanism, key, term, label(key, term), cases_heading)
                else:
                    render = partial(
                        self.render,
                        "term.html.j2",
                        f"{folder}/{key}.md",
                        heading=label(key, term),
                        term=term,
                        cases=index.get(key, []),
                        cases_heading=cases_heading,
                    )
                shows: list[Case | Module] = list(index.get(key, []))
                yield render() if self.reuse is None else self.reuse(f"{folder}/{key}.md", shows, repr(term), render)
        yield self.render("matrix.html.j2", "matrix.md", cell_limit=CELL_LIMIT)
        yield from self.modules()
        yield self.render("open_data.html.j2", "open-data/index.md", columns=CSV_COLUMNS, rows=len(indicator_rows(a)))
        yield self.render(
            "find.html.j2", "find/index.md", facets=facet_counts(a, t), find_strings=find_strings(t), site_root=self.site_root
        )
        yield self.render("glossary.html.j2", "glossary.md", glossary=load_glossary())
        langs = self.site_languages
        rows = case_status(self.atlas, langs)
        module_rows = module_status(self.atlas, langs)
        yield self.render(
            "translations.html.j2",
            "translations.md",
            languages=langs,
            rows=rows,
            module_rows=module_rows,
            totals=summary(rows + module_rows, langs),
            page_rows=self.page_status,
            percent=percent,
        )


def render_pages(
    atlas: Atlas,
    lang: str = "en",
    templates_dir: Path | None = None,
    directory_urls: bool = True,
    site_languages: list[str] | None = None,
    page_status: list[StatusRow] | None = None,
) -> list[Page]:
    """Every generated Markdown page of the site, in memory, in `lang`."""
    return list(Renderer(atlas, lang, templates_dir, directory_urls, site_languages, page_status).pages())


def markdown_of(page: Page, directory_urls: bool = True) -> str:
    """The page as Markdown any site generator builds (`caseatlas render`): an HTML page's headings become
    Markdown headings, which reach that generator's table of contents, and its links point at page URLs."""
    if not page.html:
        return page.content
    return to_markdown(resolve_links(page.content, page.src_uri, directory_urls))


def static_files() -> dict[str, str]:
    """Files published beside the pages: every schema editors use (cases, modules and their translations)."""
    names = sorted(p.name for p in resources.files("caseatlas").joinpath("schema").iterdir() if p.name.endswith(".schema.json"))
    return {f"schema/{name}": schema_text(name) for name in names}
