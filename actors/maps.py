"""Small locator maps of places, drawn on the server as SVG: no script, no tile server.

The country outlines are Natural Earth's (public domain) as packaged in npm's ``world-atlas``,
installed by ``make install`` and never committed (settings.BRIEFWIKI_BOUNDARIES). Without the
file a map is simply not drawn.
"""
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360  # px; the height follows the area shown
MAX_HEIGHT = 280  # px
MIN_SPAN = 3.0  # degrees: a single city still shows its surroundings
COUNTRY_SPAN = 10.0  # degrees: a country's point is its middle; show most of it
PADDING = 0.35  # of the places' span, on each side
MIN_STEP = 0.6  # px: outline points closer than this to the previous one are dropped
FRAME = 4  # px outside the view where outlines beyond it are drawn


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    url: str = ""
    main: bool = False  # drawn larger: the place the page is about
    dot: bool = True  # False: only frames the map (a country, shown by its tinted outline)


@dataclass(frozen=True)
class Country:
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (longitude, latitude) points
    boxes: tuple[tuple[float, float, float, float], ...]  # each ring's west, south, east, north

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (min(b[0] for b in self.boxes), min(b[1] for b in self.boxes),
                max(b[2] for b in self.boxes), max(b[3] for b in self.boxes))


def places_of(regions, *, main=None) -> list[Place]:
    """Places for the regions that carry coordinates (the others cannot be drawn); ``main``,
    the page's own region, is drawn larger and without a link. A country is no dot: it frames
    the map and is tinted (``highlights``)."""
    places = [
        Place(r.name, float(r.latitude), float(r.longitude), "" if r == main else r.get_absolute_url(),
              main=r == main, dot=r.kind != "country")
        for r in [*regions, *([main] if main is not None else [])]
        if r.latitude is not None and r.longitude is not None
    ]
    return list({(p.name, p.latitude, p.longitude): p for p in places}.values())


def highlights(regions) -> set[str]:
    """The names of the countries among ``regions``, to tint on the map."""
    return {r.name for r in regions if r.kind == "country"}


@lru_cache(maxsize=2)
def _countries(path: str) -> tuple[Country, ...]:
    """Decode the TopoJSON once per process: arcs are delta-encoded integers; a negative arc
    index means that arc reversed (the TopoJSON specification)."""
    data = json.loads(Path(path).read_text())
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    arcs = []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> tuple[tuple[float, float], ...]:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return tuple(points)

    countries = []
    for geometry in data["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry["type"], []
        )
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        if not rings:
            continue
        boxes = tuple(_box(r) for r in rings)
        countries.append(Country((geometry.get("properties") or {}).get("name", ""), rings, boxes))
    return tuple(countries)


def _box(ring) -> tuple[float, float, float, float]:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def boundaries() -> tuple[Country, ...]:
    path = getattr(settings, "BRIEFWIKI_BOUNDARIES", None)
    if not path or not Path(path).exists():
        return ()
    return _countries(str(path))


def span_for(region) -> float:
    """The least area (degrees each way) worth showing around ``region``."""
    return COUNTRY_SPAN if region.kind == "country" else MIN_SPAN


def _view(places: list[Place], min_span: float) -> tuple[float, float, float, float]:
    """The area shown: the places with a margin, at least ``min_span`` degrees each way."""
    west, east = min(p.longitude for p in places), max(p.longitude for p in places)
    south, north = min(p.latitude for p in places), max(p.latitude for p in places)
    pad_x = max((east - west) * PADDING, (min_span - (east - west)) / 2, 0.5)
    pad_y = max((north - south) * PADDING, (min_span - (north - south)) / 2, 0.5)
    return west - pad_x, max(south - pad_y, -85.0), east + pad_x, min(north + pad_y, 85.0)


class _Frame:
    """The view: degrees to pixels, equirectangular scaled by the cosine of the middle latitude
    (honest enough for the few hundred kilometres a briefing covers)."""

    def __init__(self, places: list[Place], min_span: float):
        self.west, self.south, self.east, self.north = _view(places, min_span)
        self.shrink = math.cos(math.radians((self.south + self.north) / 2))
        # No taller than MAX_HEIGHT: widen the area shown instead.
        wide = (self.north - self.south) * WIDTH / MAX_HEIGHT / self.shrink
        if self.east - self.west < wide:
            middle = (self.east + self.west) / 2
            self.west, self.east = middle - wide / 2, middle + wide / 2
        self.scale = WIDTH / ((self.east - self.west) * self.shrink)
        self.height = round((self.north - self.south) * self.scale)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.shrink * self.scale, (self.north - lat) * self.scale

    def shows(self, box: tuple[float, float, float, float]) -> bool:
        w, s, e, n = box
        return not (e < self.west or w > self.east or n < self.south or s > self.north)


