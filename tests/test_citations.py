"""Citation numbers with their quotes: numbered as the source list, quotes escaped, anchors that exist."""

from __future__ import annotations

import re
from pathlib import Path

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.render.citations import Citations
from caseatlas.render.pages import Renderer


def test_each_cite_links_to_its_quote_in_the_source_list() -> None:
    atlas = load_atlas(Path("case_studies"))
    page = Renderer(atlas).case(atlas.cases["qianhe"]).content
    targets = set(re.findall(r'<a href="#(quote-\d+)" aria-describedby="(tip-\d+)"', page))
    assert len(targets) >= 8
    for qid, tip in targets:
        assert f'<li id="{qid}"><q>' in page and f'id="{tip}"' in page
    assert len(re.findall(r'id="(tip-\d+)"', page)) == len(set(re.findall(r'id="(tip-\d+)"', page)))  # ids unique
    assert "to more than 18,000 yuan today" in page


def test_a_quote_is_escaped_for_html_and_markdown() -> None:
    data = {"sources": [{"id": "s"}], "timeline": [{"source": "s", "quote": "<script>x()</script> | *b* [l](javascript:x)"}]}
    c = Citations(data)
    html = str(c.cite("s", data["timeline"][0]["quote"]))
    assert "<script>" not in html and "|" not in html and "*b*" not in html and "](" not in html
    assert "&lt;script&gt;" in html
    assert c.cite("s") == '<sup class="ca-cite"><a href="#source-s">[1]</a></sup>'  # no quote: the source
    assert [qid for qid, _ in c.quotes_of("s")] == ["quote-1"]
