"""The archive page: admins generate their municipality's month, download it; other
municipalities' reports are invisible; the province supervisor sees and makes all."""

from __future__ import annotations

import pytest
from django.test import Client

from shahrvand.analytics.exports.models import SupervisoryReport
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories


@pytest.fixture
def setup(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    a, b = tenancy_factories.municipality("city-a"), tenancy_factories.municipality("city-b")
    categories_factories.category(a, "bins", "waste")
    return {
        "a": a,
        "b": b,
        "admin_a": tenancy_factories.staff(a, Role.MUNICIPALITY_ADMIN),
        "admin_b": tenancy_factories.staff(b, Role.MUNICIPALITY_ADMIN),
        "province": tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR),
    }


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_generates_and_downloads_own_municipality(setup):
    client = _login(setup["admin_a"])
    response = client.post("/staff/supervisory/", {"month": "۱۴۰۵-۰۸", "scope": "city-a"})
    assert response.status_code == 302
    report = SupervisoryReport.objects.get()
    assert (report.scope, report.year, report.month, report.generated_by) == (
        "city-a",
        1405,
        8,
        setup["admin_a"],
    )
    pdf = client.get(f"/staff/supervisory/{report.pk}/report.pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "shahrvand-city-a-1405-08.pdf" in pdf["Content-Disposition"]


@pytest.mark.django_db
def test_admin_cannot_generate_for_another_scope_or_read_its_report(setup):
    client_b = _login(setup["admin_b"])
    response = client_b.post("/staff/supervisory/", {"month": "1405-08", "scope": "city-a"})
    assert response.status_code == 400  # not among the choices
    _login(setup["admin_a"]).post("/staff/supervisory/", {"month": "1405-08", "scope": "city-a"})
    report = SupervisoryReport.objects.get()
    assert client_b.get(f"/staff/supervisory/{report.pk}/report.xlsx").status_code == 404
    assert "city-a" not in client_b.get("/staff/supervisory/").content.decode()


@pytest.mark.django_db
def test_bad_month_is_a_persian_form_error(setup):
    response = _login(setup["admin_a"]).post(
        "/staff/supervisory/", {"month": "1405-13", "scope": "city-a"}
    )
    assert response.status_code == 400
    assert "معتبر نیست" in response.content.decode()


@pytest.mark.django_db
def test_province_supervisor_makes_the_province_report(setup):
    client = _login(setup["province"])
    assert (
        client.post("/staff/supervisory/", {"month": "1405-08", "scope": "province"}).status_code
        == 302
    )
    report = SupervisoryReport.objects.get()
    assert report.municipality is None
    assert client.get(f"/staff/supervisory/{report.pk}/report.xlsx").status_code == 200
    assert "استان" in client.get("/staff/supervisory/").content.decode()
