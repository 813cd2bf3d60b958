"""The report clock in business hours: holidays, on-hold pauses, and escalation at each
threshold, with a frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shahrvand.deadlines.business_hours import TEHRAN
from shahrvand.deadlines.calendar import calendar_for
from shahrvand.deadlines.models import Holiday, WorkWeek
from shahrvand.outbox.models import OutboxEvent
from shahrvand.reports.models import Report
from shahrvand.reports.services import report_transition
from shahrvand.reports.services.escalation import escalate_due
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def tehran(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in November 2026 (21st is a Saturday) in Tehran time."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TEHRAN)


@pytest.fixture
def clock(monkeypatch):
    state = {"now": tehran(21, 8)}

    def freeze(moment: dt.datetime) -> None:
        state["now"] = moment

    monkeypatch.setattr(timezone, "now", lambda: state["now"].astimezone(dt.UTC))
    return freeze


@pytest.fixture
def eight_hours(city):
    return categories_factories.category(city, "lamp", "lighting", target_hours=8)


def test_holiday_in_jalali_with_persian_digits_and_errors(city):
    day = Holiday.objects.create(municipality=city, jalali="۱۴۰۵/۰۹/۰۱", title="نمونه")
    assert day.date == dt.date(2026, 11, 22)
    with pytest.raises(ValidationError):
        Holiday(municipality=city, jalali="1405/13/01", title="x").full_clean()
    with pytest.raises(ValidationError):
        Holiday(municipality=city, jalali="دیروز", title="x").full_clean()


def test_calendar_has_province_and_city_holidays_and_refreshes_on_change(city):
    other = tenancy_factories.municipality("other", lat=36.3, lon=59.6)
    Holiday.objects.create(province=city.province, jalali="1405/01/07", title="آلودگی هوا")
    Holiday.objects.create(municipality=other, jalali="1405/01/05", title="محلی")
    holidays = calendar_for(city.pk).holidays
    assert dt.date(2026, 3, 27) in holidays  # the province's closure
    assert dt.date(2026, 3, 25) not in holidays  # another city's local day
    Holiday.objects.create(municipality=city, jalali="1405/01/06", title="محلی")
    assert dt.date(2026, 3, 26) in calendar_for(city.pk).holidays


def test_work_week_validation_and_use(city):
    with pytest.raises(ValidationError):
        WorkWeek(municipality=city, hours={"sat": ["16:00", "08:00"]}).full_clean()
    with pytest.raises(ValidationError):
        WorkWeek(municipality=city, hours={"someday": ["08:00", "16:00"]}).full_clean()
    WorkWeek.objects.create(municipality=city, hours={"sat": ["07:00", "14:00"]})
    week = calendar_for(city.pk).week
    assert week[5] == (dt.time(7), dt.time(14)) and week[6] is None


def test_deadline_skips_thursday_afternoon_friday_and_a_holiday(city, eight_hours, clock):
    clock(tehran(25, 15))  # Wednesday 15:00: 1 h left today
    report = reports_factories.report(city, eight_hours)
    # Wed 1 h + Thu 4 h + Sat 3 h → Saturday 11:00
    assert report.deadline == tehran(28, 11)
    Holiday.objects.create(municipality=city, jalali="1405/09/07", title="تعطیل")  # Sat 28th
    second = reports_factories.report(city, eight_hours)
    assert second.deadline == tehran(29, 11)


def test_emergency_runs_on_the_clock(city, eight_hours, clock):
    clock(tehran(26, 23))  # Thursday night
    report = reports_factories.report(city, eight_hours, priority="emergency")
    assert report.deadline == tehran(27, 3)  # 4 clock hours, through Friday


def test_on_hold_pauses_the_clock_and_history_says_how_long(city, eight_hours, clock):
    clock(tehran(21, 8))
    report = reports_factories.report(city, eight_hours)
    assert report.deadline == tehran(21, 16) and report.warn_at == tehran(21, 14)
    staff = tenancy_factories.staff(city)
    clock(tehran(21, 10))
    report_transition(report=report, to_status="on_hold", actor=staff, note="منتظر شهروند")
    clock(tehran(22, 10))  # Sunday 10:00: 8 working hours on hold
    report = report_transition(report=report, to_status="assigned", actor=staff)
    assert report.deadline == tehran(22, 16)  # the 6 h left at the pause, from Sunday 10:00
    assert report.warn_at == tehran(22, 14)
    assert report.paused_hours == pytest.approx(8)
    assert report.events.last().data["paused_hours"] == pytest.approx(8)


def test_escalation_steps_happen_once_each_at_their_threshold(city, eight_hours, clock):
    clock(tehran(21, 8))
    report = reports_factories.report(city, eight_hours)
    assert escalate_due(tehran(21, 13, 59).astimezone(dt.UTC)) == {
        "warned": 0,
        "breached": 0,
        "escalated": 0,
    }
    assert escalate_due(tehran(21, 14).astimezone(dt.UTC))["warned"] == 1
    assert escalate_due(tehran(21, 15).astimezone(dt.UTC))["warned"] == 0
    assert escalate_due(tehran(21, 16).astimezone(dt.UTC))["breached"] == 1
    # Escalation at deadline + 50% of the 8 h target = Sunday 12:00.
    assert escalate_due(tehran(22, 11, 59).astimezone(dt.UTC))["escalated"] == 0
    assert escalate_due(tehran(22, 12).astimezone(dt.UTC))["escalated"] == 1
    report.refresh_from_db()
    assert report.sla_state == "escalated"
    kinds = list(
        OutboxEvent.objects.filter(type__startswith="report.deadline").values_list(
            "type", flat=True
        )
    ) + list(OutboxEvent.objects.filter(type="report.escalated").values_list("type", flat=True))
    assert sorted(kinds) == [
        "report.deadline_breached",
        "report.deadline_warning",
        "report.escalated",
    ]
    assert report.events.filter(kind="deadline", is_public=False).count() == 3


def test_late_run_applies_all_due_steps_and_skips_on_hold_and_closed(city, eight_hours, clock):
    clock(tehran(21, 8))
    late = reports_factories.report(city, eight_hours)
    held = reports_factories.report(city, eight_hours)
    done = reports_factories.report(city, eight_hours)
    staff = tenancy_factories.staff(city)
    report_transition(report=held, to_status="on_hold", actor=staff, note="منتظر")
    report_transition(report=done, to_status="rejected", actor=staff, note="خارج از وظایف")
    result = escalate_due(tehran(24, 12).astimezone(dt.UTC))
    assert result == {"warned": 1, "breached": 1, "escalated": 1}
    assert Report.objects.get(pk=late.pk).sla_state == "escalated"
    assert Report.objects.get(pk=held.pk).sla_state == ""
    assert Report.objects.get(pk=done.pk).sla_state == ""
