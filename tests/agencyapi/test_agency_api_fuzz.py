"""Signed but arbitrary answers: never a server error, never a half-written step."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shahrvand.eservices.models import Case, CaseStep

from .conftest import AgencyClient

pytestmark = pytest.mark.django_db

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
answers = st.fixed_dictionaries(
    {},
    optional={
        "decision": st.sampled_from(["approve", "reject", "return", "", "APPROVE"]) | json_values,
        "reason": st.text(max_size=40) | json_values,
        "form_data": st.dictionaries(
            st.sampled_from(["branch_size", "note", "x"]), json_values, max_size=3
        )
        | json_values,
    },
)


def test_arbitrary_signed_answers_get_a_structured_answer(
    water: AgencyClient, permit_case: Case
) -> None:
    step = permit_case.steps.get(key="water-inquiry")
    path = f"/api/v1/agency/inquiries/{step.pk}/answer"
    seen: set[int] = set()

    @given(document=answers)
    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(document: dict[str, Any]) -> None:
        response = water.post(path, document)
        seen.add(response.status_code)
        assert response.status_code < 500, response.content
        body = response.json()
        if response.status_code >= 400:
            assert body["code"] and body["message"] and body["message_en"]
        current = CaseStep.objects.get(pk=step.pk)
        if response.status_code == 200:
            assert current.status in {"approved", "rejected", "returned"}
            assert current.decided_at is not None
        elif current.status == "active":
            assert current.decided_at is None and current.decision == ""

    run()
    assert 400 in seen
