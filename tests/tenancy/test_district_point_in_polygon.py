"""Which district a point falls in: bbox prefilter, then the real polygon (covers)."""

from __future__ import annotations

import itertools

import h3
import pytest

from shahrvand.tenancy.geo import H3_RESOLUTION, cell_for, district_at
from shahrvand.tenancy.models import Municipality
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def _bare_municipality(slug: str) -> Municipality:
    return Municipality.objects.create(
        slug=slug, name_fa=slug, name_en=slug, center_lat=10.5, center_lon=20.5
    )


def test_point_west_of_the_border_is_in_district_1(city):
    district = district_at(city, *tenancy_factories.INSIDE_WEST)
    assert district is not None
    assert (district.municipality, district.number) == (city, 1)


def test_point_east_of_the_border_is_in_district_2(city):
    district = district_at(city, *tenancy_factories.INSIDE_EAST)
    assert district is not None
    assert (district.municipality, district.number) == (city, 2)


def test_point_on_the_shared_border_belongs_to_a_district(city):
    district = district_at(city, 35.70, 51.40)
    assert district is not None
    assert district.number in (1, 2)


@pytest.mark.parametrize("number", [1, 2])
def test_vertices_and_edge_midpoints_of_the_boundary_are_covered(city, number):
    district = city.districts.get(number=number)
    ring = district.boundary["coordinates"][0]
    for (lon0, lat0), (lon1, lat1) in itertools.pairwise(ring):
        for lon, lat in [(lon0, lat0), ((lon0 + lon1) / 2, (lat0 + lat1) / 2)]:
            found = district_at(city, lat, lon)
            assert found is not None, (lat, lon)
            assert found.municipality == city


@pytest.mark.parametrize(
    "point",
    [tenancy_factories.OUTSIDE, (35.7501, 51.37), (35.70, 51.3499), (-35.70, -51.40)],
    ids=["far", "just-north", "just-west", "antipode-ish"],
)
def test_point_outside_every_district_is_none(city, point):
    assert district_at(city, *point) is None


def test_lookup_is_scoped_to_the_municipality(city):
    # A second city drawn over the same square: each lookup returns its own district.
    twin = tenancy_factories.municipality()
    mine = district_at(city, *tenancy_factories.INSIDE_WEST)
    theirs = district_at(twin, *tenancy_factories.INSIDE_WEST)
    assert mine is not None and theirs is not None
    assert mine.municipality == city
    assert theirs.municipality == twin


def test_concave_district_excludes_its_notch_although_the_bbox_contains_it(db):
    muni = _bare_municipality("concave")
    # An L: the unit square without its north-east quarter.
    ell = {
        "type": "Polygon",
        "coordinates": [
            [[20, 10], [21, 10], [21, 10.5], [20.5, 10.5], [20.5, 11], [20, 11], [20, 10]]
        ],
    }
    tenancy_factories.district(muni, 1, ell)

    assert district_at(muni, 10.25, 20.75).number == 1  # south-east arm
    assert district_at(muni, 10.75, 20.25).number == 1  # north-west arm
    assert district_at(muni, 10.5, 20.75).number == 1  # on the inner edge
    assert district_at(muni, 10.75, 20.75) is None  # the notch


def test_multipolygon_district_matches_each_part_but_not_the_gap(db):
    muni = _bare_municipality("islands")
    islands = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[20, 10], [20.2, 10], [20.2, 10.2], [20, 10.2], [20, 10]]],
            [[[20.8, 10.8], [21, 10.8], [21, 11], [20.8, 11], [20.8, 10.8]]],
        ],
    }
    mainland = tenancy_factories._square(10.3, 10.6, 20.3, 20.6)
    tenancy_factories.district(muni, 1, islands)
    tenancy_factories.district(muni, 2, mainland)

    assert district_at(muni, 10.1, 20.1).number == 1
    assert district_at(muni, 10.9, 20.9).number == 1
    assert district_at(muni, 10.45, 20.45).number == 2
    assert district_at(muni, 10.7, 20.7) is None  # inside the islands' bbox, in no part


def test_polygon_with_a_hole_excludes_the_hole(db):
    muni = _bare_municipality("holed")
    ring = {
        "type": "Polygon",
        "coordinates": [
            [[20, 10], [21, 10], [21, 11], [20, 11], [20, 10]],
            [[20.4, 10.4], [20.6, 10.4], [20.6, 10.6], [20.4, 10.6], [20.4, 10.4]],
        ],
    }
    tenancy_factories.district(muni, 1, ring)

    assert district_at(muni, 10.2, 20.2).number == 1
    assert district_at(muni, 10.5, 20.5) is None


def test_cell_is_h3_resolution_9_and_contains_the_point():
    lat, lon = tenancy_factories.INSIDE_WEST
    cell = cell_for(lat, lon)
    assert H3_RESOLUTION == 9
    assert h3.is_valid_cell(cell)
    assert h3.get_resolution(cell) == 9
    assert cell == h3.latlng_to_cell(lat, lon, 9)
    assert cell_for(*tenancy_factories.INSIDE_EAST) != cell


@pytest.mark.django_db
def test_created_report_stores_the_resolution_9_cell_of_its_location(city, pothole):
    report = reports_factories.report(city, pothole, where=tenancy_factories.INSIDE_EAST)
    assert report.district.number == 2
    assert h3.get_resolution(report.h3_cell) == 9
    assert report.h3_cell == h3.latlng_to_cell(*tenancy_factories.INSIDE_EAST, 9)
