"""Queues and step pages: each user sees the steps of their own unit and role only, and
another municipality's staff see nothing of ours."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from shahrvand.eservices.models import Case, CaseStep
from shahrvand.eservices.selectors import cases_visible_to, step_queue, steps_visible_to
from shahrvand.eservices.services import step_decide
from shahrvand.tenancy.models import Municipality, Role
from tests.tenancy import factories as tenancy_factories

from .conftest import Clock
from .helpers import city_with_units, manager_of, published_service, step, step_owner, submit_permit


@pytest.fixture
def two_cities(ecity: Municipality, eclock: Clock) -> tuple[Case, Case]:
    ours = submit_permit(published_service(ecity))
    intake = step(ours, "intake-review")
    step_decide(step=intake, actor=step_owner(intake), decision="approve")
    other_city = city_with_units("othercity")
    theirs = submit_permit(published_service(other_city))
    return ours, theirs


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_queue_is_by_unit_and_role(ecity: Municipality, two_cities: tuple[Case, Case]) -> None:
    ours, theirs = two_cities
    water_user = step_owner(step(ours, "water-inquiry"))
    assert [s.key for s in step_queue(water_user)] == ["water-inquiry"]
    clerk = step_owner(step(ours, "planning-review"))
    assert [s.key for s in step_queue(clerk)] == ["planning-review"]
    # The planning manager holds no active step: his queue is empty, but he supervises.
    manager = manager_of(ecity, "planning")
    assert list(step_queue(manager)) == []
    assert {s.key for s in steps_visible_to(manager)} == {
        "intake-review",
        "planning-review",
        "payment",
        "issuance",
    }
    their_water = step_owner(step(theirs, "water-inquiry"))
    assert list(step_queue(their_water)) == []
    # …their case (its water step is still pending, so not in the queue yet), never ours.
    assert set(cases_visible_to(their_water)) == {theirs}
    their_clerk = step_owner(step(theirs, "intake-review"))
    assert [s.case_id for s in step_queue(their_clerk)] == [theirs.pk]
    assert set(cases_visible_to(their_clerk)) == {theirs}
    admin = tenancy_factories.staff(ecity, Role.MUNICIPALITY_ADMIN)
    assert set(cases_visible_to(admin)) == {ours}
    province = tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR)
    assert set(cases_visible_to(province)) == {ours, theirs}
    assert list(step_queue(province)) == []
    assert list(steps_visible_to(tenancy_factories.user())) == []


def test_pages_refuse_other_units_and_municipalities(
    client: Client, ecity: Municipality, two_cities: tuple[Case, Case]
) -> None:
    ours, theirs = two_cities
    water = step(ours, "water-inquiry")
    url = reverse("eservices_staff:step", args=[water.pk])
    their_admin = tenancy_factories.staff(theirs.municipality, Role.MUNICIPALITY_ADMIN)
    assert login(client, their_admin).get(url).status_code == 404  # type: ignore[arg-type]
    gas_user = step_owner(step(ours, "gas-inquiry"))
    assert login(client, gas_user).get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    audit_url = reverse("eservices_staff:audit_export", args=[ours.tracking_code, "csv"])
    assert login(client, their_admin).get(audit_url).status_code == 404  # type: ignore[arg-type]
    # The electricity user cannot decide water's step; the admin may look but not decide.
    admin = tenancy_factories.staff(ecity, Role.MUNICIPALITY_ADMIN)
    page = login(client, admin).get(url)  # type: ignore[arg-type]
    assert page.status_code == 200 and "ثبت تصمیم" not in page.content.decode()
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert step(ours, "water-inquiry").status == CaseStep.Status.ACTIVE


def test_queue_page_and_decision_through_the_form(
    client: Client, ecity: Municipality, two_cities: tuple[Case, Case]
) -> None:
    ours, theirs = two_cities
    water = step(ours, "water-inquiry")
    user = step_owner(water)
    page = login(client, user).get(reverse("eservices_staff:queue")).content.decode()
    assert "استعلام آب و فاضلاب" in page
    assert ours.tracking_code not in page  # codes are shown in Persian digits
    assert theirs.service.name_fa in page  # same service name…
    assert page.count(reverse("eservices_staff:step", args=[water.pk])) == 1
    assert reverse("eservices_staff:step", args=[step(theirs, "intake-review").pk]) not in page

    url = reverse("eservices_staff:step", args=[water.pk])
    detail = client.get(url).content.decode()
    assert "قطر انشعاب" in detail and "ثبت تصمیم" in detail
    response = client.post(url, {"decision": "return", "reason": ""})
    assert response.status_code == 400
    assert "دلیل را بنویسید" in response.content.decode()
    response = client.post(url, {"decision": "approve", "step_branch_size": "3/4"})
    assert response.status_code == 302
    water.refresh_from_db()
    assert (water.status, water.form_data, water.decided_by_id) == (
        "approved",
        {"branch_size": "3/4"},
        user.pk,
    )


def test_supervision_through_the_page(
    client: Client, ecity: Municipality, two_cities: tuple[Case, Case]
) -> None:
    ours, _ = two_cities
    review = step(ours, "planning-review")
    manager = manager_of(ecity, "planning")
    login(client, manager)
    base = reverse("eservices_staff:step", args=[review.pk])
    assert "توقف مرحله" in client.get(base).content.decode()
    client.post(f"{base}suspend/", {"reason": "در انتظار نظر کمیسیون"})
    assert step(ours, "planning-review").status == CaseStep.Status.SUSPENDED
    client.post(f"{base}resume/")
    client.post(f"{base}extend/", {"hours": "8", "reason": "پیچیدگی طرح"})
    review = step(ours, "planning-review")
    assert (review.status, review.extended_hours) == ("active", 8)
    history = client.get(base).content.decode()
    for label in ("توقف مرحله", "ادامهٔ مرحله", "تمدید مهلت", "پیچیدگی طرح"):
        assert label in history


def test_audit_export_csv_json_and_command(
    client: Client, ecity: Municipality, two_cities: tuple[Case, Case], tmp_path: object
) -> None:
    ours, _ = two_cities
    admin = tenancy_factories.staff(ecity, Role.MUNICIPALITY_ADMIN)
    login(client, admin)  # type: ignore[arg-type]
    csv_response = client.get(
        reverse("eservices_staff:audit_export", args=[ours.tracking_code, "csv"])
    )
    text = csv_response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == ours.audit.count()
    decided = next(r for r in rows if r["action"] == "step_decided")
    assert json.loads(decided["before"])["status"] == "active"
    assert json.loads(decided["after"])["status"] == "approved"
    json_rows = json.loads(
        client.get(
            reverse("eservices_staff:audit_export", args=[ours.tracking_code, "json"])
        ).content
    )
    assert [r["action"] for r in json_rows] == [r["action"] for r in rows]
    out = io.StringIO()
    call_command("export_case_audit", case=ours.tracking_code, format="json", stdout=out)
    assert json.loads(out.getvalue()) == json_rows


def test_documents_only_for_staff_who_see_the_case(
    client: Client, ecity: Municipality, two_cities: tuple[Case, Case]
) -> None:
    ours, theirs = two_cities
    deed = ours.documents.get(doc_key="deed")
    url = reverse("eservices_staff:document", args=[deed.pk])
    clerk = step_owner(step(ours, "planning-review"))
    response = login(client, clerk).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Type"] == "application/pdf"
    assert (
        url
        in client.get(
            reverse("eservices_staff:step", args=[step(ours, "planning-review").pk])
        ).content.decode()
    )
    their_admin = tenancy_factories.staff(theirs.municipality, Role.MUNICIPALITY_ADMIN)
    assert login(client, their_admin).get(url).status_code == 404  # type: ignore[arg-type]
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
