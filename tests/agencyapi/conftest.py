from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from shahrvand.agencyapi import signing
from shahrvand.agencyapi.credentials import credential_issue
from shahrvand.agencyapi.models import AgencyCredential
from shahrvand.eservices.models import Case
from shahrvand.eservices.services import step_decide
from shahrvand.tenancy.models import ExternalAgency, Municipality
from tests.eservices.helpers import city_with_units, published_service, step, step_owner
from tests.eservices.helpers import submit_permit as submit


@dataclass
class Key:
    credential: AgencyCredential
    secret: str

    @property
    def agency(self) -> ExternalAgency:
        return self.credential.agency


class AgencyClient:
    """Signs requests the way an agency's system must (docs/agency-api.md)."""

    def __init__(self, client: Client, key: Key) -> None:
        self.client = client
        self.key = key

    def headers(
        self, method: str, path: str, body: bytes, *, timestamp: int | None = None, nonce: str = ""
    ) -> dict[str, str]:
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        nonce = nonce or secrets.token_urlsafe(18)
        canonical = signing.canonical_request(method, path, stamp, nonce, body)
        return {
            signing.KEY_HEADER: self.key.credential.key_id,
            signing.TIMESTAMP_HEADER: stamp,
            signing.NONCE_HEADER: nonce,
            signing.SIGNATURE_HEADER: signing.sign(self.key.secret, canonical),
        }

    def get(self, path: str, **options: Any) -> Any:
        return self.client.get(path, headers=self.headers("GET", path, b"", **options))

    def post(self, path: str, document: dict[str, Any], **options: Any) -> Any:
        body = json.dumps(document).encode()
        return self.client.post(
            path,
            data=body,
            content_type="application/json",
            headers=self.headers("POST", path, body, **options),
        )

    def answer_is_signed(self, response: Any, nonce: str) -> bool:
        canonical = signing.canonical_answer(
            response.status_code, nonce, response[signing.TIMESTAMP_HEADER], response.content
        )
        return signing.signature_matches(
            self.key.secret, canonical, response[signing.SIGNATURE_HEADER]
        )


@pytest.fixture
def city(db: None) -> Municipality:
    return city_with_units("agencycity")


@pytest.fixture
def permit_case(city: Municipality) -> Case:
    """A building permit whose intake was approved: water, electricity and gas are asked."""
    case = submit(published_service(city))
    intake = step(case, "intake-review")
    step_decide(step=intake, actor=step_owner(intake), decision="approve")
    return case


def issue(city: Municipality, code: str, webhook_url: str = "") -> Key:
    agency = ExternalAgency.objects.get(municipality=city, code=code)
    credential, secret = credential_issue(agency=agency, label="test", webhook_url=webhook_url)
    return Key(credential, secret)


@pytest.fixture
def water(city: Municipality, client: Client) -> AgencyClient:
    return AgencyClient(client, issue(city, "water"))


@pytest.fixture
def gas(city: Municipality, client: Client) -> AgencyClient:
    return AgencyClient(client, issue(city, "gas"))
