"""Generated pages rendered straight to HTML (render/html_pages.py, site/html_page.py).

The ids, permalinks and table of contents must be what Python-Markdown's toc extension gives the same headings,
so links to `page.md#section` and the theme's table of contents are unchanged; `caseatlas render` writes the
same pages as Markdown whose headings another generator's table of contents sees.
"""

from __future__ import annotations

import markdown
import pytest

from caseatlas.render.html_pages import finish, resolve_links, to_markdown
from caseatlas.render.pages import Page, markdown_of

HEADINGS = [
    "At a glance",
    "At a glance",  # a second one gets _1, as in Python-Markdown
    "Ghana&#39;s LEAP &#40;2008&#41;",
    "概况",  # no ASCII letters: the slug is empty
    "概况",
    'Žlutý kůň – <span lang="id">Desa</span>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


def python_markdown(html_body: str) -> tuple[str, list[dict[str, object]]]:
    md = markdown.Markdown(extensions=["toc", "md_in_html"], extension_configs={"toc": {"permalink": True}})
    out = md.convert(html_body)
    return out, md.toc_tokens  # type: ignore[attr-defined]


@pytest.mark.parametrize("level", [1, 2, 3])
def test_ids_and_permalinks_are_python_markdowns(level: int) -> None:
    source = "\n\n".join(f"{'#' * level} {h}" for h in HEADINGS)
    expected, expected_tokens = python_markdown(source)
    ours = finish("\n".join(f"<h{level}>{h}</h{level}>" for h in HEADINGS))
    assert ours.html.split("\n") == expected.split("\n")
    assert ours.toc_tokens == expected_tokens


def test_title_toc_and_anchor_ids() -> None:
    page = finish('<h1>A &amp; B</h1>\n<p id="note">x</p>\n<h2>One</h2>\n<h3>Sub</h3>\n<h2 id="kept">Two</h2>')
    assert page.title == "A &amp; B"  # as the theme prints it, entities kept
    [top] = page.toc_tokens
    assert [c["id"] for c in top["children"]] == ["one", "kept"]
    assert [c["id"] for c in top["children"][0]["children"]] == ["sub"]
    assert page.anchor_ids == {"a-b", "note", "one", "sub", "kept"}
    assert '<h2 id="kept">Two<a class="headerlink" href="#kept"' in page.html


def test_no_permalinks_for_print() -> None:
    assert finish("<h2>One</h2>", permalinks=False).html == '<h2 id="one">One</h2>'


@pytest.mark.parametrize(
    ("src_uri", "href", "expected"),
    [
        ("cases/qianhe.md", "../countries/cn.md", "../../countries/cn/"),
        ("cases/qianhe.md", "../countries/cn.md#x", "../../countries/cn/#x"),
        ("cases/qianhe.md", "../index.md", "../../"),
        ("cases/index.md", "qianhe.md", "qianhe/"),
        ("modules/m/index.md", "../../cases/a.md", "../../cases/a/"),
        ("cases/qianhe.md", "https://example.org/a.md", "https://example.org/a.md"),
        ("cases/qianhe.md", "#source-1", "#source-1"),
    ],
)
def test_links_to_pages_become_their_urls(src_uri: str, href: str, expected: str) -> None:
    assert resolve_links(f'<a href="{href}">x</a>', src_uri) == f'<a href="{expected}">x</a>'


def test_links_without_directory_urls() -> None:
    assert resolve_links('<a href="../countries/cn.md">x</a>', "cases/qianhe.md", False) == '<a href="../countries/cn.html">x</a>'


def test_markdown_for_other_generators_has_markdown_headings() -> None:
    body = '<h1>Title</h1>\n<div class="ca-prose">\n<p>a</p>\n\n<p>b</p>\n</div>\n<h2>At a glance</h2>\n<ul>\n<li>x</li>\n</ul>'
    text = to_markdown(body)
    assert text.startswith("# Title\n\n<div")
    assert "\n\n## At a glance\n\n<ul>" in text
    assert "<p>a</p>\n<p>b</p>" in text  # a blank line would end the HTML block early
    md = markdown.Markdown(extensions=["toc"])
    html = md.convert(text)
    assert [t["name"] for t in md.toc_tokens[0]["children"]] == ["At a glance"]  # type: ignore[attr-defined]
    assert "<li>x</li>" in html


def test_render_output_of_an_html_page() -> None:
    page = Page("cases/a.md", '<h1>A</h1>\n<p><a href="../countries/cn.md">China</a></p>\n', html=True)
    assert markdown_of(page) == '# A\n\n<p><a href="../../countries/cn/">China</a></p>\n'
    assert markdown_of(Page("x.md", "# X\n")) == "# X\n"


def test_mkdocs_takes_an_html_page_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Python-Markdown conversion for a generated HTML page: its body, title and table of contents are ours."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import get_navigation

    from caseatlas.site.html_page import HtmlPage, use_html_pages

    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": ".", "site_dir": "/nonexistent"})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = None  # as during a build: File.generated records which plugin made the file
    body = '<h1>Qianhe</h1>\n<h2>At a glance</h2>\n<p><a href="../countries/cn.md">China</a></p>\n'
    files = Files([File.generated(config, "cases/qianhe.md", content=body), File.generated(config, "hand.md", content="# H\n")])
    nav = get_navigation(files, config)
    use_html_pages(nav, files, {"cases/qianhe.md"})
    page, hand = files.get_file_from_path("cases/qianhe.md").page, files.get_file_from_path("hand.md").page  # type: ignore[union-attr]
    assert type(page) is HtmlPage and type(hand) is not HtmlPage

    def no_markdown(*args: object, **kwargs: object) -> None:
        raise AssertionError("Python-Markdown was used")

    monkeypatch.setattr(markdown.Markdown, "convert", no_markdown)
    page.read_source(config)
    page.render(config, files)
    assert page.title == "Qianhe"
    assert [(t.title, t.id) for t in list(page.toc)[0].children] == [("At a glance", "at-a-glance")]
    assert '<a href="../../countries/cn/">China</a>' in page.content
    assert page.present_anchor_ids == {"qianhe", "at-a-glance"}


def test_an_override_of_a_template_that_became_html_is_an_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from caseatlas.render.pages import TemplateError, environment

    (tmp_path / "caseatlas").mkdir()
    (tmp_path / "caseatlas" / "matrix.md.j2").write_text("# still Markdown\n", "utf-8")
    environment(str(tmp_path))  # a Markdown template that still exists: fine
    (tmp_path / "caseatlas" / "case.md.j2").write_text("# {{ case.data.title }}\n", "utf-8")
    environment.cache_clear()
    with pytest.raises(TemplateError, match=r"case\.md\.j2: this page is now rendered from caseatlas/case\.html\.j2"):
        environment(str(tmp_path))
    environment.cache_clear()


def test_a_heading_inside_a_div_still_reaches_the_table_of_contents() -> None:
    body = (
        '<h1>T</h1>\n<div class="ca-links" data-pagefind-ignore>\n<h2>Elsewhere</h2>\n<ul>\n<li>a</li>\n</ul>\n</div>\n'
        '<h2>Sources</h2>\n<div class="ca-prose"><p>s</p></div>'
    )
    text = to_markdown(body)
    assert "ca-links" not in text and text.count("</div>") == 1
    md = markdown.Markdown(extensions=["toc"])
    md.convert(text)
    assert [t["name"] for t in md.toc_tokens[0]["children"]] == ["Elsewhere", "Sources"]  # type: ignore[attr-defined]
