"""Save for offline (offline_save.py): what each item lists, the search index files of a language, the worker's
build revision, on a small site written here (the browser tests, tests/browser/test_offline.py, use the real one)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from caseatlas.core.strings import strings
from caseatlas.site.offline_save import PAGE_SCRIPT, search_index_files, write_offline_files

ROOTS = {"en": "", "zh": "zh/", "id": "id/"}


def page(site: Path, url: str, title: str, body: str = "") -> None:
    depth = url.count("/")
    up = "../" * depth
    (site / url).mkdir(parents=True, exist_ok=True)
    (site / url / "index.html").write_text(
        f'<html><head><title>{title} - Case Atlas</title><link rel="stylesheet" href="{up}assets/site.css">'
        f'<link rel="alternate" href="{up}zh/{url}" hreflang="zh"><link rel="canonical" href="https://example.org/{url}">'
        f'</head><body>{body}<img src="{up}assets/map.svg"><script src="https://cdn.example.org/x.js"></script>'
        f'<script src="{up}{PAGE_SCRIPT}" defer></script></body></html>',
        "utf-8",
    )


def fragment(path: Path, url: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps({"url": url}).encode()))


def small_site(site: Path) -> Path:
    (site / "assets").mkdir(parents=True)
    (site / "assets/site.css").write_text("body{}", "utf-8")
    (site / "assets/map.svg").write_text("<svg/>", "utf-8")
    for root in ROOTS.values():
        for url in ("modules/m1/", "modules/m1/handout/", "cases/a/", "cases/b/", "cases/c/", "glossary/", "find/"):
            page(site, root + url, f"{root or 'en'} {url} &amp; more")
        (site / f"{root}sitemap.xml").write_text("<urlset/>", "utf-8")
    bundle = site / "pagefind"
    bundle.mkdir()
    (bundle / "pagefind-entry.json").write_text(
        json.dumps(
            {
                "languages": {
                    "en": {"hash": "en_1", "wasm": "en"},
                    "zh": {"hash": "zh_2", "wasm": None},
                    "id": {"hash": "id_3", "wasm": "id"},
                }
            }
        )
    )
    for name in (
        "pagefind.js",
        "pagefind-worker.js",
        "wasm.en.pagefind",
        "wasm.id.pagefind",
        "wasm.unknown.pagefind",
        "pagefind.en_1.pf_meta",
        "pagefind.zh_2.pf_meta",
        "pagefind.id_3.pf_meta",
    ):
        (bundle / name).write_bytes(name.encode())
    for lang in ROOTS:
        (bundle / "index").mkdir(exist_ok=True)
        (bundle / f"index/{lang}_aa.pf_index").write_bytes(b"x" * 10)
        (bundle / "filter").mkdir(exist_ok=True)
        (bundle / f"filter/{lang}_bb.pf_filter").write_bytes(b"y")
        for case in "abc":
            fragment(bundle / f"fragment/{lang}_{case}.pf_fragment", f"/{ROOTS[lang]}cases/{case}/")
    return site


def test_a_languages_search_index_is_its_own_files_and_the_shared_scripts(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    zh = search_index_files(site, "zh", "zh/", ROOTS)
    assert "pagefind/pagefind.js" in zh and "pagefind/wasm.unknown.pagefind" in zh and "pagefind/pagefind.zh_2.pf_meta" in zh
    assert "pagefind/index/zh_aa.pf_index" in zh and "pagefind/filter/zh_bb.pf_filter" in zh
    assert not [f for f in zh if "en_" in f or "id_" in f or "wasm.en" in f or "wasm.id" in f]
    assert sorted(f for f in zh if f.endswith(".pf_fragment")) == [f"pagefind/fragment/zh_{c}.pf_fragment" for c in "abc"]
    en = search_index_files(site, "en", "", ROOTS, pages={"cases/a/"})  # the default language: at the root
    assert [f for f in en if f.endswith(".pf_fragment")] == ["pagefind/fragment/en_a.pf_fragment"]
    assert "pagefind/wasm.en.pagefind" in en and "pagefind/wasm.unknown.pagefind" not in en


def test_each_item_lists_its_pages_and_the_common_list_what_every_item_needs(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    report = write_offline_files(site, ROOTS, {"m1": ["a", "b"]}, ["a", "b", "c"])
    module = json.loads((site / "offline/id/module/m1.json").read_text("utf-8"))
    assert [e["u"] for e in module["files"]] == ["id/modules/m1/", "id/modules/m1/handout/", "id/cases/a/", "id/cases/b/"]
    assert module["title"] == "id/ modules/m1/ & more" and module["url"] == "id/modules/m1/"
    assert all(len(e["r"]) == 16 and e["s"] > 0 for e in module["files"])
    case = json.loads((site / "offline/zh/case/c.json").read_text("utf-8"))
    assert [e["u"] for e in case["files"]] == ["zh/cases/c/"]
    common = [e["u"] for e in json.loads((site / "offline/zh/common.json").read_text("utf-8"))["files"]]
    assert {
        "zh/glossary/",
        "zh/find/",
        "assets/site.css",
        "assets/map.svg",
        PAGE_SCRIPT,
        "sitemap.xml",
        "zh/sitemap.xml",
        "id/sitemap.xml",
    } <= set(common)
    assert not [u for u in common if "example.org" in u or u.startswith("zh/cases/")]  # other hosts, alternates
    assert report.items == 3 * 4 and set(report.sizes) == {f"{lang}:module/m1" for lang in ROOTS}
    worker = (site / "sw.js").read_text("utf-8")
    assert f'const BUILD = "{report.build}"' in worker and '"zh/": "zh"' in worker
    assert "offline/not-saved.zh.html" in worker and "__PRECACHE__" not in worker.split("const PRECACHE")[1][:200]
    script = (site / PAGE_SCRIPT).read_text("utf-8")
    assert f'"{report.build}"' in script and strings("id")["offline_done"] in script
    for name in (
        "workbox-sw.js",
        "workbox-core.prod.js",
        "workbox-precaching.prod.js",
        "workbox-routing.prod.js",
        "workbox-strategies.prod.js",
        "LICENSE",
    ):
        assert (site / "offline/workbox" / name).is_file()


def test_a_changed_page_changes_the_build_and_only_its_revision(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    first = write_offline_files(site, ROOTS, {"m1": ["a"]}, ["a"])
    before = {e["u"]: e["r"] for e in json.loads((site / "offline/en/module/m1.json").read_text())["files"]}
    again = write_offline_files(site, ROOTS, {"m1": ["a"]}, ["a"])
    assert again.build == first.build  # the same site: the same build, no refresh on the phone
    (site / "cases/a/index.html").write_text((site / "cases/a/index.html").read_text() + "<p>corrected</p>")
    third = write_offline_files(site, ROOTS, {"m1": ["a"]}, ["a"])
    after = {e["u"]: e["r"] for e in json.loads((site / "offline/en/module/m1.json").read_text())["files"]}
    assert third.build != first.build
    assert [u for u in before if before[u] != after[u]] == ["cases/a/"]


def test_the_not_saved_page_and_the_manifest_speak_the_readers_language(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    write_offline_files(site, ROOTS, {}, ["a"])
    for lang, root in ROOTS.items():
        t = strings(lang)
        text = (site / f"offline/not-saved.{lang}.html").read_text("utf-8")
        assert f'<html lang="{lang}">' in text and t["offline_not_saved_title"] in text and "<!--saved-list-->" in text
        manifest = json.loads((site / f"offline/manifest.{lang}.webmanifest").read_text("utf-8"))
        assert manifest["start_url"] == "../" + root and manifest["scope"] == "../" and manifest["display"] == "standalone"
        assert {i["sizes"] for i in manifest["icons"]} >= {"192x192", "512x512"}
        for icon in manifest["icons"]:
            assert (site / "offline" / icon["src"]).is_file()


def test_every_language_has_every_offline_word() -> None:
    keys = {k for k in strings("en") if k.startswith("offline_")}
    assert len(keys) >= 20
    for lang in ("zh", "id"):
        from caseatlas.core.strings import _all

        assert keys <= set(_all()[lang]), keys - set(_all()[lang])
