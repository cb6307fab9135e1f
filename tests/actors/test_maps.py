"""Locator maps: TopoJSON decoding, the area shown, escaping, and the region page's map."""
import json

import pytest
from django.conf import settings

from actors import maps
from actors.maps import Place, map_svg, places_of
from actors.services import region_ensure


@pytest.fixture
def two_squares(tmp_path, settings):
    """Two made-up countries sharing an edge: West (0..10) and East (10..20), 0..10 north. The
    shared edge is arc 1, used reversed (~1) by East, as TopoJSON does."""
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [
            [[10, 0], [-10, 0], [0, 10], [10, 0]],  # West's outer edge, from (10,0) round to (10,10)
            [[10, 10], [0, -10]],  # the shared edge, down from (10,10) to (10,0)
            [[10, 10], [10, 0], [0, -10], [-10, 0]],  # East's outer edge, from (10,10) round to (10,0)
        ],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "West"}},
            {"type": "MultiPolygon", "arcs": [[[2, ~1]]], "properties": {"name": "East <&>"}},
        ]}},
    }
    path = tmp_path / "countries.json"
    path.write_text(json.dumps(topology))
    settings.BRIEFWIKI_BOUNDARIES = str(path)
    maps._countries.cache_clear()
    yield
    maps._countries.cache_clear()


def test_arcs_are_decoded_with_deltas_and_reversals(two_squares):
    west, east = maps.boundaries()
    assert west.rings[0] == ((10, 0), (0, 0), (0, 10), (10, 10), (10, 0))
    assert east.rings[0] == ((10, 10), (20, 10), (20, 0), (10, 0), (10, 10))
    assert west.bbox == (0, 0, 10, 10) and east.bbox == (10, 0, 20, 10)


def test_the_map_shows_the_places_and_the_countries_around_them_escaped(two_squares):
    svg = map_svg([Place("Town & <Port>", 5.0, 2.0, url="/r/town/"), Place("Capital", 5.0, 4.0, main=True)])
    assert "Town &amp; &lt;Port&gt;" in svg and '<a href="/r/town/">' in svg
    assert "<title>West</title>" in svg
    assert "East &lt;&amp;&gt;" not in svg  # 2..4 east with a margin of 1.5: East (10..20) is off the map
    assert svg.count("<circle") == 2 and 'r="5"' in svg  # the page's own place is larger


def test_nothing_is_drawn_without_places_or_boundaries(two_squares, settings):
    assert map_svg([]) == ""
    settings.BRIEFWIKI_BOUNDARIES = "/nonexistent/countries.json"
    assert map_svg([Place("Town", 5.0, 5.0)]) == ""


@pytest.mark.django_db
def test_places_without_coordinates_are_left_out():
    with_point, _ = region_ensure(slug="town", name="Town", kind="city", latitude=35.4, longitude=44.4)
    without, _ = region_ensure(slug="village", name="Village", kind="city")
    places = places_of([with_point, without])
    assert [p.name for p in places] == ["Town"] and places[0].latitude == pytest.approx(35.4)


@pytest.mark.django_db
def test_a_region_page_maps_it_and_the_places_within_it_over_natural_earth(client, bob):
    from pathlib import Path

    if not Path(settings.BRIEFWIKI_BOUNDARIES).exists():
        pytest.skip("node_modules/world-atlas is not installed (make install runs npm ci)")
    country, _ = region_ensure(slug="iraq", name="Iraq", kind="country", latitude=33.0, longitude=44.0)
    region_ensure(slug="kirkuk", name="Kirkuk", kind="city", parent=country, latitude=35.47, longitude=44.39)
    client.force_login(bob)
    html = client.get(country.get_absolute_url()).content.decode()
    assert 'class="locator-map"' in html and "<title>Iraq</title>" in html and "<title>Iran</title>" in html
    assert '<a href="/regions/kirkuk/">' in html or ">Kirkuk</text>" in html


def test_a_country_is_tinted_not_dotted(two_squares):
    from types import SimpleNamespace

    west = SimpleNamespace(name="West", kind="country", latitude=5.0, longitude=5.0, get_absolute_url=lambda: "/w/")
    svg = map_svg(places_of([], main=west), min_span=4, highlight={"West"})
    assert '<path class="highlight"' in svg and "<circle" not in svg
