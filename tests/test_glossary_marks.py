"""First uses of glossary terms: only in text, outside headings, links, SVG, comments and tag attributes."""

from __future__ import annotations

import re

from caseatlas.atlas.glossary import _trie, mark_first_uses


def marked(html: str) -> list[str]:
    return re.findall(r'<abbr class="ca-term" title="[^"]*" tabindex="0">(.*?)</abbr>', mark_first_uses(html, "en"), re.S)


def test_only_the_first_use_in_text_is_marked() -> None:
    page = (
        '<h2>Cooperatives</h2><p title="cooperatives">x</p><!-- cooperative --><a href="#">cooperative</a>'
        "<svg><text>cooperative</text></svg><p>Two <b>cooperatives</b> and a cooperative.</p>"
    )
    assert marked(page) == ["cooperatives"]
    assert 'title="cooperatives">x</p>' in mark_first_uses(page, "en")  # attributes untouched


def test_nested_skipped_elements_and_self_closing_tags() -> None:
    page = "<a><code>dana desa</code> dana desa</a><br/><p>dana\n desa, then Dana Desa</p>"
    assert marked(page) == ["dana\n desa"]


def test_chinese_terms_need_no_spaces() -> None:
    assert marked("<p>村里的驻村第一书记和合作社</p>")[:1] != []


def test_the_trie_matches_exactly_its_forms_longest_first() -> None:
    forms = ["village", "village fund", "villages", "vine", "v"]
    pattern = re.compile(rf"(?<!\w){_trie(forms)}(?!\w)", re.I)
    for form in forms:
        assert pattern.fullmatch(form), form
    assert pattern.match("village fund").group() == "village fund"
    assert pattern.match("Village   Fund").group() == "Village   Fund"
    assert pattern.match("villag") is None and pattern.match("vines") is None
