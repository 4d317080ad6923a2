"""`caseatlas export cartridge`: a course module as an IMS Common Cartridge 1.1 package (Moodle, Canvas…).

The package holds an overview, the participant handout, the facilitator guide
(marked for instructors only, through CC 1.1's role metadata), the course pack
PDF, one page per session and one per case used, each a standalone HTML file
(see standalone.py), a discussion topic (imsdt_xmlv1p1) per session that has
questions, and an `imsmanifest.xml` with one organization: the overview and the
printable materials, the days with their sessions and discussions, then the cases.
It is written atomically (output_files.write_output): a failure never leaves a partial package.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import lxml.html
from lxml import etree

from caseatlas.atlas.model import Atlas
from caseatlas.content.modules import Module, Session
from caseatlas.core import markup
from caseatlas.core.output_files import write_output
from caseatlas.render.pack_words import pack_words
from caseatlas.render.pages import Renderer
from caseatlas.render.standalone import markdown_to_html, standalone_page

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOMR = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
DT = "http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
    f"{LOMM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd"
)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so the same module gives the same bytes


def discussion_topic(module: Module, s: Session, t: dict[str, str]) -> bytes:
    """An IMS CC discussion topic (imsdt_xmlv1p1) with the session's questions; the text is sanitized HTML."""
    root = etree.Element(f"{{{DT}}}topic", nsmap={None: DT})
    etree.SubElement(root, f"{{{DT}}}title").text = f"{s.title} · {t['day_n'].format(n=s.day)}"
    parts = [str(markup.prose(s.data["summary"]))] if s.data.get("summary") else []
    parts.append(str(markup.prose_list(s.data["questions"], ordered=True)))
    etree.SubElement(root, f"{{{DT}}}text", texttype="text/html").text = "\n".join(parts)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def discussed(module: Module) -> list[Session]:
    return [s for s in module.sessions if s.data.get("questions")]


def cartridge_files(atlas: Atlas, module: Module, renderer: Renderer, pack_pdf: bytes | None = None) -> dict[str, bytes]:
    """Every file of the package by its path inside the zip, the manifest included; `pack_pdf`: the course pack."""
    t = renderer.t
    site = f"modules/{module.id}"
    files = {f"{site}/index.md": "overview.html", f"{site}/handout.md": "handout.html", f"{site}/guide.md": "guide.html"}
    files.update({f"{site}/sessions/{s.id}.md": f"sessions/{s.id}.html" for s in module.sessions})
    files.update({f"cases/{cid}.md": f"cases/{cid}.html" for cid in module.case_ids})
    out: dict[str, bytes] = {}
    module_lang = module.language if module.state == "missing" else None
    overview = renderer.module_page(module, "module.md.j2", f"{site}/index.md")
    out["overview.html"] = standalone_page(renderer, overview, overview.src_uri, files, module.title, module_lang)
    for name, template in (("handout", "module_handout.md.j2"), ("guide", "module_guide.md.j2")):
        page = renderer.module_page(module, template, f"{site}/{name}.md")
        out[f"{name}.html"] = standalone_page(renderer, page, page.src_uri, files, f"{t[name]} · {module.title}", module_lang)
    if pack_pdf is not None:
        out["pack.pdf"] = pack_pdf
    for s in discussed(module):
        out[f"topics/{s.id}.xml"] = discussion_topic(module, s, t)
    words = pack_words(renderer.lang)
    for s in module.sessions:
        page = renderer.module_page(
            module,
            "cartridge_session.md.j2",
            f"{site}/sessions/{s.id}.md",
            s=s,
            session_level="#",
            objectives_in_full=True,
            kind_note=words.get(f"kind_note_{s.kind}", ""),
        )
        out[f"sessions/{s.id}.html"] = standalone_page(
            renderer, page, page.src_uri, files, f"{s.title} · {module.title}", module_lang
        )
    for cid in module.case_ids:
        page = renderer.case(atlas.cases[cid])
        case = atlas.cases[cid]
        out[f"cases/{cid}.html"] = standalone_page(
            renderer, page, page.src_uri, files, case.title, case.language if case.state == "missing" else None
        )
    out["imsmanifest.xml"] = manifest(
        module, t, {cid: atlas.cases[cid].title for cid in module.case_ids}, pack_pdf is not None, words
    )
    return out


def _day_title(module: Module, day: int, t: dict[str, str]) -> str:
    titles = module.data.get("day_titles") or []
    return t["day_n_title"].format(n=day, title=titles[day - 1]) if len(titles) >= day else t["day_n"].format(n=day)


