"""The project's own Open311 schemas (docs/open311-schemas/): well-formed, self-contained,
naming every XML element the app writes, and strict where it matters."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, ValidationError

from shahrvand.open311.render import ITEM_TAGS

from .support import LIST_TAGS, SCHEMA_DIR, schemas, validate, xml_root

REQUEST = {
    "service_request_id": "1234-5678-9012",
    "status": "open",
    "status_notes": None,
    "service_name": "چاله",
    "service_code": "pothole",
    "description": "چاله بزرگ",
    "agency_responsible": None,
    "service_notice": None,
    "requested_datetime": "2026-12-01T10:00:00+03:30",
    "updated_datetime": "2026-12-01T10:00:00+03:30",
    "expected_datetime": None,
    "address": None,
    "address_id": None,
    "zipcode": None,
    "lat": 35.7,
    "long": 51.4,
    "media_url": None,
}


def test_the_schemas_live_in_the_repository_and_are_valid_draft_2020_12():
    repository = Path(__file__).resolve().parents[2]
    assert SCHEMA_DIR.relative_to(repository) == Path("docs/open311-schemas")
    assert set(schemas()) == {
        "discovery.json",
        "errors.json",
        "post-result.json",
        "request.json",
        "requests.json",
        "service-definition.json",
        "service.json",
        "services.json",
    }
    for schema in schemas().values():
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    ("schema", "root"),
    [
        ("discovery.json", "discovery"),
        ("services.json", "services"),
        ("service-definition.json", "service_definition"),
        ("requests.json", "service_requests"),
        ("post-result.json", "service_requests"),
        ("errors.json", "errors"),
    ],
)
def test_every_answer_names_its_xml_root(schema, root):
    assert xml_root(schema) == root


def test_the_app_writes_exactly_the_list_elements_the_schemas_name():
    assert LIST_TAGS == ITEM_TAGS


def test_a_request_matches_and_personal_data_of_the_reporter_never_does():
    validate("requests.json", [REQUEST])
    for field in ("first_name", "last_name", "phone", "email", "reporter_phone"):
        with pytest.raises(ValidationError):
            validate("requests.json", [REQUEST | {field: "x"}])


@pytest.mark.parametrize(
    "change",
    [
        {"status": "in_progress"},  # only open/closed; the detail is detailed_status
        {"requested_datetime": "2026-12-01T10:00:00"},  # W3C datetimes carry a zone
        {"lat": "35.7"},
        {"description": "x" * 4001},
        {"detailed_status": "assigned"},  # extensions come as a whole
    ],
)
def test_a_request_off_the_standard_is_refused(change):
    with pytest.raises(ValidationError):
        validate("requests.json", [REQUEST | change])


def test_the_post_answer_carries_an_id_never_a_token():
    secret = "q2Jx7mFv0aT9LkR4ZpW1sA"
    validate(
        "post-result.json",
        [
            {
                "service_request_id": "1",
                "service_notice": None,
                "account_id": None,
                "reporter_secret": secret,
            }
        ],
    )
    with pytest.raises(ValidationError):
        validate(
            "post-result.json",
            [
                {
                    "token": "abc",
                    "service_notice": None,
                    "account_id": None,
                    "reporter_secret": secret,
                }
            ],
        )
    with pytest.raises(ValidationError):  # the reporter's proof is handed over here, once
        validate(
            "post-result.json",
            [{"service_request_id": "1", "service_notice": None, "account_id": None}],
        )
