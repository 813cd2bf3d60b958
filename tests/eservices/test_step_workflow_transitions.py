"""Every (from, to) pair of step statuses through the one function that changes them.

Legal moves change the status and append exactly one audit row with the status before and
after; illegal moves raise IllegalStepMove and leave the row and the audit untouched. The
services move steps only along the table, and only through `step_move`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from shahrvand.eservices.models import Case, CaseAudit, CaseStep
from shahrvand.eservices.services import (
    case_payment_settled,
    case_record_fee,
    case_resubmit,
    step_decide,
    step_resume,
    step_suspend,
)
from shahrvand.eservices.services.audit import system_actor
from shahrvand.eservices.services.transitions import step_move
from shahrvand.eservices.workflow import (
    OPEN,
    TERMINAL,
    TRANSITIONS,
    IllegalStepMove,
    StepStatus,
)
from shahrvand.tenancy.models import Municipality

from .conftest import Clock
from .helpers import doc, manager_of, published_service, step, step_owner, submit_permit

ALL_PAIRS = [(current, target) for current in StepStatus for target in StepStatus]
LEGAL = [(c, t) for c, t in ALL_PAIRS if t in TRANSITIONS[c]]
ILLEGAL = [(c, t) for c, t in ALL_PAIRS if t not in TRANSITIONS[c]]
SRC = Path(__file__).resolve().parents[2] / "src" / "shahrvand"


def _ids(pair: tuple[StepStatus, StepStatus]) -> str:
    return f"{pair[0].value}->{pair[1].value}"


def _step_in(city: Municipality, status: StepStatus) -> CaseStep:
    """A step of a fresh building-permit case, put straight into `status` (test setup)."""
    case = submit_permit(published_service(city))
    CaseStep.objects.filter(case=case, key="planning-review").update(status=status)
    return step(case, "planning-review")


def test_parametrisation_covers_every_pair_once() -> None:
    assert set(TRANSITIONS) == set(StepStatus)
    assert len(ALL_PAIRS) == len(StepStatus) ** 2
    assert set(LEGAL) | set(ILLEGAL) == set(ALL_PAIRS)
    assert not set(LEGAL) & set(ILLEGAL)
    # A step never "moves" to the status it has.
    assert all(status not in TRANSITIONS[status] for status in StepStatus)


def test_business_rules_of_the_table() -> None:
    # Nothing goes back to pending; approved, rejected and skipped are final.
    assert all(StepStatus.PENDING not in targets for targets in TRANSITIONS.values())
    assert {StepStatus.APPROVED, StepStatus.REJECTED, StepStatus.SKIPPED} == TERMINAL
    # Only an active step is decided, suspended or returned.
    for decided in (
        StepStatus.APPROVED,
        StepStatus.REJECTED,
        StepStatus.RETURNED,
        StepStatus.SUSPENDED,
    ):
        assert {c for c, t in LEGAL if t == decided} == {StepStatus.ACTIVE}
    # A returned step only comes back as active (the applicant answered), and closing the
    # case skips exactly the open steps.
    assert TRANSITIONS[StepStatus.RETURNED] == {StepStatus.ACTIVE}
    assert {c for c, t in LEGAL if t == StepStatus.SKIPPED} == OPEN


@pytest.mark.parametrize("status", list(StepStatus), ids=lambda s: s.value)
def test_every_status_is_reachable_from_pending(status: StepStatus) -> None:
    reached = {StepStatus.PENDING}
    frontier = [StepStatus.PENDING]
    while frontier:
        for target in TRANSITIONS[frontier.pop()]:
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert status in reached


@pytest.mark.parametrize(("current", "target"), LEGAL, ids=[_ids(p) for p in LEGAL])
def test_legal_move_changes_status_and_appends_one_audit_row(
    ecity: Municipality, eclock: Clock, current: StepStatus, target: StepStatus
) -> None:
    moving = _step_in(ecity, current)
    last = CaseAudit.objects.order_by("-id").values_list("id", flat=True).first() or 0

    returned = step_move(
        moving,
        target,
        actor=system_actor("آزمون"),
        action="test_move",
        at=eclock.now,
        audit_reason="دلیل",
        decision="x",
    )

    assert returned is moving and returned.status == target
    stored = CaseStep.objects.get(pk=moving.pk)
    assert (stored.status, stored.decision) == (target, "x")
    rows = list(CaseAudit.objects.filter(id__gt=last))
    assert len(rows) == 1
    row = rows[0]
    assert (row.object_type, row.object_id, row.action) == ("casestep", moving.pk, "test_move")
    assert (row.before["status"], row.after["status"]) == (current, target)
    assert (row.before["decision"], row.after["decision"]) == ("", "x")
    assert row.reason == "دلیل" and row.actor_label == "آزمون"


@pytest.mark.parametrize(("current", "target"), ILLEGAL, ids=[_ids(p) for p in ILLEGAL])
def test_illegal_move_raises_and_writes_nothing(
    ecity: Municipality, eclock: Clock, current: StepStatus, target: StepStatus
) -> None:
    moving = _step_in(ecity, current)
    row_before = CaseStep.objects.filter(pk=moving.pk).values().get()
    audit_before = CaseAudit.objects.count()

    with pytest.raises(IllegalStepMove) as caught:
        step_move(
            moving,
            target,
            actor=system_actor("آزمون"),
            action="test_move",
            at=eclock.now,
            decision="x",
        )

    assert (caught.value.current, caught.value.target) == (current, target)
    assert caught.value.code == "step_illegal_move" and caught.value.http_status == 409
    assert moving.status == current and moving.decision == ""
    assert CaseStep.objects.filter(pk=moving.pk).values().get() == row_before
    assert CaseAudit.objects.count() == audit_before


def test_every_service_moves_steps_along_the_table(ecity: Municipality, eclock: Clock) -> None:
    """A whole building permit (return, correction, suspension, payment, approval) and a
    rejection that skips the open steps (pending, active, suspended): every audited step
    status change is an edge, and together they use every edge."""
    service = published_service(ecity)
    case = submit_permit(service)
    _approve(case, "intake-review")
    review = step(case, "planning-review")
    manager = manager_of(ecity, "planning")
    step_suspend(step=review, actor=manager, reason="بازدید")
    eclock.advance(hours=2)
    step_resume(step=review, actor=manager)
    gas = step(case, "gas-inquiry")
    step_decide(step=gas, actor=step_owner(gas), decision="return", reason="نقشه")
    case_resubmit(case=case, form_data={"floors": 5}, documents=[doc("structural-plans")])
    for key in ("water-inquiry", "electricity-inquiry", "gas-inquiry", "planning-review"):
        _approve(case, key)
    case_record_fee(case=case, amount=5_000_000)
    case_payment_settled(case_id=case.pk, reference="tok")
    _approve(case, "issuance")

    other = submit_permit(service)
    _approve(other, "intake-review")
    step_suspend(step=step(other, "planning-review"), actor=manager, reason="حکم دادگاه")
    water = step(other, "water-inquiry")
    step_decide(step=water, actor=step_owner(water), decision="reject", reason="شبکه")

    moves = [
        (StepStatus(row.before.get("status", StepStatus.PENDING)), StepStatus(row.after["status"]))
        for row in CaseAudit.objects.filter(object_type="casestep")
        if row.before and row.before["status"] != row.after["status"]
    ]
    assert all(target in TRANSITIONS[current] for current, target in moves)
    # The two cases used every edge of the machine.
    assert set(moves) == set(LEGAL)


def _approve(case: Case, key: str) -> None:
    decided = step(case, key)
    step_decide(step=decided, actor=step_owner(decided), decision="approve")


def _status_assignments(path: Path) -> list[str]:
    """`<target>.status = …` and `.update(status=…)` in one module, as source text."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        found += [
            ast.unparse(t) for t in targets if isinstance(t, ast.Attribute) and t.attr == "status"
        ]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"update", "bulk_update"}
            and any(k.arg == "status" for k in node.keywords)
        ):
            found.append(f"{node.func.attr}(status=…)")
    return found


def test_step_status_is_assigned_in_one_place_only() -> None:
    assigned = {
        (str(path.relative_to(SRC)), text)
        for app in ("eservices", "payments")
        for path in (SRC / app).rglob("*.py")
        if "migrations" not in path.parts
        for text in _status_assignments(path)
    }
    assert assigned == {
        ("eservices/services/transitions.py", "step.status"),
        # Not steps: the case's status is derived from its steps, a definition is published.
        ("eservices/services/engine.py", "case.status"),
        ("eservices/services/definitions.py", "definition.status"),
        ("eservices/services/definitions.py", "update(status=…)"),
        ("payments/services/transitions.py", "payment.status"),
    }
