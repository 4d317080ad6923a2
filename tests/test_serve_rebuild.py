"""`mkdocs serve`: after an edit to one case, the pages that show it are up to date and the others are not rebuilt.

The rebuilds are made as `mkdocs serve` makes them (site/unchanged.py: dirty rebuilds into the same folder, the
plugin kept between them), on a SYNTHETIC one-language project (scripts/synthetic.py).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType, SimpleNamespace
from typing import Any

import mkdocs.commands.serve
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from caseatlas.site import unchanged
from caseatlas.site.unchanged import dirty_rebuilds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from synthetic import write_project  # noqa: E402

SERVE_URL = "http://127.0.0.1:8765/"
EDITED = "synthetic-00003"


class Serve:
    """The builds of one `mkdocs serve` of `project` into `site`: the first full, the next dirty."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site = project, site
        self.config = self.fresh()
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.plugin: Any = self.config.plugins["caseatlas"]
        build(self.config, serve_url=SERVE_URL)
        self.plugin.indexer.wait()

    def fresh(self) -> MkDocsConfig:
        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> None:
        try:
            build(self.fresh(), serve_url=SERVE_URL, dirty=True)
        finally:
            self.plugin.indexer.wait()  # the search index and offline lists, written in the background

    def rebuild_edited_first(self) -> None:
        """The first of the two rebuilds after an edit to a case (unchanged.dirty_rebuilds): its page only."""
        self.plugin._unchanged.edited_first = True
        try:
            build(self.fresh(), serve_url=SERVE_URL, dirty=True)
        finally:
            self.plugin._unchanged.edited_first = False

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    tmp = tmp_path_factory.mktemp("serve")
    project = write_project(tmp / "project", 40, languages=("en",))
    s = Serve(project, tmp / "site")
    yield s
    s.plugin.indexer.wait()
    s.config.plugins.on_shutdown()


def edit_title(project: Path, case_id: str, old: str, new: str) -> None:
    path = next((project / "case_studies").rglob(f"{case_id}.yaml"))
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def outputs(site: Path) -> dict[str, int]:
    """The written pages (not MkDocs' 404 page, written on every build, nor the offline files) and their mtimes."""
    found = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")}
    return {page: mtime for page, mtime in found.items() if not page.startswith("offline/")}


def test_an_edited_title_is_on_every_page_that_shows_it_and_other_pages_are_kept(serve: Serve) -> None:
    atlas = serve.plugin.pages.atlas
    case = atlas.cases[EDITED]
    old = case.title
    mentioning = {f"cases/{c.id}/index.html" for c in atlas.cases.values() if old in serve.page(f"cases/{c.id}")}
    unrelated = {f"cases/{c.id}/index.html" for c in atlas.cases.values()} - mentioning
    assert unrelated and f"cases/{EDITED}/index.html" in mentioning
    before = outputs(serve.site)

    edit_title(serve.project, EDITED, old, old + " EDITED-TITLE")
    serve.rebuild()

    new = old + " EDITED-TITLE"
    for url in [f"cases/{EDITED}", "cases", f"countries/{case.country.lower()}", f"mechanisms/{case.mechanisms[0]}"]:
        assert new in serve.page(url), url
    for page in mentioning:
        assert new in (serve.site / page).read_text("utf-8"), page
    after = outputs(serve.site)
    rebuilt = {p for p in before if after.get(p) != before[p]}
    assert f"cases/{EDITED}/index.html" in rebuilt and "cases/index.html" in rebuilt
    assert not rebuilt & unrelated, "a page that does not show the edited case was rebuilt"
    # of the case, country and term pages, only those that show the edited case were rendered again
    terms = [f"{kind}/{key}.md" for kind in ("mechanisms", "themes", "sdgs") for key in getattr(case, kind)]
    shown = {p.replace("/index.html", ".md") for p in mentioning} | {f"countries/{case.country.lower()}.md", *terms}
    assert set(serve.plugin._unchanged.rendered.rendered) == shown


def test_after_an_edit_the_case_page_is_written_first_then_the_pages_that_show_it(serve: Serve) -> None:
    atlas = serve.plugin.pages.atlas
    case = atlas.cases["synthetic-00011"]
    old, country = case.title, f"countries/{case.country.lower()}"
    assert old in serve.page(country) and old in serve.page("cases")
    before = outputs(serve.site)
    index_files = {p: p.stat().st_mtime_ns for p in (serve.site / "pagefind").rglob("*") if p.is_file()}
    edit_title(serve.project, case.id, old, old + " FIRST-EDIT")
    assert serve.plugin._unchanged.rendered.edited_cases() == {case.id}

    serve.rebuild_edited_first()
    assert old + " FIRST-EDIT" in serve.page(f"cases/{case.id}")
    after = outputs(serve.site)
    assert {p for p in before if after.get(p) != before[p]} == {f"cases/{case.id}/index.html"}
    assert old + " FIRST-EDIT" not in serve.page(country) and old + " FIRST-EDIT" not in serve.page("cases")
    assert serve.plugin._unchanged.rendered.rendered == [f"cases/{case.id}.md"]
    serve.plugin.indexer.wait()
    assert {p: p.stat().st_mtime_ns for p in (serve.site / "pagefind").rglob("*") if p.is_file()} == index_files
    assert serve.plugin._unchanged.rendered.edited_cases() == set()

    serve.rebuild()  # the second: the pages that show the case, and the search index
    for url in (country, "cases", f"mechanisms/{case.mechanisms[0]}"):
        assert old + " FIRST-EDIT" in serve.page(url), url
    assert f"cases/{case.id}.md" not in serve.plugin._unchanged.rendered.rendered  # already up to date
    changed = {p for p in index_files if not p.is_file() or p.stat().st_mtime_ns != index_files[p]}
    assert changed or set((serve.site / "pagefind").rglob("*")) - set(index_files), "the index was not written"


