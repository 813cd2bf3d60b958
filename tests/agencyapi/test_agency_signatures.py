"""Signed requests: accepted, answered with a signature, and every refusal explained and logged."""

from __future__ import annotations

import hashlib
import time
from typing import Any

import pytest
from django.test import Client

from shahrvand.agencyapi.credentials import credential_revoke
from shahrvand.agencyapi.models import AgencyCredential, AppendOnlyError, Exchange
from shahrvand.eservices.models import Case

from .conftest import AgencyClient

pytestmark = pytest.mark.django_db
LIST = "/api/v1/agency/inquiries"


def refused(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["message"] and body["message_en"] and body["message"] != body["message_en"]
    last = Exchange.objects.first()
    assert last is not None and last.status == status and last.outcome == code
    return body


def test_agency_lists_only_its_own_inquiries_and_the_answer_is_signed(
    water: AgencyClient, permit_case: Case
) -> None:
    headers = water.headers("GET", LIST, b"")
    response = water.client.get(LIST, headers=headers)
    assert response.status_code == 200
    inquiries = response.json()
    assert [i["step"] for i in inquiries] == ["water-inquiry"]
    assert inquiries[0]["case"] == permit_case.tracking_code
    assert inquiries[0]["decisions"] == ["approve", "reject", "return"]
    assert inquiries[0]["application"]["plot_area_m2"] == 200
    assert "branch_size" in inquiries[0]["answer_form"]["properties"]
    assert water.answer_is_signed(response, headers["X-Shahrvand-Nonce"])

    logged = Exchange.objects.get()
    assert (logged.direction, logged.agency, logged.method, logged.endpoint) == (
        "in",
        water.key.agency,
        "GET",
        LIST,
    )
    assert logged.outcome == "ok" and logged.status == 200
    assert logged.nonce == headers["X-Shahrvand-Nonce"]
    assert logged.response_signature == response["X-Shahrvand-Signature"]
    assert '"water-inquiry"' in logged.response_body


def test_unsigned_request_is_refused_and_logged(client: Client, permit_case: Case) -> None:
    body = refused(client.get(LIST), 401, "auth_missing")
    assert "امضا" in body["message"]
    assert Exchange.objects.get().agency is None


def test_a_body_with_nul_bytes_is_refused_and_logged_not_a_500(
    client: Client, permit_case: Case
) -> None:
    # PostgreSQL text cannot hold NUL: the log keeps a replacement and the exact digest.
    step = permit_case.steps.get(key="water-inquiry")
    response = client.post(
        f"{LIST}/{step.pk}/answer", data=b"\x00{}", content_type="application/json"
    )
    refused(response, 401, "auth_missing")
    logged = Exchange.objects.get()
    assert logged.request_body == "\ufffd{}"
    assert logged.request_digest == hashlib.sha256(b"\x00{}").hexdigest()


def test_tampered_body_or_path_breaks_the_signature(water: AgencyClient, permit_case: Case) -> None:
    step_id = permit_case.steps.get(key="water-inquiry").pk
    path = f"/api/v1/agency/inquiries/{step_id}/answer"
    signed_for = water.headers("POST", path, b'{"decision":"approve"}')
    response = water.client.post(
        path,
        data=b'{"decision":"reject","reason":"x"}',
        content_type="application/json",
        headers=signed_for,
    )
    refused(response, 401, "auth_bad_signature")
    other = water.headers("GET", f"{LIST}?page=2", b"")
    refused(water.client.get(LIST, headers=other), 401, "auth_bad_signature")
    assert permit_case.steps.get(key="water-inquiry").status == "active"


def test_wrong_secret_is_refused(water: AgencyClient, permit_case: Case) -> None:
    water.key.secret = "not-the-secret"
    refused(water.get(LIST), 401, "auth_bad_signature")


def test_stale_timestamp_is_refused(water: AgencyClient, permit_case: Case) -> None:
    refused(water.get(LIST, timestamp=int(time.time()) - 301), 401, "auth_stale")
    refused(water.get(LIST, timestamp=int(time.time()) + 400), 401, "auth_stale")
    assert water.get(LIST, timestamp=int(time.time()) - 290).status_code == 200


def test_replayed_nonce_is_refused(water: AgencyClient, permit_case: Case) -> None:
    headers = water.headers("GET", LIST, b"")
    assert water.client.get(LIST, headers=headers).status_code == 200
    refused(water.client.get(LIST, headers=headers), 401, "auth_replay")
    refused(water.get(LIST, nonce="short"), 401, "auth_bad_nonce")


def test_revoked_and_unknown_keys_are_refused(water: AgencyClient, permit_case: Case) -> None:
    assert water.get(LIST).status_code == 200
    credential_revoke(credential=water.key.credential)
    refused(water.get(LIST), 401, "auth_unknown_key")
    water.key.credential.key_id = "agk_unknown"
    refused(water.get(LIST), 401, "auth_unknown_key")


def test_wrong_agency_gets_403_and_changes_nothing(
    water: AgencyClient, gas: AgencyClient, permit_case: Case
) -> None:
    water_step = permit_case.steps.get(key="water-inquiry")
    refused(gas.get(f"{LIST}/{water_step.pk}"), 403, "wrong_agency")
    answer = gas.post(f"{LIST}/{water_step.pk}/answer", {"decision": "approve"})
    refused(answer, 403, "wrong_agency")
    water_step.refresh_from_db()
    assert water_step.status == "active"
    assert Exchange.objects.filter(agency=gas.key.agency, status=403).count() == 2
    refused(gas.get(f"{LIST}/999999"), 404, "not_found")


def test_secret_is_derived_not_stored(
    water: AgencyClient, settings: Any, permit_case: Case
) -> None:
    stored = AgencyCredential.objects.filter(pk=water.key.credential.pk).values().get()
    assert water.key.secret not in {str(v) for v in stored.values()}
    # Another master key derives other secrets: the old signatures stop working.
    settings.AGENCY_API_MASTER_KEY = "rotated-master-key"
    refused(water.get(LIST), 401, "auth_bad_signature")


def test_exchange_log_is_append_only(water: AgencyClient, permit_case: Case) -> None:
    water.get(LIST)
    logged = Exchange.objects.get()
    logged.status = 500
    with pytest.raises(AppendOnlyError):
        logged.save()
    with pytest.raises(AppendOnlyError):
        logged.delete()


def test_other_api_paths_are_not_touched_by_the_gate(client: Client) -> None:
    client.get("/api/v1/public/services")
    assert not Exchange.objects.exists()


def test_nul_in_the_path_and_headers_is_logged_not_a_500(client: Client, permit_case: Case) -> None:
    response = client.get(
        f"{LIST}/1%00x", HTTP_X_SHAHRVAND_KEY="k\x00", HTTP_X_SHAHRVAND_NONCE="n\x00"
    )
    assert response.status_code == 401
    logged = Exchange.objects.get()
    assert "\x00" not in logged.endpoint + logged.key_id + logged.nonce
    assert logged.nonce == "n\ufffd"
