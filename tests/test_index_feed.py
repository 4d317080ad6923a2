"""The search index fed page by page (search/index_feed.py): what is sent, where it is written, how it fails."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from caseatlas.search.facets import CaseSearchData, mark_case
from caseatlas.search.index_feed import IndexFeed, indexed_part, without_article, write_bundle
from caseatlas.search.pagefind_service import SearchIndexError

PAGE = (
    '<!doctype html><html lang="{lang}" class="no-js"><head><title>t</title></head>'
    "<body><nav>Menu words</nav>{body}<footer>Footer</footer></body></html>"
)


def case_page(lang: str, title: str, text: str, country: str = "Indonesia") -> str:
    data = CaseSearchData({"country": [country]}, {"title": title}, [("", f"{title} catalogue")])
    return PAGE.format(lang=lang, body=mark_case(f"<h1>{title}</h1><p>{text}</p>", data))


def fragments(bundle: Path) -> list[dict[str, object]]:
    out = []
    for path in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        out.append(json.loads(data[len("pagefind_dcd") :]))
    return out


def test_only_the_marked_part_of_a_marked_page_is_sent() -> None:
    page = case_page("zh", "十八洞村", "精准扶贫")
    part = indexed_part(page)
    assert part is not None
    assert part.startswith('<html lang="zh" class="no-js"><body><div data-pagefind-body>') and part.endswith("</body></html>")
    assert "Menu words" not in part and "Footer" not in part and "<title>" not in part
    assert 'data-pagefind-filter="country:Indonesia"' in part  # the hidden facets after the body ride along
    assert indexed_part(PAGE.format(lang="en", body="<h1>Home</h1>")) is None


def test_the_catalogue_is_sent_no_article() -> None:
    part = indexed_part(case_page("en", "Desa Cerdas", "Pelatihan koperasi"))
    assert part is not None
    record = without_article(part)
    assert "Pelatihan koperasi" not in record and "ca-article" not in record
    assert record.replace("\n", "") == part.replace("\n", "").replace(
        '<div class="ca-article"><h1>Desa Cerdas</h1><p>Pelatihan koperasi</p></div>', ""
    )
    assert 'data-pagefind-filter="country:Indonesia"' in record and "Desa Cerdas catalogue" in record
    assert without_article("<html><body><p>no marks</p></body></html>") == "<html><body><p>no marks</p></body></html>"
    pictured = indexed_part(case_page("en", "Desa Cerdas", '<img src="/a.png" alt="Chart">'))
    assert pictured is not None and without_article(pictured) == pictured  # its image is the record's metadata


def test_fed_pages_are_written_in_both_indexes_with_their_addresses(tmp_path: Path) -> None:
    feed = IndexFeed()
    feed.add_page(case_page("en", "Desa Cerdas", "Pelatihan koperasi"), "cases/desa/index.html")
    feed.add_page(case_page("zh", "十八洞村", "精准扶贫"), "zh/cases/shibadong/index.html")
    feed.add_page(PAGE.format(lang="en", body="<h1>Home</h1><p>Unmarked words</p>"), "index.html")  # not sent
    report = feed.write(tmp_path)
    assert (report.pages, report.languages) == (2, 2)
    assert report.bundles == [tmp_path / "pagefind", tmp_path / "pagefind-text"]
    for bundle in report.bundles:
        assert (bundle / "pagefind.js").is_file() and not list(bundle.glob("pagefind-ui*"))
        assert not list(bundle.glob("pagefind-highlight.js"))
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"en": 1, "zh": 1}
    catalogue = {f["url"]: f for f in fragments(tmp_path / "pagefind")}
    text = {f["url"]: f for f in fragments(tmp_path / "pagefind-text")}
    assert set(catalogue) == set(text) == {"/cases/desa/", "/zh/cases/shibadong/"}
    assert catalogue["/cases/desa/"]["content"] == "Desa Cerdas catalogue."  # the record, not the article
    assert "Pelatihan koperasi" in str(text["/cases/desa/"]["content"])
    assert "catalogue" not in str(text["/cases/desa/"]["content"]) and "Menu" not in str(text["/cases/desa/"]["content"])
    assert text["/zh/cases/shibadong/"]["filters"] == {"country": ["Indonesia"]}
    assert text["/cases/desa/"]["meta"] == {"title": "Desa Cerdas"}


def test_the_same_pages_as_when_pagefind_reads_the_built_site(tmp_path: Path) -> None:
    """The fragments (each page's text, metadata and filters, named by their hash) are the files the binary writes."""
    from caseatlas.search.indexer import index_site

    pages = {  # an image (kept whole) and headings (the article cut): the catalogue must match either way
        "cases/a/index.html": case_page(
            "en", "Alpha village", 'Cooperative training.</p><h2>Figures</h2><p><img src="/a.png" alt="Chart">'
        ),
        "id/cases/a/index.html": case_page("id", "Desa Alpha", "Pelatihan koperasi.</p><h2>Angka</h2><p>Tahun 2019."),
        "index.html": PAGE.format(lang="en", body="<h1>Home</h1>"),
    }
    built = tmp_path / "built"
    for path, html in pages.items():
        (built / path).parent.mkdir(parents=True, exist_ok=True)
        (built / path).write_text(html, "utf-8")
    index_site(built)
    feed = IndexFeed()
    for path, html in pages.items():
        feed.add_page(html, path)
    feed.write(tmp_path / "fed")
    for bundle in ("pagefind", "pagefind-text"):
        assert sorted(p.name for p in (built / bundle / "fragment").iterdir()) == sorted(
            p.name for p in (tmp_path / "fed" / bundle / "fragment").iterdir()
        )
        written, fed = _files(built / bundle), _files(tmp_path / "fed" / bundle)
        assert written.keys() == fed.keys()  # every file, the index chunks, filters and metadata included
        assert [name for name in written if _unzipped(written[name]) != _unzipped(fed[name])] == []


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _unzipped(data: bytes) -> object:
    if data[:1] == b"{":  # pagefind-entry.json: its languages come in any order
        return json.loads(data)
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_every_file_is_whole_when_the_build_goes_on(tmp_path: Path) -> None:
    """Pagefind's process ends as soon as the files are handed over: each is complete, none empty or cut short."""
    feed = IndexFeed()
    for n in range(200):
        feed.add_page(case_page("en", f"Village {n}", f"Cooperative {n} training words {n * 7}"), f"cases/v{n}/index.html")
    report = feed.write(tmp_path)
    assert report.pages == 200
    for bundle in report.bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        assert entry["languages"]["en"]["page_count"] == 200
        assert len(fragments(bundle)) == 200
        for path in bundle.rglob("*.pf_*"):
            assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path


def test_a_file_named_outside_the_index_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="outside its folder"):
        write_bundle([("../escape.js", b"x")], tmp_path / "pagefind")
    assert not (tmp_path / "escape.js").exists()