def _outline(country: Country, frame: _Frame) -> tuple[str, tuple[float, float] | None]:
    """The country's path data within the frame, and where to write its name (the middle of
    its largest part in view), or ("", None) when none of it shows."""
    path, label, most = [], None, 0
    for ring, box in zip(country.rings, country.boxes):
        if not frame.shows(box):
            continue
        last, inside = None, []
        for lon, lat in ring:
            x, y = frame.xy(lon, lat)
            if 0 <= x <= WIDTH and 0 <= y <= frame.height:
                inside.append((x, y))
            # Points far outside are pulled to a frame just outside the view: what is inside
            # draws the same, and runs of them collapse into a few points.
            x, y = min(max(x, -FRAME), WIDTH + FRAME), min(max(y, -FRAME), frame.height + FRAME)
            if last and abs(x - last[0]) < MIN_STEP and abs(y - last[1]) < MIN_STEP:
                continue
            path.append(f"{'M' if last is None else 'L'}{x:.1f} {y:.1f}")
            last = (x, y)
        path.append("Z")
        if len(inside) > most:
            most = len(inside)
            label = (sum(p[0] for p in inside) / most, sum(p[1] for p in inside) / most)
    return "".join(path), label


def _overlaps(box, taken) -> bool:
    return any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken)


def _mark(place: Place, frame: _Frame, taken: list) -> str:
    """A dot and its name, the name put right, left, above or below the dot, wherever it does
    not cover a name already written."""
    x, y = frame.xy(place.longitude, place.latitude)
    r = 5 if place.main else 3.5
    width, tall = 6.6 * len(place.name), 11
    spots = [("start", x + r + 3, y + 4), ("end", x - r - 3, y + 4),
             ("middle", x, y - r - 3), ("middle", x, y + r + tall)]
    for anchor, tx, ty in spots:
        left = {"start": tx, "end": tx - width, "middle": tx - width / 2}[anchor]
        box = (left, ty - tall + 2, left + width, ty + 2)
        if not _overlaps(box, taken) and 0 <= left and left + width <= WIDTH and box[1] >= 0:
            break
    else:
        anchor, tx, ty = spots[0]
        left = tx
        box = (left, ty - tall + 2, left + width, ty + 2)
    taken.append(box)
    drawn = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'
             f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{escape(place.name)}</text>')
    return f'<a href="{escape(place.url)}">{drawn}</a>' if place.url else drawn


def _fits_name(name: str, spot: tuple[float, float], frame: _Frame, taken: list) -> bool:
    """Whether a country's name fits at ``spot`` inside the map without covering another; if so
    its place is taken."""
    half = 3.5 * len(name)
    box = (spot[0] - half, spot[1] - 9, spot[0] + half, spot[1] + 2)
    if box[0] < 0 or box[2] > WIDTH or box[1] < 0 or box[3] > frame.height or _overlaps(box, taken):
        return False
    taken.append(box)
    return True


def map_svg(places: list[Place], *, label: str = "", min_span: float = MIN_SPAN,
            highlight: set[str] = frozenset()) -> SafeString:
    """An SVG locator map of ``places`` over the country outlines (the countries named in
    ``highlight`` tinted), or "" when there is nothing to draw."""
    countries = boundaries()
    if not places or not countries:
        return mark_safe("")
    if any(not p.dot for p in places):
        min_span = max(min_span, COUNTRY_SPAN)
    frame = _Frame(places, min_span)
    # Places first: their dots and names are what the map is for; country names go where they
    # cover neither.
    dots = sorted((p for p in places if p.dot), key=lambda p: not p.main)
    taken: list = [(x - 5, y - 5, x + 5, y + 5) for x, y in (frame.xy(p.longitude, p.latitude) for p in dots)]
    marks = [_mark(place, frame, taken) for place in dots]
    shapes, names = [], []
    for country in countries:
        path, spot = _outline(country, frame)
        if not path:
            continue
        tint = ' class="highlight"' if country.name in highlight else ""
        shapes.append(f'<path{tint} d="{path}"><title>{escape(country.name)}</title></path>')
        if spot and _fits_name(country.name, spot, frame, taken):
            names.append(f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}" text-anchor="middle">{escape(country.name)}</text>')
    title = escape(label or "Map of " + ", ".join(p.name for p in places))
    return mark_safe(  # every name and address in it is escaped above
        f'<svg class="locator-map" viewBox="0 0 {WIDTH} {frame.height}" width="{WIDTH}" height="{frame.height}" '
        f'role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
        f'<rect class="sea" width="{WIDTH}" height="{frame.height}"/><g class="countries">{"".join(shapes)}</g>'
        f'<g class="country-names">{"".join(names)}</g><g class="places">{"".join(marks)}</g></svg>'
    )
