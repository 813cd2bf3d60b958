"""Who receives what: citizens by SMS for the events they care about, staff in-app and by
email for work and deadlines; nobody twice for one event."""

from __future__ import annotations

import pytest

from shahrvand.notifications import delivery
from shahrvand.notifications.models import HandledEvent, Message
from shahrvand.reports.models import ReportFollower
from shahrvand.reports.services import report_assign, report_merge, report_transition
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

REPORTER = "09120000001"
FOLLOWER = "09120000002"


def planned(key: str | None = None, channel: str = "sms") -> list[str]:
    delivery.fan_out()
    rows = Message.objects.filter(channel=channel)
    if key:
        rows = rows.filter(template_key=key)
    return sorted(rows.values_list("recipient", flat=True))


def keys() -> list[str]:
    delivery.fan_out()
    return list(Message.objects.order_by("created_at", "pk").values_list("template_key", flat=True))


def test_submission_sends_the_tracking_code_to_the_reporter_only(city, pothole):
    report = reports_factories.report(city, pothole, reporter_phone="+98 912 000 0001")
    ReportFollower.objects.create(report=report, phone=FOLLOWER)  # too early to matter

    assert planned() == [REPORTER]
    message = Message.objects.get()
    assert message.template_key == "citizen.created" and message.report == report


def test_no_phone_or_a_landline_gets_no_sms(city, pothole):
    reports_factories.report(city, pothole)
    reports_factories.report(city, pothole, channel="phone", reporter_phone="021-88776655")

    assert planned() == []
    assert HandledEvent.objects.count() == 2  # handled, with nothing to send


@pytest.mark.parametrize(
    ("status", "notified"),
    [
        (Status.TRIAGED, False),
        (Status.ASSIGNED, True),
        (Status.IN_PROGRESS, False),
        (Status.FORWARDED_EXTERNAL, True),
        (Status.ON_HOLD, True),
        (Status.REJECTED, True),
        (Status.DUPLICATE, True),
    ],
    ids=str,
)
def test_status_changes_citizens_care_about(city, pothole, status, notified):
    report = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    delivery.fan_out()
    Message.objects.all().delete()

    path = reports_factories.status_path(status)
    for step in path[:-1]:
        report_transition(report=report, to_status=step, actor=None, note="گام")
    delivery.fan_out()
    Message.objects.all().delete()
    parent = reports_factories.report(city, pothole) if status == Status.DUPLICATE else None
    report_transition(report=report, to_status=status, actor=None, note="دلیل", duplicate_of=parent)

    assert keys() == ([f"citizen.status.{status}"] if notified else [])


def test_resolution_goes_to_reporter_followers_and_merged_reports_once_each(city, pothole):
    staff = tenancy_factories.staff(city)
    parent = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    child = reports_factories.report(city, pothole, reporter_phone="09120000003")
    other_child = reports_factories.report(city, pothole, reporter_phone=REPORTER)  # same person
    ReportFollower.objects.create(report=parent, phone=FOLLOWER)
    ReportFollower.objects.create(report=child, phone="09120000004")
    ReportFollower.objects.create(report=child, phone=FOLLOWER)  # follows both
    report_merge(parent=parent, children=[child, other_child], actor=staff)
    for status in ("assigned", "in_progress"):
        report_transition(report=parent, to_status=status, actor=staff)
    delivery.fan_out()
    Message.objects.all().delete()

    report_transition(report=parent, to_status="resolved", actor=staff, note="چاله پر شد")

    assert planned("citizen.resolved") == [REPORTER, FOLLOWER, "09120000003", "09120000004"]
    assert Message.objects.filter(report=parent).count() == 4


def test_reopened_child_no_longer_hears_about_the_parent(city, pothole):
    parent = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    child = reports_factories.report(city, pothole, reporter_phone="09120000003")
    report_merge(parent=parent, children=[child], actor=tenancy_factories.staff(city))
    report_transition(report=child, to_status="reopened", actor=None)
    delivery.fan_out()
    Message.objects.all().delete()

    report_transition(report=parent, to_status="rejected", actor=None, note="خارج از حوزه")

    assert planned("citizen.status.rejected") == [REPORTER]


def test_assignment_tells_the_department_managers_in_app_and_by_email(city, pothole):
    department = pothole.department
    manager = tenancy_factories.staff(city, Role.DEPARTMENT_MANAGER, dept=department)
    manager.email = "manager@example.org"
    manager.save()
    quiet = tenancy_factories.staff(city, Role.DEPARTMENT_MANAGER, dept=department)  # no email
    tenancy_factories.staff(city, Role.FIELD_STAFF, dept=department)
    tenancy_factories.staff(
        city, Role.DEPARTMENT_MANAGER, dept=tenancy_factories.department(city, "parks")
    )
    report = reports_factories.report(city, pothole)

    report_assign(report=report, actor=tenancy_factories.staff(city), department=department)

    assert planned("staff.assigned", "in_app") == sorted([f"user:{manager.pk}", f"user:{quiet.pk}"])
    assert planned("staff.assigned", "email") == ["manager@example.org"]
    assert planned("citizen.status.assigned") == []  # no phone on this report


def test_escalation_goes_to_the_municipality_admins(city, pothole):
    from shahrvand.outbox.models import EventType
    from shahrvand.reports.services.events import emit

    admin = tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN)
    tenancy_factories.staff(
        tenancy_factories.municipality(), Role.MUNICIPALITY_ADMIN
    )  # another city
    report = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    emit(EventType.REPORT_ESCALATED, report, sla_state="escalated")

    assert planned("staff.escalated", "in_app") == [f"user:{admin.pk}"]
    assert planned("citizen.created") == [REPORTER]  # citizens hear nothing of escalation
    assert Message.objects.filter(channel="sms").count() == 1
