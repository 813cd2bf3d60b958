"""Bad intake input is refused with the offending field and a stable code; nothing is stored."""

from __future__ import annotations

import pytest

from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Attachment, Channel, Report, ReportEvent
from shahrvand.reports.services import ReportInput, report_create
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def _input(city, **overrides) -> ReportInput:
    values = {
        "municipality": city,
        "category_code": "pothole",
        "description": "چاله عمیق جلوی مدرسه",
        "channel": Channel.WEB,
        "lat": tenancy_factories.INSIDE_WEST[0],
        "lon": tenancy_factories.INSIDE_WEST[1],
    }
    values.update(overrides)
    return ReportInput(**values)


def _refused(data: ReportInput) -> ReportError:
    with pytest.raises(ReportError) as caught:
        report_create(data=data)
    assert Report.objects.count() == 0
    assert ReportEvent.objects.count() == 0
    assert Attachment.objects.count() == 0
    return caught.value


def test_valid_input_is_stored(city, pothole):
    report = report_create(data=_input(city))
    assert Report.objects.get() == report
    assert report.category == pothole
    assert report.standard_id == pothole.standard_id
    assert report.assigned_department == pothole.department


def test_unknown_category(city, pothole):
    error = _refused(_input(city, category_code="no-such-thing"))
    assert (error.field, error.code) == ("category", "unknown_category")


def test_category_of_another_municipality(city, pothole):
    other = tenancy_factories.municipality()
    categories_factories.category(other, "streetlight", "lighting")
    error = _refused(_input(city, category_code="streetlight"))
    assert (error.field, error.code) == ("category", "unknown_category")


def test_inactive_category(city, pothole):
    pothole.is_active = False
    pothole.save()
    error = _refused(_input(city))
    assert (error.field, error.code) == ("category", "unknown_category")


def test_location_outside_every_district(city, pothole):
    lat, lon = tenancy_factories.OUTSIDE
    error = _refused(_input(city, lat=lat, lon=lon))
    assert (error.field, error.code) == ("location", "outside_districts")


def test_location_inside_another_municipality_is_outside_this_one(city, pothole):
    tenancy_factories.municipality(lat=36.30, lon=59.60)  # elsewhere
    error = _refused(_input(city, lat=36.30, lon=59.58))
    assert error.code == "outside_districts"


@pytest.mark.parametrize(
    ("lat", "lon"), [(35.70, None), (None, 51.37)], ids=["lat-only", "lon-only"]
)
def test_half_a_coordinate(city, pothole, lat, lon):
    error = _refused(_input(city, lat=lat, lon=lon))
    assert (error.field, error.code) == ("location", "invalid_location")


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(91, 51), (35, 181), (float("nan"), 51.37), (35.7, float("inf"))],
    ids=["lat-range", "lon-range", "nan", "inf"],
)
def test_impossible_coordinates(city, pothole, lat, lon):
    error = _refused(_input(city, lat=lat, lon=lon))
    assert (error.field, error.code) == ("location", "invalid_location")


def test_no_location_at_all(city, pothole):
    error = _refused(_input(city, lat=None, lon=None))
    assert (error.field, error.code) == ("location", "location_required")


def test_district_of_another_municipality(city, pothole):
    foreign = tenancy_factories.municipality().districts.get(number=1)
    error = _refused(_input(city, lat=None, lon=None, district_id=foreign.pk))
    assert (error.field, error.code) == ("district", "unknown_district")


def test_district_without_coordinates_is_accepted(city, pothole):
    district = city.districts.get(number=2)
    report = report_create(data=_input(city, lat=None, lon=None, district_id=district.pk))
    assert report.district == district
    assert (report.lat, report.lon, report.h3_cell) == (None, None, "")


@pytest.mark.parametrize(
    "description",
    ["", "   ", "\n\t \u200c\n", "ـــ"],
    ids=["empty", "spaces", "blank-lines", "tatweel"],
)
def test_empty_description(city, pothole, description):
    error = _refused(_input(city, description=description))
    assert (error.field, error.code) == ("description", "description_required")


def test_description_over_4000_characters(city, pothole):
    error = _refused(_input(city, description="ا" * 4001))
    assert (error.field, error.code) == ("description", "description_too_long")


def test_description_of_exactly_4000_characters_is_accepted(city, pothole):
    report = report_create(data=_input(city, description="ب" * 4000))
    assert len(report.description) == 4000


def test_description_length_is_measured_after_normalisation(city, pothole):
    # 4000 letters padded with diacritics and tatweel: only the letters remain.
    report = report_create(data=_input(city, description="بِـ" * 4000))
    assert report.description == "ب" * 4000


@pytest.mark.parametrize("phone", ["12345", "0912", "+1 202 555 0100", "تلفن"])
def test_invalid_phone(city, pothole, phone):
    error = _refused(_input(city, reporter_phone=phone))
    assert (error.field, error.code) == ("reporter_phone", "invalid_phone")


@pytest.mark.parametrize("field", ["channel", "priority"])
def test_unknown_channel_or_priority(city, pothole, field):
    error = _refused(_input(city, **{field: "carrier-pigeon"}))
    assert error.field == field


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("+98 912 345 6789", "09123456789"),
        ("۰۹۱۲-۳۴۵-۶۷۸۹", "09123456789"),
        ("021 8877 6655", "02188776655"),
        ("   ", ""),
    ],
)
def test_phone_is_stored_in_national_form(city, pothole, raw, stored):
    report = report_create(data=_input(city, reporter_phone=raw))
    report.refresh_from_db()
    assert report.reporter_phone == stored


def test_text_fields_are_normalised_on_save(city, pothole):
    report = report_create(
        data=_input(
            city,
            description="  چاله  بزرگ ي\n\n\nكنار مدرسة  ",
            reporter_name="  علي   رضايي ",
            address="خيابان  ۱۲\nپلاك ٣",
        )
    )
    report.refresh_from_db()
    assert report.description == "چاله بزرگ ی\nکنار مدرسه"
    assert report.reporter_name == "علی رضایی"
    assert report.address == "خیابان 12 پلاک 3"


def test_created_report_has_one_public_created_event(city, pothole):
    report = report_create(data=_input(city, channel=Channel.PHONE))
    event = report.events.get()
    assert event.kind == ReportEvent.Kind.CREATED
    assert event.to_status == "submitted"
    assert event.is_public
    assert event.actor_label == "اپراتور ۱۳۷"
    assert event.data == {"channel": "phone"}
