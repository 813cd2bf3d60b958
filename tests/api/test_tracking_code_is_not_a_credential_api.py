"""Through the API a tracking code identifies a report; only the reporter secret handed over
at submission lets a caller write on it (issue #15 item 1, decision 0032)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shahrvand.api.models import ApiToken, IdempotencyRecord
from shahrvand.reports import proof
from shahrvand.reports.models import Attachment, Report, ReportEvent
from shahrvand.reports.services import report_transition
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
BASE = "/api/v1/public"
PERSIAN = re.compile(r"[\u0600-\u06ff]")


def _create(client, **headers):
    body = {
        "municipality": "testcity",
        "category": "pothole",
        "description": "چاله جلوی مدرسه",
        "lat": 35.70,
        "lon": 51.43,
        "reporter_phone": "09120001122",
    }
    return client.post(f"{BASE}/reports", body, content_type="application/json", headers=headers)


def _resolve(report: Report, city) -> Report:
    staff = tenancy_factories.staff(city)
    for status in ("assigned", "in_progress"):
        report_transition(report=report, to_status=status, actor=staff)
    return report_transition(report=report, to_status="resolved", actor=staff, note="انجام شد")


def _jpeg():
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), "blue").save(buf, "JPEG")
    return SimpleUploadedFile("p.jpg", buf.getvalue(), content_type="image/jpeg")


def _feedback(client, code, data, secret=None):
    headers = {"X-Reporter-Secret": secret} if secret is not None else {}
    return client.post(
        f"{BASE}/reports/{code}/feedback", data, content_type="application/json", headers=headers
    )


def _refused(response) -> None:
    assert response.status_code == 403, response.content
    body = response.json()
    assert body["code"] == "not_reporter" and body["field"] == "X-Reporter-Secret"
    assert PERSIAN.search(body["message"]) and body["message_en"]


def test_submission_returns_a_secret_stored_only_as_a_keyed_hash(client, city, pothole):
    response = _create(client)
    assert response.status_code == 201
    secret = response.json()["reporter_secret"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", secret)  # 128 bits, URL-safe
    report = Report.objects.get(tracking_code=response.json()["tracking_code"])
    assert report.reporter_secret_hash and secret not in report.reporter_secret_hash
    assert len(report.reporter_secret_hash) == 64
    row = Report.objects.filter(pk=report.pk).values().get()
    assert not any(secret in str(value) for value in row.values())
    assert proof.secret_matches(report, secret)
    assert not proof.secret_matches(report, secret[:-1] + ("A" if secret[-1] != "A" else "B"))


def test_a_retried_submission_gets_the_same_secret_never_stored_in_clear(client, city, pothole):
    first = _create(client, **{"Idempotency-Key": "k-1"})
    again = _create(client, **{"Idempotency-Key": "k-1"})
    assert again.status_code == 201 and again.json() == first.json()
    record = IdempotencyRecord.objects.get()
    assert first.json()["reporter_secret"] not in str(record.response)


@pytest.mark.parametrize("accepted", [True, False], ids=["close", "reopen"])
def test_feedback_with_the_code_alone_or_a_wrong_secret_is_refused(client, city, pothole, accepted):
    report = reports_factories.report(city, pothole)
    other = reports_factories.report(city, pothole)
    secret = report.issued_secret
    report = _resolve(report, city)
    data = {"accepted": accepted, "rating": 1 if accepted else None, "comment": "x"}
    _refused(_feedback(client, report.tracking_code, data))
    _refused(_feedback(client, report.tracking_code, data, secret=""))
    _refused(_feedback(client, report.tracking_code, data, secret="not-the-secret"))
    _refused(_feedback(client, report.tracking_code, data, secret=other.issued_secret))
    _refused(_feedback(client, report.tracking_code, data, secret=secret.upper()))
    report.refresh_from_db()
    assert report.status == "resolved" and report.satisfaction is None
    assert not report.events.filter(kind=ReportEvent.Kind.FEEDBACK).exists()

    ok = _feedback(client, report.tracking_code, data, secret=secret)
    assert ok.status_code == 200
    assert ok.json()["status"] == ("closed" if accepted else "reopened")


def test_attachments_need_the_secret(client, city, pothole):
    created = _create(client).json()
    code, secret = created["tracking_code"], created["reporter_secret"]
    url = f"{BASE}/reports/{code}/attachments"
    _refused(client.post(url, {"files": [_jpeg()]}))
    _refused(client.post(url, {"files": [_jpeg()]}, headers={"X-Reporter-Secret": "guess"}))
    assert not Attachment.objects.exists()
    ok = client.post(url, {"files": [_jpeg()]}, headers={"X-Reporter-Secret": secret})
    assert ok.status_code == 201 and Attachment.objects.count() == 1


def test_a_report_older_than_secrets_refuses_any_secret(client, city, pothole):
    report = reports_factories.report(city, pothole)
    Report.objects.filter(pk=report.pk).update(reporter_secret_hash="")  # as the migration left it
    report = _resolve(Report.objects.get(pk=report.pk), city)
    response = _feedback(
        client, report.tracking_code, {"accepted": False}, secret=report.issued_secret
    )
    _refused(response)


def test_the_openapi_schema_documents_the_proof(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("feedback", "attachments"):
        operation = schema["paths"][f"/api/v1/public/reports/{{code}}/{path}"]["post"]
        headers = [p for p in operation["parameters"] if p["in"] == "header"]
        assert [h["name"] for h in headers] == ["X-Reporter-Secret"]
        assert "403" in operation["responses"]
    created = schema["components"]["schemas"]["ReportCreatedOut"]
    assert "reporter_secret" in created["properties"] and "reporter_secret" in created["required"]


def test_the_secret_is_not_in_public_reads_or_open311_lists(client, city, pothole):
    created = _create(client).json()
    code, secret = created["tracking_code"], created["reporter_secret"]
    report = Report.objects.get(tracking_code=code)
    for url in (
        f"{BASE}/reports/{code}",
        "/open311/v2/requests.json?jurisdiction_id=testcity",
        "/open311/v2/requests.xml?jurisdiction_id=testcity",
        f"/open311/v2/requests/{code}.json?jurisdiction_id=testcity&extensions=true",
        f"/track/{code}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert code in text, url
        assert secret not in text and report.reporter_secret_hash not in text, url
        assert "reporter_secret" not in text, url


def _operator(city, role=Role.OPERATOR):
    user = tenancy_factories.staff(city, role)
    user.first_name, user.last_name = "مریم", "احمدی"
    user.save()
    _, raw = ApiToken.issue(user=user, name="137")
    return user, {"Authorization": f"Bearer {raw}"}


def test_an_operator_records_a_callers_feedback_under_their_name(client, city, pothole):
    report = _resolve(reports_factories.report(city, pothole), city)
    operator, auth = _operator(city)
    response = client.post(
        f"/api/v1/staff/reports/{report.tracking_code}/feedback",
        {"accepted": True, "rating": 4, "comment": "تلفنی تأیید کرد"},
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 200 and response.json()["status"] == "closed"
    event = report.events.get(kind=ReportEvent.Kind.FEEDBACK)
    assert event.actor == operator and event.actor_label == "مریم احمدی"
    assert event.data["via"] == "operator" and event.data["recorded_by"] == "مریم احمدی"
    closed = report.events.get(to_status="closed")
    assert closed.actor == operator and "تماس تلفنی" in closed.note
    report.refresh_from_db()
    assert report.satisfaction == 4


@pytest.mark.parametrize("role", [Role.FIELD_STAFF, Role.DEPARTMENT_MANAGER])
def test_other_staff_roles_cannot_record_a_callers_feedback(client, city, pothole, role):
    report = _resolve(reports_factories.report(city, pothole), city)
    dept = report.assigned_department or tenancy_factories.department(city, code="other")
    user = tenancy_factories.staff(city, role, dept=dept)
    _, raw = ApiToken.issue(user=user, name="x")
    response = client.post(
        f"/api/v1/staff/reports/{report.tracking_code}/feedback",
        {"accepted": False},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 403, response.content
    report.refresh_from_db()
    assert report.status == "resolved"
