"""Agency response times: median and 90th percentile of hours from step start to answer."""

from __future__ import annotations

import datetime as dt

import pytest

from shahrvand.agencyapi.selectors import agency_response_times, percentile
from shahrvand.eservices.models import CaseStep
from shahrvand.tenancy.models import Municipality
from tests.eservices.helpers import published_service, submit_permit

T0 = dt.datetime(2026, 11, 28, 5, 0, tzinfo=dt.UTC)


def test_percentile_by_hand() -> None:
    assert percentile([], 0.5) is None
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([10.0, 2.0, 4.0], 0.5) == 4.0
    # sorted 2, 4, 10: position (3 − 1) × 0.9 = 1.8 → 4 + 0.8 × (10 − 4) = 8.8
    assert percentile([10.0, 2.0, 4.0], 0.9) == pytest.approx(8.8)
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5


@pytest.mark.django_db
def test_response_times_per_agency(city: Municipality) -> None:
    service = published_service(city)
    cases = [submit_permit(service) for _ in range(3)]

    def answered(case_index: int, key: str, hours: float | None, start: dt.datetime = T0) -> None:
        CaseStep.objects.filter(case=cases[case_index], key=key).update(
            started_at=start,
            decided_at=None if hours is None else start + dt.timedelta(hours=hours),
            status="active" if hours is None else "approved",
        )

    answered(0, "water-inquiry", 2)
    answered(1, "water-inquiry", 10)
    answered(2, "water-inquiry", 4)
    answered(0, "gas-inquiry", 3)
    answered(1, "gas-inquiry", None)  # still open: not counted
    answered(2, "electricity-inquiry", 1.5, start=T0 - dt.timedelta(days=30))

    rows = {r.agency_code: r for r in agency_response_times(municipality=city)}
    assert set(rows) == {"water", "gas", "electricity"}
    assert (rows["water"].answered, rows["water"].median_hours) == (3, 4.0)
    assert rows["water"].p90_hours == pytest.approx(8.8)
    assert (rows["gas"].answered, rows["gas"].median_hours, rows["gas"].p90_hours) == (1, 3.0, 3.0)
    recent = {r.agency_code for r in agency_response_times(municipality=city, since=T0)}
    assert recent == {"water", "gas"}
    other = Municipality.objects.exclude(pk=city.pk)
    assert all(agency_response_times(municipality=m) == [] for m in other)
