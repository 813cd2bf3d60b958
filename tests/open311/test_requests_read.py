"""GET /requests and /requests/{id}: fields, filters, extensions, privacy, query counts."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shahrvand.reports import tracking
from shahrvand.reports.attachments import prepare_attachments
from shahrvand.reports.models import Report
from shahrvand.reports.services import report_add_note, report_transition
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .support import parse, png_bytes, stringify, validate

pytestmark = pytest.mark.django_db
FORMATS = ["json", "xml"]
SECRET_NAME, SECRET_PHONE = "ZahraSecretName", "09121234567"


def photo_report(city, category, **extra):
    upload = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    return reports_factories.report(
        city, category, attachments=prepare_attachments([upload]), **extra
    )


def ids(data):
    return [item["service_request_id"] for item in data]


def aged(report, days):
    when = timezone.now() - dt.timedelta(days=days)
    Report.objects.filter(pk=report.pk).update(created_at=when, updated_at=when)


@pytest.fixture
def reports(city, pothole, streetlight):
    """Three reports: open with a photo, rejected with a note, open on the east side."""
    first = photo_report(
        city,
        pothole,
        reporter_name=SECRET_NAME,
        reporter_phone=SECRET_PHONE,
        address="خیابان آزادی",
    )
    rejected = reports_factories.report(city, streetlight, description="چراغ خاموش است")
    report_transition(
        report=rejected, to_status="rejected", actor=None, note="تکراری نیست؛ سالم است"
    )
    east = reports_factories.report(
        city, pothole, where=tenancy_factories.INSIDE_EAST, description="چاله دیگر"
    )
    return first, Report.objects.get(pk=rejected.pk), east


def test_list_is_schema_valid_and_identical_in_xml(o311, reports):
    json_response, xml_response = o311.get("requests", "json"), o311.get("requests", "xml")
    assert json_response.status_code == xml_response.status_code == 200
    _, data = parse(json_response, "json")
    root, xml_data = parse(xml_response, "xml")
    validate("requests.json", data)
    assert root == "service_requests"
    assert xml_data == stringify(data)
    assert len(data) == 3


def test_request_fields(o311, reports, pothole):
    first, rejected, _ = reports
    data = {item["service_request_id"]: item for item in o311.data("requests")}
    item = data[first.tracking_code]
    assert item["status"] == "open"
    assert item["service_code"] == "pothole" and item["service_name"] == pothole.name_fa
    assert item["description"] == first.description
    assert item["agency_responsible"] == pothole.department.name_fa
    assert item["address"] == "خیابان آزادی"
    assert (item["lat"], item["long"]) == tenancy_factories.INSIDE_WEST
    assert item["media_url"].startswith("http://testserver/media/reports/")
    assert item["expected_datetime"] is not None and item["status_notes"] is None
    assert dt.datetime.fromisoformat(item["requested_datetime"]) == first.created_at.replace(
        microsecond=0
    )
    assert "72" in item["service_notice"]
    closed = data[rejected.tracking_code]
    assert closed["status"] == "closed"
    assert closed["status_notes"] == "تکراری نیست؛ سالم است"
    assert dt.datetime.fromisoformat(closed["updated_datetime"]) == rejected.closed_at.replace(
        microsecond=0
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_reporter_identity_is_never_output(o311, reports, fmt):
    first = reports[0]
    for response in (
        o311.get("requests", fmt, extensions="true"),
        o311.get(f"requests/{first.tracking_code}", fmt, extensions="true"),
    ):
        assert response.status_code == 200
        body = response.content.decode()
        assert SECRET_NAME not in body and SECRET_PHONE not in body and "9121234567" not in body


def test_status_filter(o311, reports):
    first, rejected, east = reports
    assert set(ids(o311.data("requests", status="open"))) == {
        first.tracking_code,
        east.tracking_code,
    }
    assert ids(o311.data("requests", status="closed")) == [rejected.tracking_code]
    assert len(o311.data("requests", status="open,closed")) == 3
    error = o311.data("requests", expect=400, status="pending")
    assert "status must be open, closed" in error[0]["description"]


def test_service_code_filter_takes_a_list(o311, reports):
    assert len(o311.data("requests", service_code="pothole")) == 2
    assert len(o311.data("requests", service_code="pothole,streetlight")) == 3
    assert o311.data("requests", service_code="unknown") == []


def test_service_request_id_overrides_other_filters(o311, reports):
    first, rejected, _ = reports
    aged(first, 400)
    wanted = f"{tracking.display(first.tracking_code)},{rejected.tracking_code},999"
    data = o311.data("requests", service_request_id=wanted, status="open", service_code="x")
    assert set(ids(data)) == {first.tracking_code, rejected.tracking_code}


def test_default_window_is_the_last_90_days(o311, reports):
    first = reports[0]
    aged(first, 100)
    assert first.tracking_code not in ids(o311.data("requests"))
    start = (timezone.now() - dt.timedelta(days=120)).isoformat()
    end = (timezone.now() - dt.timedelta(days=40)).isoformat()
    assert ids(o311.data("requests", start_date=start, end_date=end)) == [first.tracking_code]
    # start alone covers start … start + 90 days
    assert ids(o311.data("requests", start_date=start)) == [first.tracking_code]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"start_date": "2024-01-01T00:00:00Z", "end_date": "2024-06-01T00:00:00Z"}, "90 days"),
        ({"start_date": "2024-03-01T00:00:00Z", "end_date": "2024-02-01T00:00:00Z"}, "before"),
        ({"start_date": "yesterday"}, "W3C datetime"),
        ({"start_date": "2024-13-45"}, "W3C datetime"),
        ({"end_date": "0001-01-01"}, "between 1900"),
        ({"start_date": "2024-01-01T10:00:00"}, "time zone"),
        ({"updated_after": "2024-02-30T00:00:00Z"}, "W3C datetime"),
        ({"page_size": "1001"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"page": "99999999999999999999999"}, "page"),
        ({"lat": "35.7", "long": "51.4"}, "radius"),
        ({"lat": "north", "long": "51.4", "radius": "10"}, "lat must be a number"),
        ({"lat": "95", "long": "51.4", "radius": "10"}, "between -90 and 90"),
        ({"lat": "nan", "long": "51.4", "radius": "10"}, "between -90 and 90"),
        ({"lat": "35.7", "long": "51.4", "radius": "1e9"}, "radius"),
        ({"extensions": "maybe"}, "extensions"),
        ({"service_code": "a\x00b"}, "NUL"),
        ({"service_request_id": ",".join(["1"] * 201)}, "more than 200"),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_malformed_parameters_are_400(o311, reports, params, fragment, fmt):
    response = o311.get("requests", fmt, **params)
    assert response.status_code == 400
    root, data = parse(response, fmt)
    if fmt == "json":
        validate("errors.json", data)
    else:
        assert root == "errors" and data[0]["code"] == "400"
    assert fragment in data[0]["description"]


def test_text_is_escaped_in_xml(o311, city, pothole):
    report = reports_factories.report(
        city, pothole, description='a < b && c > "d" </description> \x01'
    )
    response = o311.get(f"requests/{report.tracking_code}", "xml")
    _, data = parse(response, "xml")
    assert data[0]["description"] == report.description.replace("\x01", "")
    assert "</description>" in data[0]["description"]
    assert b"\x01" not in response.content


def test_unencoded_plus_in_a_timezone_offset_is_understood(client, reports):
    start = (timezone.localtime() - dt.timedelta(days=1)).replace(microsecond=0).isoformat()
    assert "+03:30" in start
    response = client.get(f"/open311/v2/requests.json?start_date={start}")  # '+' → space
    assert response.status_code == 200
    assert len(parse(response, "json")[1]) == 3
    encoded = client.get(f"/open311/v2/requests.json?start_date={quote(start)}")
    assert parse(encoded, "json")[1] == response.json()


def test_date_only_values_are_accepted(o311, reports):
    today = timezone.localdate()
    start = (today - dt.timedelta(days=1)).isoformat()
    assert len(o311.data("requests", start_date=start)) == 3
    assert len(o311.data("requests", start_date=str(today.year))) in (0, 3)


def test_updated_after_and_before(o311, reports):
    first, rejected, east = reports
    aged(first, 200)
    cut = (timezone.now() - dt.timedelta(days=1)).isoformat()
    # no start/end: updated_* replace the default 90-day window
    assert set(ids(o311.data("requests", updated_after=cut))) == {
        rejected.tracking_code,
        east.tracking_code,
    }
    assert ids(o311.data("requests", updated_before=cut)) == [first.tracking_code]


def test_radius_search_in_metres(o311, reports):
    first, rejected, _east = reports  # west reports at (35.70, 51.37), east at (35.70, 51.43)
    near_west = o311.data("requests", lat="35.70", long="51.371", radius="200")
    assert set(ids(near_west)) == {first.tracking_code, rejected.tracking_code}
    # 51.37 → 51.43 at 35.7°N is about 5.4 km
    assert len(o311.data("requests", lat="35.70", long="51.37", radius="5300")) == 2
    assert len(o311.data("requests", lat="35.70", long="51.37", radius="5600")) == 3
    assert o311.data("requests", lat="35.7009", long="51.37", radius="90") == []  # 100 m north


def test_pagination(o311, reports):
    page1 = ids(o311.data("requests", page_size="2"))
    page2 = ids(o311.data("requests", page_size="2", page="2"))
    assert len(page1) == 2 and len(page2) == 1
    assert set(page1 + page2) == {r.tracking_code for r in reports}
    assert o311.data("requests", page_size="2", page="3") == []
    assert ids(o311.data("requests")) == page1 + page2  # newest first


@pytest.mark.parametrize("fmt", FORMATS)
def test_single_request_is_a_list_of_one(o311, reports, fmt):
    first = reports[0]
    response = o311.get(f"requests/{first.tracking_code}", fmt)
    assert response.status_code == 200
    root, data = parse(response, fmt)
    if fmt == "json":
        validate("requests.json", data)
        assert ids(data) == [first.tracking_code]
    else:
        assert root == "service_requests" and ids(data) == [first.tracking_code]
    dashed = o311.data(f"requests/{tracking.display(first.tracking_code)}", fmt)
    assert ids(dashed) == [first.tracking_code]


def test_single_request_of_another_city_is_404(o311, reports):
    other = tenancy_factories.municipality("othercity")
    foreign = reports_factories.report(other, categories_factories.category(other))
    o311.data(f"requests/{foreign.tracking_code}", expect=404)
    assert ids(o311.data(f"requests/{foreign.tracking_code}", jurisdiction_id="othercity")) == [
        foreign.tracking_code
    ]


def test_extensions(o311, reports, django_user_model):
    first, rejected, _ = reports
    staff = tenancy_factories.staff(first.municipality)
    report_add_note(report=first, actor=staff, note="اکیپ اعزام شد", public=True)
    report_add_note(report=first, actor=staff, note="INTERNAL-ONLY", public=False)
    Report.objects.filter(pk=first.pk).update(attribute_values={"depth": "20"})
    data = {i["service_request_id"]: i for i in o311.data("requests", extensions="true")}
    validate("requests.json", list(data.values()))
    item = data[first.tracking_code]
    assert item["detailed_status"] == "submitted"
    assert [n["type"] for n in item["notes"]] == ["submitted", "note"]
    assert item["notes"][1]["description"] == "اکیپ اعزام شد"
    assert "INTERNAL-ONLY" not in str(item)
    assert item["extended_attributes"]["channel"] == "web"
    (photo,) = item["extended_attributes"]["photos"]
    assert photo["media_url"] == item["media_url"] and photo["width"] == 64
    assert item["attributes"] == [{"code": "depth", "label": "depth", "name": "20", "value": "20"}]
    assert data[rejected.tracking_code]["notes"][-1]["type"] == "rejected"
    assert "notes" not in o311.data("requests")[0]
    # and the XML carries the same nested lists
    _, xml_data = parse(o311.get("requests", "xml", extensions="true"), "xml")
    assert xml_data == stringify(o311.data("requests", extensions="true"))


def test_query_count_does_not_grow_with_reports(o311, city, pothole, django_assert_max_num_queries):
    for _ in range(12):
        photo_report(city, pothole)
    with django_assert_max_num_queries(5):
        data = o311.data("requests", extensions="true")
    assert len(data) == 12
    with django_assert_max_num_queries(4):
        assert len(o311.data("requests", "xml")) == 12
