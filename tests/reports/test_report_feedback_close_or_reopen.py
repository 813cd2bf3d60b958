"""The citizen's verdict on a resolution: accept with a rating closes, dispute reopens."""

from __future__ import annotations

import pytest

from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.services import report_feedback, report_transition
from shahrvand.reports.workflow import Status
from tests.reports import factories as reports_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(city, pothole) -> Report:
    return reports_factories.report_in_status(city, Status.RESOLVED, pothole)


def _new_events(report: Report, before: set[int]) -> list[ReportEvent]:
    return list(report.events.exclude(pk__in=before).order_by("created_at", "id"))


def test_accept_with_rating_closes_and_stores_satisfaction(resolved):
    before = set(resolved.events.values_list("pk", flat=True))

    report_feedback(report=resolved, accepted=True, rating=4, comment="ممنون  از شما")

    resolved.refresh_from_db()
    assert resolved.status == Status.CLOSED
    assert resolved.satisfaction == 4
    assert resolved.feedback_comment == "ممنون از شما"
    assert resolved.closed_at is not None
    feedback, status = _new_events(resolved, before)
    assert feedback.kind == ReportEvent.Kind.FEEDBACK
    assert feedback.is_public
    assert feedback.data["accepted"] is True
    assert feedback.data["rating"] == 4
    assert (status.from_status, status.to_status) == (Status.RESOLVED, Status.CLOSED)


@pytest.mark.parametrize("rating", [None, 0, 6, -1])
def test_accept_without_a_valid_rating_fails_and_writes_nothing(resolved, rating):
    row_before = Report.objects.filter(pk=resolved.pk).values().get()
    events_before = ReportEvent.objects.count()

    with pytest.raises(ReportError) as caught:
        report_feedback(report=resolved, accepted=True, rating=rating)

    assert (caught.value.field, caught.value.code) == ("rating", "invalid_rating")
    assert Report.objects.filter(pk=resolved.pk).values().get() == row_before
    assert ReportEvent.objects.count() == events_before


def test_dispute_reopens_with_the_citizens_comment_as_public_note(resolved):
    before = set(resolved.events.values_list("pk", flat=True))

    report_feedback(report=resolved, accepted=False, comment="چاله هنوز  هست")

    resolved.refresh_from_db()
    assert resolved.status == Status.REOPENED
    assert resolved.resolved_at is None
    assert resolved.satisfaction is None
    assert resolved.status_note == "چاله هنوز هست"
    feedback, status = _new_events(resolved, before)
    assert feedback.kind == ReportEvent.Kind.FEEDBACK
    assert feedback.data["accepted"] is False
    assert status.to_status == Status.REOPENED
    assert status.is_public
    assert status.note == "چاله هنوز هست"


def test_dispute_without_comment_still_leaves_a_public_note(resolved):
    report_feedback(report=resolved, accepted=False)

    resolved.refresh_from_db()
    assert resolved.status == Status.REOPENED
    assert resolved.status_note
    assert resolved.events.get(to_status=Status.REOPENED).is_public


def test_disputed_then_resolved_again_can_be_accepted(resolved):
    report_feedback(report=resolved, accepted=False, comment="درست نشد")
    report_transition(report=resolved, to_status=Status.RESOLVED, actor=None, note="دوباره")

    report_feedback(report=resolved, accepted=True, rating=5)

    resolved.refresh_from_db()
    assert resolved.status == Status.CLOSED
    assert resolved.satisfaction == 5


@pytest.mark.parametrize(
    "status",
    [s for s in Status if s != Status.RESOLVED],
    ids=lambda s: s.value,
)
def test_feedback_on_a_report_that_is_not_resolved_fails(city, pothole, status):
    report = reports_factories.report_in_status(city, status, pothole)
    row_before = Report.objects.filter(pk=report.pk).values().get()
    events_before = ReportEvent.objects.count()

    for accepted in (True, False):
        with pytest.raises(ReportError) as caught:
            report_feedback(report=report, accepted=accepted, rating=5, comment="نظر")
        assert (caught.value.field, caught.value.code) == ("status", "not_resolved")

    assert Report.objects.filter(pk=report.pk).values().get() == row_before
    assert ReportEvent.objects.count() == events_before


def test_feedback_reads_the_stored_status_not_a_stale_copy(resolved):
    stale = Report.objects.get(pk=resolved.pk)
    report_feedback(report=resolved, accepted=True, rating=3)

    with pytest.raises(ReportError):
        report_feedback(report=stale, accepted=False, comment="دیر")

    resolved.refresh_from_db()
    assert resolved.status == Status.CLOSED
