"""Open data export: no personal data, coordinates snapped to H3 res-8 centres, streamed,
valid against the published JSON Schema, same records as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import h3
import jsonschema
import pytest
from django.core.management import call_command
from django.http import StreamingHttpResponse
from django.test import Client

from shahrvand.reports.models import Report
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

TEHRAN = ZoneInfo("Asia/Tehran")
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "docs" / "open-data.schema.json").read_text("utf-8")
)
POINT = (35.70123, 51.37456)
SECRET_TEXT = "علی رضایی ۰۹۱۲۳۴۵۶۷۸۹ پلاک ۷"


@pytest.fixture
def city(db):
    muni = tenancy_factories.municipality("sample")
    cat = categories_factories.category(muni, "bins", "waste")
    inside = reports_factories.report(
        muni,
        cat,
        description=SECRET_TEXT,
        where=POINT,
        address="کوچه یاس، پلاک ۷",
        reporter_name="علی رضایی",
        reporter_phone="09123456789",
    )
    Report.objects.filter(pk=inside.pk).update(
        created_at=dt.datetime(2026, 11, 3, 10, tzinfo=TEHRAN), satisfaction=4
    )
    later = reports_factories.report(muni, cat)
    Report.objects.filter(pk=later.pk).update(
        created_at=dt.datetime(2026, 11, 5, 0, 30, tzinfo=TEHRAN)
    )
    return {"muni": muni, "inside": inside, "later": later}


def _body(response: StreamingHttpResponse) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")  # type: ignore[arg-type]


@pytest.mark.django_db
def test_json_export_validates_and_carries_no_personal_data(city):
    response = Client().get("/open-data/sample/reports.json?from=2026-11-01&to=2026-11-04")
    assert response.status_code == 200
    body = _body(response)
    document = json.loads(body)
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)

    (record,) = document["reports"]  # 00:30 on 5 Nov (local) is outside the range
    assert record["id"] == city["inside"].pk
    assert record["standard_code"] == "waste"
    assert record["satisfaction"] == 4
    assert record["created_at"] == "2026-11-03T06:30:00Z"
    for secret in ("علی", "0912", "۰۹۱۲", "یاس", city["inside"].tracking_code):
        assert secret not in body


@pytest.mark.django_db
def test_coordinates_are_the_res8_cell_centre_within_half_a_kilometre(city):
    document = json.loads(
        _body(Client().get("/open-data/sample/reports.json?from=2026-11-03&to=2026-11-03"))
    )
    record = document["reports"][0]
    cell = h3.latlng_to_cell(*POINT, 8)
    assert record["h3_cell"] == cell
    centre = h3.cell_to_latlng(cell)
    assert (record["lat"], record["lon"]) == (round(centre[0], 5), round(centre[1], 5))
    moved_km = h3.great_circle_distance(POINT, (record["lat"], record["lon"]), unit="km")
    assert 0 < moved_km < 0.56  # the farthest vertex of a res-8 cell here is 0.553 km


@pytest.mark.django_db
def test_csv_export_has_the_same_record(city):
    body = _body(Client().get("/open-data/sample/reports.csv?from=2026-11-01&to=2026-11-30"))
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [int(r["id"]) for r in rows] == [city["inside"].pk, city["later"].pk]
    assert rows[0]["is_duplicate"] == "false"
    assert rows[0]["within_deadline"] == ""  # still open
    assert rows[0]["category"] == "دسته bins"
    assert SECRET_TEXT not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-11-01", "to"),
        ("from=1405-08-01&to=2026-11-30", "from"),
        ("from=2026-11-30&to=2026-11-01", "from"),
        ("from=2025-01-01&to=2026-11-30", "to"),
    ],
)
def test_bad_ranges_get_a_persian_json_error(city, query, field):
    response = Client().get(f"/open-data/sample/reports.json?{query}")
    assert response.status_code == 400
    error = response.json()
    assert error["field"] == field
    assert error["code"] == "invalid_range"
    assert any("\u0600" <= ch <= "\u06ff" for ch in error["message"])


@pytest.mark.django_db
def test_unknown_municipality_is_404_json(city):
    response = Client().get("/open-data/nowhere/reports.csv?from=2026-11-01&to=2026-11-02")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_command_streams_the_same_json(city, tmp_path):
    out = tmp_path / "export.json"
    call_command(
        "export_open_data",
        "--municipality",
        "sample",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "json",
        "--output",
        str(out),
    )
    document = json.loads(out.read_text("utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert [r["id"] for r in document["reports"]] == [city["inside"].pk, city["later"].pk]
