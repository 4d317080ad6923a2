"""Make src/caseatlas/data/world_110m.json, the world map's geometry, from the npm package world-atlas.

Run once by a maintainer when the map data should change (builds and CI never run it):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_world_map.py package/countries-110m.json

It decodes the TopoJSON, projects every arc (Equal Earth, as caseatlas.render.worldmap
does for markers), simplifies each shared arc once (Douglas-Peucker), so
neighbouring borders stay joined, rounds to whole map units and writes one SVG
path per country, keyed by ISO 3166-1 alpha-2 code. Antarctica is left out.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

from caseatlas.render.worldmap import HEIGHT, LAT_BOTTOM, WIDTH, project

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/caseatlas/data/world_110m.json"
SOURCE = "world-atlas 2.0.2 (npm), countries-110m.json: Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries, version 4.1.0"
LICENCE = (
    "Natural Earth data is in the public domain (naturalearthdata.com/about/terms-of-use). "
    "world-atlas is © 2013-2019 Michael Bostock, ISC licence. Boundaries are as Natural Earth draws them "
    "and imply no position on any disputed border."
)


Point = tuple[float, float]


def _decode_arcs(topo: dict) -> list[list[Point]]:
    """Every arc as (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _simplify(lonlat: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on the projected points, keeping both ends (which other arcs share)."""
    if len(lonlat) < 3:
        return lonlat
    points = [project(lon, lat) for lon, lat in lonlat]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        best, index = 0.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if length:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(lonlat, keep, strict=True) if k]


def _rings(indexes: list[int], arcs: list[list[Point]]) -> list[list[tuple[int, int]]]:
    """One ring in map units; a ring that crosses the antimeridian is drawn on both edges of the map."""
    lonlat: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        lonlat += arc[1:] if lonlat else arc
    unwrapped, shift = [lonlat[0]], 0.0
    for (lon0, _), (lon1, lat1) in zip(lonlat, lonlat[1:], strict=False):
        if lon1 - lon0 > 180:
            shift -= 360
        elif lon0 - lon1 > 180:
            shift += 360
        unwrapped.append((lon1 + shift, lat1))
    lons = [lon for lon, _ in unwrapped]
    shifts = [0.0] + ([-360.0] if max(lons) > 180 else []) + ([360.0] if min(lons) < -180 else [])
    out = []
    for s in shifts:
        ring: list[tuple[int, int]] = []
        for lon, lat in unwrapped:
            x, y = project(lon + s, lat)
            p = (round(x), round(y))
            if not ring or ring[-1] != p:
                ring.append(p)
        out.append(ring)
    return out


def _path(rings: list[list[tuple[int, int]]]) -> str:
    parts = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        if rest and rest[-1] == ring[0]:
            rest = rest[:-1]
        steps, (px, py) = [], (x0, y0)
        for x, y in rest:
            steps.append(f"{x - px} {y - py}")
            px, py = x, y
        parts.append(f"M{x0} {y0}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def build(topojson: Path, tolerance: float) -> dict:
    topo = json.loads(topojson.read_text("utf-8"))
    raw = _decode_arcs(topo)
    simple = [_simplify(a, tolerance) for a in raw]
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = []
        for polygon in polygons:
            for ring in polygon:
                drawn = _rings(ring, simple)
                if len(set(drawn[0])) < 3:  # an island too small to show once simplified: keep its unsimplified outline
                    drawn = _rings(ring, raw)
                rings += [pts for pts in drawn if len(set(pts)) >= 3 and min(y for _, y in pts) < HEIGHT]
        country = pycountry.countries.get(numeric=g["id"]) if g.get("id") else None
        if name == "Antarctica" or not rings:
            continue
        countries.append({"code": country.alpha_2 if country else "", "name": name, "d": _path(rings)})
    countries.sort(key=lambda c: (c["code"] or "~", c["name"]))
    return {
        "source": SOURCE,
        "licence": LICENCE,
        "projection": "Equal Earth",
        "width": WIDTH,
        "height": HEIGHT,
        "lat_bottom": LAT_BOTTOM,
        "simplified_to": tolerance,
        "countries": countries,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topojson", type=Path, help="countries-110m.json from the world-atlas package")
    parser.add_argument("--tolerance", type=float, default=0.9, help="simplification, in map units (the map is 2000 wide)")
    args = parser.parse_args()
    data = build(args.topojson, args.tolerance)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['countries'])} countries, {OUT.stat().st_size / 1024:.0f} KB")
