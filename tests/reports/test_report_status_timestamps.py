"""resolved_at, closed_at and first_response_at follow the status; a reopen clears them."""

from __future__ import annotations

import pytest

from shahrvand.reports.services import report_transition
from shahrvand.reports.workflow import Status
from tests.reports import factories as reports_factories

pytestmark = pytest.mark.django_db


def test_resolving_sets_resolved_at_but_not_closed_at(city, pothole):
    report = reports_factories.report_in_status(city, Status.IN_PROGRESS, pothole)
    assert report.resolved_at is None

    report_transition(report=report, to_status=Status.RESOLVED, actor=None, note="آسفالت شد")

    report.refresh_from_db()
    assert report.resolved_at is not None
    assert report.resolved_at >= report.created_at
    assert report.closed_at is None


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.RESOLVED, Status.CLOSED),
        (Status.SUBMITTED, Status.REJECTED),
        (Status.ASSIGNED, Status.DUPLICATE),
    ],
    ids=["closed", "rejected", "duplicate"],
)
def test_ending_statuses_set_closed_at(city, pothole, current, target):
    report = reports_factories.report_in_status(city, current, pothole)
    parent = reports_factories.report(city, pothole) if target == Status.DUPLICATE else None
    assert report.closed_at is None

    report_transition(
        report=report, to_status=target, actor=None, note="پایان", duplicate_of=parent
    )

    report.refresh_from_db()
    assert report.closed_at is not None
    assert report.closed_at >= report.created_at


@pytest.mark.parametrize(
    "current",
    [Status.RESOLVED, Status.CLOSED, Status.REJECTED, Status.DUPLICATE],
    ids=lambda s: s.value,
)
def test_reopen_clears_resolution_closure_and_parent(city, pothole, current):
    report = reports_factories.report_in_status(city, current, pothole)
    assert report.resolved_at is not None or report.closed_at is not None

    report_transition(report=report, to_status=Status.REOPENED, actor=None, note="دوباره")

    report.refresh_from_db()
    assert report.status == Status.REOPENED
    assert report.resolved_at is None
    assert report.closed_at is None
    assert report.duplicate_of is None


def test_reopened_report_can_be_resolved_again_with_a_fresh_timestamp(city, pothole):
    report = reports_factories.report_in_status(city, Status.CLOSED, pothole)
    first_resolved = report.resolved_at
    report_transition(report=report, to_status=Status.REOPENED, actor=None)

    report_transition(report=report, to_status=Status.RESOLVED, actor=None, note="این بار درست")

    report.refresh_from_db()
    assert report.resolved_at is not None
    assert report.resolved_at > first_resolved
    assert report.closed_at is None


def test_first_response_is_stamped_once_on_leaving_submitted(city, pothole):
    report = reports_factories.report(city, pothole)
    assert report.first_response_at is None

    report_transition(report=report, to_status=Status.TRIAGED, actor=None)
    report.refresh_from_db()
    first = report.first_response_at
    assert first is not None

    report_transition(report=report, to_status=Status.ASSIGNED, actor=None)
    report.refresh_from_db()
    assert report.first_response_at == first


def test_public_note_becomes_status_note_private_note_does_not(city, pothole):
    report = reports_factories.report(city, pothole)

    report_transition(report=report, to_status=Status.TRIAGED, actor=None, note="بررسی شد")
    report.refresh_from_db()
    assert report.status_note == "بررسی شد"

    report_transition(
        report=report, to_status=Status.ASSIGNED, actor=None, note="داخلی", public=False
    )
    report.refresh_from_db()
    assert report.status_note == "بررسی شد"
    assert report.events.get(to_status=Status.ASSIGNED).is_public is False


def test_transition_note_is_normalised(city, pothole):
    report = reports_factories.report_in_status(city, Status.ASSIGNED, pothole)

    report_transition(report=report, to_status=Status.RESOLVED, actor=None, note="  مشكل  رفع شد  ")

    report.refresh_from_db()
    assert report.status_note == "مشکل رفع شد"
    assert report.events.get(to_status=Status.RESOLVED).note == "مشکل رفع شد"
