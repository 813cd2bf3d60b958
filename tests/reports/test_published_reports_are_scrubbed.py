"""What is published of a report is scrubbed (issue 15, item 2): personal data masked in
every public channel, reports staff withdrew gone from them, social issues placed coarsely.
Staff keep seeing the report as it was typed."""

from __future__ import annotations

import json

import h3
import pytest
from django.test import Client
from django.utils import timezone

from shahrvand.api.models import ApiToken
from shahrvand.common.errors import PermissionDenied
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.services import report_add_note
from shahrvand.reports.services.visibility import report_set_public
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "آقای حسین مرادی ماشینش را جلوی در پارک می‌کند. با شماره ۰۹۱۲ ۳۴۵ ۶۷۸۹ تماس بگیرید؛ "
    "کد ملی ۰۰۸۴۵۷۵۹۴۸ و کارت ۶۰۳۷-۹۹۷۵-۹۹۱۲-۳۴۵۶ را هم برای پیگیری فرستادم. "
    "من زهره صالحی هستم، ایمیل zohreh.salehi@example.org"
)
ADDRESS = "کوچه یاس، پلاک ۷، تلفن ۰۲۱-۲۲۳۴۵۶۷۸"
NOTE = "با آقای مرادی به شماره 09351112233 هماهنگ شد."
# Every one of these is in what was typed and none may be published, in any digit script.
SECRETS = (
    "مرادی",
    "صالحی",
    "زهره",
    "zohreh",
    "۰۹۱۲",
    "0912",
    "۶۷۸۹",
    "6789",
    "۰۰۸۴۵۷۵۹۴۸",
    "0084575948",
    "۶۰۳۷",
    "6037",
    "3456",
    "۲۲۳۴۵۶۷۸",
    "22345678",
    "09351112233",
)
POINT = (35.70123, 51.37456)


@pytest.fixture
def homeless(city):
    return categories_factories.category(city, "homeless", "social")


@pytest.fixture
def typed(city, pothole):
    """A report as a citizen typed it, with a public staff note that names a person."""
    report = reports_factories.report(
        city,
        pothole,
        description=DESCRIPTION,
        address=ADDRESS,
        where=POINT,
        reporter_name="زهره صالحی",
        reporter_phone="09121112233",
    )
    dispatcher = tenancy_factories.staff(city, Role.DISPATCHER)
    report_add_note(report=report, actor=dispatcher, note=NOTE, public=True)
    return Report.objects.get(pk=report.pk)


@pytest.fixture
def dispatcher(city):
    return tenancy_factories.staff(city, Role.DISPATCHER)


def _clean(body: str) -> None:
    for secret in SECRETS:
        assert secret not in body, secret


def _open311(client: Client, city, path: str, fmt: str, **params):
    return client.get(
        f"/open311/v2/{path}.{fmt}", {"jurisdiction_id": city.slug, "extensions": "true", **params}
    )


def _public_channels(client: Client, city, report: Report) -> dict[str, str]:
    """Every public channel's answer about `report` (status codes checked by the callers)."""
    code = report.tracking_code
    nearby = client.get(
        f"/m/{city.slug}/nearby/",
        {
            "category": report.category.code,
            "lat": report.lat,
            "lon": report.lon,
            "description": report.description[:40],
        },
    )
    answers = {
        f"open311-{kind}.{fmt}": _open311(client, city, path, fmt).content.decode()
        for fmt in ("json", "xml")
        for kind, path in (("list", "requests"), ("single", f"requests/{code}"))
    }
    return answers | {
        # Ninja escapes non-ASCII: compare the decoded document.
        "api": json.dumps(client.get(f"/api/v1/public/reports/{code}").json(), ensure_ascii=False),
        "track": client.get(f"/track/{code}/").content.decode(),
        "nearby": nearby.content.decode(),
    }


# --- masking ---------------------------------------------------------------------------


def test_every_public_channel_masks_the_personal_data(client, city, typed):
    answers = _public_channels(client, city, typed)
    for channel, body in answers.items():
        _clean(body)
        assert "[تلفن]" in body, channel
    assert "ماشینش را جلوی در پارک می‌کند" in answers["track"]  # the rest of the text stays
    assert "[کد ملی]" in answers["open311-single.json"]
    assert "[شماره کارت]" in answers["open311-single.json"]
    [item] = json.loads(answers["open311-single.json"])
    assert item["address"] == "کوچه یاس، پلاک 7، تلفن [تلفن]"  # digits normalised at intake
    assert "آقای [نام]" in item["description"]
    assert any(
        note["description"] == "با آقای [نام] به شماره [تلفن] هماهنگ شد." for note in item["notes"]
    )
    api = json.loads(answers["api"])
    assert api["is_public"] is True
    assert "[نام]" in api["description"] and "[ایمیل]" in api["description"]
    assert any("[تلفن]" in event["note"] for event in api["timeline"])


