"""`caseatlas bundle`: what a bundle holds, its bad input, and a zip that is whole or absent."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.cli.main import main
from caseatlas.core.errors import CaseAtlasError
from caseatlas.outputs.offsite import offsite_fetches
from caseatlas.site.bundle import select, write_zip
from caseatlas.site.bundle_site import BundleError
from caseatlas.site.navigation import nav_without

ROOT = Path(__file__).resolve().parents[1]
MODULE = "targeted-poverty-alleviation-study-visit"


@pytest.fixture(scope="module")
def atlas():  # type: ignore[no-untyped-def]
    return load_atlas(ROOT / "case_studies", ROOT / "curriculum")


def content_hash() -> str:
    """One digest of every contributor file (names and bytes)."""
    h = hashlib.sha256()
    for folder in ("case_studies", "curriculum", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file():
                h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_a_module_bundle_holds_the_module_and_its_cases(atlas) -> None:  # type: ignore[no-untyped-def]
    s = select(atlas, module=MODULE)
    assert s.module_ids == [MODULE]
    assert s.case_ids == atlas.modules[MODULE].case_ids and s.case_ids


def test_a_country_bundle_holds_its_cases_and_only_the_modules_they_cover(atlas) -> None:  # type: ignore[no-untyped-def]
    s = select(atlas, country="id")
    assert s.case_ids == sorted(c.id for c in atlas.cases.values() if c.country == "ID") and len(s.case_ids) == 3
    assert s.module_ids == []  # the study visit also uses Chinese cases
    cn = select(atlas, country="CN")
    assert cn.case_ids is not None and sorted(cn.case_ids) == sorted(c.id for c in atlas.by_country["CN"])


def test_all_holds_everything(atlas) -> None:  # type: ignore[no-untyped-def]
    s = select(atlas, everything=True)
    assert (s.case_ids, s.module_ids) == (None, None)


@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({}, "one of --module ID, --country CC or --all (got none)"),
        ({"module": MODULE, "everything": True}, "(got --module and --all)"),
        ({"module": "no-such-module"}, f"no course module 'no-such-module' (hint: one of {MODULE};"),
        (
            {"country": "ar"},
            "no cases from Argentina (ar) (hint: countries with cases: bd, br, cn, co, et, gh, in, id, ke, "
            "mw, mx, np, pk, pe, ph, rw, tz, vn)",
        ),
        ({"country": "zz"}, "'zz' is not an ISO 3166-1 alpha-2 country code"),
    ],
)
def test_a_wrong_selection_says_what_to_choose(atlas, kwargs, said) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BundleError) as exc:
        select(atlas, **kwargs)
    assert said in str(exc.value)


def test_subset_keeps_the_translations_of_the_cases_it_keeps(atlas) -> None:  # type: ignore[no-untyped-def]
    part = atlas.subset(["shibadong"], [])
    assert list(part.cases) == ["shibadong"] and part.modules == {}
    assert set(part.translations) == {"shibadong"}
    assert list(part.by_country) == ["CN"]
    with pytest.raises(CaseAtlasError, match="no case 'nowhere'"):
        atlas.subset(["nowhere"], None)
    with pytest.raises(CaseAtlasError, match=f"module '{MODULE}' uses cases left out"):
        atlas.subset(["shibadong"], [MODULE])


def test_nav_without_drops_entries_and_sections_left_empty() -> None:
    nav = [
        {"Home": "index.md"},
        {"Find a case": "find/index.md"},
        "x.md",
        {"Search": [{"Find": "find/index.md"}]},
        {"Browse": [{"Glossary": "glossary.md"}, "find/index.md"]},
    ]
    assert nav_without(nav, {"find/index.md"}) == [{"Home": "index.md"}, "x.md", {"Browse": [{"Glossary": "glossary.md"}]}]


def test_external_resources_are_loads_from_other_hosts_not_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text(
        '<html><head><link rel="stylesheet" href="//fonts.example.org/css"><link rel="canonical" href="https://x.org/">'
        '<link rel="icon" href="../favicon.png"><script src="https://cdn.example.org/s.js"></script>'
        '<style>@import url("https://f.example.org/x.css");</style></head>'
        '<body><a href="https://example.org/">source</a><img src="data:image/png;base64,AA"><img src="http://e.org/i.png">'
        "</body></html>"
    )
    (tmp_path / "s.css").write_text("body{background:url(img/x.png)} @font-face{src:url('https://f.example.org/f.woff2')}")
    assert offsite_fetches(tmp_path) == [
        "a/p.html: //fonts.example.org/css",
        "a/p.html: https://cdn.example.org/s.js",
        "a/p.html: http://e.org/i.png",
        "a/p.html: https://f.example.org/x.css",
        "s.css: https://f.example.org/f.woff2",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["--module", "no-such-module"],
        ["--country", "ar"],
        ["--all", "--country", "cn"],
        [],
    ],
)
def test_bad_selection_exits_1_with_one_message_and_no_file(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["bundle", *args, "-o", str(tmp_path / "atlas.zip")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("missing/atlas.zip", "cannot write {tmp}/missing/atlas.zip: No such file or directory"),
        ("file.txt/atlas.zip", "cannot write {tmp}/file.txt/atlas.zip: Not a directory"),
        ("folder", "{tmp}/folder is a folder (hint: give a file name"),
    ],
)
def test_an_output_that_cannot_be_written_exits_1_before_building(
    out: str, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["bundle", "--all", "-o", str(tmp_path / out)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert said.format(tmp=tmp_path) in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "folder"]


def test_a_bundle_is_never_written_into_the_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    before = content_hash()
    result = CliRunner().invoke(main, ["bundle", "--all", "-o", "case_studies/atlas.zip"])
    assert result.exit_code == 1 and "is inside case_studies" in result.output
    assert content_hash() == before


FULL_DISK = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))  # no file may grow past this: a full disk
{body}
"""


