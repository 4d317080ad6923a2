"""Charts as inline SVG, drawn at build time: no JavaScript, no request, legible in print and dark mode.

Every chart is `role="img"` with a <title> and <desc> for screen readers. Chart
text is left out of the search index (`data-search-exclude`): the data table
beside it says the same.
Text and axes use `currentColor`, so they follow the page's light or dark
scheme; series colours come from CSS classes (docs/assets/caseatlas.css) with
presentation attributes as a fallback. Every text from content is escaped
(markup.inline): contributor text is untrusted.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from caseatlas.core.markup import inline as _x

W, H = 420, 270
LEFT, RIGHT, TOP, BOTTOM = 62, W - 24, 40, H - 44
# Labels get an outline in the background colour, so a line passing behind them does not cross the letters.
HALO = ' stroke="var(--md-default-bg-color, #fff)" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'
DASHES = ["", "7 4", "2 3", "9 3 2 3", "4 4", "12 3", "1 2", "6 2 2 2 2 2"]


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    tick: str  # label on the x axis: "about 2015"
    label: str  # above the point: "just over 1,300 yuan"
    sublabel: str = ""  # under it, smaller: "US$183.83 at the 2025 rate"
    approximate: bool = False  # drawn hollow: the year is approximate
    tooltip: str = ""


@dataclass(frozen=True)
class Line:
    points: list[Point]
    key: str = ""  # short label at the line's end, matching a legend ("1")
    labelled: bool = True  # label points on the chart (one-series charts)
    extra_class: str = field(default="")


def _ticks(lo: float, hi: float, n: int = 4) -> tuple[list[float], int]:
    """Round axis values covering lo..hi, and the decimals their labels need."""
    span = (hi - lo) or abs(hi) or 1.0
    hi = hi if hi > lo else lo + span  # all values equal: still an axis with a height
    mag = 10 ** math.floor(math.log10(span / n))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag * n >= span)
    start, end = math.floor(lo / step) * step, math.ceil(hi / step) * step
    count = round((end - start) / step)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else (1 if step % 1 else 0)
    return [start + i * step for i in range(count + 1)], decimals


def _spaced(years: list[int], text: dict[int, str], x: Callable[[int], float]) -> list[int]:
    """The years whose axis labels fit side by side (about 7.5 units a character), always the first and the last."""

    def clear(a: int, b: int) -> bool:
        return x(b) - x(a) > (len(text[a]) + len(text[b])) / 2 * 7.5 + 8

    shown: list[int] = []
    for yr in years:
        if not shown or clear(shown[-1], yr):
            shown.append(yr)
    if shown[-1] != years[-1]:
        while len(shown) > 1 and not clear(shown[-1], years[-1]):
            shown.pop()
        shown.append(years[-1])
    return shown


def _head(chart_id: str, title: str, desc: str, height: int) -> str:
    return (
        f'<svg class="ca-svg" viewBox="0 0 {W} {height}" data-search-exclude="" role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' xmlns="http://www.w3.org/2000/svg" font-size="13" fill="currentColor" stroke="none">'
        f'<title id="{chart_id}-title">{_x(title)}</title><desc id="{chart_id}-desc">{_x(desc)}</desc>'
    )


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    lines: list[Line],
    axis_label: str,
    format_tick: Callable[[float, int], str] | None = None,
) -> Markup:
    """A line chart of one or more series over years, the y axis from zero (or below, for negative values)."""
    points = [p for ln in lines for p in ln.points]
    values = [p.value for p in points]
    lo, hi = min(0.0, *values), max(0.0, *values)
    labelled = any(ln.labelled for ln in lines)
    ticks, decimals = _ticks(lo, hi + (hi - lo) * (0.3 if labelled else 0.08))
    y0, y1 = ticks[0], ticks[-1]
    years = sorted({p.year for p in points})
    pad = 36 if len(years) > 1 else 0

    def x(year: int) -> float:
        if len(years) == 1:
            return (LEFT + RIGHT) / 2
        return LEFT + pad + (year - years[0]) / (years[-1] - years[0]) * (RIGHT - LEFT - 2 * pad)

    def y(value: float) -> float:
        return BOTTOM - (value - y0) / (y1 - y0) * (BOTTOM - TOP)

    def label(value: float, decimals: int) -> str:
        return format_tick(value, decimals) if format_tick else f"{value:,.{decimals}f}"

    out = [_head(chart_id, title, desc, H), f'<text class="ca-axis-label" x="{LEFT - 54}" y="{TOP - 22}">{_x(axis_label)}</text>']
    for t in ticks:
        out.append(
            f'<line class="ca-grid" x1="{LEFT}" x2="{RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="currentColor"'
            f' stroke-opacity="{0.5 if t == 0 else 0.18}"/>'
            f'<text x="{LEFT - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{_x(label(t, decimals))}</text>'
        )
    tick_text: dict[int, str] = {}
    for p in points:  # on a one-series chart an approximate year keeps its qualifier on the axis
        if len(lines) == 1 or p.year not in tick_text:
            tick_text[p.year] = p.tick if len(lines) == 1 else str(p.year)
    for yr in _spaced(years, tick_text, x):
        out.append(f'<text x="{x(yr):.1f}" y="{BOTTOM + 20}" text-anchor="middle">{_x(tick_text[yr])}</text>')
    labels: list[tuple[float, float, Point]] = []
    for i, ln in enumerate(lines):
        cls = f"ca-series ca-s{i % len(DASHES)} {ln.extra_class}".strip()
        coords = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in ln.points)
        dash = f' stroke-dasharray="{DASHES[i % len(DASHES)]}"' if DASHES[i % len(DASHES)] else ""
        out.append(f'<g class="{cls}">')
        if len(ln.points) > 1:
            out.append(f'<polyline points="{coords}" fill="none" stroke="currentColor" stroke-width="2.5"{dash}/>')
        for j, p in enumerate(ln.points):
            px, py = x(p.year), y(p.value)
            fill = ' fill="var(--md-default-bg-color, #fff)" class="ca-hollow"' if p.approximate else ' fill="currentColor"'
            tip = f"<title>{_x(p.tooltip)}</title>" if p.tooltip else ""
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" stroke="currentColor" stroke-width="2"{fill}>{tip}</circle>')
            if ln.labelled and (len(ln.points) <= 4 or j in (0, len(ln.points) - 1)):
                labels.append((px, py, p))
        if ln.key:
            last = ln.points[-1]
            kx, ky = x(last.year) + 8, y(last.value) - 8
            out.append(f'<text class="ca-key" x="{kx:.1f}" y="{ky:.1f}" font-weight="bold"{HALO}>{_x(ln.key)}</text>')
        out.append("</g>")
    out += _point_labels(labels, [[(x(p.year), y(p.value)) for p in ln.points] for ln in lines])
    out.append("</svg>")
    return Markup("".join(out))


Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


def text_width(text: str, size: float) -> float:
    """About how wide a text is drawn: CJK characters are square, others a little over half their height."""
    return sum(size if ord(c) > 0x2E80 else size * 0.6 for c in text)


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(r: Rect, path: list[tuple[float, float]]) -> bool:
    """Whether a polyline (or its points' markers) passes through the rectangle."""
    for (x0, y0), (x1, y1) in zip(path, path[1:], strict=False):
        steps = max(2, int(max(abs(x1 - x0), abs(y1 - y0)) / 2))
        if any(
            r[0] <= x0 + (x1 - x0) * k / steps <= r[2] and r[1] <= y0 + (y1 - y0) * k / steps <= r[3] for k in range(steps + 1)
        ):
            return True
    return any(_overlaps(r, (px - 6, py - 6, px + 6, py + 6)) for px, py in path)


def _point_labels(labels: list[tuple[float, float, Point]], paths: list[list[tuple[float, float]]]) -> list[str]:
    """Each point's label where it fits: inside the chart, off every line and marker, clear of other labels.
    Tried in order: above the point, then higher and higher above it (joined to it by a thin leader), then
    below it; anchored towards the chart's middle first."""
    placed: list[Rect] = []
    out: list[str] = []
    for px, py, p in labels:
        width = max(text_width(p.label, 14), text_width(p.sublabel, 12.5))
        height = 14 + (15 if p.sublabel else 0)
        side = "start" if px - LEFT < 70 else "end" if RIGHT - px < 70 else "middle"
        choice = None
        above = [py - 10 - height - 12 * k for k in range(40) if py - 10 - height - 12 * k >= TOP - 12]
        for top in [*above, py + 10, py + 28]:
            for anchor in dict.fromkeys((side, "middle", "start", "end")):
                ax = px - 6 if anchor == "start" else px + 6 if anchor == "end" else px
                x0 = ax if anchor == "start" else ax - width if anchor == "end" else ax - width / 2
                rect = (x0 - 2, top - 2, x0 + width + 2, top + height + 2)
                inside = rect[0] >= 0 and rect[2] <= W and rect[1] >= TOP - 14 and rect[3] <= BOTTOM - 2
                if inside and top + height < py - 24:  # the leader must not cross a label either
                    inside = not any(_overlaps((px - 1, top + height, px + 1, py - 7), q) for q in placed)
                if inside and not any(_crosses(rect, path) for path in paths) and not any(_overlaps(rect, q) for q in placed):
                    choice = (top, anchor, ax, rect)
                    break
            if choice:
                break
        if choice is None:  # nothing fits: above, towards the middle, as before
            top = py - 10 - height
            ax = px - 6 if side == "start" else px + 6 if side == "end" else px
            choice = (top, side, ax, (ax, top, ax, top + height))
        top, anchor, ax, rect = choice
        placed.append(rect)
        if top + height < py - 24:  # far above its point: a leader line says which point it names
            out.append(
                f'<line class="ca-leader" x1="{px:.1f}" y1="{py - 7:.1f}" x2="{px:.1f}" y2="{top + height + 3:.1f}"'
                ' stroke="currentColor" stroke-opacity="0.45" stroke-dasharray="2 2"/>'
            )
        out.append(
            f'<text class="ca-point-label" x="{ax:.1f}" y="{top + 11:.1f}" text-anchor="{anchor}"{HALO}'
            f' font-size="14" font-weight="bold">{_x(p.label)}</text>'
        )
        if p.sublabel:
            out.append(
                f'<text class="ca-point-sublabel" x="{ax:.1f}" y="{top + 26:.1f}" text-anchor="{anchor}"{HALO}'
                f' font-size="12.5">{_x(p.sublabel)}</text>'
            )
    return out


def single_figure(chart_id: str, title: str, desc: str, big: str, lines: list[str]) -> Markup:
    """One value, shown as a labelled figure rather than a chart with a lone point."""
    height = 56 + 22 * len(lines)
    out = [
        _head(chart_id, title, desc, height),
        f'<text class="ca-figure-value ca-s0" x="{LEFT - 54}" y="40" font-size="30" font-weight="bold">{_x(big)}</text>',
    ]
    for i, text in enumerate(lines):
        out.append(f'<text x="{LEFT - 54}" y="{66 + 22 * i}" font-size="15">{_x(text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def swatch(index: int) -> Markup:
    """A short sample of series `index`'s line (colour and dashes), for a legend beside a chart."""
    i = index % len(DASHES)
    dash = f' stroke-dasharray="{DASHES[i]}"' if DASHES[i] else ""
    return Markup(
        f'<svg class="ca-swatch ca-s{i}" width="32" height="12" viewBox="0 0 32 12" aria-hidden="true">'
        f'<line x1="1" y1="6" x2="31" y2="6" stroke="currentColor" stroke-width="2.5"{dash}/></svg>'
    )
