"""A static SVG world map: countries with cases shaded and linked, case localities marked.

The geometry is package data (data/world_110m.json), made once from the npm
package world-atlas (Natural Earth 1:110m countries, public domain; world-atlas
is ISC-licensed) by scripts/build_world_map.py: projected (Equal Earth),
simplified and written as SVG paths, so builds need neither npm nor a network.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup

from caseatlas.core.markup import inline as _x

# Equal Earth projection (Šavrič, Patterson and Jenny, 2018), on the unit sphere.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
WIDTH = 2000
LAT_TOP, LAT_BOTTOM = 84.0, -58.0  # Antarctica is left out
_XMAX = math.pi / (_M * _A1)
_SCALE = WIDTH / 2 / _XMAX


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2, t6 = theta * theta, theta**6
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_Y_TOP = _equal_earth(0, LAT_TOP)[1]
HEIGHT = round((_Y_TOP - _equal_earth(0, LAT_BOTTOM)[1]) * _SCALE)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates (0..WIDTH, 0..HEIGHT, y down) of a longitude and latitude in degrees."""
    x, y = _equal_earth(lon, max(min(lat, LAT_TOP), LAT_BOTTOM))
    return WIDTH / 2 + x * _SCALE, (_Y_TOP - y) * _SCALE


@cache
def map_data() -> dict[str, Any]:
    """The packaged geometry: source, licence and one SVG path per country."""
    return dict(json.loads(resources.files("caseatlas").joinpath("data/world_110m.json").read_text("utf-8")))


@dataclass(frozen=True)
class Shade:
    """A country with cases: where its link goes and what it says."""

    href: str
    label: str
    current: bool = False


@dataclass(frozen=True)
class Marker:
    """A case locality with coordinates."""

    lon: float
    lat: float
    href: str
    label: str


SMALL = 30  # a country less wide and less tall than this (of WIDTH) also gets a ring, so it can be seen and tapped


def extent(d: str) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of an SVG path written as `M x y l dx dy …z` (the packaged geometry's form)."""
    xs: list[float] = []
    ys: list[float] = []
    for part in re.findall(r"M[^M]+", d):
        nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        x, y = nums[0], nums[1]
        xs.append(x)
        ys.append(y)
        for dx, dy in zip(nums[2::2], nums[3::2], strict=False):
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def world_map(map_id: str, title: str, desc: str, shaded: dict[str, Shade], markers: list[Marker]) -> Markup:
    """The SVG: every country, those in `shaded` filled and linked (ISO 3166-1 alpha-2 codes), markers on top."""
    data = map_data()
    out = [
        f'<svg class="ca-map-svg" viewBox="0 0 {data["width"]} {data["height"]}" data-search-exclude=""'
        f' aria-labelledby="{map_id}-title {map_id}-desc" xmlns="http://www.w3.org/2000/svg" stroke-linejoin="round">'
        f'<title id="{map_id}-title">{_x(title)}</title><desc id="{map_id}-desc">{_x(desc)}</desc>'
        '<g class="ca-land" fill="currentColor" fill-opacity="0.16" stroke="none">'
    ]
    linked = []
    for country in data["countries"]:
        code = country["code"]
        if code in shaded:
            linked.append(country)
            continue
        out.append(f'<path d="{country["d"]}"><title>{_x(country["name"])}</title></path>')
    out.append("</g>")
    for country in linked:  # drawn last, so their borders are not covered by neighbours
        s = shaded[country["code"]]
        cls = "ca-shaded ca-current" if s.current else "ca-shaded"
        out.append(
            f'<a href="{s.href}" class="{cls}" aria-label="{_x(s.label)}"><path d="{country["d"]}" fill="currentColor"'
            f' stroke="var(--md-default-bg-color, #fff)" stroke-width="1"><title>{_x(s.label)}</title></path>'
            f"{_ring(country['d'])}</a>"
        )
    for m in markers:
        x, y = project(m.lon, m.lat)
        out.append(
            f'<a href="{m.href}" class="ca-marker" aria-label="{_x(m.label)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="11"'
            f' fill="currentColor" stroke="var(--md-default-bg-color, #fff)" stroke-width="4"><title>{_x(m.label)}</title>'
            "</circle></a>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def _ring(d: str) -> str:
    """A ring around a country too small to see or tap at the map's size (Rwanda, Singapore), or ""."""
    x0, y0, x1, y1 = extent(d)
    if max(x1 - x0, y1 - y0) >= SMALL:
        return ""
    return (
        f'<circle class="ca-small-country" cx="{(x0 + x1) / 2:.1f}" cy="{(y0 + y1) / 2:.1f}" r="16" fill="currentColor"'
        ' fill-opacity="0.35" stroke="currentColor" stroke-width="5"/>'
    )
