"""`caseatlas export cartridge`: an IMS Common Cartridge 1.1 package that validates and is complete.

The manifest is validated against the IMS CC 1.1 XSDs kept in the repository in
tests/schemas/ims-cc-1.1/ (unmodified, with their licence notices: see its README); what the XSD cannot check is checked here:
every identifierref names a resource, every file the manifest names is in the zip, every
file in the zip is named, and the pages read without the site.
"""

from __future__ import annotations

import errno
import os
import posixpath
import zipfile
from functools import cache
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from caseatlas.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SEED = "targeted-poverty-alleviation-study-visit"
NS = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}


@cache
def cc_schema() -> etree.XMLSchema:
    """The manifest schema, from tests/schemas/ims-cc-1.1/ (it imports the other XSDs of that folder)."""
    return etree.XMLSchema(
        etree.parse(str(Path(__file__).resolve().parent.parent / "schemas" / "ims-cc-1.1" / "ccv1p1_imscp_v1p2_v1p0.xsd"))
    )


def export(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", "cartridge", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("cc") / "module.imscc"
    code, output = export(SEED, "-o", str(out))
    assert code == 0 and output == f"wrote {out}: 24 sessions and 6 cases, 53 files\n"
    return zipfile.ZipFile(out)


def manifest(package: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(package.read("imsmanifest.xml"))


def test_manifest_is_valid_against_the_ims_cc_xsd(package: zipfile.ZipFile) -> None:
    cc_schema().assertValid(manifest(package))


def test_every_identifierref_names_a_resource(package: zipfile.ZipFile) -> None:
    m = manifest(package)
    resources = {r.get("identifier") for r in m.iterfind(".//cp:resources/cp:resource", NS)}
    refs = [e.get("identifierref") for e in m.iterfind(".//cp:item[@identifierref]", NS)]
    refs += [e.get("identifierref") for e in m.iterfind(".//cp:dependency", NS)]
    assert len(refs) > 30 and set(refs) <= resources
    assert {e.get("identifierref") for e in m.iterfind(".//cp:item[@identifierref]", NS)} == resources  # none unreachable


def test_files_named_and_files_in_the_zip_are_the_same(package: zipfile.ZipFile) -> None:
    m = manifest(package)
    named = [f.get("href") for f in m.iterfind(".//cp:file", NS)]
    assert len(named) == len(set(named))
    assert set(named) == set(package.namelist()) - {"imsmanifest.xml"}
    for r in m.iterfind(".//cp:resource", NS):  # IMS rule 10b: a resource's href is one of its files
        if r.get("type") == "imsdt_xmlv1p1":  # a discussion topic has no href, only its XML file
            assert r.get("href") is None and len(r.findall("cp:file", NS)) == 1
            continue
        assert r.get("href") in [f.get("href") for f in r.iterfind("cp:file", NS)]
    assert package.testzip() is None


def test_one_organization_of_days_and_sessions_then_cases(package: zipfile.ZipFile) -> None:
    m = manifest(package)
    orgs = m.findall(".//cp:organization", NS)
    assert len(orgs) == 1
    top = orgs[0].findall("cp:item/cp:item", NS)
    titles = [i.findtext("cp:title", namespaces=NS) for i in top]
    assert titles == [
        "Module overview",
        "Participant handout",
        "Facilitator guide",
        "Course pack for participants (PDF)",
        "Day 1: The programme and the idea",
        "Day 2: Finding the households",
        "Day 3: Officials in the village",
        "Day 4: Mechanisms working together",
        "Day 5: From the visit to action at home",
        "Cases used in this module",
    ]
    days = top[4:9]
    sessions = [len(day.xpath("cp:item[starts-with(@identifier, 'I_s_')]", namespaces=NS)) for day in days]
    assert sessions == [5, 4, 5, 6, 4]
    topics = [len(day.xpath("cp:item[starts-with(@identifier, 'I_dt_')]", namespaces=NS)) for day in days]
    assert sum(topics) == 18  # every session with questions has its discussion topic
    assert days[1].find("cp:item/cp:title", NS).text == "08:30–10:00 When 30 percent of households are misclassified"
    assert len(top[9].findall("cp:item", NS)) == 6
    for leaf in m.iterfind(".//cp:item[@identifierref]", NS):  # IMS rule 8b: a learning object has no child items
        assert leaf.find("cp:item", NS) is None


def test_pages_read_without_the_site(package: zipfile.ZipFile) -> None:
    pages = [n for n in package.namelist() if n.endswith(".html")]
    assert len(pages) == 3 + 24 + 6
    for name in pages:
        doc = lxml.html.fromstring(package.read(name))
        assert doc.find("head/title") is not None and doc.get("lang") == "en"
        assert not doc.xpath("//script | //link | //img | //iframe | //*[@src]"), name
        for a in doc.iter("a"):
            href = a.get("href")
            if href.startswith(("http://", "https://", "#")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href.split("#")[0]))
            assert target in package.namelist(), (name, href)


def test_session_handouts_have_no_facilitator_notes_and_the_plan_is_in_its_session(package: zipfile.ZipFile) -> None:
    text = {n: lxml.html.fromstring(package.read(n)).text_content() for n in package.namelist() if n.endswith(".html")}
    assert "Notes for the facilitator" not in "".join(v for k, v in text.items() if k != "guide.html")
    assert "Notes for the facilitator" in text["guide.html"]
    assert "Agree the visit with the hosts in advance" not in text["sessions/d3-field-visit.html"]
    assert "If about 30 percent of the households" in text["sessions/d2-registry.html"]
    assert "Draft a personal action plan" in text["sessions/d5-action-plan.html"]  # objectives written out in full
    sessions = {n: t for n, t in text.items() if n.startswith("sessions/")}
    assert [n for n, t in sessions.items() if "What I will try back home" in t] == ["sessions/d5-action-plan.html"]
    case = lxml.html.fromstring(package.read("cases/qianhe.html"))
    assert case.findtext(".//h1").startswith("Qianhe village")
    assert "18,000" in case.text_content()
    links = {a.get("href") for a in case.iter("a")}
    assert "shibadong.html" in links  # related case in the package; site-only pages become plain text
    assert not any(h.endswith(".md") or h.startswith("../countries") for h in links)


def test_the_same_module_gives_the_same_bytes(tmp_path: Path) -> None:
    assert export(SEED, "-o", str(tmp_path / "a.imscc"))[0] == 0
    assert export(SEED, "-o", str(tmp_path / "b.imscc"))[0] == 0
    assert (tmp_path / "a.imscc").read_bytes() == (tmp_path / "b.imscc").read_bytes()


def test_unknown_module_writes_nothing(tmp_path: Path) -> None:
    assert export("no-such-module", "-o", str(tmp_path / "m.imscc")) == (
        1,
        f"error: no module 'no-such-module' in curriculum/ (hint: modules: {SEED})\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_file_as_folder_and_folder_as_file(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", "utf-8")
    out = tmp_path / "missing" / "m.imscc"
    assert export(SEED, "-o", str(out)) == (
        1,
        f"error: cannot write {out}: {out.parent} does not exist (hint: create the folder first, or choose another path)\n",
    )
    out = tmp_path / "a-file" / "m.imscc"
    assert export(SEED, "-o", str(out)) == (
        1,
        f"error: cannot write {out}: {out.parent} is not a folder (hint: create the folder first, or choose another path)\n",
    )
    assert export(SEED, "-o", str(tmp_path)) == (
        1,
        f"error: {tmp_path} is a folder (hint: give a file name, for example -o module.imscc)\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("caseatlas.core.output_guard.tempfile.mkstemp", refuse)  # root ignores file modes, so simulate them
    out = tmp_path / "m.imscc"
    assert export(SEED, "-o", str(out)) == (
        1,
        f"error: cannot write {out}: Permission denied (hint: you may not write there: choose a folder you can write to; "
        "nothing was written)\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_the_old_file_and_no_partial_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "m.imscc"
    previous = b"PK\x05\x06" + bytes(18)  # an empty zip: the previous export
    out.write_bytes(previous)
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[:1000])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str) -> object:
            return getattr(self.fh, name)

        def flush(self) -> None:
            self.fh.flush()

        def fileno(self) -> int:
            return self.fh.fileno()

    monkeypatch.setattr("caseatlas.core.output_guard.os.fdopen", Full)
    code, output = export(SEED, "-o", str(out))
    assert (code, output) == (
        1,
        f"error: cannot write {out}: No space left on device (hint: free some space, or "
        "write elsewhere with -o; nothing was written)\n",
    )
    assert [p.name for p in tmp_path.iterdir()] == ["m.imscc"] and out.read_bytes() == previous


def test_invalid_content_writes_nothing(tmp_path: Path) -> None:
    curriculum = tmp_path / "curriculum"
    curriculum.mkdir()
    (curriculum / "overlap.yaml").write_bytes((ROOT / "tests" / "modules" / "negative" / "overlap.yaml").read_bytes())
    code, output = export("overlap", "--curriculum", str(curriculum), "-o", str(tmp_path / "m.imscc"))
    assert code == 1 and output.endswith("1 problem in 1 file\n") and not (tmp_path / "m.imscc").exists()


def test_refuses_to_write_into_the_content_folders() -> None:
    assert export(SEED, "-o", "curriculum/m.imscc") == (
        1,
        "error: curriculum/m.imscc is inside curriculum/ (hint: write the cartridge somewhere else)\n",
    )
    assert not Path("curriculum/m.imscc").exists()


IMSDT_XSD = ROOT / "tests" / "schemas" / "ims-cc-1.1" / "ccv1p1_imsdt_v1p1.xsd"


def test_discussion_topics_are_valid_against_the_imsdt_xsd(package: zipfile.ZipFile) -> None:
    schema = etree.XMLSchema(etree.parse(str(IMSDT_XSD)))
    m = manifest(package)
    topics = m.findall(".//cp:resource[@type='imsdt_xmlv1p1']", NS)
    assert len(topics) == 18
    for r in topics:
        doc = etree.fromstring(package.read(r.find("cp:file", NS).get("href")))
        schema.assertValid(doc)
    first = etree.fromstring(package.read("topics/d1-concept.xml"))
    dt = {"dt": "http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"}
    assert first.findtext("dt:title", namespaces=dt) == "Targeted poverty alleviation: four emphases · Day 1"
    text = first.find("dt:text", dt)
    assert text.get("texttype") == "text/html" and "<ol>" in text.text and "hardest to start" in text.text


def test_guide_is_for_instructors_only_and_the_pack_is_inside(package: zipfile.ZipFile) -> None:
    m = manifest(package)
    lomr = {"cp": NS["cp"], "r": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"}
    roles = {
        r.get("identifier"): r.findtext("cp:metadata/r:lom/r:educational/r:intendedEndUserRole/r:value", namespaces=lomr)
        for r in m.iterfind(".//cp:resource", NS)
    }
    assert roles["R_guide"] == "Instructor"
    assert [k for k, v in roles.items() if v] == ["R_guide"]  # everything else is for everyone
    assert package.read("pack.pdf").startswith(b"%PDF-")
    assert "participant handout" in lxml.html.fromstring(package.read("handout.html")).findtext(".//h1")


def test_travel_sessions_say_what_they_are(package: zipfile.ZipFile) -> None:
    for sid in ("d3-travel-out", "d3-travel-back", "d4-travel-out", "d4-travel-back"):
        text = lxml.html.fromstring(package.read(f"sessions/{sid}.html")).text_content()
        assert "Travel time: the group is on its way" in text, sid
