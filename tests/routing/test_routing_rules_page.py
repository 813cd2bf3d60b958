"""Municipality admins edit routing rules; new reports follow them at once."""

from __future__ import annotations

import pytest

from shahrvand.routing.models import RoutingRule
from shahrvand.tenancy.models import District, Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_admin_adds_a_rule_and_intake_follows_it(client, city, pothole):
    east = District.objects.get(municipality=city, number=2)
    team = tenancy_factories.department(city, "east-team")
    client.force_login(tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN))
    response = client.post(
        "/staff/routing/",
        {
            "name": "شرق",
            "order": "10",
            "district": east.pk,
            "department": team.pk,
            "weekdays": ["5", "6"],
        },
    )
    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    assert rule.municipality == city and rule.weekdays == [5, 6]
    RoutingRule.objects.filter(pk=rule.pk).update(weekdays=[])
    report = reports_factories.report(city, pothole, where=tenancy_factories.INSIDE_EAST)
    assert report.assigned_department == team
    assert "شرق" in client.get("/staff/routing/").content.decode()
    both = client.post(
        "/staff/routing/",
        {
            "name": "بد",
            "order": "1",
            "department": team.pk,
            "agency": tenancy_factories.agency(city).pk,
        },
    )
    assert both.status_code == 400 and "دقیقاً یک مقصد" in both.content.decode()
    client.post(f"/staff/routing/{rule.pk}/toggle/")
    assert RoutingRule.objects.get().is_active is False
    client.post(f"/staff/routing/{rule.pk}/toggle/", {"delete": "1"})
    assert not RoutingRule.objects.exists()


def test_units_of_other_cities_and_other_roles_are_refused(client, city, pothole):
    other = tenancy_factories.municipality("other", lat=36.3, lon=59.6)
    foreign = tenancy_factories.department(other, "foreign")
    client.force_login(tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN))
    response = client.post("/staff/routing/", {"name": "x", "order": "1", "department": foreign.pk})
    assert response.status_code == 400 and not RoutingRule.objects.exists()
    theirs = RoutingRule.objects.create(municipality=other, name="t", department=foreign)
    client.post(f"/staff/routing/{theirs.pk}/toggle/", {"delete": "1"})
    assert RoutingRule.objects.filter(pk=theirs.pk).exists()
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    assert client.get("/staff/routing/").status_code == 403
