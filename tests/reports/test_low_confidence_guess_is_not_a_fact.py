"""A category the classifier only guessed below the automatic threshold is a suggestion, not
a fact: public channels say «در انتظار دسته‌بندی» with no unit, the dispatcher sees the
guess with its confidence, no form pre-selects it (issue #16 item 2, decision 0039)."""

from __future__ import annotations

import pytest
from django.test import Client

from shahrvand.categories.models import Category
from shahrvand.reports.models import Report
from shahrvand.reports.services import ReportInput, report_create
from shahrvand.reports.services import intake as intake_module
from shahrvand.tenancy.models import Municipality, Role
from shahrvand.triage.suggest import Suggestion
from tests.open311.support import validate
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def _guessed(
    monkeypatch: pytest.MonkeyPatch, city: Municipality, category: Category, p: float
) -> Report:
    monkeypatch.setattr(
        intake_module,
        "suggest_categories",
        lambda *args, **kwargs: [Suggestion(category, category.standard_id, p)],
    )
    return report_create(
        data=ReportInput(
            municipality=city,
            category_code="",
            description="یک چیزی اینجا خراب است",
            channel="web",
            lat=tenancy_factories.INSIDE_WEST[0],
            lon=tenancy_factories.INSIDE_WEST[1],
        )
    )


def test_a_guess_at_0_24_awaits_categorisation_publicly_with_no_unit(
    client: Client, city: Municipality, pothole: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _guessed(monkeypatch, city, pothole, 0.24)
    assert report.awaiting_category and not report.auto_categorised
    assert report.assigned_department is None and report.assigned_agency is None
    html = client.get(f"/track/{report.tracking_code}/").content.decode()
    assert "در انتظار دسته‌بندی" in html
    assert pothole.name_fa not in html and "واحد مسئول" not in html
    api = client.get(f"/api/v1/public/reports/{report.tracking_code}").json()
    assert api["category"]["name_fa"] == "در انتظار دسته‌بندی" and api["responsible"] == ""
    assert api["category"]["code"] != pothole.code
    where = f"jurisdiction_id={city.slug}"
    one = client.get(f"/open311/v2/requests/{report.tracking_code}.json?{where}").json()
    validate("requests.json", one)
    assert one[0]["service_code"] == "uncategorised" and one[0]["agency_responsible"] is None
    listed = client.get(f"/open311/v2/requests.json?{where}").json()
    validate("requests.json", listed)
    assert {r["service_code"] for r in listed} == {"uncategorised"}


def test_the_dispatcher_sees_the_guess_as_a_suggestion_and_no_form_preselects_it(
    client: Client, city: Municipality, pothole: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _guessed(monkeypatch, city, pothole, 0.24)
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    page = client.get("/staff/dispatch/")
    [row] = page.context["rows"]
    assert row.suggestion == pothole
    html = page.content.decode()
    assert "در انتظار دسته‌بندی" in html and "۰٫۲۴" in html
    assert f'<option value="{pothole.code}" selected' not in html
    assert '<option value="" selected>' in html
    detail = client.get(f"/staff/reports/{report.tracking_code}/")
    assert detail.context["category_form"]["category"].value() in (None, "")
    assert 'id="category-suggestion"' in detail.content.decode()
    # accepting without choosing is refused; choosing makes it a fact and routes it
    client.post(f"/staff/dispatch/{report.tracking_code}/accept/")
    report.refresh_from_db()
    assert report.status == "submitted" and report.awaiting_category
    client.post(f"/staff/dispatch/{report.tracking_code}/accept/", {"category": pothole.code})
    report.refresh_from_db()
    assert not report.awaiting_category and report.status == "assigned"
    assert report.assigned_department == pothole.department


def test_above_the_threshold_the_report_is_categorised_and_routed_as_before(
    client: Client, city: Municipality, pothole: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _guessed(monkeypatch, city, pothole, 0.97)
    assert report.auto_categorised and not report.awaiting_category
    assert report.assigned_department == pothole.department
    html = client.get(f"/track/{report.tracking_code}/").content.decode()
    assert pothole.name_fa in html and "در انتظار دسته‌بندی" not in html


def test_a_guess_is_not_bulk_assigned_nor_named_to_the_citizen_and_shows_in_the_queue(
    client: Client, city: Municipality, pothole: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shahrvand.notifications.templates import context_for

    report = _guessed(monkeypatch, city, pothole, 0.24)
    assert context_for(report, lang="fa")["category"] == "در انتظار دسته‌بندی"
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    client.post(
        "/staff/dispatch/bulk/",
        {
            "selected": [report.tracking_code],
            "action": "assign",
            "unit": f"d:{pothole.department.pk}",
        },
    )
    report.refresh_from_db()
    assert report.status == "submitted" and report.assigned_department is None
    html = client.get("/staff/queue/").content.decode()
    assert "در انتظار دسته‌بندی" in html and "(پیشنهاد: " in html


def test_a_guess_is_left_out_of_open_data(
    city: Municipality, pothole: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from django.utils import timezone

    from shahrvand.analytics.exports import opendata

    guessed = _guessed(monkeypatch, city, pothole, 0.24)
    sure = _guessed(monkeypatch, city, pothole, 0.97)
    today = timezone.localdate()
    rows = opendata.rows(
        municipality=city, first=today - dt.timedelta(days=1), last=today + dt.timedelta(days=1)
    )
    ids = {row["id"] for row in rows}
    assert sure.pk in ids and guessed.pk not in ids