def test_transparency_page_shows_aggregates_only(client, city, typed):
    page = client.get(f"/analytics/public/{city.slug}/")
    assert page.status_code == 200
    _clean(page.content.decode())
    assert typed.tracking_code not in page.content.decode()


def test_open_data_publishes_no_free_text_of_it(client, city, typed):
    today = timezone.localdate().isoformat()
    body = client.get(f"/open-data/{city.slug}/reports.json", {"from": today, "to": today})
    text = b"".join(body.streaming_content).decode()
    assert json.loads(text)["reports"][0]["id"] == typed.pk
    _clean(text)


def test_staff_see_the_report_as_typed(client, city, typed, dispatcher):
    client.force_login(dispatcher)
    page = client.get(f"/staff/reports/{typed.tracking_code}/").content.decode()
    # (intake normalises digits to ASCII; pages show them in Persian digits, #16 item 3)
    assert "۰۹۱۲ ۳۴۵ ۶۷۸۹" in page and "حسین مرادی" in page and "۰۹۳۵۱۱۱۲۲۳۳" in page
    _, raw = ApiToken.issue(user=dispatcher, name="script")
    data = (
        Client()
        .get(
            f"/api/v1/staff/reports/{typed.tracking_code}",
            headers={"Authorization": f"Bearer {raw}"},
        )
        .json()
    )
    assert data["description"] == typed.description and data["address"] == typed.address
    assert data["is_public"] is True


# --- non-public reports ----------------------------------------------------------------


def test_a_withdrawn_report_is_gone_from_every_public_channel(client, city, typed, dispatcher):
    report_set_public(report=typed, public=False, actor=dispatcher, note="کودک در خطر")
    code = typed.tracking_code

    for fmt in ("json", "xml"):
        listed = _open311(client, city, "requests", fmt)
        assert listed.status_code == 200 and code not in listed.content.decode()
        by_id = _open311(client, city, "requests", fmt, service_request_id=code)
        assert code not in by_id.content.decode()
        single = _open311(client, city, f"requests/{code}", fmt)
        assert single.status_code == 404
    api = client.get(f"/api/v1/public/reports/{code}").json()
    assert api["is_public"] is False and api["status"] == typed.status
    assert (api["description"], api["address"], api["lat"], api["timeline"]) == ("", "", None, [])
    track = client.get(f"/track/{code}/")
    page = track.content.decode()
    assert track.status_code == 200
    assert "این گزارش عمومی نیست" in page and typed.get_status_display() in page
    assert "ماشینش" not in page and "کوچه یاس" not in page
    nearby = _public_channels(client, city, typed)["nearby"]
    assert code not in nearby
    today = timezone.localdate().isoformat()
    export = client.get(f"/open-data/{city.slug}/reports.json", {"from": today, "to": today})
    assert json.loads(b"".join(export.streaming_content))["reports"] == []

    # Published again, it is back.
    report_set_public(report=typed, public=True, actor=dispatcher)
    assert _open311(client, city, f"requests/{code}", "json").status_code == 200


def test_withdrawing_is_recorded_and_only_for_roles_that_face_the_public(city, typed, dispatcher):
    report_set_public(report=typed, public=False, actor=dispatcher, note="  کودک در خطر ")
    event = ReportEvent.objects.get(report=typed, kind=ReportEvent.Kind.VISIBILITY)
    assert (event.actor, event.is_public, event.data, event.note) == (
        dispatcher,
        False,
        {"is_public": False},
        "کودک در خطر",
    )
    report_set_public(report=typed, public=False, actor=dispatcher)  # no change, no event
    assert ReportEvent.objects.filter(kind=ReportEvent.Kind.VISIBILITY).count() == 1

    other_city = tenancy_factories.municipality()
    for actor in (
        tenancy_factories.staff(city, Role.FIELD_STAFF),
        tenancy_factories.staff(city, Role.AGENCY_USER),
        tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR),
        tenancy_factories.staff(other_city, Role.MUNICIPALITY_ADMIN),
        tenancy_factories.user(),
    ):
        with pytest.raises(PermissionDenied):
            report_set_public(report=typed, public=True, actor=actor)
    assert Report.objects.get(pk=typed.pk).is_public is False


