"""Every work list shows its total, pages through all of it and puts the most urgent, most
overdue report first (issue #16 item 1)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone

from shahrvand.common.persian import to_persian_digits
from shahrvand.reports.models import Priority, Report
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

NEXT = re.compile(r'<a rel="next" href="([^"]+)"')


def _follow(client, url: str, pattern: str) -> tuple[list[str], list[str]]:
    """All matches of `pattern` on every page reached from `url` by rel=next links, and the
    pages' HTML."""
    found: list[str] = []
    pages: list[str] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        pages.append(html)
        found += re.findall(pattern, html)
        link = NEXT.search(html)
        url = (url.split("?")[0] + unescape(link.group(1))) if link else ""
    return found, pages


def _waiting(city, pothole, n: int) -> list[Report]:
    return [reports_factories.report(city, pothole, description=f"چاله {i}") for i in range(n)]


def test_all_300_waiting_reports_are_reachable_on_the_dispatch_queue(client, city, pothole):
    reports = _waiting(city, pothole, 300)
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    codes, pages = _follow(client, "/staff/dispatch/", r'data-code="([^"]+)"')
    assert len(codes) == 300
    assert set(codes) == {r.tracking_code for r in reports}
    assert len(pages) == 12  # 25 a page
    assert f"{to_persian_digits(300)}" in pages[0]  # the total, in Persian digits
    assert 'aria-label="صفحه‌های صف توزیع"' in pages[0] or "صفحه‌های صف توزیع" in pages[0]
    assert 'rel="prev"' in pages[1]


def test_dispatch_orders_by_priority_then_most_overdue_then_oldest(client, city, pothole):
    now = timezone.now()
    later, overdue, emergency, high, low = _waiting(city, pothole, 5)
    Report.objects.filter(pk=later.pk).update(deadline=now + dt.timedelta(days=3))
    Report.objects.filter(pk=overdue.pk).update(deadline=now - dt.timedelta(days=1))
    Report.objects.filter(pk=emergency.pk).update(
        priority=Priority.EMERGENCY, deadline=now + dt.timedelta(days=9)
    )
    Report.objects.filter(pk=high.pk).update(priority=Priority.HIGH)
    Report.objects.filter(pk=low.pk).update(priority=Priority.LOW, deadline=now - dt.timedelta(9))
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    response = client.get("/staff/dispatch/")
    order = [row.report.pk for row in response.context["rows"]]
    assert order == [emergency.pk, high.pk, overdue.pk, later.pk, low.pk]


def test_work_queue_pages_through_everything_in_urgency_order_and_keeps_filters(
    client, city, pothole
):
    reports = _waiting(city, pothole, 60)
    Report.objects.filter(pk=reports[-1].pk).update(priority=Priority.EMERGENCY)
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    codes, pages = _follow(
        client, "/staff/queue/?open_only=on&order=urgency", r'href="/staff/reports/(\d+)/"'
    )
    assert set(codes) == {r.tracking_code for r in reports}
    assert codes[0] == reports[-1].tracking_code
    assert "open_only=on" in NEXT.search(pages[0]).group(1)
    # no filters at all: the same urgency order by default
    first = client.get("/staff/queue/").context["page"].object_list[0]
    assert first.pk == reports[-1].pk


def test_field_list_pages_through_all_my_open_work(client, city, pothole):
    crew = tenancy_factories.staff(city, Role.FIELD_STAFF, dept=pothole.department)
    reports = [
        reports_factories.report_in_status(city, "assigned", pothole, description=f"چاله {i}")
        for i in range(35)
    ]
    client.force_login(crew)
    codes, pages = _follow(client, "/staff/field/", r'href="/staff/field/(\d+)/"')
    assert set(codes) == {r.tracking_code for r in reports}
    assert len(pages) == 2 and to_persian_digits(35) in pages[0]


def test_inbox_pages_through_every_notification(client, city):
    from shahrvand.notifications.models import Notification

    member = tenancy_factories.staff(city, Role.DISPATCHER)
    Notification.objects.bulk_create(
        Notification(user=member, municipality=city, title=f"اعلان-{i}-", body="متن")
        for i in range(120)
    )
    client.force_login(member)
    titles, pages = _follow(client, "/staff/inbox/", r"اعلان-(\d+)-")
    assert sorted(map(int, titles)) == list(range(120))
    assert len(pages) == 3 and to_persian_digits(120) in pages[0]


def test_agency_user_pages_through_every_report_forwarded_to_the_agency(client, city):
    from tests.categories import factories as categories_factories

    water = tenancy_factories.agency(city)
    leak = categories_factories.category(city, "leak", "utilities", agency_=water)
    reports = [
        reports_factories.report_in_status(city, "forwarded_external", leak, description=f"نشت {i}")
        for i in range(55)
    ]
    client.force_login(tenancy_factories.staff(city, Role.AGENCY_USER, agency_=water))
    codes, _ = _follow(client, "/staff/queue/", r'href="/staff/reports/(\d+)/"')
    assert set(codes) == {r.tracking_code for r in reports} and len(codes) == 55


def test_acting_on_a_later_dispatch_page_returns_to_that_page(client, city, pothole):
    reports = _waiting(city, pothole, 27)
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    [last] = client.get("/staff/dispatch/?page=2").context["rows"][-1:]
    response = client.post(f"/staff/dispatch/{last.report.tracking_code}/accept/", {"page": "2"})
    assert response.status_code == 302 and response["Location"] == "/staff/dispatch/?page=2"
    assert len(reports) == 27
