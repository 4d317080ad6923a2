"""`caseatlas export cartridge`: a course module as an IMS Common Cartridge 1.1 package (Moodle, Canvas…).

The package holds an overview, one handout page per session and one page per
case used, each a standalone HTML file (see standalone.py), and an
`imsmanifest.xml` with one organization: the overview, the days with their
sessions, then the cases. It is written to a temporary file beside the target
and renamed into place, so a failure never leaves a partial package.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

import lxml.html
from lxml import etree

from .errors import CaseAtlasError, display_path
from .model import Atlas
from .modules import Module
from .pages import Renderer
from .standalone import markdown_to_html, standalone_page

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
                   f"{LOMM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd")
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so the same module gives the same bytes


def cartridge_files(atlas: Atlas, module: Module, renderer: Renderer) -> dict[str, bytes]:
    """Every file of the package by its path inside the zip, the manifest included."""
    t = renderer.t
    site = f"modules/{module.id}"
    files = {f"{site}/index.md": "overview.html"}
    files.update({f"{site}/sessions/{s.id}.md": f"sessions/{s.id}.html" for s in module.sessions})
    files.update({f"cases/{cid}.md": f"cases/{cid}.html" for cid in module.case_ids})
    out: dict[str, bytes] = {}
    module_lang = module.language if module.state == "missing" else None
    overview = renderer.module_page(module, "module.md.j2", f"{site}/index.md")
    out["overview.html"] = standalone_page(renderer, overview.content, overview.src_uri, files, module.title, module_lang)
    for s in module.sessions:
        page = renderer.module_page(module, "cartridge_session.md.j2", f"{site}/sessions/{s.id}.md", s=s,
                                    session_level="#", objectives_in_full=True)
        out[f"sessions/{s.id}.html"] = standalone_page(renderer, page.content, page.src_uri, files, f"{s.title} · {module.title}",
                                                    module_lang)
    for cid in module.case_ids:
        page = renderer.case(atlas.cases[cid])
        case = atlas.cases[cid]
        out[f"cases/{cid}.html"] = standalone_page(renderer, page.content, page.src_uri, files, case.title,
                                                   case.language if case.state == "missing" else None)
    out["imsmanifest.xml"] = manifest(module, t, {cid: atlas.cases[cid].title for cid in module.case_ids})
    return out


def _day_title(module: Module, day: int, t: dict[str, str]) -> str:
    titles = module.data.get("day_titles") or []
    return t["day_n_title"].format(n=day, title=titles[day - 1]) if len(titles) >= day else t["day_n"].format(n=day)


def manifest(module: Module, t: dict[str, str], case_titles: dict[str, str]) -> bytes:
    """imsmanifest.xml: metadata, one organization (overview, days → sessions, cases), and the resources."""
    def el(parent: etree._Element, tag: str, text: str | None = None, ns: str = CP, **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        node.text = text
        return node

    root = etree.Element(f"{{{CP}}}manifest", {"identifier": f"M_{module.id}", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
                      nsmap={None: CP, "lomimscc": LOMM, "xsi": XSI})
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
    for day, sessions in module.by_day.items():
        if not sessions:
            continue
        day_item = el(top, "item", identifier=f"I_day_{day}")
        el(day_item, "title", _day_title(module, day, t))
        for s in sessions:
            item = el(day_item, "item", identifier=f"I_s_{s.id}", identifierref=f"R_s_{s.id}")
            el(item, "title", f"{s.start_clock}–{s.end_clock} {s.title}")
    cases_item = el(top, "item", identifier="I_cases")
    el(cases_item, "title", t["cases_used"])
    for cid, title in case_titles.items():
        el(el(cases_item, "item", identifier=f"I_c_{cid}", identifierref=f"R_c_{cid}"), "title", title)
    resources = el(root, "resources")

    def resource(ident: str, href: str, depends: list[str]) -> None:
        res = el(resources, "resource", identifier=ident, type="webcontent", href=href)
        el(res, "file", href=href)
        for dep in depends:
            el(res, "dependency", identifierref=dep)

    resource("R_overview", "overview.html", [f"R_c_{cid}" for cid in module.case_ids])
    for s in module.sessions:
        resource(f"R_s_{s.id}", f"sessions/{s.id}.html", [f"R_c_{cid}" for cid in dict.fromkeys(s.reading_cases + s.cases)])
    for cid in module.case_ids:
        resource(f"R_c_{cid}", f"cases/{cid}.html", [])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_cartridge(files: dict[str, bytes], out: Path) -> None:
    """Write the package to `out` atomically: a temporary file in the same folder, renamed when complete."""
    if out.is_dir():
        raise CaseAtlasError(f"{display_path(out)} is a folder (hint: give a file name, for example -o module.imscc)")
    if not out.parent.is_dir():
        what = "is not a folder" if out.parent.exists() else "does not exist"
        raise CaseAtlasError(f"cannot write {display_path(out)}: {display_path(out.parent)} {what} "
                             "(hint: create the folder first, or choose another path)")
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    except OSError as exc:
        raise CaseAtlasError(f"cannot write {display_path(out)}: {exc.strerror or exc} "
                             "(hint: choose a folder you can write to)") from None
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]:
                zf.writestr(zipfile.ZipInfo(name, _ZIP_TIME), files[name], compress_type=zipfile.ZIP_DEFLATED)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CaseAtlasError(f"cannot write {display_path(out)}: {exc.strerror or exc} (hint: check the free space "
                             "and permissions of the folder; nothing was written)") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
