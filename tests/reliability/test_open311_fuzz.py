"""Schemathesis over every Open311 endpoint (tests/reliability/open311_openapi.py), in
both formats, with generated valid and invalid input: no input may cause a 5xx, and
every answer is well-formed in the format asked for (an XML or JSON document).

Bounded for `make test`; `SHAHRVAND_FUZZ_EXAMPLES=1000` (bench/proof/proof.sh) runs
thousands of examples.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
import zlib

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from shahrvand.open311.keys import api_client_create
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .open311_openapi import OPEN311_OPENAPI

EXAMPLES = int(os.environ.get("SHAHRVAND_FUZZ_EXAMPLES", "6"))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """The real WSGI handler closes connections around each request; the test's
    transaction lives on that connection (see tests/api/test_api_fuzz_no_server_errors.py)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_key(settings):
    settings.SHAHRVAND_DEFAULT_MUNICIPALITY = "tehran"
    settings.SHAHRVAND_OPEN311_POST_RATE = "100000/m"
    city = tenancy_factories.municipality("tehran")
    pothole = categories_factories.category(city, "pothole", "road")
    for _ in range(3):
        reports_factories.report(city, pothole)
    return api_client_create(name="fuzz", municipality=city)[1]


def well_formed(response, case) -> None:
    """Whatever the status, the body is a document in the requested format."""
    fmt = str(case.path_parameters.get("fmt", ""))
    if response.status_code >= 500 or not response.content:
        return
    if fmt == "json":
        json.loads(response.content)
    elif fmt == "xml":
        ET.fromstring(response.content)  # noqa: S314 - our own server's answer


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_open311_no_input_causes_a_server_error(api_key, mode):
    schema = schemathesis.openapi.from_dict(OPEN311_OPENAPI)
    schema.app = get_wsgi_application()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7

    calls: dict[int, int] = {}
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
            # half the POSTs carry the real key, so the validation behind it is reached
            if (
                case.method == "POST"
                and isinstance(case.body, dict)
                and zlib.crc32(json.dumps(case.body, sort_keys=True, default=str).encode()) % 2
            ):
                case.body["api_key"] = api_key
            response = case.call()
            calls[response.status_code] = calls.get(response.status_code, 0) + 1
            not_a_server_error_check(response, case)
            well_formed(response, case)

        try:
            run()
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE
    print(f"\nOpen311 fuzz {mode.value}: {sum(calls.values())} requests, by status {calls}")


def not_a_server_error_check(response, case) -> None:
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} {case.query} {case.body!r} -> "
        f"{response.status_code} {response.content[:300]!r}"
    )
