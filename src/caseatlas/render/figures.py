"""From the atlas to charts and maps: the labels, titles and descriptions each one carries.

The words come from data/strings.yaml; the drawing from charts.py. A series
of one value becomes a labelled figure; two or more, a line chart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from caseatlas.atlas.amounts import tick
from caseatlas.atlas.indicators import Comparison, Row, Series
from caseatlas.atlas.model import Atlas
from caseatlas.core.vocabulary import country_name
from caseatlas.render.charts import Line, Point, line_chart, single_figure
from caseatlas.render.worldmap import Marker, Shade, world_map


def axis_label(ind: dict[str, Any], t: dict[str, Any]) -> str:
    """What one value counts: "yuan (CNY), per capita, annual"."""
    parts = [str(ind["unit"]) + (f" ({ind['currency']})" if ind.get("currency") else "")]
    if ind.get("basis"):
        parts.append(str(ind["basis"]))
    if ind.get("period"):
        parts.append(str(t["period_values"][ind["period"]]))
    return ", ".join(parts)


def amount(row: Row, ind: dict[str, Any]) -> str:
    return row.amount_label or f"{row.value_label} {ind['unit']}"


def usd_label(s: Series, row: Row, t: dict[str, Any]) -> str:
    """The row in US dollars at the series' one rate, or "" when the table has none."""
    if s.rate is None or row.usd_series is None:
        return ""
    return str(t["usd_at_rate"]).format(usd=row.usd_series, year=s.rate.year)


def _point(s: Series, row: Row, t: dict[str, Any], with_case: bool) -> Point:
    usd = usd_label(s, row, t)
    tip = t["chart_point"].format(year=row.year_label, value=amount(row, s.indicator)) + (f" ({usd})" if usd else "")
    if with_case:
        tip = f"{s.case.title}: {tip}"
    return Point(
        row.year,
        row.value,
        row.year_label,
        amount(row, s.indicator),
        usd,
        approximate=row.year_label != str(row.year),
        tooltip=tip,
    )


def describe(s: Series, t: dict[str, Any]) -> str:
    """The chart's text for screen readers: every value with its year, qualifier and dollar equivalent."""
    parts = [_point(s, r, t, False).tooltip for r in s.rows]
    return str(t["chart_desc"]).format(name=s.indicator["name"], unit=axis_label(s.indicator, t), values="; ".join(parts))


def series_chart(s: Series, t: dict[str, Any], chart_id: str) -> Markup:
    """The chart for one indicator of one case."""
    title = t["chart_title"].format(name=s.indicator["name"], case=s.case.title)
    if len(s.rows) == 1:
        row = s.rows[0]
        lines = [t["chart_in_year"].format(year=row.year_label)]
        usd = usd_label(s, row, t)
        if usd:
            lines.append(usd)
        lines.append(axis_label(s.indicator, t))
        return single_figure(chart_id, title, describe(s, t), amount(row, s.indicator), lines)
    points = [_point(s, r, t, False) for r in s.rows]
    return line_chart(chart_id, title, describe(s, t), [Line(points)], axis_label(s.indicator, t), _ticker(t))


def comparison_chart(c: Comparison, t: dict[str, Any], chart_id: str) -> Markup:
    """One line per case; each line numbered like the legend beside the chart."""
    ind = c.indicator
    lines = [Line([_point(s, r, t, True) for r in s.rows], key=str(i), labelled=False) for i, s in enumerate(c.series, 1)]
    desc = (
        t["compare_desc"].format(name=c.name, unit=axis_label(ind, t), n=len(c.series))
        + " "
        + " ".join(
            f"{i}. "
            + "; ".join(_point(s, r, t, True).tooltip if j == 0 else _point(s, r, t, False).tooltip for j, r in enumerate(s.rows))
            + "."
            for i, s in enumerate(c.series, 1)
        )
    )
    return line_chart(chart_id, t["compare_title"].format(name=c.name), desc, lines, axis_label(ind, t), _ticker(t))


def _ticker(t: dict[str, Any]) -> Callable[[float, int], str]:
    loc = str(t["number_locale"])
    return lambda value, decimals: tick(value, loc, decimals)


def atlas_map(
    atlas: Atlas, t: dict[str, Any], href: Callable[[str], str], map_id: str, current: str | None = None, max_markers: int = 500
) -> Markup:
    """The world map of the atlas: countries with cases shaded and linked; localities with coordinates marked
    (those of `current` only, on a country's page)."""

    def label(cc: str, n: int) -> str:
        return str(t["map_country_label_one" if n == 1 else "map_country_label"]).format(name=country_name(cc) or cc, n=n)

    shaded = {
        cc: Shade(href(f"countries/{cc.lower()}.md"), label(cc, len(cases)), cc == current)
        for cc, cases in atlas.by_country.items()
    }
    located = [c for c in atlas.cases.values() if "coordinates" in c.data and (current is None or c.country == current)]
    markers = [
        Marker(
            c.data["coordinates"]["lon"],
            c.data["coordinates"]["lat"],
            href(f"cases/{c.id}.md"),
            f"{c.title} ({c.data.get('locality') or c.country_name})",
        )
        for c in located[:max_markers]
    ]
    names = ", ".join(country_name(cc) or cc for cc in atlas.by_country)
    if current:
        desc = t["map_desc_country"].format(name=country_name(current) or current, countries=names)
    else:
        desc = t["map_desc"].format(countries=names or t["no_cases"])
    if markers:
        desc += " " + t["map_desc_markers"].format(n=len(markers))
    return world_map(map_id, t["map_title"], desc, shaded, markers)
