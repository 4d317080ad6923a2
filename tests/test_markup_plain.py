"""The shortcut for plain text in markup.to_html gives what markdown-it-py gives, on generated and on real text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from caseatlas.core import markup

ROOT = Path(__file__).resolve().parent.parent

# Letters of three scripts, digits, every ASCII mark, spaces of several kinds, line breaks, and a few look-alikes.
ALPHABET = st.sampled_from(
    list("abcXYZ éüñ十八洞村")
    + list("0123456789")
    + list(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    + ["\t", "\n", "\r", "\u00a0", "\u2028", "\u3000", "\x00", "\u2014", "\u201c", "\u2019", "&amp;", "1.", "# ", "> "]
)


def markdown_it(text: str) -> str:
    return str(markup._converter().render(text))


@settings(max_examples=3000, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_the_shortcut_is_markdown_its_own_output(text: str) -> None:
    plain = markup._plain_paragraph(text)
    if plain is not None:
        assert plain == markdown_it(text)
    assert markup.to_html(text) == markdown_it(text)


def test_the_shortcut_is_taken_for_plain_text_and_not_for_markdown() -> None:
    assert markup._plain_paragraph('Village heads "learned" by doing: 3 days, 40% of 1,300 yuan.') is not None
    assert markup._plain_paragraph("十八洞村的苗绣") is not None
    for text in ("*a*", "a_b", "[a](b)", "a <b>", "a &amp; b", "a\nb", " a", "1. a", "- a", "# a", "a\\b", "a  \n"):
        assert markup._plain_paragraph(text) is None, text


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_every_text_of_the_real_cases_renders_as_markdown_it_renders_it() -> None:
    texts = {
        t for path in sorted((ROOT / "case_studies").rglob("*.yaml")) for t in strings(yaml.safe_load(path.read_text("utf-8")))
    }
    shortcut = [t for t in texts if markup._plain_paragraph(t) is not None]
    assert len(texts) > 1000 and len(shortcut) > len(texts) / 4, (len(texts), len(shortcut))
    assert [t for t in texts if markup.to_html(t) != markdown_it(t)] == []