def test_staff_withdraw_from_the_report_page_and_the_api(client, city, typed, dispatcher):
    client.force_login(dispatcher)
    page = client.get(f"/staff/reports/{typed.tracking_code}/").content.decode()
    assert 'id="visibility-form"' in page
    response = client.post(
        f"/staff/reports/{typed.tracking_code}/visibility/", {"public": "0", "note": "حریم"}
    )
    assert response.status_code == 302
    assert Report.objects.get(pk=typed.pk).is_public is False

    _, raw = ApiToken.issue(user=dispatcher, name="script")
    auth = {"Authorization": f"Bearer {raw}"}
    url = f"/api/v1/staff/reports/{typed.tracking_code}/visibility"
    answer = Client().post(url, {"public": True}, content_type="application/json", headers=auth)
    assert answer.status_code == 200 and answer.json()["is_public"] is True

    field = tenancy_factories.staff(city, Role.FIELD_STAFF, dept=typed.assigned_department)
    _, field_raw = ApiToken.issue(user=field, name="crew")
    refused = Client().post(
        url,
        {"public": False},
        content_type="application/json",
        headers={"Authorization": f"Bearer {field_raw}"},
    )
    assert refused.status_code == 403 and refused.json()["code"] == "role_forbidden"
    assert Report.objects.get(pk=typed.pk).is_public is True


# --- coarse places ---------------------------------------------------------------------


def test_social_issues_are_published_at_their_h3_cell_centre(client, city, homeless, pothole):
    sleeping_place = reports_factories.report(
        city, homeless, description="کارتن‌خواب زیر پل", where=POINT
    )
    pothole_report = reports_factories.report(city, pothole, where=POINT)
    cell = h3.latlng_to_cell(*POINT, 8)
    centre = tuple(round(c, 5) for c in h3.cell_to_latlng(cell))
    assert homeless.coarse_location and not pothole.coarse_location

    for fmt in ("json",):
        [item] = json.loads(
            _open311(client, city, f"requests/{sleeping_place.tracking_code}", fmt).content
        )
        assert (item["lat"], item["long"]) == centre
        [exact] = json.loads(
            _open311(client, city, f"requests/{pothole_report.tracking_code}", fmt).content
        )
        assert (exact["lat"], exact["long"]) == POINT
    xml = _open311(client, city, f"requests/{sleeping_place.tracking_code}", "xml").content
    assert str(POINT[0]).encode() not in xml and str(centre[0]).encode() in xml
    listed = json.loads(_open311(client, city, "requests", "json").content)
    coords = {i["service_request_id"]: (i["lat"], i["long"]) for i in listed}
    assert coords[sleeping_place.tracking_code] == centre
    api = client.get(f"/api/v1/public/reports/{sleeping_place.tracking_code}").json()
    assert (api["lat"], api["lon"]) == centre
    moved = h3.great_circle_distance(POINT, centre, unit="km")
    assert 0 < moved < 0.6

    # A radius search would tell the exact point by what falls inside: coarse ones are left out.
    near = json.loads(
        _open311(client, city, "requests", "json", lat=POINT[0], long=POINT[1], radius=50).content
    )
    assert [i["service_request_id"] for i in near] == [pothole_report.tracking_code]
    # And so does the nearby panel.
    panel = client.get(
        f"/m/{city.slug}/nearby/",
        {"category": "homeless", "lat": POINT[0], "lon": POINT[1], "description": "کارتن‌خواب"},
    )
    assert sleeping_place.tracking_code not in panel.content.decode()


def test_a_category_can_opt_in_or_out_of_coarse_places(city, pothole, homeless):
    from shahrvand.categories.models import Category, LocationPrecision, coarse_location_q

    def coarse() -> set[str]:
        by_rule = {c.code for c in Category.objects.filter(coarse_location_q())}
        assert by_rule == {c.code for c in Category.objects.all() if c.coarse_location}
        return by_rule

    assert coarse() == {"homeless"}
    pothole.location_precision = LocationPrecision.COARSE
    pothole.save()
    homeless.location_precision = LocationPrecision.EXACT
    homeless.save()
    assert coarse() == {"pothole"}


def test_webhook_payload_says_whether_the_report_is_public(city, typed, dispatcher):
    from shahrvand.reports.services.events import report_payload

    assert report_payload(typed)["is_public"] is True
    report_set_public(report=typed, public=False, actor=dispatcher)
    assert report_payload(Report.objects.get(pk=typed.pk))["is_public"] is False
    assert "description" not in report_payload(typed)
