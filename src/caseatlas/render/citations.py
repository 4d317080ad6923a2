"""Citation numbers on a case page, each showing the quote it stands for.

A citation with a quote is a link to that quote in the numbered source list (a tap on a phone
goes there, and the quote is highlighted); on hover or keyboard focus the quote also shows beside
the number, as a tooltip the number's link is described by. Quotes are contributor text:
escaped for HTML and Markdown (markup.inline) like every short field.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from markupsafe import Markup

from caseatlas.core.markup import inline


class Citations:
    """Source numbers and quote anchors of one case; `cite` is called by its page's template."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.number = {s["id"]: i for i, s in enumerate(data.get("sources", []), 1)}
        self._quotes: dict[tuple[str, str], str] = {}
        for item in _cited(data):
            self._quotes.setdefault((item["source"], item["quote"]), f"quote-{len(self._quotes) + 1}")
        self._tips = count(1)

    def quotes_of(self, source_id: str) -> list[tuple[str, Markup]]:
        """(anchor id, escaped quote) of every quote the case takes from that source, in page order."""
        return [(qid, inline(q)) for (sid, q), qid in self._quotes.items() if sid == source_id]

    def cite(self, source_id: str, quote: str | None = None) -> Markup:
        n = self.number[source_id]
        qid = self._quotes.get((source_id, quote)) if quote else None
        if qid is None:
            return Markup(f'<sup class="ca-cite"><a href="#source-{source_id}">[{n}]</a></sup>')
        tip = f"tip-{next(self._tips)}"
        return Markup(
            f'<sup class="ca-cite"><a href="#{qid}" aria-describedby="{tip}">[{n}]</a>'
            f'<span class="ca-quote-tip" role="tooltip" id="{tip}">“{inline(quote)}”</span></sup>'
        )


def _cited(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every item that names a source and quotes it, in the order the page shows them."""
    items = [*data.get("actors", []), *data.get("approach", []), *data.get("timeline", [])]
    for ind in data.get("indicators", []):
        items += sorted(ind.get("values", []), key=lambda v: v.get("year", 0))
    return [i for i in items if isinstance(i.get("source"), str) and isinstance(i.get("quote"), str)]
