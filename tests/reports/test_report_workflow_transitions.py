"""Every (from, to) pair of statuses through the one service that changes status.

Legal moves change the status and append exactly one history entry; illegal moves raise
IllegalTransition and leave the row and the history untouched.
"""

from __future__ import annotations

import itertools

import pytest

from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.services import report_transition
from shahrvand.reports.workflow import NEEDS_NOTE, TRANSITIONS, IllegalTransition, Status
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(current, target) for current in Status for target in Status]
LEGAL = [(c, t) for c, t in ALL_PAIRS if t in TRANSITIONS[c]]
ILLEGAL = [(c, t) for c, t in ALL_PAIRS if t not in TRANSITIONS[c]]
NOTE_REQUIRED = [(c, t) for c, t in LEGAL if t in NEEDS_NOTE]


def _ids(pair: tuple[Status, Status]) -> str:
    return f"{pair[0].value}->{pair[1].value}"


def test_parametrisation_covers_every_pair_once():
    assert len(ALL_PAIRS) == len(Status) ** 2
    assert set(LEGAL) | set(ILLEGAL) == set(ALL_PAIRS)
    assert not set(LEGAL) & set(ILLEGAL)
    # A status never "moves" to itself.
    assert all(current not in TRANSITIONS[current] for current in Status)


def test_business_rules_of_the_table():
    # Nothing goes back to "submitted"; finished reports only come back by a reopen.
    assert all(Status.SUBMITTED not in targets for targets in TRANSITIONS.values())
    for ended in (Status.CLOSED, Status.REJECTED, Status.DUPLICATE):
        assert TRANSITIONS[ended] == {Status.REOPENED}
    assert TRANSITIONS[Status.RESOLVED] == {Status.CLOSED, Status.REOPENED}
    # Only a resolution can be closed; rejection and duplicate are decided before work starts.
    assert {c for c, t in LEGAL if t == Status.CLOSED} == {Status.RESOLVED}
    assert {c for c, t in LEGAL if t == Status.DUPLICATE} == {
        Status.SUBMITTED,
        Status.TRIAGED,
        Status.ASSIGNED,
    }
    assert {Status.REJECTED, Status.ON_HOLD, Status.RESOLVED} == NEEDS_NOTE


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_every_status_is_reachable_from_submitted_by_legal_moves(status):
    path = reports_factories.status_path(status)
    chain = [Status.SUBMITTED, *path]
    assert chain[-1] == status
    assert all(b in TRANSITIONS[a] for a, b in itertools.pairwise(chain))


@pytest.mark.parametrize(("current", "target"), LEGAL, ids=[_ids(p) for p in LEGAL])
def test_legal_transition_changes_status_and_appends_one_event(city, pothole, current, target):
    actor = tenancy_factories.staff(city, Role.DISPATCHER)
    report = reports_factories.report_in_status(city, current, pothole)
    parent = reports_factories.report(city, pothole) if target == Status.DUPLICATE else None
    before = set(report.events.values_list("pk", flat=True))
    note = "توضیح برای شهروند" if target in NEEDS_NOTE else ""

    returned = report_transition(
        report=report, to_status=target, actor=actor, note=note, duplicate_of=parent
    )

    assert returned.status == target
    report.refresh_from_db()
    assert report.status == target
    new_events = list(report.events.exclude(pk__in=before))
    assert len(new_events) == 1
    event = new_events[0]
    assert event.kind == ReportEvent.Kind.STATUS
    assert (event.from_status, event.to_status) == (current, target)
    assert event.actor == actor
    assert event.note == note
    if target == Status.DUPLICATE:
        assert report.duplicate_of == parent


@pytest.mark.parametrize(("current", "target"), ILLEGAL, ids=[_ids(p) for p in ILLEGAL])
def test_illegal_transition_raises_and_writes_nothing(city, pothole, current, target):
    report = reports_factories.report_in_status(city, current, pothole)
    # Give it everything a legal move could need, so only the state machine can refuse.
    parent = reports_factories.report(city, pothole) if target == Status.DUPLICATE else None
    row_before = Report.objects.filter(pk=report.pk).values().get()
    events_before = ReportEvent.objects.count()

    with pytest.raises(IllegalTransition) as caught:
        report_transition(
            report=report, to_status=target, actor=None, note="دلیل", duplicate_of=parent
        )

    assert (caught.value.current, caught.value.target) == (current, target)
    assert caught.value.code == "illegal_transition"
    assert Report.objects.filter(pk=report.pk).values().get() == row_before
    assert ReportEvent.objects.count() == events_before


@pytest.mark.parametrize(("current", "target"), NOTE_REQUIRED, ids=[_ids(p) for p in NOTE_REQUIRED])
def test_status_that_needs_a_note_is_refused_without_one(city, pothole, current, target):
    report = reports_factories.report_in_status(city, current, pothole)
    events_before = report.events.count()

    for note in ("", "   \n\t \u200c "):
        with pytest.raises(IllegalTransition):
            report_transition(report=report, to_status=target, actor=None, note=note)

    report.refresh_from_db()
    assert report.status == current
    assert report.events.count() == events_before


def test_duplicate_without_parent_is_refused(city, pothole):
    report = reports_factories.report(city, pothole)

    with pytest.raises(IllegalTransition):
        report_transition(report=report, to_status=Status.DUPLICATE, actor=None, note="تکراری")

    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.duplicate_of is None
    assert report.events.count() == 1
