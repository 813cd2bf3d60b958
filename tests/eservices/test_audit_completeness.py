"""Every write on a case leaves an audit row with the values before and after, and the
trail cannot be edited or deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shahrvand.eservices.models import AppendOnlyError, Case, CaseAudit, CaseDocument, CaseStep
from shahrvand.eservices.services import (
    case_payment_settled,
    case_record_fee,
    case_resubmit,
    step_decide,
    step_extend,
    step_resume,
    step_suspend,
)
from shahrvand.eservices.services.audit import snapshot
from shahrvand.eservices.services.engine import CASE_FIELDS
from shahrvand.eservices.services.transitions import STEP_FIELDS
from shahrvand.tenancy.models import Municipality

from .conftest import Clock
from .helpers import doc, manager_of, published_service, step, step_owner, submit_permit

State = dict[tuple[str, int], dict[str, Any]]


def state() -> State:
    """Every audited value of every case row, keyed (object_type, id)."""
    rows: State = {}
    for case in Case.objects.all():
        rows[("case", case.pk)] = snapshot(case, CASE_FIELDS)
    for s in CaseStep.objects.all():
        rows[("casestep", s.pk)] = snapshot(s, STEP_FIELDS)
    for d in CaseDocument.objects.all():
        rows[("casedocument", d.pk)] = {"doc_key": d.doc_key, "sha256": d.sha256}
    return rows


def check_audited(action: Callable[[], object], actor_label: str | None = None) -> list[CaseAudit]:
    """Run `action`; assert each changed or new row has audit rows whose first `before`
    is its old value and whose last `after` is its new value. Returns the new rows."""
    before_state = state()
    last_id = CaseAudit.objects.order_by("-id").values_list("id", flat=True).first() or 0
    action()
    after_state = state()
    new = list(CaseAudit.objects.filter(id__gt=last_id).order_by("id"))
    changed = {key for key, value in after_state.items() if before_state.get(key) != value}
    assert changed, "the action changed nothing"
    audited = {(row.object_type, row.object_id) for row in new}
    assert changed <= audited, f"unaudited writes: {changed - audited}"
    for key in changed:
        rows = [r for r in new if (r.object_type, r.object_id) == key]
        if key[0] != "casedocument":
            assert rows[0].before == before_state.get(key, {}), key
            assert rows[-1].after == after_state[key], key
        assert all(r.at is not None and r.actor_label for r in rows)
        if actor_label is not None:
            assert all(r.actor_label == actor_label for r in rows)
    return new


def test_every_service_write_is_audited(ecity: Municipality, eclock: Clock) -> None:
    service = published_service(ecity)
    rows = check_audited(lambda: submit_permit(service))
    case = Case.objects.get()
    # case + 7 steps created, 3 documents, intake activated.
    assert [r.action for r in rows].count("step_created") == 7
    assert [r.action for r in rows].count("document_added") == 3
    assert rows[0].action == "case_submitted" and rows[0].before == {}
    assert rows[0].actor_role == "applicant" and rows[0].actor is None

    intake = step(case, "intake-review")
    clerk = step_owner(intake)
    rows = check_audited(
        lambda: step_decide(step=intake, actor=clerk, decision="approve"),
        actor_label=clerk.get_username(),
    )
    assert rows[0].actor == clerk
    assert rows[0].actor_role == "field_staff" and rows[0].actor_unit == "department:planning"
    assert rows[0].before["status"] == "active" and rows[0].after["status"] == "approved"
    assert [r.action for r in rows].count("step_activated") == 4

    manager = manager_of(ecity, "planning")
    review = step(case, "planning-review")
    check_audited(lambda: step_extend(step=review, actor=manager, hours=4, reason="حجم کار"))
    check_audited(lambda: step_suspend(step=review, actor=manager, reason="بازدید"))
    eclock.advance(hours=2)
    check_audited(lambda: step_resume(step=review, actor=manager))

    gas = step(case, "gas-inquiry")
    rows = check_audited(
        lambda: step_decide(step=gas, actor=step_owner(gas), decision="return", reason="نقشه")
    )
    assert {r.action for r in rows} == {"step_decided", "case_status"}
    assert rows[0].reason == "نقشه"
    rows = check_audited(
        lambda: case_resubmit(
            case=case, form_data={"floors": 5}, documents=[doc("structural-plans")]
        )
    )
    corrected = next(r for r in rows if r.action == "case_corrected")
    assert (corrected.before["form_data"]["floors"], corrected.after["form_data"]["floors"]) == (
        4,
        5,
    )

    for key in ("water-inquiry", "electricity-inquiry", "gas-inquiry", "planning-review"):
        s = step(case, key)
        check_audited(lambda s=s: step_decide(step=s, actor=step_owner(s), decision="approve"))  # type: ignore[misc]
    check_audited(lambda: case_record_fee(case=case, amount=5_000_000))
    rows = check_audited(lambda: case_payment_settled(case_id=case.pk, reference="tok"))
    assert rows[0].actor_role == "system" and rows[0].actor_label == "درگاه پرداخت"
    issuance = step(case, "issuance")
    rows = check_audited(
        lambda: step_decide(step=issuance, actor=step_owner(issuance), decision="approve")
    )
    assert [r.action for r in rows][-2:] == ["case_approved", "certificate_issued"]


def test_audit_is_append_only(ecity: Municipality, eclock: Clock) -> None:
    submit_permit(published_service(ecity))
    row = CaseAudit.objects.first()
    assert row is not None
    row.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        CaseAudit.objects.filter(pk=row.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        CaseAudit.objects.all().delete()
    assert CaseAudit.objects.get(pk=row.pk).reason == ""
