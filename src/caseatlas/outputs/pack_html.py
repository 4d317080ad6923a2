"""The course pack as one HTML document for print: cover, contents, the week as a grid, the days, every case, appendix.

The programme part is the handout (or, for facilitators, the guide) rendered from the
same templates as the site; the cases are their site pages in full (figures with their
data tables, sources, quotes). Contributor text has been escaped by the templates
already; this module only assembles, re-anchors and relinks the HTML they produced.
Links between pages of the pack become links inside the document, links to other
pages of the site become plain text, and links elsewhere print a short form of their
address after them.
"""

from __future__ import annotations

import math
import posixpath
import re
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from markupsafe import Markup, escape

from caseatlas.atlas.model import Atlas
from caseatlas.atlas.status import module_status
from caseatlas.content.modules import Module, Session, clock, minutes
from caseatlas.render.charts import HALO
from caseatlas.render.pack_words import pack_words
from caseatlas.render.pages import Renderer
from caseatlas.render.standalone import page_html

AUDIENCES = ("participants", "facilitators")
PAPERS = {"a4": "A4", "letter": "letter"}
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def short_address(url: str) -> str:
    """A link address as a reader can copy it by hand: host and a shortened path, no scheme or query."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    if not host:
        return url if len(url) <= 40 else url[:37] + "…"
    segments = [s for s in path.split("/") if s]
    if not segments:
        return host
    if len("/".join(segments)) <= 28:
        return f"{host}/{'/'.join(segments)}"
    last = segments[-1] if len(segments[-1]) <= 24 else segments[-1][:21] + "…"
    return f"{host}/…/{last}" if len(segments) > 1 else f"{host}/{last}"


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end the string or the style element early."""
    out = "".join(c if c.isalnum() or c in " .,:;·-–—()'" else f"\\{ord(c):x} " for c in text)
    return f'"{out}"'


