"""No one but the step's named role in its named unit (of the case's municipality) decides."""

from __future__ import annotations

import pytest

from shahrvand.common.errors import DomainError, PermissionDenied
from shahrvand.eservices.models import CaseAudit, CaseStep
from shahrvand.eservices.services import (
    case_payment_settled,
    step_decide,
    step_extend,
    step_suspend,
)
from shahrvand.tenancy.models import Municipality, Role
from tests.tenancy import factories as tenancy_factories

from .conftest import Clock
from .helpers import manager_of, published_service, step, step_owner, submit_permit


def test_only_the_named_role_and_unit_decide(ecity: Municipality, eclock: Clock) -> None:
    case = submit_permit(published_service(ecity))
    intake = step(case, "intake-review")
    step_decide(step=intake, actor=step_owner(intake), decision="approve")
    water = step(case, "water-inquiry")
    planning = tenancy_factories.department(ecity, "planning")
    other = tenancy_factories.municipality("elsewhere")
    outsiders = {
        "electricity company user": tenancy_factories.staff(
            ecity, Role.AGENCY_USER, agency_=tenancy_factories.agency(ecity, "electricity")
        ),
        "planning clerk": tenancy_factories.staff(ecity, Role.FIELD_STAFF, dept=planning),
        "municipality admin": tenancy_factories.staff(ecity, Role.MUNICIPALITY_ADMIN),
        "province supervisor": tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR),
        "water user of another city": tenancy_factories.staff(
            other, Role.AGENCY_USER, agency_=tenancy_factories.agency(other, "water")
        ),
        "agency user without agency": tenancy_factories.staff(ecity, Role.AGENCY_USER),
        "not staff": tenancy_factories.user(),
    }
    audit_rows = CaseAudit.objects.count()
    for name, user in outsiders.items():
        with pytest.raises(PermissionDenied) as caught:
            step_decide(step=water, actor=user, decision="approve")  # type: ignore[arg-type]
        assert caught.value.code == "not_step_owner", name
        assert "می‌تواند" in caught.value.message
    water.refresh_from_db()
    assert water.status == CaseStep.Status.ACTIVE
    assert CaseAudit.objects.count() == audit_rows  # refusals write nothing

    # The planning review belongs to the planning clerk, not to the planning manager.
    review = step(case, "planning-review")
    with pytest.raises(PermissionDenied):
        step_decide(step=review, actor=manager_of(ecity, "planning"), decision="approve")
    step_decide(step=review, actor=outsiders["planning clerk"], decision="approve")  # type: ignore[arg-type]
    step_decide(step=water, actor=step_owner(water), decision="approve")
    assert step(case, "water-inquiry").status == CaseStep.Status.APPROVED


def test_decisions_outside_the_definition_or_state_are_refused(
    ecity: Municipality, eclock: Clock
) -> None:
    case = submit_permit(published_service(ecity))
    intake = step(case, "intake-review")
    clerk = step_owner(intake)
    water = step(case, "water-inquiry")
    with pytest.raises(DomainError) as caught:
        step_decide(step=water, actor=step_owner(water), decision="approve")
    assert caught.value.code == "step_not_active"  # still pending
    with pytest.raises(DomainError) as caught:
        step_decide(step=intake, actor=clerk, decision="escalate")
    assert caught.value.code == "decision_not_allowed"
    with pytest.raises(DomainError) as caught:
        step_decide(step=intake, actor=clerk, decision="return", reason="   ")
    assert caught.value.code == "reason_required"
    step_decide(step=intake, actor=clerk, decision="approve")
    with pytest.raises(DomainError) as caught:
        step_decide(step=intake, actor=clerk, decision="approve")
    assert caught.value.code == "step_not_active"  # decided once only


def test_step_form_is_validated_on_approval(ecity: Municipality, eclock: Clock) -> None:
    case = submit_permit(published_service(ecity))
    intake = step(case, "intake-review")
    step_decide(step=intake, actor=step_owner(intake), decision="approve")
    water = step(case, "water-inquiry")
    with pytest.raises(DomainError) as caught:
        step_decide(
            step=water, actor=step_owner(water), decision="approve", form_data={"branch_size": "10"}
        )
    assert (caught.value.field, caught.value.message) == (
        "step.branch_size",
        "مقدار «قطر انشعاب» پذیرفته نیست.",
    )


def test_payment_steps_close_only_through_payment(ecity: Municipality, eclock: Clock) -> None:
    case = submit_permit(published_service(ecity))
    with pytest.raises(DomainError) as caught:
        case_payment_settled(case_id=case.pk, reference="early")
    assert caught.value.code == "not_awaiting_payment"
    for key in (
        "intake-review",
        "water-inquiry",
        "electricity-inquiry",
        "gas-inquiry",
        "planning-review",
    ):
        s = step(case, key)
        step_decide(step=s, actor=step_owner(s), decision="approve")
    payment = step(case, "payment")
    with pytest.raises(DomainError) as caught:
        step_decide(step=payment, actor=step_owner(payment), decision="approve")
    assert caught.value.code == "payment_step"
    case.fee_amount = 1000
    case.save()
    with pytest.raises(DomainError) as caught:
        case_payment_settled(case_id=case.pk, reference="p", amount=999)
    assert caught.value.code == "underpaid"


def test_supervision_is_for_the_unit_manager_and_the_admin(
    ecity: Municipality, eclock: Clock
) -> None:
    case = submit_permit(published_service(ecity))
    intake = step(case, "intake-review")
    with pytest.raises(PermissionDenied):
        step_suspend(step=intake, actor=step_owner(intake), reason="x")  # the clerk himself
    with pytest.raises(PermissionDenied):
        step_extend(step=intake, actor=manager_of(ecity, "parks"), hours=8, reason="x")
    step_extend(step=intake, actor=manager_of(ecity, "planning"), hours=8, reason="حجم کار")
    admin = tenancy_factories.staff(ecity, Role.MUNICIPALITY_ADMIN)
    step_suspend(step=intake, actor=admin, reason="در انتظار رأی دادگاه")  # type: ignore[arg-type]
    assert step(case, "intake-review").status == CaseStep.Status.SUSPENDED
