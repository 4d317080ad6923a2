"""Words Material's built-in search must keep whole when it segments Chinese text with jieba.

jieba splits 十八洞村 into 十八 / 洞村, so a search for 十八洞 would not find it. The
place and programme names cases give in Chinese (`names: {zh: …}`) and the
Chinese glossary terms are added to jieba's dictionary before the index is built.
"""

from __future__ import annotations

import re

from caseatlas.atlas.glossary import load_glossary
from caseatlas.atlas.model import Atlas

try:
    import jieba
except ImportError:  # pragma: no cover - jieba is a dependency; without it Material does not segment at all
    jieba = None

_HAN = re.compile(r"[\u3400-\u9fff]+")


def chinese_words(atlas: Atlas) -> set[str]:
    words = {
        name
        for case in atlas.cases.values()
        for lang, name in (case.data.get("names") or {}).items()
        if lang.split("-")[0] == "zh"
    }
    for term in load_glossary():
        words.update(term.forms.get("zh", []))
    return {w for w in words if _HAN.fullmatch(w) and len(w) > 1}


def add_search_words(atlas: Atlas, lang: str) -> None:
    """Teach jieba the atlas's Chinese names and terms (in every build: Material segments Han text in any language)."""
    if jieba is None:
        return
    for word in sorted(chinese_words(atlas)):
        jieba.add_word(word)
