"""A day far above the same weekday of previous weeks raises one alert, told once to the
responsible department's manager, and acknowledged by that manager only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from shahrvand.analytics.mining.alerts import alert_acknowledge, raise_alerts
from shahrvand.analytics.mining.models import Alert
from shahrvand.analytics.mining.spikes import detect_spikes, spike_threshold
from shahrvand.common.errors import PermissionDenied
from shahrvand.notifications import delivery
from shahrvand.notifications.models import Message, Notification
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import local, report_at

DAY = dt.date(2026, 11, 10)  # a Tuesday


def test_threshold_for_a_flat_baseline_is_the_poisson_bound():
    # mean 2, sd 0: P(X >= 8 | 2) = 0.00110 is not below 0.001, P(X >= 9 | 2) = 0.000237 is.
    assert spike_threshold(2.0, 0.0) == 9
    # A noisy baseline raises the bar: mean 2, sd 3 → above 2 + 3·3 = 11.
    assert spike_threshold(2.0, 3.0) == 12
    # Never seen: expected 0.5 a day, and never fewer than five reports.
    assert spike_threshold(0.0, 0.0) == 5


@pytest.fixture
def city():
    muni = tenancy_factories.municipality()
    cleaning = tenancy_factories.department(muni, "cleaning")
    waste = categories_factories.category(muni, "bins", "waste", dept=cleaning)
    road = categories_factories.category(muni, "pothole", "road")
    manager = tenancy_factories.staff(muni, Role.DEPARTMENT_MANAGER, dept=cleaning)
    other_manager = tenancy_factories.staff(
        muni, Role.DEPARTMENT_MANAGER, dept=tenancy_factories.department(muni, "civil-works")
    )
    admin = tenancy_factories.staff(muni, Role.MUNICIPALITY_ADMIN)
    for week in range(1, 7):  # two waste reports on each of the six previous Tuesdays
        for _ in range(2):
            report_at(muni, waste, local(DAY - dt.timedelta(weeks=week)))
    return {
        "muni": muni,
        "waste": waste,
        "road": road,
        "cleaning": cleaning,
        "manager": manager,
        "other_manager": other_manager,
        "admin": admin,
    }


@pytest.mark.django_db
def test_spike_is_raised_once_for_the_responsible_manager(city):
    muni = city["muni"]
    for hour in range(12):
        report_at(muni, city["waste"], local(DAY, 8 + hour % 10))
    for _ in range(3):
        report_at(muni, city["road"], local(DAY))

    alerts = raise_alerts(day=DAY)

    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert.standard_id, alert.day, alert.observed) == ("waste", DAY, 12)
    assert alert.expected == pytest.approx(2.0)
    assert alert.baseline_sd == pytest.approx(0.0)
    assert alert.threshold == 9
    assert alert.department == city["cleaning"]

    # Running again (the hourly task) raises and notifies nothing new.
    assert raise_alerts(day=DAY) == []
    assert Alert.objects.count() == 1
    queued = Message.objects.filter(template_key="mining_spike")
    assert [m.user_id for m in queued] == [city["manager"].pk]

    delivery.deliver_due()
    inbox = Notification.objects.filter(title__startswith="هشدار جهش")
    assert [n.user_id for n in inbox] == [city["manager"].pk]
    assert "۱۲" in inbox[0].body and "پسماند" in inbox[0].title
    assert inbox[0].body.endswith("/staff/mining/")


@pytest.mark.django_db
def test_a_day_below_the_threshold_raises_nothing(city):
    for _ in range(8):  # 8 < 9
        report_at(city["muni"], city["waste"], local(DAY))
    assert detect_spikes(day=DAY) == []


@pytest.mark.django_db
def test_the_spike_counts_local_days_not_utc_days(city):
    # 01:00 Tehran on the 11th is 21:30 UTC on the 10th: it belongs to the 11th.
    for _ in range(12):
        report_at(city["muni"], city["waste"], local(DAY + dt.timedelta(days=1), 1))
    assert detect_spikes(day=DAY) == []


@pytest.mark.django_db
def test_without_a_department_manager_the_admin_is_told(city):
    muni = city["muni"]
    city["manager"].staff_profile.delete()
    for _ in range(12):
        report_at(muni, city["waste"], local(DAY))
    raise_alerts(day=DAY)
    assert list(
        Message.objects.filter(template_key="mining_spike").values_list("user_id", flat=True)
    ) == [city["admin"].pk]


@pytest.mark.django_db
def test_only_the_responsible_manager_or_admin_acknowledges(city):
    for _ in range(12):
        report_at(city["muni"], city["waste"], local(DAY))
    (alert,) = raise_alerts(day=DAY)

    with pytest.raises(PermissionDenied):
        alert_acknowledge(alert=alert, user=city["other_manager"])
    done = alert_acknowledge(alert=alert, user=city["manager"])
    assert done.acknowledged_by == city["manager"]
    first = done.acknowledged_at
    again = alert_acknowledge(alert=alert, user=city["admin"])
    assert (again.acknowledged_at, again.acknowledged_by) == (first, city["manager"])


@pytest.mark.django_db
def test_command_takes_a_jalali_day(city, capsys):
    for _ in range(12):
        report_at(city["muni"], city["waste"], local(DAY))
    call_command("detect_spikes", "--day", "۱۴۰۵-۰۸-۱۹")  # 19 Aban 1405 = 10 Nov 2026
    assert "1 new alert(s) for 2026-11-10" in capsys.readouterr().out
    assert Alert.objects.get().observed == 12


@pytest.mark.django_db
def test_periodic_task_checks_today_and_the_embedded_gate_runs_it_once_an_hour(city, monkeypatch):
    from shahrvand.analytics.mining import tasks

    today = timezone.localdate()
    for week in range(1, 7):
        for _ in range(2):
            report_at(city["muni"], city["waste"], local(today - dt.timedelta(weeks=week)))
    # 20: far above the baseline whatever weekday today is (the fixture's Tuesdays may overlap)
    for _ in range(20):
        report_at(city["muni"], city["waste"], local(today, 0))
    calls: list[int] = []
    monkeypatch.setattr(tasks, "detect_spikes", lambda: calls.append(1))
    tasks._embedded_detect()
    tasks._embedded_detect()
    assert calls == [1]
    monkeypatch.undo()
    assert tasks.detect_spikes() == 1
    assert Alert.objects.get(day=today).observed == 20
