"""Answering inquiries through the API goes through eservices' step_decide as the agency."""

from __future__ import annotations

import pytest

from shahrvand.eservices.models import Case, CaseAudit

from .conftest import AgencyClient

pytestmark = pytest.mark.django_db


def answer_path(case: Case, key: str) -> str:
    return f"/api/v1/agency/inquiries/{case.steps.get(key=key).pk}/answer"


def test_approve_with_form_data_is_recorded_as_the_agency(
    water: AgencyClient, permit_case: Case
) -> None:
    response = water.post(
        answer_path(permit_case, "water-inquiry"),
        {"decision": "approve", "form_data": {"branch_size": "3/4", "note": "انشعاب موجود است"}},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "approved" and body["decision"] == "approve"
    assert body["case_status"] == "in_progress"
    step = permit_case.steps.get(key="water-inquiry")
    assert step.form_data == {"branch_size": "3/4", "note": "انشعاب موجود است"}
    assert step.decided_by == water.key.credential.acting_user
    audit = CaseAudit.objects.filter(case=permit_case, action="step_decided").last()
    assert audit is not None
    assert audit.actor_label == f"{water.key.agency.name_fa} (API)"
    assert (audit.actor_role, audit.actor_unit) == ("agency_user", "agency:water")
    # Answered: no longer in the agency's open inquiries.
    assert water.get("/api/v1/agency/inquiries").json() == []


def test_return_to_applicant_needs_a_reason(water: AgencyClient, permit_case: Case) -> None:
    path = answer_path(permit_case, "water-inquiry")
    missing = water.post(path, {"decision": "return"})
    assert missing.status_code == 400 and missing.json()["code"] == "reason_required"
    done = water.post(path, {"decision": "return", "reason": "پلاک ثبتی خواناً نیست"})
    assert done.status_code == 200
    assert done.json() == {
        "id": permit_case.steps.get(key="water-inquiry").pk,
        "status": "returned",
        "decision": "return",
        "decided_at": done.json()["decided_at"],
        "case_status": "returned",
    }


def test_invalid_answers_are_structured_errors(water: AgencyClient, permit_case: Case) -> None:
    path = answer_path(permit_case, "water-inquiry")
    bad = water.post(path, {"decision": "maybe"})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_input"
    wrong_form = water.post(path, {"decision": "approve", "form_data": {"branch_size": "9"}})
    assert wrong_form.status_code == 400
    assert water.post(path, {"decision": "approve"}).status_code == 200
    again = water.post(path, {"decision": "approve"})
    assert again.status_code == 400 and again.json()["code"] == "step_not_active"