def test_a_rebuild_without_an_edit_renders_and_rebuilds_nothing(serve: Serve) -> None:
    before = outputs(serve.site)
    serve.rebuild()
    assert serve.plugin._unchanged.rendered.rendered == []
    assert outputs(serve.site) == before


def test_a_case_with_a_problem_fails_the_rebuild_and_the_next_one_recovers(
    serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    path = next((serve.project / "case_studies").rglob("synthetic-00007.yaml"))
    text = path.read_text("utf-8")
    path.write_text(text.replace("\nsummary:", "\nsummary_typo:", 1), "utf-8")
    with pytest.raises(Abort):  # MkDocs' serve shows the error and keeps serving the previous site
        serve.rebuild()
    assert "synthetic-00007.yaml" in caplog.text and "summary" in caplog.text
    assert "SYNTHETIC case 00007" in serve.page("cases/synthetic-00007")  # the previous page is still served
    path.write_text(text.replace("SYNTHETIC case 00007", "SYNTHETIC case 00007 FIXED", 1), "utf-8")
    serve.rebuild()
    assert "SYNTHETIC case 00007 FIXED" in serve.page("cases/synthetic-00007")


def serve_like(get_config: Callable[[], Any], serve_url: str) -> Callable[[], None]:
    def builder() -> None:  # as MkDocs' serve builds: a fresh configuration, then build()
        get_config(), serve_url

    return builder


def builder_code() -> CodeType:
    """The code of the `builder` function inside MkDocs' `serve` (the one the plugin replaces)."""
    found = [c for c in mkdocs.commands.serve.serve.__code__.co_consts if isinstance(c, CodeType) and c.co_name == "builder"]
    assert len(found) == 1
    return found[0]


def test_mkdocs_serve_builder_is_the_one_dirty_rebuilds_reads() -> None:
    assert {"get_config", "serve_url"} <= set(builder_code().co_freevars)


def test_serve_rebuilds_are_dirty_until_mkdocs_yml_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: t\n", "utf-8")
    calls: list[bool] = []
    monkeypatch.setattr(unchanged, "build", lambda config, serve_url, dirty: calls.append(dirty))

    builder = serve_like(lambda: SimpleNamespace(site_url=None), SERVE_URL)
    server: Any = SimpleNamespace(builder=builder)
    config: Any = SimpleNamespace(config_file_path=str(config_file), theme=SimpleNamespace(custom_dir=None))
    assert dirty_rebuilds(server, builder, config)
    server.builder()
    config_file.write_text("site_name: t2\n", "utf-8")
    server.builder()
    server.builder()
    assert calls == [True, False, True]

    other: Any = SimpleNamespace(builder=print)
    assert not dirty_rebuilds(other, print, config) and other.builder is print


def test_an_edit_to_a_case_is_served_after_a_first_rebuild_then_again_after_the_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The browsers reload after the first rebuild (the site is served again then), and once more after the second."""
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: t\n", "utf-8")
    server: Any = SimpleNamespace(_epoch_cond=threading.Condition(), _visible_epoch=100, _wanted_epoch=200)
    files: Any = SimpleNamespace(edited_first=False, previous={"cases/a.md": ("x", True)}, rendered=SimpleNamespace())
    edited: list[set[str]] = [{"a"}]
    files.rendered.edited_cases = lambda: edited[0]
    seen: list[tuple[bool, bool, int]] = []

    def build_like(config: Any, serve_url: str, dirty: bool) -> None:
        seen.append((dirty, files.edited_first, server._visible_epoch))

    monkeypatch.setattr(unchanged, "build", build_like)
    builder = serve_like(lambda: SimpleNamespace(site_url=None), SERVE_URL)
    config: Any = SimpleNamespace(config_file_path=str(config_file), theme=SimpleNamespace(custom_dir=None))
    assert dirty_rebuilds(server, builder, config, files)
    server.builder()
    # the first rebuild while the site waits (epoch 100 shown), the second once the first is served (200)
    assert seen == [(True, True, 100), (True, False, 200)]
    assert server._wanted_epoch == 201  # MkDocs shows it when the builder returns: the browsers reload again
    edited[0] = set()
    seen.clear()
    server.builder()  # no case edited (a module, a page): one rebuild
    assert seen == [(True, False, 200)]


def test_an_edited_case_file_counts_and_a_deleted_one_is_forgotten(tmp_path: Path) -> None:
    from caseatlas.core.file_cache import stamp

    pages = unchanged.RenderedPages()
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n", "utf-8")
    pages._own["a"] = (path, stamp(path))  # as recorded when the case's page was rendered
    assert pages.edited_cases() == set()
    path.write_text("id: a\ntitle: edited\n", "utf-8")
    assert pages.edited_cases() == {"a"}
    path.unlink()
    assert pages.edited_cases() == set() and "a" not in pages._own  # no first rebuild for it, now or later
