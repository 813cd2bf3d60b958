"""Bodies Django cannot read and unexpected exceptions get a 413/400/500 in the caller's
format (API error body, Open311 error list, Persian HTML) — never a 500 for bad input and
never a traceback, except DEBUG's page for a developer on the loopback address."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from shahrvand.api.models import ApiToken
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

SIX_MB = 6 * 1024 * 1024
BIG_JSON = b'{"description": "' + b"x" * SIX_MB + b'"}'
BIG_FORM = b"description=" + b"x" * SIX_MB
TRACEBACK_MARKERS = ("Traceback", "secret-boom", 'File "', "RuntimeError")


@pytest.fixture
def client() -> Client:
    c = Client(raise_request_exception=False)
    return c


def _api_error(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert set(body) == {"code", "message", "message_en", "field", "details"}
    assert body["message"] and body["message_en"]


# --- API -------------------------------------------------------------------------------


def test_api_six_megabyte_json_is_413_with_the_error_body(client):
    response = client.post("/api/v1/public/reports", BIG_JSON, content_type="application/json")
    _api_error(response, 413, "payload_too_large")


def test_api_attachments_over_the_limit_is_413(client, city, pothole):
    report = reports_factories.report(city, pothole)
    response = client.post(
        f"/api/v1/public/reports/{report.tracking_code}/attachments",
        BIG_FORM,
        content_type="application/x-www-form-urlencoded",
    )
    _api_error(response, 413, "payload_too_large")


@pytest.mark.parametrize("path", ["/api/v1/public/reports", "attachments"])
def test_api_multipart_without_boundary_is_400(client, city, pothole, path):
    if path == "attachments":
        code = reports_factories.report(city, pothole).tracking_code
        path = f"/api/v1/public/reports/{code}/attachments"
    response = client.post(path, b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.json()["code"] in {"invalid_body", "invalid_input"}


@pytest.fixture
def staff_auth(city, pothole):
    reports_factories.report(city, pothole)
    _, raw = ApiToken.issue(user=tenancy_factories.staff(city, Role.DISPATCHER), name="paging")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.parametrize(
    "query",
    [
        "page=99999999999999999999",
        "page=1000001",
        "page=-1",
        "page=0",
        "page=abc",
        "page=1e3",
        "page_size=0",
        "page_size=-5",
        "page_size=101",
        "page_size=99999999999999999999",
        "page_size=x",
    ],
)
def test_staff_api_paging_out_of_bounds_is_400(client, staff_auth, query):
    response = client.get(f"/api/v1/staff/reports?{query}", **staff_auth)
    _api_error(response, 400, "invalid_input")
    assert response.json()["field"] == query.split("=")[0]


def test_staff_api_last_allowed_page_is_an_empty_list(client, staff_auth):
    response = client.get("/api/v1/staff/reports?page=1000000&page_size=100", **staff_auth)
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 1}


# --- Open311 ---------------------------------------------------------------------------


def test_open311_form_over_the_limit_is_413_in_the_error_list(client):
    response = client.post(
        "/open311/v2/requests.json", BIG_FORM, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    [error] = response.json()
    assert error["code"] == 413 and "too large" in error["description"]
    response = client.post(
        "/open311/v2/requests.xml", BIG_FORM, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    root = ET.fromstring(response.content)  # noqa: S314 (our own server's output)
    assert root.findtext("error/code") == "413"


def test_open311_multipart_without_boundary_is_400(client):
    response = client.post("/open311/v2/requests.json", b"--x", content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


# --- the citizen's HTML form -------------------------------------------------------------


def _form_client(city, csrf: bool) -> Client:
    client = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
    if csrf:  # the form page sets the CSRF cookie; the token itself would be in the body
        assert client.get(f"/m/{city.slug}/report/").status_code == 200
    return client


@pytest.mark.parametrize("csrf", [False, True], ids=["view-reads-body", "csrf-reads-body"])
def test_report_form_over_the_limit_is_a_persian_413_page(city, csrf):
    # With CSRF checks on, the CSRF middleware reads request.POST before the view does:
    # the error then comes through handler400 instead of the middleware.
    client = _form_client(city, csrf)
    response = client.post(
        f"/m/{city.slug}/report/", BIG_FORM, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert 'lang="fa"' in text and "حجم درخواست بیش از حد مجاز است" in text


@pytest.mark.parametrize("csrf", [False, True], ids=["view-reads-body", "csrf-reads-body"])
def test_report_form_multipart_without_boundary_is_a_persian_400_page(city, csrf):
    client = _form_client(city, csrf)
    response = client.post(f"/m/{city.slug}/report/", b"--x", content_type="multipart/form-data")
    assert response.status_code == 400
    assert "درخواست قابل خواندن نیست" in response.content.decode()


# --- unexpected exceptions -------------------------------------------------------------


def _boom(*args, **kwargs):
    raise RuntimeError("secret-boom")


@pytest.fixture
def broken(monkeypatch):
    """One view of each kind raises an unexpected exception."""
    monkeypatch.setattr("shahrvand.api.public.report_for_public_view", _boom)
    monkeypatch.setattr("shahrvand.open311.selectors.municipality_for", _boom)
    monkeypatch.setattr("shahrvand.reports.citizen.views.TrackForm", _boom)


BROKEN_URLS = {
    "api": "/api/v1/public/reports/123456789012",
    "open311": "/open311/v2/services.json",
    "open311-xml": "/open311/v2/services.xml",
    "html": "/track/",
}


def _no_traceback(response) -> str:
    text = response.content.decode()
    for marker in TRACEBACK_MARKERS:
        assert marker not in text, marker
    return text


@pytest.mark.parametrize("kind", BROKEN_URLS)
def test_unexpected_exception_is_a_bare_500_without_debug(client, broken, kind):
    response = client.get(BROKEN_URLS[kind])
    assert response.status_code == 500
    text = _no_traceback(response)
    if kind == "api":
        _api_error(response, 500, "server_error")
    elif kind == "open311":
        assert json.loads(text)[0]["code"] == 500
    elif kind == "open311-xml":
        root = ET.fromstring(response.content)  # noqa: S314 (our own server's output)
        assert root.tag == "errors" and root.findtext("error/code") == "500"
    else:
        assert "خطایی در سامانه رخ داد" in text
        assert response["X-Request-ID"] in text  # to quote to support


@pytest.mark.parametrize("kind", BROKEN_URLS)
@pytest.mark.parametrize("accept", ["text/html", "text/plain"])
def test_debug_shows_no_traceback_to_a_remote_client(client, broken, settings, kind, accept):
    settings.DEBUG = True
    response = client.get(BROKEN_URLS[kind], REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT=accept)
    assert response.status_code == 500
    _no_traceback(response)


def test_debug_still_shows_the_developer_on_loopback_the_traceback(client, broken, settings):
    settings.DEBUG = True
    response = client.get(BROKEN_URLS["api"], REMOTE_ADDR="127.0.0.1", HTTP_ACCEPT="text/plain")
    assert response.status_code == 500
    assert "secret-boom" in response.content.decode()


def test_debug_bad_body_from_a_remote_client_shows_no_traceback(client, settings, city):
    settings.DEBUG = True
    response = client.post(
        f"/m/{city.slug}/report/",
        BIG_FORM,
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 413
    assert "Traceback" not in response.content.decode()
