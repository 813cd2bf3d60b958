"""The demo province: geography, units, categories, accounts and reports are consistent.

Loading takes several seconds, so it happens once for the module inside a transaction
that is rolled back at the end; each test runs in its own nested savepoint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from shapely import union_all
from shapely.geometry import Point, shape

from shahrvand.categories.models import Category, StandardCategory
from shahrvand.categories.taxonomy import standard_codes, standard_rows
from shahrvand.demo.people import account_specs, accounts_markdown, demo_password
from shahrvand.demo.reset import delete_demo_data
from shahrvand.reports.models import Attachment, Report, ReportEvent
from shahrvand.reports.workflow import OPEN_STATUSES, Status
from shahrvand.tenancy.geo import district_at
from shahrvand.tenancy.models import (
    Department,
    District,
    ExternalAgency,
    Municipality,
    Role,
    StaffProfile,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "demo-accounts.md"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # A transactional test elsewhere may have flushed the taxonomy its migration
            # loaded; put it back (inside this transaction, so it is rolled back with the rest).
            for row in standard_rows():
                StandardCategory.objects.get_or_create(code=row["code"], defaults=row)
            call_command("load_demo", "--if-empty", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _counts() -> dict[str, int]:
    models: list[Any] = [Municipality, District, Department, ExternalAgency, Category, Report,
                         ReportEvent, Attachment, StaffProfile]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_districts_tile_each_municipality() -> None:
    expected = {"tehran": 22, "karaj": 12, "shahriar": 4}
    for slug, count in expected.items():
        municipality = Municipality.objects.get(slug=slug)
        districts = list(municipality.districts.all())
        assert [d.number for d in districts] == list(range(1, count + 1))
        shapes = [shape(d.boundary) for d in districts]
        for a, b in combinations(shapes, 2):
            assert not a.overlaps(b)
            assert a.intersection(b).area < 1e-12
        union = union_all(shapes)
        assert union.geom_type == "Polygon" and not list(union.interiors)  # no gaps
        assert sum(d.population for d in districts) == municipality.population
        for district, polygon in zip(districts, shapes, strict=True):
            min_lon, min_lat, max_lon, max_lat = polygon.bounds
            assert (district.min_lat, district.max_lat) == (min_lat, max_lat)
            assert (district.min_lon, district.max_lon) == (min_lon, max_lon)
        assert district_at(municipality, municipality.center_lat, municipality.center_lon)


@pytest.mark.django_db
def test_every_standard_code_has_a_local_category_with_a_local_body() -> None:
    for municipality in Municipality.objects.all():
        categories = list(Category.objects.filter(municipality=municipality))
        assert 30 <= len(categories) <= 42
        assert {c.standard_id for c in categories} == set(standard_codes())
        for category in categories:
            unit = category.department or category.agency
            assert unit is not None, category.code
            assert unit.municipality_id == municipality.pk
            if category.parent is not None:
                assert category.parent.standard_id == category.standard_id
        kinds = set(municipality.agencies.values_list("kind", flat=True))
        assert {"water", "electricity", "gas", "telecom", "guilds"} <= kinds
    gas = Category.objects.get(municipality__slug="tehran", code="gas-smell")
    assert gas.agency is not None and gas.agency.kind == ExternalAgency.Kind.GAS
    assert Category.objects.exclude(attributes=[]).count() >= 3


@pytest.mark.django_db
def test_every_role_has_an_account_with_the_documented_password() -> None:
    roles = set()
    for account in account_specs():
        user = authenticate(username=account.username, password=demo_password())
        assert user is not None, account.username
        profile = StaffProfile.objects.get(user=user)
        assert profile.role == account.role
        if account.role == Role.PROVINCE_SUPERVISOR:
            assert profile.municipality is None
        else:
            assert profile.municipality is not None
            assert profile.municipality.slug == account.municipality
        unit = profile.department or profile.agency
        if account.unit:
            assert unit is not None and unit.municipality_id == profile.municipality_id
        roles.add(profile.role)
    assert roles == set(Role.values)
    admin = authenticate(username="admin", password=demo_password())
    assert admin is not None and admin.is_superuser


@pytest.mark.django_db
def test_reports_cover_every_status_with_consistent_history() -> None:
    assert 350 <= Report.objects.count() <= 450
    assert set(Report.objects.values_list("status", flat=True)) == set(Status.values)
    now = timezone.now()
    for report in Report.objects.select_related("district", "duplicate_of"):
        events = list(report.events.order_by("created_at", "id"))
        assert events[0].kind == ReportEvent.Kind.CREATED
        assert events[0].created_at == report.created_at
        assert [e.pk for e in events] == sorted(e.pk for e in events)  # backdated in order
        if report.resolved_at is not None:
            assert report.resolved_at in {e.created_at for e in events if e.to_status == "resolved"}
        assert [e.to_status for e in events if e.to_status][-1] == report.status
        assert report.updated_at >= report.created_at
        assert now - dt.timedelta(days=125) < report.created_at < now
        if report.lat is not None and report.lon is not None:
            assert shape(report.district.boundary).covers(Point(report.lon, report.lat))
        if report.status == Status.DUPLICATE:
            assert report.duplicate_of is not None
            assert report.duplicate_of.created_at < report.created_at
        if report.status in (Status.REJECTED, Status.ON_HOLD, Status.RESOLVED):
            assert report.status_note
    open_reports = Report.objects.filter(status__in=OPEN_STATUSES)
    assert open_reports.filter(deadline__lt=now).exists()  # an overdue backlog
    assert Report.objects.filter(municipality__slug="tehran").count() > 200
    assert Report.objects.exclude(satisfaction=None).exists()


@pytest.mark.django_db
def test_demo_registers_the_readme_open311_key() -> None:
    from shahrvand.open311.keys import client_for_key

    client = client_for_key("demo-open311-key")
    assert client is not None and client.is_active


def test_if_empty_is_idempotent_and_a_plain_load_refuses() -> None:
    before = _counts()
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "nothing done" in out.getvalue()
    assert _counts() == before
    with pytest.raises(CommandError, match="--reset"):
        call_command("load_demo", stdout=StringIO())


@pytest.mark.django_db
def test_reset_deletes_the_demo_province() -> None:
    assert delete_demo_data() > 0
    assert not Municipality.objects.filter(slug__in=["tehran", "karaj", "shahriar"]).exists()
    assert not Report.objects.exists() and not ReportEvent.objects.exists()
    assert not StaffProfile.objects.exists()


@pytest.mark.django_db  # only so that pytest-django keeps it next to the others
def test_accounts_document_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == accounts_markdown()


def test_seeded_history_sends_no_webhooks_or_sms() -> None:
    from shahrvand.notifications.delivery import fan_out
    from shahrvand.notifications.models import Message
    from shahrvand.outbox.models import OutboxEvent

    assert not OutboxEvent.objects.filter(dispatched_at__isnull=True).exists()
    fan_out()
    assert not Message.objects.exists()
