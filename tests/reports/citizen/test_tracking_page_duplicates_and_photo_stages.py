"""The tracking page links a duplicate to its original and lists the original's duplicates
(public ones only), and labels before/after photos for the citizen (issue #16 item 10)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shahrvand.reports.attachments import prepare_attachments
from shahrvand.reports.models import Report
from shahrvand.reports.services import report_field_update, report_transition
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def _jpeg(name: str) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (80, 60), "green").save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def test_duplicate_links_to_original_and_original_lists_public_duplicates(client, city, pothole):
    duplicate = reports_factories.report_in_status(city, "duplicate", pothole)
    original = duplicate.duplicate_of
    hidden = reports_factories.report_in_status(city, "duplicate", pothole)
    Report.objects.filter(pk=hidden.pk).update(duplicate_of=original, is_public=False)
    page = client.get(f"/track/{duplicate.tracking_code}/").content.decode()
    assert 'id="duplicate-of"' in page and f"/track/{original.tracking_code}/" in page
    page = client.get(f"/track/{original.tracking_code}/").content.decode()
    assert f"/track/{duplicate.tracking_code}/" in page
    assert f"/track/{hidden.tracking_code}/" not in page  # not public: not listed


def test_before_and_after_photos_are_labelled_for_the_citizen(client, city, pothole):
    crew = tenancy_factories.staff(city, Role.FIELD_STAFF, dept=pothole.department)
    report = reports_factories.report(city, pothole)
    report = report_transition(report=report, to_status="assigned", actor=crew)
    for stage in ("before", "after"):
        report_field_update(
            report=report,
            actor=crew,
            to_status="",
            note="",
            files=prepare_attachments([_jpeg(f"{stage}.jpg")]),
            stage=stage,
            fix_location=None,
        )
    page = client.get(f"/track/{report.tracking_code}/").content.decode()
    assert "<figcaption>پیش از رسیدگی</figcaption>" in page
    assert "<figcaption>پس از رسیدگی</figcaption>" in page
    assert page.index("پیش از رسیدگی") < page.index("پس از رسیدگی")


def test_assign_to_defaults_to_the_current_or_suggested_unit(client, city, pothole):
    report = reports_factories.report(city, pothole)
    Report.objects.filter(pk=report.pk).update(assigned_department=None)
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    form = client.get(f"/staff/reports/{report.tracking_code}/").context["assign_form"]
    assert form["unit"].value() == f"d:{pothole.department.pk}"  # the route's unit
    water = tenancy_factories.agency(city)
    Report.objects.filter(pk=report.pk).update(assigned_agency=water, assigned_department=None)
    form = client.get(f"/staff/reports/{report.tracking_code}/").context["assign_form"]
    assert form["unit"].value() == f"a:{water.pk}"  # the current one