def run_limited(limit: int, body: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-c", FULL_DISK.format(limit=limit, body=body)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )


def test_a_full_disk_while_zipping_leaves_the_old_file_and_no_partial_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    for i in range(3):
        (site / "a" / f"{i}.bin").write_bytes(os.urandom(100_000))  # incompressible: the zip outgrows the limit
    out = tmp_path / "out" / "atlas.zip"
    out.parent.mkdir()
    out.write_bytes(b"the bundle of last week")
    body = (
        f"from caseatlas.site.bundle import write_zip\nfrom caseatlas.site.bundle_site import BundleError\n"
        f"try:\n    write_zip(Path({str(site)!r}), Path({str(out)!r}))\n"
        f"except BundleError as exc:\n    print(exc)\n    sys.exit(1)"
    )
    proc = run_limited(150_000, body, tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "cannot write" in proc.stdout and "File too large" in proc.stdout and "no file was written" in proc.stdout
    assert out.read_bytes() == b"the bundle of last week"
    assert [p.name for p in out.parent.iterdir()] == ["atlas.zip"]


def test_a_full_disk_while_building_exits_1_with_a_message_and_no_file(tmp_path: Path) -> None:
    before = content_hash()
    out = tmp_path / "out" / "atlas.zip"
    out.parent.mkdir()
    body = f"from caseatlas.cli.main import main\nmain(['bundle', '--module', {MODULE!r}, '-o', {str(out)!r}])"
    proc = run_limited(200_000, body, tmp_path)  # Material's scripts alone are larger than that
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: cannot write the bundle's pages to a temporary folder: File too large")
    assert "Traceback" not in proc.stdout + proc.stderr
    assert list(out.parent.iterdir()) == []
    assert content_hash() == before


def test_write_zip_holds_every_file_of_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "cases").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "cases" / "a.html").write_text("<p>a</p>")
    size = write_zip(site, tmp_path / "atlas.zip")
    assert size == (tmp_path / "atlas.zip").stat().st_size
    with zipfile.ZipFile(tmp_path / "atlas.zip") as zf:
        assert zf.namelist() == ["cases/a.html", "index.html"] and zf.read("index.html") == b"<p>home</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.zip", "site"]


@pytest.mark.slow
def test_a_chinese_country_bundle_is_that_countrys_cases_in_chinese_and_loads_nothing_from_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    before = content_hash()
    out = tmp_path / "cn.zip"
    result = CliRunner().invoke(main, ["bundle", "--country", "cn", "--language", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}: cases from China in 'zh', ")
    assert content_hash() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cn.zip"]
    site = tmp_path / "site"
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        zf.extractall(site)
    cases = {n for n in names if n.startswith("cases/") and n != "cases/index.html"}
    cn = {f"cases/{c.id}.html" for c in load_atlas(ROOT / "case_studies").by_country["CN"]}
    assert cases == cn  # just that country's cases, as files (file:// has no directory index)
    assert not any(n.startswith(("find/", "pagefind", "zh/", "id/")) for n in names)
    assert {n for n in names if n.startswith("modules/")} == {"modules/index.html"}  # no module uses only these cases
    assert {"index.html", "glossary.html", "search/search_index.js", "assets/iframe-worker/shim.js"} <= names
    assert offsite_fetches(site) == []
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="zh"' in home and "案例在哪里" in home  # docs/index.zh.md, at the bundle's root
    assert 'class="md-search"' in home and "ca-header-search" not in home  # Material's search, not "Find a case"
    assert "md-select" not in home  # no language menu: the bundle has one language
    assert "十八洞村" in (site / "cases" / "shibadong.html").read_text("utf-8")
    # "save for offline" needs a web server: a bundle has no button, no service worker, no manifest (issue 16)
    assert not any(n == "sw.js" or n.startswith("offline/") for n in names)
    assert "data-offline-save" not in (site / "cases" / "shibadong.html").read_text("utf-8")
    assert 'rel="manifest"' not in home
    index = (site / "search" / "search_index.js").read_text("utf-8")
    assert "cases/shibadong.html" in index and "indonesian-rural-cadre-training" not in index