def manifest(
    module: Module, t: dict[str, str], case_titles: dict[str, str], with_pack: bool = False, words: dict[str, str] | None = None
) -> bytes:
    """imsmanifest.xml: metadata, one organization (overview, days → sessions, cases), and the resources."""

    def el(parent: etree._Element, tag: str, text: str | None = None, ns: str = CP, **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        node.text = text
        return node

    root = etree.Element(
        f"{{{CP}}}manifest",
        {"identifier": f"M_{module.id}", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
        nsmap={None: CP, "lomimscc": LOMM, "lom": LOMR, "xsi": XSI},
    )
    words = words or pack_words("en")
    meta = el(root, "metadata")
    el(meta, "schema", "IMS Common Cartridge")
    el(meta, "schemaversion", "1.1.0")
    general = el(el(meta, "lom", ns=LOMM), "general", ns=LOMM)
    text_lang = str(t.get("_lang", module.language)) if module.state in ("translated", "stale") else module.language
    el(el(general, "title", ns=LOMM), "string", module.title, ns=LOMM, language=text_lang)
    summary = lxml.html.fragment_fromstring(markdown_to_html(module.data["summary"]), create_parent="div").text_content()
    el(el(general, "description", ns=LOMM), "string", " ".join(summary.split()), ns=LOMM, language=text_lang)
    el(general, "language", text_lang, ns=LOMM)

    organization = el(el(root, "organizations"), "organization", identifier="O_1", structure="rooted-hierarchy")
    top = el(organization, "item", identifier="I_root")
    el(el(top, "item", identifier="I_overview", identifierref="R_overview"), "title", t["back_to_overview"])
    el(el(top, "item", identifier="I_handout", identifierref="R_handout"), "title", t["handout"])
    el(el(top, "item", identifier="I_guide", identifierref="R_guide"), "title", t["guide"])
    if with_pack:
        el(el(top, "item", identifier="I_pack", identifierref="R_pack"), "title", f"{words['pack_participants']} (PDF)")
    topics = {s.id for s in discussed(module)}
    for day, sessions in module.by_day.items():
        if not sessions:
            continue
        day_item = el(top, "item", identifier=f"I_day_{day}")
        el(day_item, "title", _day_title(module, day, t))
        for s in sessions:
            item = el(day_item, "item", identifier=f"I_s_{s.id}", identifierref=f"R_s_{s.id}")
            el(item, "title", f"{s.start_clock}–{s.end_clock} {s.title}")
            if s.id in topics:
                el(
                    el(day_item, "item", identifier=f"I_dt_{s.id}", identifierref=f"R_dt_{s.id}"),
                    "title",
                    f"{words['discussion']}: {s.title}",
                )
    cases_item = el(top, "item", identifier="I_cases")
    el(cases_item, "title", t["cases_used"])
    for cid, title in case_titles.items():
        el(el(cases_item, "item", identifier=f"I_c_{cid}", identifierref=f"R_c_{cid}"), "title", title)
    resources = el(root, "resources")

    def resource(ident: str, href: str, depends: list[str], instructors_only: bool = False) -> None:
        res = el(resources, "resource", identifier=ident, type="webcontent", href=href)
        if instructors_only:  # CC 1.1 role metadata: an LMS shows the resource to teachers only
            role = el(el(el(el(res, "metadata"), "lom", ns=LOMR), "educational", ns=LOMR), "intendedEndUserRole", ns=LOMR)
            el(role, "source", "IMSGLC_CC_Rolesv1p1", ns=LOMR)
            el(role, "value", "Instructor", ns=LOMR)
        el(res, "file", href=href)
        for dep in depends:
            el(res, "dependency", identifierref=dep)

    resource("R_overview", "overview.html", [f"R_c_{cid}" for cid in module.case_ids])
    resource("R_handout", "handout.html", [f"R_c_{cid}" for cid in module.case_ids])
    resource("R_guide", "guide.html", [f"R_c_{cid}" for cid in module.case_ids], instructors_only=True)
    if with_pack:
        resource("R_pack", "pack.pdf", [])
    for s in discussed(module):  # a discussion topic's resource has no href, only its XML file
        el(el(resources, "resource", identifier=f"R_dt_{s.id}", type="imsdt_xmlv1p1"), "file", href=f"topics/{s.id}.xml")
    for s in module.sessions:
        resource(f"R_s_{s.id}", f"sessions/{s.id}.html", [f"R_c_{cid}" for cid in dict.fromkeys(s.reading_cases + s.cases)])
    for cid in module.case_ids:
        resource(f"R_c_{cid}", f"cases/{cid}.html", [])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_cartridge(files: dict[str, bytes], out: Path) -> None:
    """Write the package to `out` atomically (output_files.write_output), the manifest first in the zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]:
            zf.writestr(zipfile.ZipInfo(name, _ZIP_TIME), files[name], compress_type=zipfile.ZIP_DEFLATED)
    write_output(out, buffer.getvalue())