def test_a_missing_binary_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-binary"))
    with pytest.raises(SearchIndexError, match=r"the Pagefind binary was not found \(hint: install the project again"):
        IndexFeed().add_page(case_page("en", "A", "b"), "cases/a/index.html")


def test_a_pagefind_that_fails_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(SearchIndexError, match=r"^Pagefind could not be started: it stopped \(exit 1\)$"):
        IndexFeed().add_page(case_page("en", "A", "b"), "cases/a/index.html")


def test_a_pagefind_killed_during_the_build_fails_it_with_what_happened(tmp_path: Path) -> None:
    feed = IndexFeed()
    feed.add_page(case_page("en", "A", "b"), "cases/a/index.html")
    for pid in feed.service_pids:
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(SearchIndexError, match=r"Pagefind \(pagefind(-text)?\) failed to .*: it stopped \(exit -9\)"):
        for i in range(200):  # the next pages, or the write, find it gone
            feed.add_page(case_page("en", f"A{i}", "b"), f"cases/a{i}/index.html")
            time.sleep(0.01)
        feed.write(tmp_path)
    assert not feed.service_pids and not (tmp_path / "pagefind").exists()


CHILD = """
import sys
from caseatlas.search.index_feed import IndexFeed
from tests.test_index_feed import case_page
feed = IndexFeed()
feed.add_page(case_page("en", "A", "b"), "cases/a/index.html")
print(*feed.service_pids, flush=True)
sys.stdin.read()
"""


def test_pagefind_dies_with_a_killed_build() -> None:
    root = Path(__file__).resolve().parent.parent
    parent = subprocess.Popen([sys.executable, "-c", CHILD], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(pids) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for pid in pids:
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            with open(f"/proc/{pid}/stat") as fh:  # a zombie waiting for init to reap it is gone too
                if fh.read().split(") ")[1].startswith("Z"):
                    break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            pytest.fail("a Pagefind service outlived its killed build")


def test_a_build_whose_pagefind_fails_stops_with_one_message_and_keeps_the_previous_site(project: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site", "utf-8")
    env = os.environ | {"PAGEFIND_BINARY_PATH": "/bin/false"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    proc = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    assert "ERROR   -  caseatlas: search index: Pagefind could not be started: it stopped (exit 1)\n" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout and "exception" not in proc.stderr
    assert (project / "site" / "index.html").read_text("utf-8") == "the previous site"


def test_the_site_indexer_feeds_a_build_and_reads_the_folder_in_serve_dirty(tmp_path: Path) -> None:
    from caseatlas.site.finishing import SiteIndexer

    indexer = SiteIndexer()
    indexer.start(feed=True)
    indexer.add_page(case_page("en", "Desa", "koperasi"), "cases/desa/index.html")
    indexer.add_page(case_page("en", "Other", "x"), None)  # a page page_content did not mark: not sent
    indexer.index(tmp_path / "fed", background=False, marked=1)
    entry = json.loads((tmp_path / "fed" / "pagefind-text" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == 1
    # `serve --dirty`: nothing fed; Pagefind reads the site folder in the background, after the build returns.
    site = tmp_path / "dirty"
    (site / "cases" / "desa").mkdir(parents=True)
    (site / "cases" / "desa" / "index.html").write_text(case_page("en", "Desa", "koperasi"), "utf-8")
    indexer.start(feed=False)
    indexer.index(site, background=True, marked=1)
    assert indexer._thread is not None
    indexer._thread.join(120)
    assert json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))["languages"]["en"]["page_count"] == 1
    # A build that marked no page writes no index.
    indexer.start(feed=True)
    indexer.index(tmp_path / "none", background=False, marked=0)
    assert not (tmp_path / "none").exists()
