"""GET /api/v1/public/kpis: shape, values, errors, and no personal data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from shahrvand.analytics.services import build_all

from . import fixture

pytestmark = pytest.mark.django_db
URL = "/api/v1/public/kpis"


@pytest.fixture
def fx() -> fixture.Fixture:
    built = fixture.build()
    fixture.Report.objects.filter(pk=built.reports["r1"].pk).update(
        reporter_name="مریم رضایی", reporter_phone="09121234567", address="کوچه یاس پلاک ۷"
    )
    build_all()
    return built


def get(client: Client, **params: str) -> tuple[int, dict[str, Any]]:
    response = client.get(URL, params)
    return response.status_code, json.loads(response.content)


def test_groups_by_department_with_the_specified_fields(
    client: Client, fx: fixture.Fixture
) -> None:
    status, body = get(
        client, municipality="testcity", **{"from": "2026-11-04", "to": "2026-11-04"}
    )
    assert status == 200
    assert (body["municipality"], body["date_from"], body["group_by"]) == (
        "testcity", "2026-11-04", "department")  # fmt: skip
    first = body["groups"][0]
    assert set(first) == {
        "key", "label_fa", "municipality", "received", "closed", "open",
        "closed_within_deadline_pct", "median_hours_to_resolve", "p90_hours_to_resolve",
        "reopen_rate", "satisfaction_avg"}  # fmt: skip
    assert first == {
        "key": f"department:{fx.dept.pk}",
        "label_fa": fx.dept.name_fa,
        "municipality": "testcity",
        "received": 8,
        "closed": 6,
        "open": 2,
        "closed_within_deadline_pct": 75.0,
        "median_hours_to_resolve": 10.75,
        "p90_hours_to_resolve": 101.0,
        "reopen_rate": 0.0,
        "satisfaction_avg": 4.0,
    }


@pytest.mark.parametrize(
    ("group_by", "keys"),
    [("category", {"road", "utilities"}), ("district", None), ("municipality", {"testcity"})],
)
def test_other_groupings(
    client: Client, fx: fixture.Fixture, group_by: str, keys: set[str] | None
) -> None:
    status, body = get(client, group_by=group_by, **{"from": "2026-11-01", "to": "2026-11-30"})
    assert status == 200 and body["municipality"] is None  # province-wide
    assert sum(g["received"] for g in body["groups"]) == 9
    if keys is not None:
        assert {g["key"] for g in body["groups"]} == keys


@pytest.mark.parametrize(
    ("params", "status", "code", "field"),
    [
        ({"from": "2026-13-01", "to": "2026-11-04"}, 400, "invalid_date", "from"),
        ({"from": "1405/08/13", "to": "2026-11-04"}, 400, "invalid_date", "from"),
        ({"from": "2026-11-04"}, 400, "invalid_date", "to"),
        ({"from": "2026-11-05", "to": "2026-11-04"}, 400, "invalid_range", "from"),
        ({"from": "2020-01-01", "to": "2026-11-04"}, 400, "range_too_long", "to"),
        ({"from": "2026-11-04", "to": "2026-11-04", "group_by": "channel"}, 400,
         "invalid_group_by", "group_by"),
        ({"from": "2026-11-04", "to": "2026-11-04", "municipality": "atlantis"}, 404,
         "not_found", "municipality"),
    ],
)  # fmt: skip
def test_bad_input_gets_a_structured_error(
    client: Client, fx: fixture.Fixture, params: dict[str, str], status: int, code: str,
    field: str,
) -> None:  # fmt: skip
    got, body = get(client, **params)
    assert got == status
    assert (body["code"], body["field"]) == (code, field)
    assert body["message"] and body["message_en"] and body["message"] != body["message_en"]


def test_exposes_no_personal_data(client: Client, fx: fixture.Fixture) -> None:
    r1 = fx.reports["r1"]
    for group_by in ("department", "category", "district", "municipality"):
        response = client.get(URL, {"from": "2026-11-04", "to": "2026-11-04", "group_by": group_by})
        text = response.content.decode()
        for secret in ("مریم", "09121234567", "یاس", r1.tracking_code, r1.description,
                       "reporter", "phone", "lat", "description"):  # fmt: skip
            assert secret not in text
