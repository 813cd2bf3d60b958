"""Schemathesis fuzzes every operation of the OpenAPI document: no input may cause a 5xx.

Bounded for `make test` (a few dozen examples per operation, positive and negative);
run it with more examples by setting SHAHRVAND_FUZZ_EXAMPLES.
(Schemathesis's own pytest plugin does not support pytest 9 yet, so operations are
iterated here and each one is driven through Hypothesis directly.)
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from shahrvand.api.models import ApiToken
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

EXAMPLES = int(os.environ.get("SHAHRVAND_FUZZ_EXAMPLES", "20"))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Requests go through the real WSGI handler, which closes database connections when a
    request starts and finishes; the test's transaction lives on that connection, so keep
    it open (as Django's own test client does)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_headers():
    city = tenancy_factories.municipality("tehran")
    pothole = categories_factories.category(city, "pothole", "road")
    for _ in range(3):
        reports_factories.report(city, pothole)
    user = tenancy_factories.staff(city, Role.DISPATCHER)
    _, raw = ApiToken.issue(user=user, name="fuzz")
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_causes_a_server_error(staff_headers, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            case.call_and_validate(headers=staff_headers, checks=[not_a_server_error])

        try:
            run()
        except Unsatisfiable:
            # An operation without parameters or body has no invalid input to generate.
            assert mode == GenerationMode.NEGATIVE


# Inputs the OpenAPI document does not describe, so schemathesis never sends them: page
# numbers beyond any database OFFSET, bodies over DATA_UPLOAD_MAX_MEMORY_SIZE, broken
# multipart, any content type. Each must be a 4xx with the API's error body.

NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=30),
    st.sampled_from(["", "1e9", "0x10", "1.5", "NaN", "-0", "۱۲", "99999999999999999999"]),
)


def _assert_client_error(response) -> None:
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "message_en", "field", "details"}


def test_paging_parameters_never_cause_a_server_error(staff_headers):
    client = Client(raise_request_exception=False)
    auth = {"HTTP_AUTHORIZATION": staff_headers["Authorization"]}

    @given(page=NUMBERS, page_size=NUMBERS)
    @settings(max_examples=EXAMPLES * 5, deadline=None, derandomize=True, database=None)
    def run(page, page_size):
        response = client.get(
            "/api/v1/staff/reports", {"page": page, "page_size": page_size}, **auth
        )
        _assert_client_error(response)

    run()


BODY_TARGETS = ["/api/v1/public/reports", "/api/v1/staff/reports/000000000000/notes"]
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        'multipart/form-data; boundary="x"',
        "application/x-www-form-urlencoded",
        "text/plain",
        "application/octet-stream",
    ]
)


def test_odd_bodies_never_cause_a_server_error(staff_headers):
    client = Client(raise_request_exception=False)
    auth = {"HTTP_AUTHORIZATION": staff_headers["Authorization"]}

    @given(
        target=st.sampled_from(BODY_TARGETS),
        content_type=CONTENT_TYPES,
        body=st.one_of(
            st.binary(max_size=200),
            st.sampled_from([6 * 1024 * 1024, 5 * 1024 * 1024 + 1]).map(lambda n: b"a" * n),
        ),
    )
    @settings(max_examples=EXAMPLES * 2, deadline=None, derandomize=True, database=None)
    def run(target, content_type, body):
        response = client.post(target, body, content_type=content_type, **auth)
        _assert_client_error(response)
        if len(body) > 5 * 1024 * 1024:
            assert response.status_code == 413

    run()