def _fragment(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def _inner(root: lxml.html.HtmlElement) -> str:
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def _relink(root: lxml.html.HtmlElement, src_uri: str, case_ids: set[str], prefix: str = "") -> None:
    """Links of one page made part of the pack: inside it, as plain text, or with a short address printed."""
    for el in root.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' ca-screen-only ')]"):
        el.drop_tree()
    if prefix:
        for el in root.iter():
            if el.get("id"):
                el.set("id", prefix + el.get("id"))
            for attr in ("aria-labelledby", "aria-describedby"):
                if el.get(attr):
                    el.set(attr, " ".join(prefix + v for v in el.get(attr).split()))
    for a in list(root.iter("a")):
        href = a.get("href")
        if href is None:
            continue
        if href.startswith("#"):
            a.set("href", "#" + prefix + href[1:])
            continue
        if _EXTERNAL.match(href):
            text = a.text_content().strip()
            if href.startswith(("http://", "https://")) and text not in (href, short_address(href)):
                a.set("data-short", short_address(href))
            continue
        path = href.partition("#")[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        stem = target.removesuffix(".md").removesuffix("/index").rstrip("/")
        if stem.startswith("cases/") and stem[len("cases/") :] in case_ids:
            a.set("href", f"#case-{stem[len('cases/') :]}")
        else:
            a.drop_tag()


def _demote(root: lxml.html.HtmlElement) -> None:
    """Headings one level down (a case's title becomes a section of the cases part)."""
    for el in root.iter("h1", "h2", "h3", "h4", "h5"):
        el.tag = f"h{int(el.tag[1]) + 1}"


def case_html(renderer: Renderer, atlas: Atlas, case_id: str, case_ids: set[str]) -> str:
    """One case in full, as on its page, its anchors prefixed with the case id so they stay unique in the pack."""
    page = renderer.case(atlas.cases[case_id])
    # The charts' light halo behind labels is drawn with CSS variables and paint-order, which a PDF engine's SVG
    # renderer does not read: on paper the labels go without it, on white.
    html = page_html(page).replace(HALO, "").replace("var(--md-default-bg-color, #fff)", "#fff")
    root = _fragment(html)
    _relink(root, page.src_uri, case_ids, prefix=f"{case_id}--")
    _demote(root)
    first = root.find(".//h2")
    if first is not None:
        first.set("id", f"case-{case_id}")
        first.set("class", "ca-case-title")
    case = atlas.cases[case_id]
    lang = case.language if case.state == "missing" else renderer.lang
    return f'<section class="ca-case" lang="{escape(lang)}">{_inner(root)}</section>'


def programme_html(renderer: Renderer, module: Module, audience: str, case_ids: set[str]) -> str:
    """The handout (participants) or the guide (facilitators) of the module, its case links pointing into the pack."""
    template = "module_guide.md.j2" if audience == "facilitators" else "module_handout.md.j2"
    src_uri = f"modules/{module.id}/{'guide' if audience == 'facilitators' else 'handout'}.md"
    page = renderer.module_page(module, template, src_uri, case_link=lambda cid: Markup(f"#case-{cid}"))
    root = _fragment(page_html(page))
    _relink(root, src_uri, case_ids)
    h1 = root.find(".//h1")
    if h1 is not None:
        h1.set("id", "programme")
    _group_sessions(root)
    return _inner(root)


def _group_sessions(root: lxml.html.HtmlElement) -> None:
    """Each session (its h3 and what follows, up to the next heading) in a section the stylesheet keeps on one page."""
    children = list(root)
    for child in children:
        root.remove(child)
    current = None
    for child in children:
        if child.tag == "h3":
            current = lxml.html.Element("section", {"class": "ca-session"})
            root.append(current)
        elif child.tag in ("h1", "h2"):
            current = None
        (current if current is not None else root).append(child)


def _slot_size(sessions: list[Session], day_start: int) -> int:
    """Minutes per row of the grid: the largest of 15, 30 that every start and end falls on, else 15 (rounded)."""
    edges = [s.start - day_start for s in sessions] + [s.end - day_start for s in sessions]
    return 30 if all(e % 30 == 0 for e in edges) else 15


def timetable_grid(module: Module, t: dict[str, Any], w: dict[str, Any]) -> str:
    """The week as a table: a row per quarter (or half) hour, a column per day, each session spanning its rows."""
    d = module.data
    day_start, day_end = minutes(d["hours"]["start"]), minutes(d["hours"]["end"])
    sessions = module.sessions
    slot = _slot_size(sessions, day_start)
    rows = math.ceil((day_end - day_start) / slot)
    titles = d.get("day_titles") or []
    cells: dict[tuple[int, int], tuple[Session, int]] = {}
    covered: set[tuple[int, int]] = set()
    for day, day_sessions in module.by_day.items():
        free_from = 0
        for s in day_sessions:
            first = max(free_from, (s.start - day_start) // slot)
            last = max(first + 1, min(rows, math.ceil((s.end - day_start) / slot)))
            cells[(first, day)] = (s, last - first)
            covered.update((r, day) for r in range(first, last))
            free_from = last
    out = ['<table class="ca-grid"><thead><tr>', f'<th class="ca-grid-time">{escape(w["time"])}</th>']
    for day in range(1, module.days + 1):
        title = f"<br><span>{escape(titles[day - 1])}</span>" if len(titles) >= day else ""
        out.append(f"<th>{escape(t['day_n'].format(n=day))}{title}</th>")
    out.append("</tr></thead><tbody>")
    for r in range(rows):
        at = day_start + r * slot
        label = clock(at) if at % 60 == 0 or r == 0 else ""
        out.append(f'<tr><th class="ca-grid-time">{label}</th>')
        for day in range(1, module.days + 1):
            if (r, day) in cells:
                s, span = cells[(r, day)]
                out.append(
                    f'<td rowspan="{span}" class="ca-k-{escape(s.kind)}"><b>{s.start_clock}–{s.end_clock}</b> '
                    f"{escape(s.title)}<br><i>{escape(t['kind_values'].get(s.kind, s.kind))}</i></td>"
                )
            elif (r, day) not in covered:
                out.append('<td class="ca-grid-free"></td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    out.append(f'<p class="ca-grid-note">{escape(w["grid_note"])}</p>')
    return "".join(out)


def _labels(key: str, langs: list[str]) -> str:
    """One label in each of the sheet's languages, the pack's first: "Name · Nama"."""
    seen: dict[str, str] = {}
    for lang in langs:
        seen.setdefault(str(pack_words(lang)[key]), lang)
    return " · ".join(f'<span lang="{escape(lang)}">{escape(word)}</span>' for word, lang in seen.items())


def attendance_sheet(module: Module, w: dict[str, Any], t: dict[str, Any], langs: list[str]) -> str:
    """Participants × days: a row per participant (as many as the module's largest group), a box per day."""
    size = (module.data.get("audience") or {}).get("size") or {}
    n = int(size.get("max") or 25)
    head = "".join(f"<th>{escape(t['day_n'].format(n=day))}</th>" for day in range(1, module.days + 1))
    rows = "".join(f'<tr><td class="ca-num">{i}</td><td></td><td></td>{"<td></td>" * module.days}</tr>' for i in range(1, n + 1))
    return (
        f'<h2 id="attendance" class="ca-sheet">{_labels("attendance_sheet", langs)}</h2>'
        f"<p>{escape(module.title)} · {escape(w['attendance_intro'])}</p>"
        f'<table class="ca-attendance"><thead><tr><th class="ca-num">{_labels("number", langs)}</th>'
        f"<th>{_labels('name', langs)}</th><th>{_labels('village', langs)}</th>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def name_cards(module: Module, w: dict[str, Any], langs: list[str]) -> str:
    """A page of four name cards to cut out (and fold along the line), with the module's title on each."""
    card = (
        f'<div class="ca-card"><p class="ca-card-module">{escape(module.title)}</p>'
        f'<p class="ca-card-line"></p><p class="ca-card-label">{_labels("name", langs)}</p>'
        f'<p class="ca-card-line ca-card-small"></p><p class="ca-card-label">{_labels("village", langs)}</p></div>'
    )
    return (
        f'<h2 id="name-cards" class="ca-sheet">{_labels("name_cards", langs)}</h2>'
        f'<p>{escape(w["name_cards_intro"])}</p><div class="ca-cards">{card * 4}</div>'
    )


def cover_html(module: Module, w: dict[str, Any], t: dict[str, Any], audience: str, notes: list[str]) -> str:
    d = module.data
    size = (d.get("audience") or {}).get("size")
    facts = [f"<li><b>{escape(t['audience'])}:</b> {escape(d['audience']['who'])}</li>"]
    if size:
        facts.append(
            f"<li><b>{escape(t['participants'])}:</b> "
            f"{escape(t['participants_range'].format(min=size['min'], max=size['max']))}</li>"
        )
    length = (
        t["length_value_one"].format(start=d["hours"]["start"], end=d["hours"]["end"])
        if module.days == 1
        else t["length_value"].format(days=module.days, start=d["hours"]["start"], end=d["hours"]["end"])
    )
    facts.append(f"<li><b>{escape(t['length'])}:</b> {escape(length)}</li>")
    notice = "".join(f'<p class="ca-cover-notice">{escape(n)}</p>' for n in notes)
    return (
        f'<section class="ca-cover"><p class="ca-cover-kind">{escape(w["pack_" + audience])}</p>'
        f'<h1 class="ca-cover-title" id="cover">{escape(module.title)}</h1><ul class="ca-cover-facts">{"".join(facts)}</ul>'
        f'<p class="ca-cover-about">{escape(w["cover_about_" + audience])}</p>{notice}</section>'
    )


def contents_html(body: str, w: dict[str, Any]) -> str:
    """The table of contents: every part (h1) and section (h2) of the body, each with its page number."""
    root = _fragment(body)
    items = []
    for el in root.iter("h1", "h2"):
        ident = el.get("id")
        if not ident or ident == "cover":
            continue
        for link in el.iter("a"):
            link.drop_tag()
        text = " ".join(el.text_content().split())
        items.append(f'<li class="ca-toc-{el.tag}"><a href="#{escape(ident)}">{escape(text)}</a></li>')
    return f'<nav class="ca-toc"><h1 id="contents">{escape(w["contents"])}</h1><ul>{"".join(items)}</ul></nav>'


def pack_document(
    atlas: Atlas,
    module: Module,
    lang: str,
    audience: str,
    paper: str,
    css: str,
    notes: list[str] | None = None,
    sheet_languages: list[str] | None = None,
) -> str:
    """The whole pack as one HTML document. `atlas` and `module` are as a reader of `lang` sees them."""
    renderer = Renderer(atlas, lang)
    t, w = renderer.t, pack_words(lang)
    case_ids = list(module.case_ids)
    known = set(case_ids)
    langs = sheet_languages or [lang]
    row = next(r for r in module_status(atlas, [lang]) if r.id == module.id)
    module_lang = str(module.data.get("language", "en")) if row.states[lang] == "missing" else lang
    parts = [f'<div lang="{escape(module_lang)}">{programme_html(renderer, module, audience, known)}</div>']
    parts.append(f'<h1 id="cases" class="ca-part">{escape(w["cases_part"])}</h1><p>{escape(w["cases_intro"])}</p>')
    parts += [case_html(renderer, atlas, cid, known) for cid in case_ids]
    parts.append(
        f'<h1 id="appendix" class="ca-part">{escape(w["appendix"])}</h1>'
        + attendance_sheet(module, w, t, langs)
        + name_cards(module, w, langs)
    )
    grid = f'<h1 id="timetable" class="ca-part ca-grid-page">{escape(w["timetable"])}</h1>' + timetable_grid(module, t, w)
    body = grid + "".join(parts)
    size = PAPERS[paper]
    page_css = f"@page {{ size: {size}; }}\n"
    footer = css_string(w["footer"].format(title=module.title))
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(module.title)} · {escape(w['pack_' + audience])}</title>"
        f'<meta name="description" content="{escape(w["pack_" + audience])}">'
        f'<meta name="generator" content="Case Atlas">'
        f"<style>{css}\n{page_css}@page {{ @bottom-left {{ content: {footer}; }} }}</style></head>"
        f"<body>{cover_html(module, w, t, audience, notes or [])}{contents_html(body, w)}{body}</body></html>"
    )
